"""Curation mode: the editor works on the gold layer and the panel walks the annotators' disagreements."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from annotator.model import GOLD, Document, Layer, LayerStatus, Span
from annotator.review.curation import ReviewRegion, agreed_steps, annotators_of, review_regions
from annotator.review.regions import Region
from annotator.store import Project
from ui.annotation import Annotation
from ui.commands import AcceptAgreed, CurateRegion
from ui.i18n import number
from ui.review.curation_panel import CurationPanel


class Review(QObject):
    """Keeps the curation panel in step with the gold layer; every curator step is an undoable command."""

    message = Signal(str)  # for the status bar
    reviewed = Signal(str)  # a document was marked reviewed

    def __init__(self, annotation: Annotation, panel: CurationPanel, parent: QWidget) -> None:
        super().__init__(parent)
        self.annotation = annotation
        self.panel = panel
        self.active = False
        self.min_agree = 0  # 0: all of the document's annotators
        self.curator: str | None = None  # who marks documents reviewed (the window's user)
        self.names: list[str] = []
        self.items: list[ReviewRegion] = []
        self.current: int | None = None
        self.document: Document | None = None
        panel.region_chosen.connect(self._on_panel_region_chosen)
        annotation.changed.connect(self._on_annotation_changed)

    @property
    def project(self) -> Project:
        """The project the annotation edits."""
        return self.annotation.project

    def document_opened(self) -> bool:
        """A document was opened in curation mode: pre-accept what everyone agrees on, the first time.

        Returns True when gold changed (the document list's counts are then stale).
        """
        doc = self.annotation.document
        if not self.active or doc is None:
            return False
        self.current = None
        self.document = self.project.document(doc.id)  # the annotators' layers: read once per document
        self.names = annotators_of(self.document)
        steps: list[tuple[Region, list[Span]]] = []
        if GOLD not in self.document.layers and len(self.names) >= 2:
            steps, _ = agreed_steps(self.document, self.project.decisions(doc.id), self.min_agree or None)
            with self.project.transaction():
                for region, spans in steps:
                    self.project.resolve_region(doc.id, region.start, region.end, spans)
        if steps:
            self.annotation.reload()  # redraws gold, and the panel through the annotation's signal
            self.message.emit(self.tr("%Ln agreed regions pre-accepted into gold", "", len(steps)))
        else:
            self.refresh()
        return bool(steps)

    def refresh(self) -> None:
        """Redraw the panel from the gold layer being edited (keeping the chosen region)."""
        doc = self.annotation.document
        if not self.active or doc is None:
            return
        document = self._with_gold()
        if document is None:
            return  # a document is being opened: document_opened() reads its layers next
        self.items = review_regions(document, self.project.decisions(doc.id))
        if self.current is not None and self.current >= len(self.items):
            self.current = None
        self.panel.show_regions(document.text, self.items, self.names)
        self.panel.select(self.current)
        self.panel.show_versions(self._item(), self.names)

    def choose(self, index: int) -> None:
        """Make one region current and select its text in the editor."""
        if not 0 <= index < len(self.items):
            return
        self.current = index
        region = self.items[index].region
        view = self.annotation.view
        # the gold span picked earlier belongs to another region: let go of it, so one place looks chosen
        inside = [s.id for s in self.annotation.spans if s.start < region.end and region.start < s.end]
        if view.current_span_id is not None and view.current_span_id not in inside:
            view.current_span_id = None
            view.set_spans(view.spans)
        self.annotation.span_list.select_span(view.current_span_id)
        view.select_range(region.start, region.end)
        self.panel.select(index)
        self.panel.show_versions(self.items[index], self.names)

    def choose_at(self, start: int, end: int) -> None:
        """Make the region overlapping ``[start, end)`` current (from the agreement view)."""
        for index, item in enumerate(self.items):
            if item.region.start < end and start < item.region.end:
                self.choose(index)
                return

    def step(self, forward: bool) -> None:
        """Go to the next (or previous) region still to settle, after (or before) the current one or the caret."""
        open_rows = [i for i, item in enumerate(self.items) if not item.resolved]
        if not open_rows:
            self.message.emit(self.tr("every region of this document is settled"))
            return
        starts = [self.items[i].region.start for i in open_rows]
        pivot = self.items[self.current].region.start if self.current is not None else self.annotation.view.caret()
        at = bisect_right(starts, pivot) if forward else bisect_left(starts, pivot) - 1
        self.choose(open_rows[at % len(open_rows)])  # past either end, it wraps around

    def take(self, number: int) -> None:
        """Make annotator ``number``'s (1-based) version of the current region the gold one."""
        item = self._item()
        if item is None or not 1 <= number <= len(self.names):
            return
        name = self.names[number - 1]
        spans = [s.with_changes(source=name) for s in item.region.versions.get(name, ())]
        if not spans:
            self.no_entity(self.tr("Take {name}: no entity").format(name=name))
            return
        self._push(item, spans, self.tr("Take {name}'s version").format(name=name))

    def no_entity(self, text: str = "") -> None:
        """Record that the current region holds no entity (remembered, so auto curation keeps out)."""
        item = self._item()
        if item is not None:
            self._push(item, [], text or self.tr("No entity here"))

    def accept_agreed(self) -> None:
        """Put every agreed span of this document into gold, as one undo step."""
        doc = self.annotation.document
        document = self._with_gold()
        if not self.active or doc is None or document is None:
            return
        steps, left = agreed_steps(document, self.project.decisions(doc.id), self.min_agree or None)
        if steps:
            plan = [(region.start, region.end, spans) for region, spans in steps]
            self.annotation.push(AcceptAgreed(self.project, doc.id, plan, self.annotation.patch))
        accepted = self.tr("%Ln agreed regions accepted", "", len(steps))
        self.message.emit(self.tr("{accepted}, {left} left to settle").format(accepted=accepted, left=number(left)))

    def mark_reviewed(self) -> bool:
        """Mark the document reviewed; refuses while regions are open (says how many)."""
        doc = self.annotation.document
        if not self.active or doc is None:
            return False
        left = sum(1 for item in self.items if not item.resolved)
        if left:
            self.message.emit(self.tr("%Ln regions still to settle (Alt+Down goes to the next)", "", left))
            return False
        self.project.mark_reviewed(doc.id, curator=self.curator)
        self.reviewed.emit(doc.id)
        return True

    def _with_gold(self) -> Document | None:
        """The open document: annotators' layers as read on opening, gold as the editor holds it now."""
        doc = self.annotation.document
        if self.document is None or doc is None or self.document.id != doc.id:
            return None
        gold = Layer(GOLD, LayerStatus.IN_PROGRESS, self.annotation.spans)
        return replace(self.document, layers={**self.document.layers, GOLD: gold})

    def _item(self) -> ReviewRegion | None:
        return None if self.current is None else self.items[self.current]

    def _push(self, item: ReviewRegion, spans: list[Span], text: str) -> None:
        doc = self.annotation.document
        assert doc is not None
        region = item.region
        seen = [s for s in self.annotation.spans if s.start < region.end and s.end > region.start]
        command = CurateRegion(self.project, doc.id, region.start, region.end, spans, text, self.annotation.patch, seen)
        self.annotation.push(command)

    def _on_panel_region_chosen(self, row: int) -> None:
        self.choose(row)

    def _on_annotation_changed(self) -> None:
        self.refresh()
