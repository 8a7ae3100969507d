"""Documents, tokens, sentences, spans and layers: validated value objects."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from typing import Any, NamedTuple

from annotator.errors import SpanError

GOLD = "gold"


class DocStatus(StrEnum):
    """Where a document is in the annotation workflow."""

    NEW = "new"
    PRETAGGED = "pretagged"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    REVIEWED = "reviewed"


class LayerStatus(StrEnum):
    """How far one annotator has got with one document."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class SpanStatus(StrEnum):
    """A suggestion waits for a human; an accepted span is an annotation."""

    SUGGESTED = "suggested"
    ACCEPTED = "accepted"


class Token(NamedTuple):
    """A word token: ``[start, end)`` code points into the displayed text."""

    start: int
    end: int


class Sentence(NamedTuple):
    """A sentence: ``[start, end)`` from its first token's start to its last token's end."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Span:
    """An entity mention in the displayed text, ``[start, end)`` code points."""

    start: int
    end: int
    label: str
    role: str | None = None
    status: SpanStatus = SpanStatus.ACCEPTED
    source: str = "human"
    confidence: float | None = None
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise SpanError(f"span [{self.start}, {self.end}) is empty or negative")
        if not self.label:
            raise SpanError(f"span [{self.start}, {self.end}) has no label")
        if self.confidence is not None and not 0.0 <= self.confidence <= 1.0:
            raise SpanError(f"confidence {self.confidence} is outside 0..1")
        object.__setattr__(self, "status", SpanStatus(self.status))

    def with_changes(self, **changes: Any) -> Span:
        """A copy with the given fields replaced (validated again)."""
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """The public JSON form used by ``show --json`` and the exports."""
        return {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "role": self.role,
            "status": str(self.status),
            "source": self.source,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class Layer:
    """One annotator's spans on one document (``gold`` is the curated layer)."""

    annotator: str
    status: LayerStatus = LayerStatus.NEW
    spans: tuple[Span, ...] = ()

    def accepted(self) -> tuple[Span, ...]:
        """Spans a human accepted; suggestions nobody accepted are left out."""
        return tuple(s for s in self.spans if s.status is SpanStatus.ACCEPTED)


@dataclass(frozen=True)
class Document:
    """A document: raw input, displayed text, offset map, tokens, sentences and layers."""

    id: str
    title: str
    raw_text: str
    text: str
    raw_offsets: Sequence[int]
    tokens: Sequence[Token]
    sentences: Sequence[Sentence]
    meta: Mapping[str, Any] = field(default_factory=dict)
    status: DocStatus = DocStatus.NEW
    layers: Mapping[str, Layer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.raw_offsets) != len(self.text) + 1:
            raise ValueError(f"document {self.id}: offset map has the wrong length")

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t[0] for t in self.tokens]

    @cached_property
    def _token_ends(self) -> list[int]:
        return [t[1] for t in self.tokens]

    def raw_span(self, start: int, end: int) -> str:
        """The raw input behind ``text[start:end]``."""
        return self.raw_text[self.raw_offsets[start] : self.raw_offsets[end]]

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """Indices ``[first, last)`` of the tokens exactly covering ``[start, end)``, or None."""
        first = bisect_left(self._token_starts, start)
        last = bisect_left(self._token_ends, end)
        if (
            first < len(self.tokens)
            and last < len(self.tokens)
            and self._token_starts[first] == start
            and self._token_ends[last] == end
            and first <= last
        ):
            return first, last + 1
        return None

    def check_span(self, span: Span, *, tokens: bool = True) -> None:
        """Raise :class:`SpanError` unless ``span`` lies in the text (and on token edges)."""
        if span.end > len(self.text):
            raise SpanError(f"span [{span.start}, {span.end}) ends past the text ({len(self.text)} characters)")
        if tokens and self.token_range(span.start, span.end) is None:
            raise SpanError(
                f"span [{span.start}, {span.end}) «{self.text[span.start : span.end]}» "
                "does not align with token boundaries"
            )
