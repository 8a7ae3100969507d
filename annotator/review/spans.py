"""Span-level comparison of two annotators: exact and overlap matches, counted per label."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence

from annotator.model import Span


class SpanCounts:
    """Matched spans and the two sides' totals per label code (F1 = 2m / (a + b)); code 0 is unused."""

    __slots__ = ("a", "b", "exact", "overlap")

    def __init__(self, labels: int) -> None:
        self.exact = [0] * (labels + 1)
        self.overlap = [0] * (labels + 1)
        self.a = [0] * (labels + 1)
        self.b = [0] * (labels + 1)

    def add(self, other: SpanCounts) -> None:
        """Pool another comparison into this one."""
        for mine, theirs in (
            (self.exact, other.exact),
            (self.overlap, other.overlap),
            (self.a, other.a),
            (self.b, other.b),
        ):
            for code, n in enumerate(theirs):
                if n:
                    mine[code] += n

    def f1(self, overlap: bool = False, code: int | None = None) -> float | None:
        """Span F1 over every label, or over one label code (None when neither side has a span)."""
        matched = self.overlap if overlap else self.exact
        if code is None:
            m, total = sum(matched), sum(self.a) + sum(self.b)
        else:
            m, total = matched[code], self.a[code] + self.b[code]
        return 2 * m / total if total else None


def compare(a: Sequence[Span], b: Sequence[Span], code_of: Mapping[str, int]) -> SpanCounts:
    """Exact matches (type and both boundaries) and one-to-one overlap matches of the same type."""
    counts = SpanCounts(len(code_of))
    for span in a:
        counts.a[code_of[span.label]] += 1
    for span in b:
        counts.b[code_of[span.label]] += 1
    ours = Counter((s.start, s.end, s.label) for s in a)
    theirs = Counter((s.start, s.end, s.label) for s in b)
    for (_, _, label), n in (ours & theirs).items():
        counts.exact[code_of[label]] += n
    for label in _overlap_matches(a, b):
        counts.overlap[code_of[label]] += 1
    return counts


def _overlap_matches(a: Sequence[Span], b: Sequence[Span]) -> list[str]:
    """Labels of a greedy one-to-one matching of same-type overlapping spans, largest overlap first."""
    if not a or not b:
        return []
    other = Overlaps(b)
    candidates: list[tuple[int, int, int]] = []
    for i, span in enumerate(a):
        for j in other.indices(span.start, span.end):
            candidate = other.spans[j]
            if candidate.label == span.label:
                candidates.append((min(span.end, candidate.end) - max(span.start, candidate.start), i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    labels: list[str] = []
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            labels.append(a[i].label)
    return labels


class Overlaps:
    """Spans sorted by start, answering "which overlap [start, end)?" in logarithmic time (plus the hits)."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.spans]
        self.reach: list[int] = []  # the furthest end among spans[0..i]: nested spans are not missed
        for span in self.spans:
            self.reach.append(max(span.end, self.reach[-1]) if self.reach else span.end)

    def indices(self, start: int, end: int) -> list[int]:
        """Positions (in :attr:`spans`) of the spans overlapping ``[start, end)``, last first."""
        hits: list[int] = []
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.reach[i] > start:
            if self.spans[i].end > start:
                hits.append(i)
            i -= 1
        return hits

    def within(self, start: int, end: int) -> tuple[Span, ...]:
        """The spans overlapping ``[start, end)``, in order."""
        return tuple(self.spans[i] for i in reversed(self.indices(start, end)))
