"""Where annotators' spans meet: regions of overlapping spans, and the kind of disagreement in each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from operator import itemgetter

from annotator.model import Span


class Kind(StrEnum):
    """How the annotators of a region disagree."""

    TYPE = "type"  # the same extent, different types
    BOUNDARY = "boundary"  # everyone marked something here, with different extents
    MISSING = "missing"  # some annotators marked nothing here


Extent = tuple[int, int, str]  # start, end, label


@dataclass(frozen=True, slots=True)
class Region:
    """A maximal stretch of text covered by overlapping spans of any annotator."""

    start: int
    end: int
    versions: Mapping[str, tuple[Span, ...]]  # every annotator of the document, maybe with no span here
    kind: Kind | None  # None: everyone marked exactly the same spans

    def voters(self) -> dict[Extent, list[str]]:
        """Who marked each (start, end, label), in annotator order."""
        out: dict[Extent, list[str]] = {}
        for name, spans in self.versions.items():
            for key in {(s.start, s.end, s.label) for s in spans}:
                out.setdefault(key, []).append(name)
        return out


def regions(layers: Mapping[str, Sequence[Span]]) -> list[Region]:
    """The regions of one document, in reading order, from each annotator's (accepted) spans."""
    names = sorted(layers)
    marks = [(span.start, span.end, name, span) for name in names for span in layers[name]]
    marks.sort(key=itemgetter(0, 1, 2))
    out: list[Region] = []
    index = 0
    while index < len(marks):
        start, end = marks[index][0], marks[index][1]
        versions: dict[str, list[Span]] = {name: [] for name in names}
        while index < len(marks) and marks[index][0] < end:
            mark = marks[index]
            end = max(end, mark[1])
            versions[mark[2]].append(mark[3])
            index += 1
        frozen = {name: tuple(spans) for name, spans in versions.items()}
        out.append(Region(start, end, frozen, classify(frozen)))
    return out


def classify(versions: Mapping[str, Sequence[Span]]) -> Kind | None:
    """The kind of disagreement among these versions of one region (None when they agree)."""
    lists = list(versions.values())
    if len(lists) < 2:
        return None
    single = True
    for spans in lists:
        if not spans:
            return Kind.MISSING
        single = single and len(spans) == 1
    if single:  # the common case, one span each: compared directly (this runs for every region)
        first = lists[0][0]
        kind = None
        for spans in lists[1:]:
            other = spans[0]
            if other.start != first.start or other.end != first.end:
                return Kind.BOUNDARY
            if other.label != first.label:
                kind = Kind.TYPE
        return kind
    marks = [sorted((s.start, s.end, s.label) for s in spans) for spans in lists]
    head = marks[0]
    if all(other == head for other in marks[1:]):
        return None
    extent = [mark[:2] for mark in head]
    if all([mark[:2] for mark in other] == extent for other in marks[1:]):
        return Kind.TYPE
    return Kind.BOUNDARY
