"""Editor logic that needs no GUI: snapping to tokens, growing spans, moving between spans."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from annotator.model import Document, Span, SpanStatus


def snap(document: Document, start: int, end: int) -> tuple[int, int] | None:
    """The smallest run of whole tokens covering ``[start, end)`` (a caret inside a token: that token)."""
    if start > end:
        start, end = end, start
    tokens = document.tokens
    if not len(tokens):
        return None
    first = bisect_right(tokens.ends, start)  # first token ending after start
    if end == start:
        if first < len(tokens) and tokens.starts[first] <= start:
            return tokens.starts[first], tokens.ends[first]
        return None
    last = bisect_left(tokens.starts, end)  # tokens starting before end
    if first >= last:
        return None
    return tokens.starts[first], tokens.ends[last - 1]


def token_at(document: Document, position: int) -> tuple[int, int] | None:
    """The token containing ``position`` (or starting there)."""
    return snap(document, position, position)


def resize(document: Document, span: Span, edge: str, tokens: int) -> tuple[int, int] | None:
    """Move one edge (``start`` or ``end``) by whole tokens: positive grows, negative shrinks."""
    token_range = document.token_range(span.start, span.end)
    if token_range is None:
        return None
    first, last = token_range
    if edge == "start":
        first -= tokens
    elif edge == "end":
        last += tokens
    else:
        raise ValueError(f"edge must be 'start' or 'end', not {edge!r}")
    if not 0 <= first < last <= len(document.tokens):
        return None
    return document.tokens.starts[first], document.tokens.ends[last - 1]


def span_at(spans: Sequence[Span], position: int) -> Span | None:
    """The innermost span containing ``position`` (suggestions lose against accepted spans)."""
    hits = [s for s in spans if s.start <= position < s.end]
    if not hits:
        return None
    return min(hits, key=lambda s: (s.status is SpanStatus.SUGGESTED, s.end - s.start))


def neighbour(spans: Sequence[Span], position: int, forward: bool, suggestions_only: bool = False) -> Span | None:
    """The next (or previous) span in reading order from ``position``, wrapping around."""
    pool = sorted(
        (s for s in spans if not suggestions_only or s.status is SpanStatus.SUGGESTED),
        key=lambda s: (s.start, s.end),
    )
    if not pool:
        return None
    if forward:
        return next((s for s in pool if s.start > position), pool[0])
    return next((s for s in reversed(pool) if s.start < position), pool[-1])
