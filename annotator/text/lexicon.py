"""hazm's Persian word and verb lists, used to put back a missing ZWNJ (``تمامقد`` → ``تمام‌قد``)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import NamedTuple

ZWNJ = "\u200c"
HAMZA_FREE = str.maketrans("أإؤئ", "ااوی")
HAMZA_CARRIERS = frozenset("أإؤئ")


class Lexicon:
    """Known words with their part-of-speech classes, and glued spellings of ZWNJ compounds.

    hazm's words.dat lists ~35,000 words with a part of speech and ~158,000 bare entries (``0``
    for a part of speech), among them glued misspellings such as ``میشود`` and ``بینظیر``: only
    the first kind proves that a spelling is a word.
    """

    def __init__(self, entries: dict[str, str], frequency: dict[str, int] | None = None) -> None:
        self.pos = entries
        self.frequency = frequency or {}
        self.compounds: dict[str, str] = {}
        clashes: set[str] = set()
        for word, pos in entries.items():
            if ZWNJ in word and pos not in ("", "0"):
                glued = word.replace(ZWNJ, "")
                if self.is_word(glued):
                    continue
                if self.compounds.setdefault(glued, word) != word:
                    clashes.add(glued)  # two compounds glue to the same letters: undecidable
        for glued in clashes:
            del self.compounds[glued]
        # Spellings without hamza (ماموریت for مأموریت), which hazm mostly lists bare or not at all.
        self.hamza_free: dict[str, str] = {}
        for word, pos in entries.items():
            if pos != "0" and HAMZA_CARRIERS.intersection(word):
                plain = word.translate(HAMZA_FREE)
                if not self.is_word(plain):
                    self.hamza_free.setdefault(plain, word)

    def __contains__(self, word: object) -> bool:
        return word in self.pos

    def is_word(self, word: str) -> bool:
        """True when hazm lists ``word`` with a part of speech (not merely as a bare entry)."""
        return self.pos.get(word, "0") != "0"

    def is_noun_or_adjective(self, word: str, seen: int = 0) -> bool:
        """True when hazm lists ``word`` as a noun or an adjective, found at least ``seen`` times."""
        pos = self.pos.get(word, "").split(",")
        return ("N" in pos or "AJ" in pos) and self.frequency.get(word, 0) >= seen

    def is_adjective(self, word: str) -> bool:
        """True when hazm lists ``word`` as an adjective (so ``تر``/``ترین`` can attach)."""
        return "AJ" in self.pos.get(word, "")


class Verbs(NamedTuple):
    """Verb stems from hazm's verbs.dat, the common ones apart, and iverbs.dat's colloquial stems."""

    past: frozenset[str]
    present: frozenset[str]
    common_past: frozenset[str]
    common_present: frozenset[str]
    colloquial: frozenset[str]


# A verb is common when its infinitive is in hazm's word list this often (228 of 692 verbs):
# archaic stems such as «داو» or «رز» would otherwise read names like «میداود» as verbs.
COMMON_VERB = 1000


def hazm_data(name: str) -> Path:
    # Locate the data without importing hazm, whose import pulls in nltk.
    spec = importlib.util.find_spec("hazm")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("hazm is not installed")
    return Path(spec.origin).parent / "data" / name


@cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped with hazm (loaded once per process)."""
    entries: dict[str, str] = {}
    frequency: dict[str, int] = {}
    with hazm_data("words.dat").open(encoding="utf-8") as handle:
        for line in handle:
            word, _, rest = line.rstrip("\n").partition("\t")
            count, _, pos = rest.partition("\t")
            if word:
                if entries.get(word, "0") == "0" or pos != "0":
                    entries[word] = pos
                if pos != "0" and count.isdigit():  # a few words are listed twice: keep the larger count
                    frequency[word] = max(int(count), frequency.get(word, 0))
    return Lexicon(entries, frequency)


@cache
def default_verbs() -> Verbs:
    """The verb stems shipped with hazm (loaded once per process)."""
    pairs: list[tuple[str, list[str]]] = []
    for line in hazm_data("verbs.dat").read_text(encoding="utf-8").splitlines():
        past, _, present = line.strip().partition("#")
        stems = [s.strip() for s in present.split(" یا ") if s.strip() and " " not in s.strip()]
        pairs.append((past.strip(), stems))
    frequency = default_lexicon().frequency
    common = [(past, stems) for past, stems in pairs if frequency.get(past + "ن", 0) >= COMMON_VERB]
    colloquial: set[str] = set()
    for line in hazm_data("iverbs.dat").read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 2:
            colloquial.add(fields[1])
    return Verbs(
        frozenset(past for past, _ in pairs if past),
        frozenset(stem for _, stems in pairs for stem in stems),
        frozenset(past for past, _ in common),
        frozenset(stem for _, stems in common for stem in stems),
        frozenset(colloquial),
    )
