"""The suggestion lifecycle: suggest, accept, reject (remembered); part of :class:`Project`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from annotator.errors import ModelUntrusted, ProjectCorrupt, ProjectError
from annotator.model import DocStatus, Span, SpanStatus
from annotator.store.codec import integer_of, span_from_row, text_of
from annotator.store.db import utc_now
from annotator.store.edits import Expected
from annotator.store.parts import ProjectParts
from annotator.store.signing import ensure_key, load_key, signature, verify


class SuggestionOps(ProjectParts):
    """Mixed into :class:`Project`; relies on its connection, transactions and helpers."""

    def replace_suggestions(self, doc_id: str, annotator: str, spans: Iterable[Span]) -> list[Span]:
        """Swap the layer's open suggestions for new ones; human spans and rejections win.

        A suggestion that overlaps an accepted span, repeats a rejected one, overlaps an earlier
        suggestion of this call, or has a label the schema no longer has (removed while the
        pre-tagger ran) is left out; a role the schema no longer allows is dropped. Returns the
        suggestions stored.
        """
        rowid = self._rowid(doc_id)
        with self.transaction():
            layer_id = self._ensure_layer(rowid, annotator)
            if self._db.dialect.hold_span_writers:
                # a server: an accepted span committed while this runs would not be among those read below,
                # nor see the suggestions stored here (each side's snapshot misses the other): span writers wait
                self._db.execute(self._db.dialect.hold_span_writers)
            self._db.execute("DELETE FROM spans WHERE layer = ? AND status = 'suggested'", (layer_id,))
            taken = [
                (start, end)
                for start, end in self._db.execute(
                    """SELECT start, "end" FROM spans WHERE layer = ? AND status = 'accepted'""", (layer_id,)
                )
            ]
            rejected = set(self.rejections(doc_id, annotator))
            # read after the writers' lock (a server) or inside the write transaction (a file): a schema
            # change either committed before, and is seen here, or waits until these spans are stored
            schema = self._read_schema()[1]
            kept: list[Span] = []
            for span in spans:
                if span.status is not SpanStatus.SUGGESTED:
                    raise ProjectError("replace_suggestions takes suggested spans only")
                if span.label not in schema or (span.start, span.end, span.label) in rejected:
                    continue
                if span.role is not None and span.role not in schema.get(span.label).roles:
                    span = replace(span, role=None)
                if any(span.start < end and start < span.end for start, end in taken):
                    continue
                kept.append(span)
                taken.append((span.start, span.end))
            self._insert_spans(layer_id, kept)
            self._db.execute(
                "UPDATE documents SET status = ? WHERE rowid = ? AND status = ?",
                (str(DocStatus.PRETAGGED), rowid, str(DocStatus.NEW)),
            )
        return kept

    def suggestions_overlapping(self, doc_id: str, annotator: str, start: int, end: int) -> list[Span]:
        """The layer's open suggestions that overlap ``[start, end)`` (what a new span would replace)."""
        rows = self._db.execute(
            """SELECT s.id, s.start, s."end", s.label, s.role, s.status, s.source, s.confidence
               FROM spans s JOIN layers l ON s.layer = l.id
               WHERE l.doc = ? AND l.annotator = ? AND s.status = 'suggested' AND s.start < ? AND s."end" > ?""",
            (self._rowid(doc_id), annotator, end, start),
        )
        return [span_from_row(row) for row in rows]

    def accept_span(self, span_id: int, *, expect: Expected | None = None) -> Span:
        """A suggestion becomes an annotation (source and confidence are kept)."""
        return self.update_span(span_id, tokens=False, expect=expect, status=SpanStatus.ACCEPTED)

    def accept_suggestions(self, doc_id: str, annotator: str, min_confidence: float = 0.0) -> list[Span]:
        """Accept every suggestion of the layer at or above ``min_confidence``; returns them (for undo)."""
        with self.transaction():
            rows = self._db.execute(
                """SELECT s.id FROM spans s JOIN layers l ON s.layer = l.id
                   WHERE l.doc = ? AND l.annotator = ? AND s.status = 'suggested'
                   AND COALESCE(s.confidence, 1) >= ? ORDER BY s.start""",
                (self._rowid(doc_id), annotator, min_confidence),
            ).fetchall()
            return [self.accept_span(span_id) for (span_id,) in rows]

    def reject_span(self, span_id: int, *, expect: Expected | None = None) -> Span:
        """Remove a suggestion and remember it, so the same suggestion does not come back."""
        with self.transaction():
            layer_id, span = self._claim(span_id, expect)
            if span.status is not SpanStatus.SUGGESTED:
                raise ProjectError(f"span {span_id} is not a suggestion (delete it instead)")
            doc, annotator = self._db.execute("SELECT doc, annotator FROM layers WHERE id = ?", (layer_id,)).fetchone()
            self._db.execute(
                'INSERT INTO rejections(doc, annotator, start, "end", label) VALUES (?, ?, ?, ?, ?) '
                "ON CONFLICT DO NOTHING",
                (doc, annotator, span.start, span.end, span.label),
            )
            self._db.execute("DELETE FROM spans WHERE id = ?", (span_id,))
            self._touch(layer_id)
        return span

    def unreject(self, doc_id: str, annotator: str, span: Span) -> None:
        """Forget a rejection (the undo of :meth:`reject_span`)."""
        with self.transaction():
            self._db.execute(
                'DELETE FROM rejections WHERE doc = ? AND annotator = ? AND start = ? AND "end" = ? AND label = ?',
                (self._rowid(doc_id), annotator, span.start, span.end, span.label),
            )

    def rejections(self, doc_id: str, annotator: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, label)`` of every suggestion rejected in this layer."""
        for row in self._db.execute(
            'SELECT start, "end", label FROM rejections WHERE doc = ? AND annotator = ?',
            (self._rowid(doc_id), annotator),
        ):
            yield row[0], row[1], row[2]

    # -- models and lexicon ----------------------------------------------------------------

    def save_model(self, name: str, meta: str, data: bytes) -> None:
        """Store (or replace) a trained model: JSON metadata and crfsuite's bytes, signed with the user's key."""
        mark = signature(ensure_key(), name, meta, data)
        with self.transaction():
            self._db.execute(
                "INSERT INTO models(name, created_at, meta, data, signature) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET created_at = excluded.created_at, meta = excluded.meta, "
                "data = excluded.data, signature = excluded.signature",
                (name, utc_now(), meta, data, mark),
            )

    def load_model(self, name: str) -> tuple[str, bytes] | None:
        """``(meta, data)`` of a stored model, or None; :class:`ModelUntrusted` unless this installation signed it."""
        where = f"{self.path}: model {name!r}"
        try:
            row = self._db.execute("SELECT meta, data, signature FROM models WHERE name = ?", (name,)).fetchone()
        except (self._db.DatabaseError, UnicodeDecodeError) as exc:
            raise ProjectCorrupt(f"{where}: cannot be read ({exc})") from None
        if row is None:
            return None
        meta, data, mark = row
        if type(meta) is not str or type(data) is not bytes:
            raise ProjectCorrupt(f"{where}: the record lacks its metadata or its model bytes")
        if not self._db.signed_models:  # a server project: who may store a model is the database's to decide
            return meta, data
        retrain = "; retrain with `barchasb train` (a model is only used where it was trained)"
        if mark is None:
            raise ModelUntrusted(
                f"{where}: the model is not signed (an older Barchasb or another tool stored it){retrain}"
            )
        key = load_key()
        if key is None:
            raise ModelUntrusted(f"{where}: the model was signed by another installation or user{retrain}")
        if type(mark) is not bytes or not verify(key, name, meta, data, mark):
            raise ModelUntrusted(f"{where}: the model was altered, or signed by another installation or user{retrain}")
        return meta, data

    def add_lexicon(self, entries: Iterable[tuple[str, str, int]]) -> int:
        """Add ``(text, label, count)`` entries to the user's lexicon (counts add up)."""
        rows = list(entries)
        with self.transaction():
            self._db.executemany(
                "INSERT INTO lexicon(text, label, count) VALUES (?, ?, ?) "
                "ON CONFLICT(text, label) DO UPDATE SET count = CASE "  # stops at the lexicon file's bound
                "WHEN lexicon.count + excluded.count > 1000000000000 THEN 1000000000000 "
                "ELSE lexicon.count + excluded.count END",
                rows,
            )
        return len(rows)

    def lexicon(self) -> list[tuple[str, str, int]]:
        """The user's lexicon entries."""
        rows = self._db.execute("SELECT text, label, count FROM lexicon ORDER BY text")
        try:
            return [
                (
                    text_of(text, "lexicon text"),
                    text_of(label, "lexicon label"),
                    integer_of(count, f"lexicon count of {text!r:.40}"),
                )
                for text, label, count in rows
            ]
        except ProjectCorrupt as exc:
            raise ProjectCorrupt(f"{self.path}: {exc}") from None

    def accepted_entities(self) -> Iterator[tuple[str, str, str]]:
        """``(doc_id, label, text)`` of every accepted span in any layer (the derived lexicon)."""
        rows: Any = self._db.execute(
            """SELECT d.id, s.label, substr(t.text, s.start + 1, s."end" - s.start)
               FROM spans s JOIN layers l ON s.layer = l.id JOIN documents d ON l.doc = d.rowid
               JOIN texts t ON t.doc = d.rowid WHERE s.status = 'accepted'"""
        )
        yield from rows
