"""hazm's Persian word list, used to put back a missing ZWNJ (``تمامقد`` → ``تمام‌قد``)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

ZWNJ = "\u200c"


class Lexicon:
    """Known words with their part-of-speech classes, and glued spellings of ZWNJ compounds."""

    def __init__(self, entries: dict[str, str]) -> None:
        self.pos = entries
        self.compounds: dict[str, str] = {}
        for word in entries:
            if ZWNJ in word:
                glued = word.replace(ZWNJ, "")
                if glued not in entries:
                    self.compounds.setdefault(glued, word)

    def __contains__(self, word: object) -> bool:
        return word in self.pos

    def is_adjective(self, word: str) -> bool:
        """True when hazm lists ``word`` as an adjective (so ``تر``/``ترین`` can attach)."""
        return "AJ" in self.pos.get(word, "")


def _hazm_words_file() -> Path:
    # Locate the data without importing hazm, whose import pulls in nltk.
    spec = importlib.util.find_spec("hazm")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("hazm is not installed")
    return Path(spec.origin).parent / "data" / "words.dat"


@cache
def default_lexicon() -> Lexicon:
    """The lexicon shipped with hazm (loaded once per process)."""
    entries: dict[str, str] = {}
    with _hazm_words_file().open(encoding="utf-8") as handle:
        for line in handle:
            word, _, rest = line.rstrip("\n").partition("\t")
            _, _, pos = rest.partition("\t")
            if word:
                entries[word] = pos
    return Lexicon(entries)
