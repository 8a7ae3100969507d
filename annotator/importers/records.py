"""What a format reader yields before labels are checked and documents are built."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.model import DocStatus, LayerStatus, SpanStatus
from annotator.text.pipeline import Analysis


@dataclass(slots=True)
class Entity:
    """An entity as the input gave it: offsets, label as spelled there, its line."""

    start: int
    end: int
    label: str
    role: str | None = None
    line: int | None = None
    status: SpanStatus = SpanStatus.ACCEPTED  # a tool's prediction comes in as a suggestion
    source: str = "human"
    confidence: float | None = None


@dataclass(slots=True)
class Parsed:
    """One document read from a file.

    Either ``analysis`` is set (the reader built text, tokens and sentences itself and the
    entities point into that text) or it is None (the importer normalizes ``raw`` and the
    entities point into ``raw``).
    """

    id: str
    title: str
    raw: str
    path: str
    line: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    analysis: Analysis | None = None
    entities: list[Entity] = field(default_factory=list)
    annotator: str | None = None
    annotated: bool = False  # the input carries annotations (maybe none): the layer exists even if empty
    status: DocStatus = DocStatus.NEW
    layer_status: LayerStatus = LayerStatus.IN_PROGRESS


def first_line(text: str, limit: int = 200) -> str:
    """The first non-empty line, stripped and shortened: a document's fallback title."""
    for line in text.splitlines():
        if line.strip():
            line = " ".join(line.split())
            return line if len(line) <= limit else line[: limit - 1] + "…"
    return ""
