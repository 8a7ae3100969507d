"""Undoable edits: each QUndoCommand calls one core method; the project file holds the truth."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from annotator.model import GOLD, Span, SpanStatus
from annotator.store import Project
from annotator.store.review import RegionChange

# What an edit did to the layer: span ids removed, spans added or changed. Views patch themselves
# with it instead of re-reading thousands of spans after every key press.
Changed = Callable[[tuple[int, ...], tuple[Span, ...]], None]


class _Edit(QUndoCommand):
    """Calls ``changed`` after every redo and undo so the views reload from the project."""

    def __init__(self, text: str, project: Project, doc_id: str, annotator: str, changed: Changed) -> None:
        super().__init__(text)
        self.project = project
        self.doc_id = doc_id
        self.annotator = annotator
        self._changed = changed

    def redo(self) -> None:
        self._changed(*self.apply())

    def undo(self) -> None:
        self._changed(*self.revert())

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        raise NotImplementedError

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
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

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
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
        return tuple(s.id for s in self.superseded if s.id is not None), (self.span,)

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        assert self.span.id is not None
        with self.project.transaction():
            self.project.remove_span(self.span.id)
            for suggestion in self.superseded:
                self.project.restore_span(self.doc_id, self.annotator, suggestion)
        return (self.span.id,), tuple(self.superseded)


class RemoveSpan(_Edit):
    """Delete a span; undo puts it back with the same id."""

    def __init__(self, project: Project, doc_id: str, annotator: str, span: Span, changed: Changed) -> None:
        super().__init__(f"Delete {span.label}", project, doc_id, annotator, changed)
        self.span = span

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        assert self.span.id is not None
        self.project.remove_span(self.span.id)
        return (self.span.id,), ()

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        return (), (self.project.restore_span(self.doc_id, self.annotator, self.span),)


class ChangeSpan(_Edit):
    """Change label, role, extent or status."""

    def __init__(
        self, project: Project, doc_id: str, annotator: str, span: Span, changed: Changed, text: str, **changes: Any
    ) -> None:
        super().__init__(text, project, doc_id, annotator, changed)
        self.before = span
        self.changes = changes

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        assert self.before.id is not None
        return (), (self.project.update_span(self.before.id, tokens=False, **self.changes),)

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        b = self.before
        assert b.id is not None
        return (), (
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
            ),
        )


class RejectSuggestion(_Edit):
    """Remove a suggestion and remember the rejection; undo forgets it and puts the suggestion back."""

    def __init__(self, project: Project, doc_id: str, annotator: str, span: Span, changed: Changed) -> None:
        super().__init__(f"Reject {span.label}", project, doc_id, annotator, changed)
        self.span = span

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        assert self.span.id is not None
        self.project.reject_span(self.span.id)
        return (self.span.id,), ()

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        with self.project.transaction():
            self.project.unreject(self.doc_id, self.annotator, self.span)
            self.project.restore_span(self.doc_id, self.annotator, self.span)
        return (), (self.span,)


class AcceptAll(_Edit):
    """Accept every suggestion at or above a confidence, as one undo step."""

    def __init__(self, project: Project, doc_id: str, annotator: str, minimum: float, changed: Changed) -> None:
        super().__init__(f"Accept suggestions ≥ {minimum:.0%}", project, doc_id, annotator, changed)
        self.minimum = minimum
        self.accepted: list[Span] = []

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        self.accepted = self.project.accept_suggestions(self.doc_id, self.annotator, self.minimum)
        return (), tuple(self.accepted)

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        with self.project.transaction():
            reverted = tuple(
                self.project.update_span(span.id, tokens=False, status=SpanStatus.SUGGESTED)
                for span in self.accepted
                if span.id is not None
            )
        return (), reverted


class CurateRegion(_Edit):
    """The curator's step on one region of the gold layer: these spans there, or "no entity here"."""

    def __init__(
        self, project: Project, doc_id: str, start: int, end: int, spans: Sequence[Span], text: str, changed: Changed
    ) -> None:
        super().__init__(text, project, doc_id, GOLD, changed)
        self.start, self.end = start, end
        self.spans = tuple(spans)
        self.change: RegionChange | None = None

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        self.change = self.project.resolve_region(self.doc_id, self.start, self.end, self.spans)
        return tuple(s.id for s in self.change.removed if s.id is not None), self.change.added

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        assert self.change is not None
        self.project.undo_region(self.change)
        return tuple(s.id for s in self.change.added if s.id is not None), self.change.removed


class AcceptAgreed(_Edit):
    """Put every agreed span of the document into gold, as one undo step."""

    def __init__(
        self, project: Project, doc_id: str, steps: Sequence[tuple[int, int, Sequence[Span]]], changed: Changed
    ) -> None:
        super().__init__(f"Accept {len(steps)} agreed regions", project, doc_id, GOLD, changed)
        self.steps = steps
        self.changes: list[RegionChange] = []

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        with self.project.transaction():
            self.changes = [self.project.resolve_region(self.doc_id, a, b, spans) for a, b, spans in self.steps]
        removed = tuple(s.id for c in self.changes for s in c.removed if s.id is not None)
        return removed, tuple(s for c in self.changes for s in c.added)

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        with self.project.transaction():
            for change in reversed(self.changes):
                self.project.undo_region(change)
        added = tuple(s.id for c in self.changes for s in c.added if s.id is not None)
        return added, tuple(s for c in self.changes for s in c.removed)
