"""Undoable edits: each QUndoCommand calls one core method; the project file holds the truth."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from annotator.errors import BarchasbError, ProjectError
from annotator.model import GOLD, Span, SpanStatus
from annotator.store import Project
from annotator.store.edits import Expected
from annotator.store.review import RegionChange
from ui.i18n import percent, translate

# What an edit did to the layer: span ids removed, spans added or changed. Views patch themselves
# with it instead of re-reading thousands of spans after every key press.
Changed = Callable[[tuple[int, ...], tuple[Span, ...]], None]


class _Edit(QUndoCommand):
    """Calls ``changed`` after every redo and undo so the views patch themselves from what the core did.

    A step the core refuses (someone else changed the span since, the project is busy) changes nothing:
    ``refusal`` keeps the error, and :class:`ui.undo.EditStack` puts the stack back where it was, so the stack
    never shows a step as done or undone that is not.
    """

    def __init__(self, text: str, project: Project, doc_id: str, annotator: str, changed: Changed) -> None:
        super().__init__(text)
        self.project = project
        self.doc_id = doc_id
        self.annotator = annotator
        self._changed = changed
        self.refusal: BarchasbError | None = None
        self._done = False  # applied at least once: a refusal from then on is a refused redo
        self._restore_only = False  # the next call only moves the stack's index back

    def redo(self) -> None:
        if self._restore_only:
            self._restore_only = False
            return
        try:
            self._check_connection()
            result = self.apply()
        except BarchasbError as exc:
            self.refusal = exc
            if not self._done:
                self.setObsolete(True)  # a refused new edit never enters the stack
            return
        self._done = True
        self._changed(*result)

    def undo(self) -> None:
        if self._restore_only:
            self._restore_only = False
            return
        try:
            self._check_connection()
            result = self.revert()
        except BarchasbError as exc:
            self.refusal = exc
            return
        self._changed(*result)

    def _check_connection(self) -> None:
        """Refuse at once while the connection is known to be lost (the window never waits on a dead network)."""
        from ui.live import connection_problem

        if connection_problem(self.project) is not None:
            raise ProjectError(
                translate(
                    "Commands",
                    "The connection to the server is lost, so this edit was not made. Barchasb is reconnecting; "
                    "try again once the status bar says it is connected again.",
                )
            )

    def expect(self, span: Span) -> Expected:
        """The checked-edit expectation: ``span`` as last seen, in this command's layer."""
        return Expected(self.doc_id, self.annotator, span)

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        raise NotImplementedError

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        raise NotImplementedError


class AddSpan(_Edit):
    """Label a selection."""

    def __init__(
        self, project: Project, doc_id: str, annotator: str, span: Span, changed: Changed, tokens: bool = True
    ) -> None:
        super().__init__(
            translate("Commands", "Label {label}").format(label=span.label), project, doc_id, annotator, changed
        )
        self.span = span
        self.tokens = tokens
        self.superseded: list[Span] = []  # suggestions the new span replaced, put back on undo

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        with self.project.transaction():
            superseded = self.project.suggestions_overlapping(
                self.doc_id, self.annotator, self.span.start, self.span.end
            )
            if self.span.id is None:
                self.span = self.project.add_span(self.doc_id, self.annotator, self.span, tokens=self.tokens)
            else:
                for suggestion in superseded:
                    assert suggestion.id is not None
                    self.project.remove_span(suggestion.id, expect=self.expect(suggestion))
                self.project.restore_span(self.doc_id, self.annotator, self.span)
        self.superseded = superseded
        return tuple(s.id for s in superseded if s.id is not None), (self.span,)

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        assert self.span.id is not None
        with self.project.transaction():
            self.project.remove_span(self.span.id, expect=self.expect(self.span))
            restored = tuple(
                self.project.restore_span(self.doc_id, self.annotator, suggestion) for suggestion in self.superseded
            )
        return (self.span.id,), restored


class RemoveSpan(_Edit):
    """Delete a span; undo puts it back with the same id."""

    def __init__(self, project: Project, doc_id: str, annotator: str, span: Span, changed: Changed) -> None:
        super().__init__(
            translate("Commands", "Delete {label}").format(label=span.label), project, doc_id, annotator, changed
        )
        self.span = span

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        assert self.span.id is not None
        self.project.remove_span(self.span.id, expect=self.expect(self.span))
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
        self.after: Span | None = None
        self.changes = changes

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        assert self.before.id is not None
        self.after = self.project.update_span(
            self.before.id, tokens=False, expect=self.expect(self.before), **self.changes
        )
        return (), (self.after,)

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        b, a = self.before, self.after
        assert b.id is not None and a is not None
        fields = {f: getattr(b, f) for f in ("start", "end", "label", "role", "status", "source", "confidence")}
        return (), (self.project.update_span(b.id, tokens=False, expect=self.expect(a), **fields),)


class RejectSuggestion(_Edit):
    """Remove a suggestion and remember the rejection; undo forgets it and puts the suggestion back."""

    def __init__(self, project: Project, doc_id: str, annotator: str, span: Span, changed: Changed) -> None:
        super().__init__(
            translate("Commands", "Reject {label}").format(label=span.label), project, doc_id, annotator, changed
        )
        self.span = span

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        assert self.span.id is not None
        self.project.reject_span(self.span.id, expect=self.expect(self.span))
        return (self.span.id,), ()

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        with self.project.transaction():
            self.project.restore_span(self.doc_id, self.annotator, self.span)
            self.project.unreject(self.doc_id, self.annotator, self.span)
        return (), (self.span,)


class AcceptAll(_Edit):
    """Accept every suggestion at or above a confidence, as one undo step."""

    def __init__(self, project: Project, doc_id: str, annotator: str, minimum: float, changed: Changed) -> None:
        super().__init__(
            translate("Commands", "Accept suggestions ≥ {percent}").format(percent=percent(minimum)),
            project,
            doc_id,
            annotator,
            changed,
        )
        self.minimum = minimum
        self.accepted: list[Span] = []

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        if not self._done:
            self.accepted = self.project.accept_suggestions(self.doc_id, self.annotator, self.minimum)
        else:  # a redo accepts exactly the suggestions the first step accepted, each as undo left it
            with self.project.transaction():
                for span in self.accepted:
                    assert span.id is not None
                    self.project.accept_span(
                        span.id, expect=self.expect(span.with_changes(status=SpanStatus.SUGGESTED))
                    )
        return (), tuple(self.accepted)

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        with self.project.transaction():
            reverted = tuple(
                self.project.update_span(span.id, tokens=False, expect=self.expect(span), status=SpanStatus.SUGGESTED)
                for span in self.accepted
                if span.id is not None
            )
        return (), reverted


class CurateRegion(_Edit):
    """The curator's step on one region of the gold layer: these spans there, or "no entity here"."""

    def __init__(
        self,
        project: Project,
        doc_id: str,
        start: int,
        end: int,
        spans: Sequence[Span],
        text: str,
        changed: Changed,
        seen: Sequence[Span] | None = None,
    ) -> None:
        super().__init__(text, project, doc_id, GOLD, changed)
        self.start, self.end = start, end
        self.spans = tuple(spans)
        self.seen = None if seen is None else tuple(seen)  # gold in the region as the curator saw it
        self.change: RegionChange | None = None

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        expect = self.seen if self.change is None else self.change.removed
        self.change = self.project.resolve_region(self.doc_id, self.start, self.end, self.spans, expect=expect)
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
        super().__init__(
            translate("Commands", "Accept %Ln agreed regions", None, len(steps)), project, doc_id, GOLD, changed
        )
        self.steps = steps
        self.changes: list[RegionChange] = []

    def apply(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        before = self.changes
        with self.project.transaction():
            self.changes = [
                self.project.resolve_region(self.doc_id, a, b, spans, expect=before[i].removed if before else None)
                for i, (a, b, spans) in enumerate(self.steps)
            ]
        removed = tuple(s.id for c in self.changes for s in c.removed if s.id is not None)
        return removed, tuple(s for c in self.changes for s in c.added)

    def revert(self) -> tuple[tuple[int, ...], tuple[Span, ...]]:
        with self.project.transaction():
            for change in reversed(self.changes):
                self.project.undo_region(change)
        added = tuple(s.id for c in self.changes for s in c.added if s.id is not None)
        return added, tuple(s for c in self.changes for s in c.removed)
