"""Span-level comparison of two annotators: exact and overlap matches, counted per label."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.model import Span


@dataclass(slots=True)
class SpanCounts:
    """Matched spans and the two sides' totals, overall and per label (F1 = 2m / (a + b))."""

    exact: Counter[str] = field(default_factory=Counter)
    overlap: Counter[str] = field(default_factory=Counter)
    a: Counter[str] = field(default_factory=Counter)
    b: Counter[str] = field(default_factory=Counter)

    def add(self, other: SpanCounts) -> None:
        """Pool another comparison into this one."""
        self.exact.update(other.exact)
        self.overlap.update(other.overlap)
        self.a.update(other.a)
        self.b.update(other.b)

    def f1(self, overlap: bool = False, label: str | None = None) -> float | None:
        """Span F1 (None when neither side has a span)."""
        matched = self.overlap if overlap else self.exact
        if label is None:
            m, total = sum(matched.values()), sum(self.a.values()) + sum(self.b.values())
        else:
            m, total = matched[label], self.a[label] + self.b[label]
        return 2 * m / total if total else None


def compare(a: Sequence[Span], b: Sequence[Span]) -> SpanCounts:
    """Exact matches (type and both boundaries) and one-to-one overlap matches of the same type."""
    counts = SpanCounts()
    counts.a.update(s.label for s in a)
    counts.b.update(s.label for s in b)
    ours = Counter((s.start, s.end, s.label) for s in a)
    theirs = Counter((s.start, s.end, s.label) for s in b)
    for (_, _, label), n in (ours & theirs).items():
        counts.exact[label] += n
    counts.overlap.update(_overlap_matches(a, b))
    return counts


def _overlap_matches(a: Sequence[Span], b: Sequence[Span]) -> list[str]:
    """Labels of a greedy one-to-one matching of same-type overlapping spans, largest overlap first."""
    if not a or not b:
        return []
    other = sorted(b, key=lambda s: (s.start, s.end))
    starts = [s.start for s in other]
    reach: list[int] = []  # the furthest end among other[0..j]: lets nested spans be found
    for span in other:
        reach.append(max(span.end, reach[-1]) if reach else span.end)
    candidates: list[tuple[int, int, int]] = []
    for i, span in enumerate(a):
        j = bisect_left(starts, span.end) - 1
        while j >= 0 and reach[j] > span.start:
            candidate = other[j]
            if candidate.label == span.label and candidate.end > span.start:
                candidates.append((min(span.end, candidate.end) - max(span.start, candidate.start), i, j))
            j -= 1
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
