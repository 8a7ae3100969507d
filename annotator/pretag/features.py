"""CRF features for Persian tokens: shape, affixes, ZWNJ parts, lexicon classes, cues, context."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import pairwise

from annotator.pretag.cues import LOC_HEADS, ORG_HEADS, SPEECH, TITLES
from annotator.pretag.knowledge import knowledge_gazetteer
from annotator.tags import decode
from annotator.text.lexicon import ZWNJ, default_lexicon
from annotator.text.normalize import canonical

GROUPS = ("word", "affix", "zwnj", "shape", "lexicon", "cue", "context", "gazetteer", "rate", "knowledge")
_PERSIAN = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]")  # letters, not digits
_LATIN = re.compile("[A-Za-z]")
_DIGIT = re.compile("[0-9\u06f0-\u06f9\u0660-\u0669]")


@lru_cache(maxsize=200_000)
def shape(word: str) -> str:
    """A coarse class of the token."""
    if word.startswith("#"):
        return "hashtag"
    if word.startswith("@"):
        return "mention"
    digits = bool(_DIGIT.search(word))
    persian = bool(_PERSIAN.search(word))
    latin = bool(_LATIN.search(word))
    if digits and not (persian or latin):
        return "num-fa" if any("\u06f0" <= c <= "\u06f9" for c in word) else "num"
    if latin and not persian:
        return "latin-cap" if word[:1].isupper() else "latin"
    if persian and not (latin or digits):
        return "fa" if word.isalpha() or ZWNJ in word else "fa-mix"
    if not word.isalnum():
        return "punct"
    return "mixed"


class FeatureExtractor:
    """Turns token sequences into crfsuite feature lists; word-level parts are cached."""

    def __init__(
        self,
        groups: Sequence[str] = GROUPS,
        gazetteer: Callable[[list[str]], list[str]] | None = None,
        vocabulary: frozenset[str] | None = None,
        rates: Mapping[str, str] | None = None,
    ):
        unknown = set(groups) - set(GROUPS)
        if unknown:
            raise ValueError(f"unknown feature groups: {', '.join(sorted(unknown))}")
        self.groups = frozenset(groups)
        self.gazetteer = gazetteer if "gazetteer" in self.groups else None
        # Words the model was trained on (jackknifed like the gazetteer): an unseen word is most often a name.
        self.vocabulary = vocabulary if "gazetteer" in self.groups else None
        # How often the training data has the word inside an entity (see entity_rates), jackknifed too.
        self.rates = rates if "rate" in self.groups else None
        self._names = first_names() if "knowledge" in self.groups else frozenset()
        self._places = knowledge_gazetteer() if "knowledge" in self.groups else None
        self._lexicon = default_lexicon().pos if "lexicon" in self.groups else {}
        self._frequency = _frequencies() if "lexicon" in self.groups else {}
        # Per word, a few kilobytes of strings; a stored model lives as long as the window, so the
        # caches are bounded to the words of a large project (~150 MB at most).
        self._word = lru_cache(maxsize=_WORDS_CACHED)(self._word_features)
        self._neighbour = lru_cache(maxsize=_WORDS_CACHED)(self._neighbour_features)
        self._context = lru_cache(maxsize=_WORDS_CACHED)(self._context_features)

    def _word_features(self, w: str) -> tuple[str, ...]:
        bare = w.replace(ZWNJ, "")
        out: list[str] = ["bias"]
        g = self.groups
        if "word" in g:
            out.append("w=" + w)
        if "affix" in g:
            lengths = range(1, min(len(bare), 5))  # affixes shorter than the word, up to four letters
            out += [f"p{n}={bare[:n]}" for n in lengths]
            out += [f"s{n}={bare[-n:]}" for n in lengths]
        if "zwnj" in g and ZWNJ in w:
            parts = w.split(ZWNJ)
            out.extend(("zw", "zw0=" + parts[0], "zw-1=" + parts[-1]))
        if "shape" in g:
            out.append("sh=" + shape(w))
            out.append("len=" + str(min(len(bare), 10)))
        if "lexicon" in g:
            pos = self._lexicon.get(w)
            if pos is None and ZWNJ in w:
                pos = self._lexicon.get(w.split(ZWNJ)[0])
                if pos is not None:
                    out.append("lexstem")
            if pos is None:
                out.append("oov")
            else:
                out.extend(_pos_features(pos))
                out.append("freq=" + str(self._frequency.get(w, 0)))
        if w in self._names or (ZWNJ in w and w.split(ZWNJ)[0] in self._names):
            out.append("fname")
        if "cue" in g:
            out.extend(_CUE_FLAGS.get(w, ()))
        return tuple(out)

    def _neighbour_features(self, w: str) -> tuple[str, ...]:
        """What a word says about its neighbours, before the offset prefix."""
        out = ["w=" + w]
        if len(w) > 2:
            out.append("s2=" + w[-2:])
        if "shape" in self.groups:
            out.append("sh=" + shape(w))
        if "cue" in self.groups:
            out.extend(_CUE_FLAGS.get(w, ()))
        if "lexicon" in self.groups:
            pos = self._lexicon.get(w)
            out.append("oov" if pos is None else "pos=" + pos)
        if w in self._names:
            out.append("fname")
        return tuple(out)

    def _context_features(self, w: str) -> tuple[tuple[str, ...], ...]:
        """Features of a word seen from its neighbours, prefixed with its offset: -2, -1, +1, +2."""
        base = self._neighbour(w)
        return tuple([tuple([prefix + feature for feature in base]) for prefix in ("-2:", "-1:", "+1:", "+2:")])

    def sequence(self, words: Sequence[str]) -> list[list[str]]:
        """One feature list per token of a sentence."""
        n = len(words)
        keys = list(map(canonical, words))
        own = list(map(self._word, keys))
        out: list[list[str]] = []
        if "context" in self.groups:
            # Each word's four views are built once; token i takes word i-2's "-2" view, and so on.
            # Two padding views on each side stand for the sentence's edges.
            views = [_EDGE, _EDGE, *map(self._context, keys), _EDGE, _EDGE]
            bigrams = [(), *(("bi=" + a + "|" + b,) for a, b in pairwise(keys))]
            shifted = zip(own, views, views[1:], views[3:], views[4:], bigrams, strict=False)  # views has 4 more
            out = [
                [*word, *far_left[0], *left[1], *right[2], *far_right[3], *bigram]
                for word, far_left, left, right, far_right, bigram in shifted
            ]
        else:
            out = [list(f) for f in own]
        if self._places is not None:
            for match in self._places.find(keys):
                out[match.first].append("kb=B-" + match.label)
                for i in range(match.first + 1, match.last):
                    out[i].append("kb=I-" + match.label)
        if self.vocabulary is not None:
            vocabulary = self.vocabulary
            for i in [i for i, key in enumerate(keys) if key not in vocabulary and key.isalpha()]:
                out[i].append("novel")
                if i:
                    out[i - 1].append("+1:novel")
                if i + 1 < n:
                    out[i + 1].append("-1:novel")
        if self.rates:
            rates = self.rates
            for i, rate in [(i, rates[key]) for i, key in enumerate(keys) if key in rates]:
                out[i].append("rate=" + rate)
        if self.gazetteer is not None:
            hits = self.gazetteer(keys)
            for i, hit in enumerate(hits):
                if hit:
                    out[i].append("gz=" + hit)
                    if i:
                        out[i - 1].append("+1:gz=" + hit)
                    if i + 1 < n:
                        out[i + 1].append("-1:gz=" + hit)
        return out


_WORDS_CACHED = 50_000
_EDGE = (("BOS",), ("BOS",), ("EOS",), ("EOS",))  # what lies beyond the sentence, seen from inside
_CUES = (("title", TITLES), ("orghead", ORG_HEADS), ("lochead", LOC_HEADS), ("speech", SPEECH))


def entity_rates(sentences: Iterable[tuple[Sequence[str], Sequence[str]]]) -> dict[str, str]:
    """For each (canonical) word ever inside an entity: its most frequent type and how much of the
    word's occurrences are inside such an entity, ``"PER:hi"`` (at least 70%), ``mid`` (30%) or ``lo``.

    A gazetteer hit says the word can be a name; this says how often it is one (ایران nearly always,
    امید seldom)."""
    seen: Counter[str] = Counter()
    inside: dict[str, Counter[str]] = {}
    for words, tags in sentences:
        keys = [canonical(w) for w in words]
        seen.update(keys)
        for chunk in decode(tags):
            for key in keys[chunk.first : chunk.last]:
                inside.setdefault(key, Counter())[chunk.label] += 1
    out: dict[str, str] = {}
    for key, labels in inside.items():
        label, count = labels.most_common(1)[0]
        share = count / seen[key]
        out[key] = f"{label}:{'hi' if share >= 0.7 else 'mid' if share >= 0.3 else 'lo'}"
    return out


# Which cue-word lists each cue word is in.
_CUE_FLAGS = {word: tuple(name for name, words in _CUES if word in words) for _, listed in _CUES for word in listed}


@lru_cache(maxsize=1024)
def _pos_features(pos: str) -> tuple[str, ...]:
    """``pos=`` features of a lexicon entry's comma-separated classes (few distinct entries)."""
    return tuple("pos=" + p for p in pos.split(",") if p)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Persian first names from the optional ``persian-gender-detection`` package (MIT), if installed."""
    import csv
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("persian_gender_detection")
    if spec is None or spec.origin is None:
        return frozenset()
    path = Path(spec.origin).parent / "gender" / "iranianNamesDataset.csv"
    if not path.exists():
        return frozenset()
    with path.open(encoding="utf-8") as handle:
        return frozenset(canonical(row["Names"].strip()) for row in csv.DictReader(handle) if row.get("Names"))


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    """hazm's corpus frequency of each known word, as a log10 bucket."""
    from annotator.text.lexicon import hazm_data

    buckets: dict[str, int] = {}
    with hazm_data("words.dat").open(encoding="utf-8") as handle:
        for line in handle:
            word, _, rest = line.partition("\t")
            count = rest.partition("\t")[0]
            if count.isdigit():
                buckets[word] = int(math.log10(int(count) + 1))
    return buckets
