"""A corpus's own splits: the split a file is named for, and the spellings of split names."""

from __future__ import annotations

import re
from pathlib import PurePath

from annotator.errors import InputError

SPLIT_KEY = "split"  # the document meta field that holds its split
ORDER = ("train", "validation", "test")
_ALIASES = {
    "train": "train",
    "training": "train",
    "dev": "validation",
    "devel": "validation",
    "development": "validation",
    "val": "validation",
    "valid": "validation",
    "validation": "validation",
    "test": "test",
    "testing": "test",
}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_]*")  # what HuggingFace accepts as a split name, ASCII


def corpus_split(name: str) -> str:
    """The split called ``name``: dev/valid/val are ``validation``; other names are kept as given."""
    folded = name.strip().lower()
    if folded in _ALIASES:
        return _ALIASES[folded]
    if not _NAME.fullmatch(name.strip()):
        raise InputError(f"--split: a split name is letters, digits and '_' (train, validation, test...), got {name!r}")
    return name.strip()


def split_of_file(path: str | PurePath) -> str | None:
    """The split a file is named for (``train.txt``, ``dev.conll``, ``test_fold1.txt``), or None."""
    words = re.split(r"[^a-z0-9]+", PurePath(path).stem.lower())
    found = {_ALIASES[w] for w in words if w in _ALIASES}
    return found.pop() if len(found) == 1 else None


def split_order(names: set[str]) -> list[str]:
    """train, validation, test, then any other split in name order."""
    return [n for n in ORDER if n in names] + sorted(names - set(ORDER))
