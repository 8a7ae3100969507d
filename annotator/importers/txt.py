"""Plain text: one file is one document; its first non-empty line is also its title."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from annotator.importers.records import Parsed, first_line


def read_txt(path: Path, text: str) -> Iterator[Parsed]:
    """The whole file as one document, the title line included in the text."""
    yield Parsed(id=path.stem, title=first_line(text) or path.stem, raw=text, path=str(path), line=1)
