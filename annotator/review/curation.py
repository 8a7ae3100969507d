"""Curation into gold: what the annotators agree on goes in by itself; the curator settles the rest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.errors import ProjectError, StaleEdit
from annotator.model import GOLD, Document, Span
from annotator.progress import Progress
from annotator.review.regions import Extent, Region, regions
from annotator.review.spans import Overlaps
from annotator.store.project import Project
from annotator.store.review import NO_ENTITY, layer_started

AGREED_SOURCE = "agreement"


@dataclass(frozen=True, slots=True)
class ReviewRegion:
    """A region with where curation stands on it."""

    region: Region
    gold: tuple[Span, ...]  # gold spans overlapping it
    no_entity: bool  # the curator decided there is no entity here

    @property
    def resolved(self) -> bool:
        """True once gold has a span here or the curator decided there is none."""
        return bool(self.gold) or self.no_entity


@dataclass(slots=True)
class CurationReport:
    """What ``curate --auto`` did."""

    documents: int = 0
    spans_added: int = 0
    reviewed: list[str] = field(default_factory=list)
    open_regions: int = 0
    single_annotator: list[str] = field(default_factory=list)


def annotators_of(document: Document, wanted: Sequence[str] | None = None) -> list[str]:
    """The annotators (gold aside) who worked on this document, optionally among ``wanted``."""
    return sorted(
        name
        for name, layer in document.layers.items()
        if name != GOLD and layer_started(layer) and (wanted is None or name in wanted)
    )


def review_regions(
    document: Document, decisions: Sequence[tuple[int, int]], wanted: Sequence[str] | None = None
) -> list[ReviewRegion]:
    """Every region of the document's annotators, with the gold spans and decisions touching it."""
    names = annotators_of(document, wanted)
    gold_layer = document.layers.get(GOLD)
    gold = Overlaps(gold_layer.accepted() if gold_layer else ())
    decided = Overlaps([Span(start, end, NO_ENTITY) for start, end in decisions])
    found = regions({name: document.layers[name].accepted() for name in names})
    return [
        ReviewRegion(region, gold.within(region.start, region.end), bool(decided.within(region.start, region.end)))
        for region in found
    ]


def agreed_spans(region: Region, min_agree: int) -> list[Span]:
    """The versions at least ``min_agree`` annotators marked, unless an overlapping version has as many votes."""
    voters = region.voters()
    ranked = sorted(voters.items(), key=lambda item: (-len(item[1]), item[0]))
    chosen: list[Span] = []
    for extent, names in ranked:
        if len(names) < min_agree:
            break
        rivals = [other for other in voters if other != extent and _overlaps(other, extent)]
        if any(len(voters[other]) >= len(names) for other in rivals):
            continue
        if any(_overlaps((s.start, s.end, s.label), extent) for s in chosen):
            continue
        roles = Counter(s.role for name in names for s in region.versions[name] if (s.start, s.end, s.label) == extent)
        role = max(roles.items(), key=lambda item: (item[1], item[0] or ""))[0]
        chosen.append(Span(extent[0], extent[1], extent[2], role, source=AGREED_SOURCE))
    return sorted(chosen, key=lambda s: s.start)


def agreed_steps(
    document: Document,
    decisions: Sequence[tuple[int, int]],
    min_agree: int | None = None,
    wanted: Sequence[str] | None = None,
) -> tuple[list[tuple[Region, list[Span]]], int]:
    """The unsettled regions that agreement settles, with their spans, and how many stay open.

    ``min_agree`` annotators must mark the same span (default: all of the document's annotators).
    """
    present = annotators_of(document, wanted)
    needed = min_agree or len(present)
    steps: list[tuple[Region, list[Span]]] = []
    left = 0
    for item in review_regions(document, decisions, wanted):
        if item.resolved:
            continue
        picks = agreed_spans(item.region, needed)
        if picks:
            steps.append((item.region, picks))
        else:
            left += 1
    return steps, left


def _overlaps(a: Extent, b: Extent) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def auto_curate(
    project: Project,
    *,
    min_agree: int | None = None,
    annotators: Sequence[str] | None = None,
    doc_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> CurationReport:
    """Put every agreed span into gold; a document with nothing left to settle becomes ``reviewed``.

    ``min_agree`` is how many annotators must mark the same span (default: all of the document's).
    Regions the curator already settled (a gold span, or "no entity here") are left as they are.
    """
    if min_agree is not None and min_agree < 1:
        raise ProjectError(f"--min-agree must be at least 1, not {min_agree}")
    report = CurationReport()
    names = None if annotators is None else list(annotators)
    total = len(doc_ids) if doc_ids is not None else len(project.documents())
    for number, document in enumerate(project.iter_documents(doc_ids), 1):
        if progress and (number % 50 == 0 or number == total):
            progress(number, total)
        present = annotators_of(document, names)
        if not present or (min_agree is None and len(present) < 2):
            if present:
                report.single_annotator.append(document.id)
            continue
        report.documents += 1
        steps, left = agreed_steps(document, project.decisions(document.id), min_agree, names)
        if steps or left == 0:  # something to write: settled on a fresh reading
            added, left = _curate_document(project, document.id, min_agree, names)
        else:
            added = 0
        report.spans_added += added
        if left == 0:
            report.reviewed.append(document.id)
        report.open_regions += left
    return report


def _curate_document(
    project: Project, doc_id: str, min_agree: int | None, names: Sequence[str] | None, tries: int = 3
) -> tuple[int, int]:
    """Settle one document's agreed regions in one transaction; the spans added and the regions left open.

    The document is read again inside the transaction (a curator may have settled regions since the run
    began), and each step expects the gold spans it saw there and no "no entity" decision: a curator's
    step committed meanwhile is never overwritten; the document is read again and curated anew.
    """
    attempt = 1
    while True:
        try:
            with project.transaction():
                document = project.document(doc_id)
                steps, left = agreed_steps(document, project.decisions(doc_id), min_agree, names)
                gold = document.layers[GOLD].spans if GOLD in document.layers else ()
                for region, picks in steps:
                    seen = [s for s in gold if s.start < region.end and s.end > region.start]
                    project.resolve_region(doc_id, region.start, region.end, picks, expect=seen, expect_decided=False)
                if left == 0:
                    project.mark_reviewed(doc_id)
            return sum(len(picks) for _, picks in steps), left
        except StaleEdit:
            if attempt == tries:
                raise
            attempt += 1
