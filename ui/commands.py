"""Undoable edits: each QUndoCommand calls one core method; the project file holds the truth."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from annotator.model import Span, SpanStatus
from annotator.store import Project

Changed = Callable[[], None]


class _Edit(QUndoCommand):
    """Calls ``changed`` after every redo and undo so the views reload from the project."""

    def __init__(self, text: str, project: Project, doc_id: str, annotator: str, changed: Changed) -> None:
        super().__init__(text)
        self.project = project
        self.doc_id = doc_id
        self.annotator = annotator
        self._changed = changed

    def redo(self) -> None:
        self.apply()
        self._changed()

    def undo(self) -> None:
        self.revert()
        self._changed()

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class AddSpan(_Edit):
    """Label a selection."""

    def __init__(
        self, project: Project, doc_id: str, annotator: str, span: Span, changed: Changed, tokens: bool = True
    ) -> None:
        super().__init__(f"Label {span.label}", project, doc_id, annotator, changed)
        self.span = span
        self.tokens = tokens
        self.superseded: list[Span] = []  # suggestions the new span replaces, put back on undo

    def apply(self) -> None:
        self.superseded = self.project.suggestions_overlapping(
            self.doc_id, self.annotator, self.span.start, self.span.end
        )
        if self.span.id is None:
            self.span = self.project.add_span(self.doc_id, self.annotator, self.span, tokens=self.tokens)
        else:
            with self.project.transaction():
                for suggestion in self.superseded:
                    assert suggestion.id is not None
                    self.project.remove_span(suggestion.id)
                self.project.restore_span(self.doc_id, self.annotator, self.span)

    def revert(self) -> None:
        assert self.span.id is not None
        with self.project.transaction():
            self.project.remove_span(self.span.id)
            for suggestion in self.superseded:
                self.project.restore_span(self.doc_id, self.annotator, suggestion)


class RemoveSpan(_Edit):
    """Delete a span; undo puts it back with the same id."""

    def __init__(self, project: Project, doc_id: str, annotator: str, span: Span, changed: Changed) -> None:
        super().__init__(f"Delete {span.label}", project, doc_id, annotator, changed)
        self.span = span

    def apply(self) -> None:
        assert self.span.id is not None
        self.project.remove_span(self.span.id)

    def revert(self) -> None:
        self.project.restore_span(self.doc_id, self.annotator, self.span)


class ChangeSpan(_Edit):
    """Change label, role, extent or status."""

    def __init__(
        self, project: Project, doc_id: str, annotator: str, span: Span, changed: Changed, text: str, **changes: Any
    ) -> None:
        super().__init__(text, project, doc_id, annotator, changed)
        self.before = span
        self.changes = changes

    def apply(self) -> None:
        assert self.before.id is not None
        self.project.update_span(self.before.id, tokens=False, **self.changes)

    def revert(self) -> None:
        b = self.before
        assert b.id is not None
        self.project.update_span(
            b.id,
            tokens=False,
            start=b.start,
            end=b.end,
            label=b.label,
            role=b.role,
            status=b.status,
            source=b.source,
            confidence=b.confidence,
        )


class RejectSuggestion(_Edit):
    """Remove a suggestion and remember the rejection; undo forgets it and puts the suggestion back."""

    def __init__(self, project: Project, doc_id: str, annotator: str, span: Span, changed: Changed) -> None:
        super().__init__(f"Reject {span.label}", project, doc_id, annotator, changed)
        self.span = span

    def apply(self) -> None:
        assert self.span.id is not None
        self.project.reject_span(self.span.id)

    def revert(self) -> None:
        with self.project.transaction():
            self.project.unreject(self.doc_id, self.annotator, self.span)
            self.project.restore_span(self.doc_id, self.annotator, self.span)


class AcceptAll(_Edit):
    """Accept every suggestion at or above a confidence, as one undo step."""

    def __init__(self, project: Project, doc_id: str, annotator: str, minimum: float, changed: Changed) -> None:
        super().__init__(f"Accept suggestions ≥ {minimum:.0%}", project, doc_id, annotator, changed)
        self.minimum = minimum
        self.accepted: list[Span] = []

    def apply(self) -> None:
        self.accepted = self.project.accept_suggestions(self.doc_id, self.annotator, self.minimum)

    def revert(self) -> None:
        with self.project.transaction():
            for span in self.accepted:
                assert span.id is not None
                self.project.update_span(span.id, tokens=False, status=SpanStatus.SUGGESTED)
