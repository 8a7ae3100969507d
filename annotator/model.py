"""Documents, tokens, sentences, spans and layers: validated value objects."""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, NamedTuple, overload

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


class Offsets(Sequence[Token]):
    """Tokens (or sentences) of a document as two integer arrays; tuples are made on demand."""

    __slots__ = ("ends", "starts")

    def __init__(self, starts: array[int], ends: array[int]) -> None:
        if len(starts) != len(ends):
            raise ValueError("starts and ends differ in length")
        self.starts = starts
        self.ends = ends

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, int]]) -> Offsets:
        """From ``(start, end)`` pairs."""
        if isinstance(pairs, Offsets):
            return pairs
        flat = array("I", [v for pair in pairs for v in pair])
        return cls(flat[0::2], flat[1::2])

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> Offsets: ...
    def __getitem__(self, index: int | slice) -> Token | Offsets:
        if isinstance(index, slice):
            return Offsets(self.starts[index], self.ends[index])
        return Token(self.starts[index], self.ends[index])

    def __iter__(self) -> Iterator[Token]:
        return map(Token, self.starts, self.ends)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Offsets):
            return self.starts == other.starts and self.ends == other.ends
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.starts.tobytes(), self.ends.tobytes()))

    def __repr__(self) -> str:
        return f"Offsets({list(zip(self.starts, self.ends, strict=True))})"

    def strings(self, text: str) -> list[str]:
        """The substrings of ``text`` at these offsets."""
        return [text[s:e] for s, e in zip(self.starts.tolist(), self.ends.tolist(), strict=True)]

    def within(self, start: int, end: int) -> tuple[int, int]:
        """Indices ``[first, last)`` of the items lying inside ``[start, end)``."""
        return bisect_left(self.starts, start), bisect_right(self.ends, end)


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
        if type(self.status) is not SpanStatus:
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
    tokens: Offsets
    sentences: Offsets
    meta: Mapping[str, Any] = field(default_factory=dict)
    status: DocStatus = DocStatus.NEW
    layers: Mapping[str, Layer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.raw_offsets) != len(self.text) + 1:
            raise ValueError(f"document {self.id}: offset map has the wrong length")
        object.__setattr__(self, "tokens", Offsets.of(self.tokens))
        object.__setattr__(self, "sentences", Offsets.of(self.sentences))

    def raw_span(self, start: int, end: int) -> str:
        """The raw input behind ``text[start:end]``."""
        return self.raw_text[self.raw_offsets[start] : self.raw_offsets[end]]

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """Indices ``[first, last)`` of the tokens exactly covering ``[start, end)``, or None."""
        starts, ends = self.tokens.starts, self.tokens.ends
        first = bisect_left(starts, start)
        last = bisect_left(ends, end)
        if first < len(starts) and last < len(ends) and starts[first] == start and ends[last] == end and first <= last:
            return first, last + 1
        return None

    def sentence_token_ranges(self) -> list[tuple[int, int]]:
        """For each sentence, the indices ``[first, last)`` of its tokens."""
        return [self.tokens.within(s, e) for s, e in zip(self.sentences.starts, self.sentences.ends, strict=True)]

    def check_span(self, span: Span, *, tokens: bool = True) -> None:
        """Raise :class:`SpanError` unless ``span`` lies in the text (and on token edges)."""
        if span.end > len(self.text):
            raise SpanError(f"span [{span.start}, {span.end}) ends past the text ({len(self.text)} characters)")
        if tokens and self.token_range(span.start, span.end) is None:
            raise SpanError(
                f"span [{span.start}, {span.end}) «{self.text[span.start : span.end]}» "
                "does not align with token boundaries"
            )
