"""Where annotators' spans meet: regions of overlapping spans, and the kind of disagreement in each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

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

    def votes(self) -> Counter[Extent]:
        """How many annotators marked each (start, end, label)."""
        return Counter({key: len(names) for key, names in self.voters().items()})

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
    marks = sorted((span.start, span.end, name, span) for name in names for span in layers[name])
    out: list[Region] = []
    index = 0
    while index < len(marks):
        start, end = marks[index][0], marks[index][1]
        group = [marks[index]]
        index += 1
        while index < len(marks) and marks[index][0] < end:
            end = max(end, marks[index][1])
            group.append(marks[index])
            index += 1
        versions = {name: tuple(m[3] for m in group if m[2] == name) for name in names}
        out.append(Region(start, end, versions, classify(versions)))
    return out


def classify(versions: Mapping[str, Sequence[Span]]) -> Kind | None:
    """The kind of disagreement among these versions of one region (None when they agree)."""
    if any(not spans for spans in versions.values()):
        return Kind.MISSING if len(versions) > 1 else None
    extents = {tuple(sorted((s.start, s.end) for s in spans)) for spans in versions.values()}
    if len(extents) > 1:
        return Kind.BOUNDARY
    marks = {tuple(sorted((s.start, s.end, s.label) for s in spans)) for spans in versions.values()}
    return Kind.TYPE if len(marks) > 1 else None
