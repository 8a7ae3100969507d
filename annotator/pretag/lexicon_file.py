"""Lexicon files: one entry per line, ``text<TAB>label`` (optionally ``<TAB>count``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from annotator.errors import InputError
from annotator.importers.encoding import read_text
from annotator.schema import Schema
from annotator.store import Project

MAX_COUNT = 10**12  # far above any real corpus, and sums of such counts stay far below 2**63


def read_lexicon(path: str | Path, schema: Schema) -> list[tuple[str, str, int]]:
    """Entries of a lexicon file; labels must be in the schema (case-insensitive)."""
    origin = str(path)
    entries: list[tuple[str, str, int]] = []
    for lineno, line in enumerate(read_text(Path(path)).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) not in (2, 3) or not parts[0].strip():
            raise InputError("expected text<TAB>label (optionally <TAB>count)", origin, lineno)
        if (at := parts[0].find("\0")) >= 0:  # a server cannot store one, so a project file takes none either
            raise InputError(
                f"the text holds a NUL character (U+0000) at character {at}, which a project cannot hold",
                origin,
                lineno,
            )
        label = schema.resolve(parts[1].strip())
        if label is None:
            raise InputError(
                f"label {parts[1].strip()!r} is not in the schema ({', '.join(schema.labels)})", origin, lineno
            )
        count = _count(parts[2], origin, lineno) if len(parts) == 3 else 1
        entries.append((" ".join(parts[0].split()), label, count))
    return entries


def _count(field: str, origin: str, lineno: int) -> int:
    """A count column: a positive whole number up to ``MAX_COUNT`` (the store's integers are 64-bit)."""
    digits = field.strip()
    if not digits.isdecimal():
        raise InputError(f"count {field!r} is not a whole number", origin, lineno)
    significant = digits.lstrip("0")  # int() of thousands of digits is refused by Python itself
    if not significant or len(significant) > len(str(MAX_COUNT)) or int(significant) > MAX_COUNT:
        raise InputError(f"count {field!r} is not between 1 and {MAX_COUNT:_}", origin, lineno)
    return int(significant)


def write_lexicon(path: str | Path, project: Project) -> int:
    """The user's entries and every accepted entity of the project, with counts; returns the number of lines."""
    counts: Counter[tuple[str, str]] = Counter()
    for text, label, count in project.lexicon():
        counts[(text, label)] += count
    for _, label, text in project.accepted_entities():
        counts[(" ".join(text.split()), label)] += 1
    lines = [f"{text}\t{label}\t{min(count, MAX_COUNT)}" for (text, label), count in sorted(counts.items())]
    Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)
