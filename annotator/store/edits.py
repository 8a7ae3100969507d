"""Edits of single spans, each checked against the state its caller last saw; part of :class:`Project`.

Two writers can hold the same project (two windows, a window and its background jobs, two annotators on
a server). An undo or a redo therefore names the layer it works in and the span exactly as it left it;
when the stored row differs, the edit is refused with :class:`StaleEdit` instead of overwriting someone
else's work. Span ids are never reused, so an id always means the same span.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from annotator.errors import ProjectError, StaleEdit
from annotator.model import GOLD, Span, SpanStatus
from annotator.store.codec import span_from_row
from annotator.store.db import utc_now
from annotator.store.parts import ProjectParts

SPAN_COLUMNS = 'id, start, "end", label, role, status, source, confidence'

# The statements that differ per backend (a span's insert, the match of every column) are in
# Dialect: see sqlite_db.py and postgres_db.py.


class Expected(NamedTuple):
    """Where a span lives and how it was last seen: what a checked edit may change."""

    doc_id: str
    annotator: str
    span: Span


def span_row(layer_id: int, span: Span) -> tuple[Any, ...]:
    """The column values of ``span`` in a layer, in the order of the dialect's ``insert_span``."""
    return (
        span.id,
        layer_id,
        span.start,
        span.end,
        span.label,
        span.role,
        str(span.status),
        span.source,
        span.confidence,
    )


class SpanOps(ProjectParts):
    """Mixed into :class:`Project`; relies on its connection, transactions and helpers."""

    def add_span(self, doc_id: str, annotator: str, span: Span, *, tokens: bool = True) -> Span:
        """Add one span to an annotator's layer; returns it with its new id.

        An accepted span supersedes the layer's suggestions that overlap it (they are deleted).
        """
        self._check(doc_id, span, tokens=tokens)
        with self.transaction():
            layer_id = self._ensure_layer(self._rowid(doc_id), annotator)
            if span.status is SpanStatus.ACCEPTED:
                self._db.execute(
                    "DELETE FROM spans WHERE layer = ? AND status = 'suggested' AND start < ? AND \"end\" > ?",
                    (layer_id, span.end, span.start),
                )
            new_id = self._db.insert_id(
                self._db.dialect.insert_span + " RETURNING id", span_row(layer_id, span.with_changes(id=None))
            )
            self._touch(layer_id)
        return span.with_changes(id=new_id)

    def restore_span(self, doc_id: str, annotator: str, span: Span) -> Span:
        """Put back a removed span with its old id (the undo of :meth:`remove_span`).

        Refused with :class:`StaleEdit` when a span with that id exists again.
        """
        if span.id is None:
            raise ProjectError("only a span that had an id can be restored")
        with self.transaction():
            layer_id = self._ensure_layer(self._rowid(doc_id), annotator)
            try:
                self._db.execute(self._db.dialect.insert_span, span_row(layer_id, span))
            except self._db.IntegrityError:
                raise StaleEdit(
                    f"{span.label} at {span.start}–{span.end} cannot be put back: it is there again "
                    "(restored elsewhere)"
                ) from None
            self._touch(layer_id)
        return span

    def span(self, span_id: int) -> Span:
        """One span by id."""
        row = self._db.execute(f"SELECT {SPAN_COLUMNS} FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise ProjectError(f"no span with id {span_id}")
        return span_from_row(row)

    def remove_span(self, span_id: int, *, expect: Expected | None = None) -> Span:
        """Delete a span (only if it is still ``expect``, when given); returns what was removed (for undo)."""
        with self.transaction():
            layer_id, removed = self._claim(span_id, expect)
            self._db.execute("DELETE FROM spans WHERE id = ?", (span_id,))
            self._touch(layer_id)
        return removed

    def update_span(self, span_id: int, *, tokens: bool = True, expect: Expected | None = None, **changes: Any) -> Span:
        """Change a span's extent, label, role or status (only if it is still ``expect``); returns the new span."""
        with self.transaction():
            layer_id, old = self._claim(span_id, expect)
            new = old.with_changes(**changes)
            doc_id = expect.doc_id if expect is not None else self._doc_of_layer(layer_id)
            self._check(doc_id, new, tokens=tokens)
            self._db.execute(
                'UPDATE spans SET start = ?, "end" = ?, label = ?, role = ?, status = ?, source = ?, '
                "confidence = ? WHERE id = ?",
                (new.start, new.end, new.label, new.role, str(new.status), new.source, new.confidence, span_id),
            )
            self._touch(layer_id)
        return new

    def _claim(self, span_id: int, expect: Expected | None) -> tuple[int, Span]:
        """The span's layer id and stored state; :class:`StaleEdit` when it is not what ``expect`` says."""
        if expect is None:
            row = self._db.execute(
                f"SELECT layer, {SPAN_COLUMNS} FROM spans WHERE id = ?{self._db.dialect.for_update}", (span_id,)
            ).fetchone()
            if row is None:
                raise ProjectError(f"no span with id {span_id}")
            return int(row[0]), span_from_row(row[1:])
        span = expect.span
        layer = self._db.execute(
            "SELECT id FROM layers WHERE doc = ? AND annotator = ?", (self._rowid(expect.doc_id), expect.annotator)
        ).fetchone()
        if span.id != span_id or layer is None:
            raise StaleEdit(self._stale_reason(span_id, expect))
        values = span_row(int(layer[0]), span)
        dialect = self._db.dialect
        # on a server, the matching row stays locked until the edit commits: a second writer waits, then misses
        matching = f"SELECT 1 FROM spans WHERE {dialect.span_matches}{dialect.for_update}"
        if self._db.execute(matching, values).fetchone() is None:
            raise StaleEdit(self._stale_reason(span_id, expect))
        return int(layer[0]), span

    def _stale_reason(self, span_id: int, expect: Expected) -> str:
        """Why a checked edit was refused, in the user's words."""
        what = f"{expect.span.label} at {expect.span.start}–{expect.span.end}"
        row = self._db.execute(
            "SELECT l.annotator, d.id FROM spans s JOIN layers l ON s.layer = l.id JOIN documents d ON l.doc = d.rowid "
            "WHERE s.id = ?",
            (span_id,),
        ).fetchone()
        if row is None:
            return f"{what} was removed elsewhere (another window or process) since; nothing was changed"
        if (row[1], row[0]) != (expect.doc_id, expect.annotator):
            return f"span {span_id} is not in {expect.annotator}'s layer of {expect.doc_id}; nothing was changed"
        return f"{what} was changed elsewhere (another window or process) since; nothing was changed"

    def _doc_of_layer(self, layer_id: int) -> str:
        row = self._db.execute(
            "SELECT d.id FROM layers l JOIN documents d ON l.doc = d.rowid WHERE l.id = ?", (layer_id,)
        ).fetchone()
        return str(row[0])

    def _check(self, doc_id: str, span: Span, *, tokens: bool) -> None:
        schema = self.schema
        schema.get(span.label)
        schema.check_role(span.label, span.role)
        self.text_of(doc_id).check_span(span, tokens=tokens)

    def _touch(self, layer_id: int) -> None:
        self._db.execute(
            "UPDATE layers SET updated_at = ?, "
            "status = CASE status WHEN 'new' THEN 'in_progress' ELSE status END WHERE id = ?",
            (utc_now(), layer_id),
        )
        # An annotator's edit: a new or pre-tagged document is now in progress (done and reviewed stay).
        # Gold is left out: curation has its own end state (reviewed), and `barchasb curate` is no one's edit.
        self._db.execute(
            "UPDATE documents SET status = 'in_progress' WHERE status IN ('new', 'pretagged') "
            "AND rowid = (SELECT doc FROM layers WHERE id = ? AND annotator <> ?)",
            (layer_id, GOLD),
        )
