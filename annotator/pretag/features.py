"""CRF features for Persian tokens: shape, affixes, ZWNJ parts, lexicon classes, cues, context."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from annotator.pretag.cues import LOC_HEADS, ORG_HEADS, SPEECH, TITLES
from annotator.text.lexicon import ZWNJ, default_lexicon
from annotator.text.normalize import LETTER_TABLE

GROUPS = ("word", "affix", "zwnj", "shape", "lexicon", "cue", "context", "gazetteer", "names")
_PERSIAN = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]")  # letters, not digits
_LATIN = re.compile("[A-Za-z]")
_DIGIT = re.compile("[0-9\u06f0-\u06f9\u0660-\u0669]")


def canonical(word: str) -> str:
    """The form features use: Persian letters, no tatweel, no harakat."""
    return word.translate(LETTER_TABLE).replace("\u0640", "")


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
    ):
        unknown = set(groups) - set(GROUPS)
        if unknown:
            raise ValueError(f"unknown feature groups: {', '.join(sorted(unknown))}")
        self.groups = frozenset(groups)
        self.gazetteer = gazetteer if "gazetteer" in self.groups else None
        self._names = first_names() if "names" in self.groups else frozenset()
        self._lexicon = default_lexicon().pos if "lexicon" in self.groups else {}
        self._frequency = _frequencies() if "lexicon" in self.groups else {}
        self._word = lru_cache(maxsize=200_000)(self._word_features)
        self._context = lru_cache(maxsize=400_000)(self._context_features)

    def _word_features(self, word: str) -> tuple[str, ...]:
        w = canonical(word)
        bare = w.replace(ZWNJ, "")
        out: list[str] = ["bias"]
        g = self.groups
        if "word" in g:
            out.append("w=" + w)
        if "affix" in g:
            for n in (1, 2, 3, 4):
                if len(bare) > n:
                    out.append(f"p{n}={bare[:n]}")
                    out.append(f"s{n}={bare[-n:]}")
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
                out.extend("pos=" + p for p in pos.split(",") if p)
                out.append("freq=" + str(self._frequency.get(w, 0)))
        if w in self._names or (ZWNJ in w and w.split(ZWNJ)[0] in self._names):
            out.append("fname")
        if "cue" in g:
            if w in TITLES:
                out.append("title")
            if w in ORG_HEADS:
                out.append("orghead")
            if w in LOC_HEADS:
                out.append("lochead")
            if w in SPEECH:
                out.append("speech")
        return tuple(out)

    def _context_features(self, word: str, offset: int) -> tuple[str, ...]:
        """Features of a neighbour, prefixed with its offset."""
        w = canonical(word)
        prefix = f"{offset:+d}:"
        out = [prefix + "w=" + w]
        if len(w) > 2:
            out.append(prefix + "s2=" + w[-2:])
        if "shape" in self.groups:
            out.append(prefix + "sh=" + shape(w))
        if "cue" in self.groups:
            if w in TITLES:
                out.append(prefix + "title")
            if w in ORG_HEADS:
                out.append(prefix + "orghead")
            if w in LOC_HEADS:
                out.append(prefix + "lochead")
            if w in SPEECH:
                out.append(prefix + "speech")
        if "lexicon" in self.groups:
            pos = self._lexicon.get(w)
            out.append(prefix + ("oov" if pos is None else "pos=" + pos))
        if w in self._names:
            out.append(prefix + "fname")
        return tuple(out)

    def sequence(self, words: Sequence[str]) -> list[list[str]]:
        """One feature list per token of a sentence."""
        n = len(words)
        hits = self.gazetteer(list(words)) if self.gazetteer else None
        context = "context" in self.groups
        out: list[list[str]] = []
        for i, word in enumerate(words):
            features = list(self._word(word))
            if context:
                for offset in (-2, -1, 1, 2):
                    j = i + offset
                    if 0 <= j < n:
                        features.extend(self._context(words[j], offset))
                    else:
                        features.append("BOS" if j < 0 else "EOS")
                if i > 0:
                    features.append("bi=" + canonical(words[i - 1]) + "|" + canonical(word))
            if hits is not None:
                if hits[i]:
                    features.append("gz=" + hits[i])
                if i > 0 and hits[i - 1]:
                    features.append("-1:gz=" + hits[i - 1])
                if i + 1 < n and hits[i + 1]:
                    features.append("+1:gz=" + hits[i + 1])
            out.append(features)
        return out


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
    from annotator.text.lexicon import _hazm_words_file

    buckets: dict[str, int] = {}
    with _hazm_words_file().open(encoding="utf-8") as handle:
        for line in handle:
            word, _, rest = line.partition("\t")
            count = rest.partition("\t")[0]
            if count.isdigit():
                buckets[word] = int(math.log10(int(count) + 1))
    return buckets
