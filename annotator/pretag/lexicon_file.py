"""Lexicon files: one entry per line, ``text<TAB>label`` (optionally ``<TAB>count``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from annotator.errors import InputError
from annotator.importers.encoding import read_text
from annotator.schema import Schema
from annotator.store import Project


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
        label = schema.resolve(parts[1].strip())
        if label is None:
            raise InputError(
                f"label {parts[1].strip()!r} is not in the schema ({', '.join(schema.labels)})", origin, lineno
            )
        count = 1
        if len(parts) == 3:
            if not parts[2].strip().isdigit():
                raise InputError(f"count {parts[2]!r} is not a whole number", origin, lineno)
            count = int(parts[2])
        entries.append((" ".join(parts[0].split()), label, count))
    return entries


def write_lexicon(path: str | Path, project: Project) -> int:
    """The user's entries and every accepted entity of the project, with counts; returns the number of lines."""
    counts: Counter[tuple[str, str]] = Counter()
    for text, label, count in project.lexicon():
        counts[(text, label)] += count
    for _, label, text in project.accepted_entities():
        counts[(" ".join(text.split()), label)] += 1
    lines = [f"{text}\t{label}\t{count}" for (text, label), count in sorted(counts.items())]
    Path(path).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)
