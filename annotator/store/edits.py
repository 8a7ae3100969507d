"""Edits of single spans, each checked against the state its caller last saw; part of :class:`Project`.

Two writers can hold the same project (two windows, a window and its background jobs, two annotators on
a server). An undo or a redo therefore names the layer it works in and the span exactly as it left it;
when the stored row differs, the edit is refused with :class:`StaleEdit` instead of overwriting someone
else's work. Span ids are never reused, so an id always means the same span.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, NamedTuple

from annotator.errors import ProjectError, SchemaError, StaleEdit
from annotator.model import GOLD, Span, SpanStatus
from annotator.schema import Schema
from annotator.store.codec import span_from_row
from annotator.store.db import TOUCH_DOCUMENTS, TOUCH_LAYERS, Db, Dialect, SpanEdit, utc_now
from annotator.store.parts import ProjectParts

SPAN_COLUMNS = 'id, start, "end", label, role, status, source, confidence'

# The statements that differ per backend (a span's insert, the match of every column) are in
# Dialect: see sqlite_db.py and postgres_db.py.

# A span edit's writes (see Db.edit and EDIT_TARGET): each finds its layer through ``target`` and checks what
# it changes in its WHERE clause, so a stale row matches nothing and nothing is written.
_NEW_LAYER = (  # the layer, unless it exists (the document was read before: text_of)
    "INSERT INTO layers(doc, annotator) SELECT rowid, ? FROM documents WHERE id = ? "
    "ON CONFLICT(doc, annotator) DO NOTHING"
)
_VALUES = '(layer, start, "end", label, role, status, source, confidence)'
_ADD = f"INSERT INTO spans{_VALUES} SELECT id, ?, ?, ?, ?, ?, ?, ? FROM target RETURNING layer, id"
_ADD_ALONE = (  # an accepted span where no suggestion overlaps it (else _SUPERSEDE first)
    f"INSERT INTO spans{_VALUES} SELECT t.id, ?, ?, ?, ?, ?, ?, ? FROM target t WHERE NOT EXISTS "
    "(SELECT 1 FROM spans s WHERE s.layer = t.id AND s.status = 'suggested' AND s.start < ? AND s.\"end\" > ?) "
    "RETURNING layer, id"
)
_SUPERSEDE = (  # an accepted span replaces the suggestions it overlaps
    "DELETE FROM spans WHERE layer IN (SELECT id FROM target) AND status = 'suggested' AND start < ? AND \"end\" > ? "
    "RETURNING layer, id"
)
_RESTORE = (
    'INSERT INTO spans(id, layer, start, "end", label, role, status, source, confidence){} '
    "SELECT ?, id, ?, ?, ?, ?, ?, ?, ? FROM target RETURNING layer, id"
)
_CHANGE = (
    'UPDATE spans SET start = ?, "end" = ?, label = ?, role = ?, status = ?, source = ?, confidence = ? '
    "WHERE id = ? AND layer IN (SELECT id FROM target) AND {} RETURNING layer, id"
)
_REMOVE = "DELETE FROM spans WHERE id = ? AND layer IN (SELECT id FROM target) AND {} RETURNING layer, id"


class Expected(NamedTuple):
    """Where a span lives and how it was last seen: what a checked edit may change."""

    doc_id: str
    annotator: str
    span: Span


def _fields(span: Span) -> tuple[Any, ...]:
    """A span's column values after its id and layer (in the order of _VALUES)."""
    return (span.start, span.end, span.label, span.role, str(span.status), span.source, span.confidence)


def _statements(db: Db) -> dict[str, str]:
    """The edits' statements in the words of ``db``'s dialect (built once per backend)."""
    dialect = type(db).dialect
    made = _BUILT.get(dialect)
    if made is None:
        made = _BUILT[dialect] = {
            "add": _ADD,
            "add alone": _ADD_ALONE,
            "supersede": _SUPERSEDE,
            "restore": _RESTORE.format(dialect.explicit_ids),
            "change": _CHANGE.format(dialect.span_fields_match),
            "remove": _REMOVE.format(dialect.span_fields_match),
        }
    return made


_BUILT: dict[Dialect, dict[str, str]] = {}


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
        self.text_of(doc_id).check_span(span, tokens=tokens)
        sql = _statements(self._db)
        quick: tuple[tuple[str, tuple[Any, ...]], ...]
        full: tuple[tuple[str, tuple[Any, ...]], ...]
        if span.status is SpanStatus.ACCEPTED:
            quick = ((sql["add alone"], (*_fields(span), span.end, span.start)),)
            full = ((sql["supersede"], (span.end, span.start)), (sql["add"], _fields(span)))
        else:
            quick = full = ((sql["add"], _fields(span)),)
        rows = self._checked_edit(doc_id, annotator, span, quick, full)
        return span.with_changes(id=int(rows[0][1]))

    def restore_span(self, doc_id: str, annotator: str, span: Span) -> Span:
        """Put back a removed span with its old id (the undo of :meth:`remove_span`).

        Refused with :class:`StaleEdit` when a span with that id exists again, and with :class:`SchemaError`
        when the schema no longer has its label. An accepted span supersedes the suggestions made meanwhile
        that overlap it (as when it was added).
        """
        if span.id is None:
            raise ProjectError("only a span that had an id can be restored")
        self.text_of(doc_id).check_span(span, tokens=False)
        again = f"{span.label} at {span.start}–{span.end} cannot be put back: it is there again (restored elsewhere)"
        sql = _statements(self._db)
        writes: tuple[tuple[str, tuple[Any, ...]], ...] = ((sql["restore"], (span.id, *_fields(span))),)
        if span.status is SpanStatus.ACCEPTED:
            writes = ((sql["supersede"], (span.end, span.start)), *writes)
        self._checked_edit(doc_id, annotator, span, writes, writes, conflict=again)
        return span

    def _checked_edit(
        self,
        doc_id: str,
        annotator: str,
        span: Span,
        quick: tuple[tuple[str, tuple[Any, ...]], ...],
        full: tuple[tuple[str, tuple[Any, ...]], ...],
        conflict: str | None = None,
    ) -> list[Any]:
        """Writes that bring ``span`` into a layer, checked against the schema; their last one's rows.

        The first try (``quick``) trusts the schema as last read and the layer to exist (one statement on a
        server). When it wrote nothing, ``full`` runs in a transaction with the schema read again and the
        layer made.
        """
        rows = self._span_edit(SpanEdit(doc_id, annotator, self._schema_for(span), quick), conflict)
        if rows:
            return rows
        if not annotator.strip():
            raise ProjectError("an annotator name cannot be empty")
        with self.transaction():
            text = self._check_schema(span, *self._read_schema())
            self._db.later(_NEW_LAYER, (annotator, doc_id))  # sent with the edit (a server: one round trip)
            rows = self._run_edit(SpanEdit(doc_id, annotator, text, full), conflict)
            if not rows:  # the schema changed again between the two statements
                raise StaleEdit("the schema was changed elsewhere (another window or user) just now; try again")
        return rows

    def _span_edit(self, edit: SpanEdit, conflict: str | None = None) -> list[Any]:
        """Run an edit in its own transaction (or the caller's); the last write's rows (none: nothing written).

        A document this connection saw edited is believed past new and pre-tagged (a server then leaves its
        status alone); when that is no longer so, the edit writes nothing and runs again, moving it.
        """
        started = edit.doc_id in self._started
        rows = self._in_transaction(replace(edit, started=True) if started else edit, conflict)
        if not rows and started:
            self._started.discard(edit.doc_id)
            rows = self._in_transaction(edit, conflict)
        if rows:
            self._started.add(edit.doc_id)
        return rows

    def _in_transaction(self, edit: SpanEdit, conflict: str | None) -> list[Any]:
        """An edit in a transaction where one statement is not one (a file), or in the caller's."""
        if self._depth or self._db.atomic_statements:
            return self._run_edit(edit, conflict)
        with self.transaction():
            return self._run_edit(edit, conflict)

    def _run_edit(self, edit: SpanEdit, conflict: str | None) -> list[Any]:
        """Db.edit(); with ``conflict``, a broken uniqueness is :class:`StaleEdit` with that message."""
        try:
            return self._db.edit(edit, utc_now(), GOLD)
        except self._db.IntegrityError:
            if conflict is None:
                raise
            raise StaleEdit(conflict) from None

    def span(self, span_id: int) -> Span:
        """One span by id."""
        row = self._db.execute(f"SELECT {SPAN_COLUMNS} FROM spans WHERE id = ?", (span_id,)).fetchone()
        if row is None:
            raise ProjectError(f"no span with id {span_id}")
        return span_from_row(row)

    def remove_span(self, span_id: int, *, expect: Expected | None = None) -> Span:
        """Delete a span (only if it is still ``expect``, when given); returns what was removed (for undo)."""
        if expect is not None:
            writes = ((_statements(self._db)["remove"], (span_id, *_fields(expect.span))),)
            edit = SpanEdit(expect.doc_id, expect.annotator, None, writes)
            if expect.span.id != span_id or not self._span_edit(edit):
                raise StaleEdit(self._stale_reason(span_id, expect))
            return expect.span
        with self.transaction():
            layer_id, removed = self._claim(span_id, None)
            self._db.execute("DELETE FROM spans WHERE id = ?", (span_id,))
            self._touch(layer_id)
        return removed

    def update_span(self, span_id: int, *, tokens: bool = True, expect: Expected | None = None, **changes: Any) -> Span:
        """Change a span's extent, label, role or status (only if it is still ``expect``); returns the new span."""
        if expect is not None:
            new = expect.span.with_changes(**changes)
            self.text_of(expect.doc_id).check_span(new, tokens=tokens)
            writes = ((_statements(self._db)["change"], (*_fields(new), span_id, *_fields(expect.span))),)
            for fresh in (False, True):
                text = self._check_schema(new, *self._read_schema()) if fresh else self._schema_for(new)
                if expect.span.id == span_id and self._span_edit(
                    SpanEdit(expect.doc_id, expect.annotator, text, writes)
                ):
                    return new
                if self._read_schema()[0] == text:  # the schema was not what refused it: the span was
                    break
            raise StaleEdit(self._stale_reason(span_id, expect))
        with self.transaction():
            layer_id, old = self._claim(span_id, None)
            new = old.with_changes(**changes)
            self._check(self._doc_of_layer(layer_id), new, tokens=tokens)
            self._db.execute(
                'UPDATE spans SET start = ?, "end" = ?, label = ?, role = ?, status = ?, source = ?, '
                "confidence = ? WHERE id = ?",
                (*_fields(new), span_id),
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
        dialect = self._db.dialect
        # on a server, the matching row stays locked until the edit commits: a second writer waits, then misses
        row = self._db.execute(
            f"SELECT layer FROM spans WHERE id = ? AND layer IN (SELECT l.id FROM layers l JOIN documents d "
            f"ON d.rowid = l.doc WHERE d.id = ? AND l.annotator = ?) AND {dialect.span_fields_match}"
            f"{dialect.for_update}",
            (span_id, expect.doc_id, expect.annotator, *_fields(expect.span)),
        ).fetchone()
        if expect.span.id != span_id or row is None:
            raise StaleEdit(self._stale_reason(span_id, expect))
        return int(row[0]), expect.span

    def _stale_reason(self, span_id: int, expect: Expected) -> str:
        """Why a checked edit was refused, in the user's words (:class:`DocumentNotFound` for no such document)."""
        self._rowid(expect.doc_id)
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
        self._check_schema(span, *self._read_schema())
        self.text_of(doc_id).check_span(span, tokens=tokens)

    def _schema_for(self, span: Span) -> str:
        """The text of the schema as last read when it has the span's label and role, else of the stored one
        (read again: the label may have been added elsewhere); :class:`SchemaError` when that lacks it too."""
        try:
            return self._check_schema(span, *self._known_schema())
        except SchemaError:
            return self._check_schema(span, *self._read_schema())

    @staticmethod
    def _check_schema(span: Span, text: str, schema: Schema) -> str:
        """:class:`SchemaError` unless ``schema`` has the span's label and role; returns the schema's text."""
        schema.get(span.label)
        schema.check_role(span.label, span.role)
        return text

    def _touch(self, layer_id: int) -> None:
        """The layer was edited by hand (see TOUCH_LAYERS); its result is not needed, so a server sends it later."""
        self._db.later(TOUCH_LAYERS.format(layers="?"), (utc_now(), layer_id))
        self._db.later(TOUCH_DOCUMENTS.format(layers="?"), (layer_id, GOLD))
