"""What pre-tagging saves: the actions an annotator needs to turn suggestions into the gold spans.

Actions, one each: accept one suggestion, accept all at or above a threshold (one press per
document), reject (delete) a wrong span that accept-all took, relabel, fix a boundary, add a
missed entity. A wrong suggestion below the threshold costs nothing: it stays grey and is never
part of the annotation. Without pre-tagging every gold entity is one "add".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from annotator.model import DocStatus, Layer, LayerStatus, Span, SpanStatus

ACTIONS = ("accept_one", "accept_all", "reject", "relabel", "boundary", "add")
NEVER = 1.01  # a threshold no confidence reaches: accept-all is never used


class Outcome(NamedTuple):
    """How one suggestion compares with the gold: exact, relabel, boundary, both or wrong."""

    source: str
    label: str
    confidence: float
    kind: str  # "exact" | "relabel" | "boundary" | "both" | "wrong"
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Actions:
    """Action counts for a set of documents."""

    counts: Counter[str] = field(default_factory=Counter)
    gold: int = 0  # actions without pre-tagging: one "add" per gold entity
    tokens: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, other: Actions) -> None:
        """Add another document's counts to these."""
        self.counts.update(other.counts)
        self.gold += other.gold
        self.tokens += other.tokens

    def per_100_tokens(self) -> tuple[float, float]:
        """Actions per 100 tokens with and without pre-tagging."""
        if not self.tokens:
            return 0.0, 0.0
        return 100 * self.total / self.tokens, 100 * self.gold / self.tokens

    def saved(self) -> float:
        """The fraction of the actions without pre-tagging that pre-tagging saves (negative: it costs)."""
        return 1 - self.total / self.gold if self.gold else 0.0


def compare(suggestions: Sequence[Span], gold: Sequence[Span]) -> tuple[list[Outcome], int]:
    """Each suggestion's outcome against the gold (matched one to one, exact first, then by overlap),
    and the number of gold entities no suggestion touches."""
    pairs = [
        (s.start == g.start and s.end == g.end, min(s.end, g.end) - max(s.start, g.start), i, j)
        for i, s in enumerate(suggestions)
        for j, g in enumerate(gold)
        if s.start < g.end and g.start < s.end
    ]
    pairs.sort(key=lambda p: (not p[0], -p[1], p[2], p[3]))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in pairs:
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    outcomes: list[Outcome] = []
    for i, s in enumerate(suggestions):
        confidence = 1.0 if s.confidence is None else s.confidence
        if i not in matched:
            kind = "wrong"
        else:
            g = gold[matched[i]]
            same_bounds = s.start == g.start and s.end == g.end
            same_label = s.label == g.label
            kind = {(True, True): "exact", (True, False): "relabel", (False, True): "boundary"}.get(
                (same_bounds, same_label), "both"
            )
        outcomes.append(Outcome(s.source, s.label, confidence, kind, s.start, s.end))
    return outcomes, len(gold) - len(used)


def count_actions(outcomes: Iterable[Outcome], missed: int, threshold: float) -> Counter[str]:
    """The actions for one document when accept-all is pressed once at ``threshold`` (if it takes any)."""
    counts: Counter[str] = Counter()
    taken = False
    for outcome in outcomes:
        accepted = outcome.confidence >= threshold
        taken = taken or accepted
        if outcome.kind == "exact":
            if not accepted:
                counts["accept_one"] += 1
        elif outcome.kind == "relabel":
            counts["relabel"] += 1
        elif outcome.kind == "boundary":
            counts["boundary"] += 1
        elif outcome.kind == "both":
            counts["boundary"] += 1
            counts["relabel"] += 1
        elif accepted:
            counts["reject"] += 1  # accept-all took a wrong one: it must go
    if taken:
        counts["accept_all"] += 1
    if missed:
        counts["add"] += missed
    return counts


class DocumentResult(NamedTuple):
    """One replayed document: its id, tokens, gold entities, suggestion outcomes and missed entities."""

    doc_id: str
    tokens: int
    gold: int
    outcomes: list[Outcome]
    missed: int

    def actions(self, threshold: float) -> Actions:
        """The document's action counts at this accept-all threshold."""
        return Actions(count_actions(self.outcomes, self.missed, threshold), self.gold, self.tokens)


def replay(
    project_path: Path,
    conll: Sequence[Path],
    *,
    schema_name: str = "parstwiner",
    sentences_per_doc: int = 20,
    documents: int | None = None,
    retrain_every: int = 10,
    annotator: str = "assist",
    taggers: Sequence[str] | None = None,
    on_document: Callable[[DocumentResult], None] | None = None,
) -> list[DocumentResult]:
    """Replay gold-annotated CoNLL files as an annotator meets them in the window.

    The files are imported into a new project (their entities kept aside as the gold, not in the
    project); then document by document: pre-tag it (rules, cues, the project's gazetteer, the
    model once trained), compare the suggestions with the gold, store the gold as the annotator's
    finished layer and mark the document done, and retrain every ``retrain_every`` documents done
    (0: never), as the window does. ``taggers``: the pre-taggers to run (default: all).
    """
    from annotator.importers.batch import ImportOptions, import_paths
    from annotator.pretag.pipeline import pretag
    from annotator.pretag.training import train_project
    from annotator.schema import preset
    from annotator.store import Project

    reference = "reference"
    results: list[DocumentResult] = []
    with Project.create(project_path, preset(schema_name)) as project:
        options = ImportOptions(annotator=reference, add_labels=True, sentences_per_doc=sentences_per_doc)
        report = import_paths(project, conll, options)
        doc_ids = report.documents[:documents] if documents else report.documents
        gold: dict[str, tuple[Span, ...]] = {}
        for doc_id in report.documents:
            gold[doc_id] = project.document(doc_id).layers[reference].accepted() if doc_id in doc_ids else ()
            project.put_layer(doc_id, Layer(reference), replace=True)  # the gold stays out of the project
        done_since_training = 0
        for doc_id in doc_ids:
            if taggers is None:
                pretag(project, [doc_id], annotator=annotator)
            else:
                pretag(project, [doc_id], annotator=annotator, taggers=taggers)
            document = project.document(doc_id)
            layer = document.layers.get(annotator)
            suggestions = [s for s in (layer.spans if layer else ()) if s.status is SpanStatus.SUGGESTED]
            outcomes, missed = compare(suggestions, gold[doc_id])
            result = DocumentResult(doc_id, len(document.tokens), len(gold[doc_id]), outcomes, missed)
            results.append(result)
            if on_document:
                on_document(result)
            final = tuple(s.with_changes(id=None, status=SpanStatus.ACCEPTED) for s in gold[doc_id])
            project.put_layer(doc_id, Layer(annotator, LayerStatus.DONE, final), replace=True)
            project.set_layer_status(doc_id, annotator, LayerStatus.DONE)
            project.set_document_status(doc_id, DocStatus.DONE)
            done_since_training += 1
            if retrain_every and done_since_training >= retrain_every:
                done_since_training = 0
                train_project(project, layer=annotator)
    return results
