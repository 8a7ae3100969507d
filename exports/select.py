"""What an export contains: which documents, whose layer, which spans, and the conflicts."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field

from annotator.errors import ExportError
from annotator.model import Document, Span, SpanStatus
from annotator.progress import Progress
from annotator.selection import FINISHED, LayerChoiceError, choose_layer
from annotator.store import Project
from annotator.tags import Chunk


@dataclass(frozen=True, slots=True)
class Conflict:
    """A span that a token-level format cannot carry, and why."""

    doc_id: str
    span: Span
    reason: str

    def describe(self, document: Document) -> str:
        """``doc [start, end) LABEL «text»: reason``."""
        text = document.text[self.span.start : self.span.end]
        return f"{self.doc_id} [{self.span.start}, {self.span.end}) {self.span.label} «{text}»: {self.reason}"


@dataclass(slots=True)
class Item:
    """One exported document with its accepted spans as token chunks."""

    document: Document
    spans: list[Span]
    chunks: list[Chunk] = field(default_factory=list)
    roles: list[str | None] = field(default_factory=list)  # one per chunk


@dataclass(slots=True)
class Selection:
    """The documents to export, from one layer, and what was left out."""

    layer: str
    items: list[Item]
    skipped_without_layer: int = 0
    conflicts: list[Conflict] = field(default_factory=list)


def select(
    project: Project,
    layer: str | None = None,
    *,
    only_done: bool = False,
    token_level: bool = True,
    unit_sentences: bool = True,
    progress: Progress | None = None,
) -> Selection:
    """Load the documents to export; for token-level formats, map spans to token chunks."""
    infos = [i for i in project.documents() if not only_done or i.status in FINISHED]
    try:
        chosen = choose_layer(project, layer, [i.id for i in infos])
    except LayerChoiceError as exc:
        raise ExportError(str(exc)) from None
    selection = Selection(chosen, [])
    selection.skipped_without_layer = sum(1 for info in infos if chosen not in info.layers)
    exported = [info.id for info in infos if chosen in info.layers]
    for number, document in enumerate(project.iter_documents(exported, [chosen]), 1):
        spans = [s for s in document.layers[chosen].spans if s.status is SpanStatus.ACCEPTED]
        item = Item(document, spans)
        if token_level:
            _chunk(item, unit_sentences, selection.conflicts)
        selection.items.append(item)
        if progress:
            progress(number, len(exported))
    return selection


def _chunk(item: Item, unit_sentences: bool, conflicts: list[Conflict]) -> None:
    """Token chunks of the spans; misaligned, overlapping or sentence-crossing spans are conflicts."""
    document = item.document
    sentence_starts = document.sentences.starts
    taken_until = -1
    last_kept: Span | None = None
    for span in sorted(item.spans, key=lambda s: (s.start, -s.end)):
        token_range = document.token_range(span.start, span.end)
        if token_range is None:
            conflicts.append(Conflict(document.id, span, "does not align with token boundaries"))
            continue
        first, last = token_range
        if first < taken_until and last_kept is not None:
            kept = document.text[last_kept.start : last_kept.end]
            conflicts.append(Conflict(document.id, span, f"overlaps {last_kept.label} «{kept}»"))
            continue
        if unit_sentences and bisect_right(sentence_starts, span.start) != bisect_right(sentence_starts, span.end - 1):
            conflicts.append(Conflict(document.id, span, "crosses a sentence boundary"))
            continue
        item.chunks.append(Chunk(first, last, span.label))
        item.roles.append(span.role)
        taken_until = last
        last_kept = span


def check_conflicts(selection: Selection, drop: bool) -> int:
    """Raise listing every conflict unless ``drop``; returns how many spans were dropped."""
    if not selection.conflicts:
        return 0
    if drop:
        return len(selection.conflicts)
    documents = {item.document.id: item.document for item in selection.items}
    lines = [c.describe(documents[c.doc_id]) for c in selection.conflicts]
    shown = "\n  ".join(lines[:50]) + (f"\n  ... and {len(lines) - 50} more" if len(lines) > 50 else "")
    raise ExportError(
        f"{len(lines)} spans cannot be written as token tags:\n  {shown}\n"
        "fix them, or pass --drop-conflicts to leave them out"
    )


def relabel(item: Item, label_map: Mapping[str, str]) -> None:
    """Rename the item's labels (``--label-map`` on export); labels not in the map stay."""
    item.spans = [s.with_changes(label=label_map[s.label]) if s.label in label_map else s for s in item.spans]
    item.chunks = [Chunk(c.first, c.last, label_map.get(c.label, c.label)) for c in item.chunks]
