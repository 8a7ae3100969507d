"""Turns editor requests into undoable edits on the current document's layer."""

from __future__ import annotations

import contextlib
from bisect import insort
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from annotator.editing import neighbour, resize
from annotator.errors import BarchasbError
from annotator.model import Document, Span, SpanStatus
from annotator.store import Project
from ui.editor.view import DocumentView
from ui.messages import inform, warn
from ui.panels.spans import SpanList
from ui.undo import EditStack

EDIT_WAIT = 0.5  # seconds an edit waits for another writer's lock before it is refused as busy


class Annotation(QObject):
    """Edits of one annotator's layer; every edit is a command on the undo stack."""

    changed = Signal()  # the current document's spans changed (after do, undo or redo)

    def __init__(self, project: Project, annotator: str, view: DocumentView, spans: SpanList, parent: QWidget) -> None:
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.view = view
        self.span_list = spans
        self.undo_stack = EditStack(self)
        self.undo_stack.refused.connect(self._on_undo_stack_refused)
        project.set_busy_timeout(EDIT_WAIT)  # another process writing: say so at once, never freeze the window
        self.document: Document | None = None
        self.schema = project.schema
        self.spans: tuple[Span, ...] = ()  # this annotator's layer of the open document
        self.accept_threshold = 0.9  # the preference's default (benchmarks/assist_bench.py)
        self._parent = parent
        view.label_key_pressed.connect(self._on_view_label_key_pressed)
        view.current_span_changed.connect(spans.select_span)  # a click on a span in the text chooses its row
        spans.span_activated.connect(self._on_spans_span_activated)

    def open(self, doc_id: str) -> None:
        """Show a document; undo history belongs to one document at a time."""
        self.undo_stack.clear()
        self.schema = self.project.schema  # read once per document: it changes only through the editor
        self.document = self.project.document(doc_id)
        self.view.show_document(self.document, self.schema, self.annotator)
        self.reload()

    def reload(self) -> None:
        """Read the layer back from the project file and redraw (after opening or background work)."""
        if self.document is None:
            return
        self._show(self.project.layer_spans(self.document.id, self.annotator))

    def patch(self, removed: tuple[int, ...], upserted: tuple[Span, ...]) -> None:
        """Apply what an edit did, without re-reading the layer (the commands report it)."""
        if self.document is None:
            return
        gone = set(removed) | {s.id or 0 for s in upserted}
        kept = [s for s in self.spans if s.id not in gone]
        for span in upserted:  # the layer stays in reading order without sorting thousands again
            insort(kept, span, key=_reading_order)
        spans = tuple(kept)
        self._show(spans, (set(removed), upserted))
        moved = [s for s in upserted if s.id is not None and s.id == self.view.current_span_id]
        selected = self.view.selected_range()
        if moved and selected is not None and selected != (moved[0].start, moved[0].end):
            self.view.select_range(moved[0].start, moved[0].end)  # a resize, its undo or redo: the selection follows

    def _show(self, spans: tuple[Span, ...], delta: tuple[set[int], tuple[Span, ...]] | None = None) -> None:
        assert self.document is not None
        self.spans = spans
        if delta is None:
            self.view.set_spans(spans)
        else:
            self.view.patch_spans(spans, *delta)
        self.span_list.show_spans(self.document, spans, self.schema)
        self.span_list.select_span(self.view.current_span_id)
        self.changed.emit()

    def _change(self, span: Span, text: str, **changes: Any) -> None:
        """Push one ChangeSpan on the current document's layer; any change a person makes to a suggestion accepts it.

        A suggestion whose type, boundaries or role the annotator fixed is their judgement: left suggested, it would
        stay out of exports and a re-run of the pre-tagger (which replaces open suggestions) would throw the fix away.
        """
        assert self.document is not None
        from ui import commands  # loaded with the first edit

        if span.status is SpanStatus.SUGGESTED:
            changes.setdefault("status", SpanStatus.ACCEPTED)

        self.push(
            commands.ChangeSpan(self.project, self.document.id, self.annotator, span, self.patch, text, **changes)
        )

    def push(self, command: QUndoCommand) -> None:
        """Do an edit through the undo stack; a refusal from the core is shown, nothing changes."""
        self.undo_stack.push(command)

    def _on_undo_stack_refused(self, message: str) -> None:
        # show what the project holds now (someone else's change, or the edit that did not happen); with the
        # connection lost, what is shown is already what was stored, as the refused edit changed nothing
        with contextlib.suppress(BarchasbError):
            self.reload()
        warn(self._parent, message)

    # -- requests --------------------------------------------------------------------------

    def label(self, label: str) -> None:
        """Label the selection; on a span without a selection, change that span's label."""
        if self.document is None:
            return
        selected = self.view.selected_range()
        current = self.view.span_under_caret()
        if selected is None or (current is not None and (current.start, current.end) == selected):
            if current is not None:
                changes = {"label": label, "role": None if label != current.label else current.role}
                self._change(current, self.tr("Relabel {label}").format(label=label), **changes)
            return
        span = Span(selected[0], selected[1], label)
        from ui import commands  # loaded with the first edit

        command = commands.AddSpan(
            self.project, self.document.id, self.annotator, span, self.patch, tokens=not self.view.char_mode
        )
        self.push(command)
        if command.span.id is not None:  # made: the next label key, resize or role acts on it, not on a span inside
            self.view.current_span_id = command.span.id
            self.view.set_spans(self.spans)
            self.span_list.select_span(command.span.id)

    def delete(self) -> None:
        """Remove the span under the caret."""
        span = self.view.span_under_caret()
        if span is not None and self.document is not None:
            from ui import commands  # loaded with the first edit

            self.push(commands.RemoveSpan(self.project, self.document.id, self.annotator, span, self.patch))

    def accept(self) -> None:
        """Accept the suggestion under the caret."""
        span = self.view.span_under_caret()
        if span is not None and span.status is SpanStatus.SUGGESTED and self.document is not None:
            self._change(span, self.tr("Accept {label}").format(label=span.label), status=SpanStatus.ACCEPTED)

    def reject(self) -> None:
        """Reject the suggestion under the caret (remembered)."""
        span = self.view.span_under_caret()
        if span is not None and span.status is SpanStatus.SUGGESTED and self.document is not None:
            from ui import commands  # loaded with the first edit

            self.push(commands.RejectSuggestion(self.project, self.document.id, self.annotator, span, self.patch))

    def accept_all(self) -> None:
        """Accept every suggestion at or above the threshold, as one undo step."""
        if self.document is not None:
            from ui import commands  # loaded with the first edit

            self.push(
                commands.AcceptAll(self.project, self.document.id, self.annotator, self.accept_threshold, self.patch)
            )

    def set_role(self, role: str | None = None) -> None:
        """Choose the role of the span under the caret (asks when ``role`` is None)."""
        span = self.view.span_under_caret()
        if span is None or self.document is None:
            return
        roles = list(self.schema.get(span.label).roles)
        if role is None:
            if not roles:
                inform(self._parent, self.tr("{label} has no roles in this schema").format(label=span.label))
                return
            from PySide6.QtWidgets import QInputDialog

            from ui.plain import tip  # the dialog's label guesses rich text; a label name may look like markup

            title, question = self.tr("Role"), tip(self.tr("Role of {label}").format(label=span.label))
            choice, ok = QInputDialog.getItem(self._parent, title, question, ["—", *roles], 0, False)
            if not ok:
                return
            role = None if choice == "—" else choice
        self._change(span, self.tr("Role {role}").format(role=role or "—"), role=role)

    def resize(self, edge: str, tokens: int) -> None:
        """Grow (positive) or shrink (negative) the current span at one edge by whole tokens."""
        span = self.view.span_under_caret()
        if span is None or self.document is None:
            return
        extent = resize(self.document, span, edge, tokens)
        if extent is not None:
            self.view.current_span_id = span.id  # focused: undo and redo move the selection with it
            self._change(span, self.tr("Resize"), start=extent[0], end=extent[1])

    def go(self, forward: bool, suggestions_only: bool = False) -> None:
        """Jump to the next or previous span (or suggestion) in reading order."""
        selected = self.view.selected_range()
        position = selected[0] if selected else self.view.caret()
        target = neighbour(self.view.spans, position, forward, suggestions_only)
        if target is not None:
            self.view.focus_span(target)
            self.span_list.select_span(target.id)

    def _on_view_label_key_pressed(self, key: str) -> None:
        for entity in self.schema.types:
            if entity.key == key:
                self.label(entity.name)
                return

    def _on_spans_span_activated(self, span_id: int) -> None:
        for span in self.view.spans:
            if span.id == span_id:
                self.view.focus_span(span)
                return


def _reading_order(span: Span) -> tuple[int, int, int]:
    return span.start, span.end, span.id or 0
