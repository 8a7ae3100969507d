"""Team review in the project file: whole layers, assignments, curation decisions; part of :class:`Project`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import NamedTuple

from annotator.errors import ProjectCorrupt, ProjectError, StaleEdit
from annotator.model import GOLD, DocStatus, Layer, LayerStatus, Span, SpanStatus
from annotator.store.codec import distinct, json_object, layer_status_of, span_from_row, text_of
from annotator.store.parts import ProjectParts

_SPAN_COLUMNS = 's.id, s.start, s."end", s.label, s.role, s.status, s.source, s.confidence'
_INSERT_ACCEPTED = (
    'INSERT INTO spans(layer, start, "end", label, role, status, source, confidence) '
    "VALUES (?, ?, ?, ?, ?, 'accepted', ?, ?) RETURNING id"
)
NO_ENTITY = "no_entity"


class LayerOutcome(StrEnum):
    """What :meth:`ReviewOps.put_layer` did."""

    ADDED = "added"
    REPLACED = "replaced"
    KEPT = "kept"  # a different layer of that annotator was already there, and replacing was not asked
    UNCHANGED = "unchanged"


class LayerProgress(NamedTuple):
    """One annotator's state on one document (for "who has done what")."""

    doc_id: str
    annotator: str
    status: LayerStatus
    accepted: int
    assigned: bool


class RegionChange(NamedTuple):
    """What one curation step changed in a layer, enough to undo it."""

    doc_id: str
    layer: str
    start: int
    end: int
    removed: tuple[Span, ...]
    added: tuple[Span, ...]
    had_decision: bool
    has_decision: bool


def _check_region(current: Sequence[Span], expected: Sequence[Span], layer: str, start: int, end: int) -> None:
    """:class:`StaleEdit` unless the region holds exactly the expected spans (ids and every field)."""
    if sorted(current, key=_identity) != sorted(expected, key=_identity):
        raise StaleEdit(
            f"the {layer} layer at {start}–{end} was changed elsewhere (another window or curator) since; "
            "nothing was changed"
        )


def _values(span: Span) -> tuple[object, ...]:
    return span.start, span.end, span.label, span.role, span.source, span.confidence


def _identity(span: Span) -> tuple[int, int, int]:
    return span.id or 0, span.start, span.end


def same_annotations(a: Iterable[Span], b: Iterable[Span]) -> bool:
    """True when two layers hold the same accepted spans (ids, sources and confidences aside)."""

    def key(spans: Iterable[Span]) -> list[tuple[int, int, str, str | None]]:
        return sorted((s.start, s.end, s.label, s.role) for s in spans if s.status is SpanStatus.ACCEPTED)

    return key(a) == key(b)


def layer_started(layer: Layer) -> bool:
    """True once a human worked on the layer: a status past ``new`` or an accepted span."""
    return layer.status is not LayerStatus.NEW or bool(layer.accepted())


class ReviewOps(ProjectParts):
    """Mixed into :class:`Project`; relies on its connection, transactions and helpers."""

    # -- whole layers ----------------------------------------------------------------------

    def put_layer(self, doc_id: str, layer: Layer, *, replace: bool = False, tokens: bool = True) -> LayerOutcome:
        """Give an existing document an annotator's layer; an existing different one is kept unless ``replace``."""
        layer = Layer(
            layer.annotator, layer.status, tuple(distinct(layer.spans))
        )  # an exact repeat would count twice in agreement
        document = self.text_of(doc_id)
        for span in layer.spans:
            document.check_span(span, tokens=tokens)
        rowid = self._rowid(doc_id)
        with self.transaction():
            # the layer is read and replaced by one writer at a time: a second merge of the same layer at once
            # sees the first one's layer (on a server it would otherwise add its spans to that layer)
            self._db.execute(f"SELECT rowid FROM documents WHERE rowid = ?{self._db.dialect.for_update}", (rowid,))
            existing = self.document(doc_id).layers.get(layer.annotator)
            if existing is not None and layer_started(existing):
                if same_annotations(existing.spans, layer.spans):
                    return LayerOutcome.UNCHANGED
                if not replace:
                    return LayerOutcome.KEPT
            self._db.execute("DELETE FROM layers WHERE doc = ? AND annotator = ?", (rowid, layer.annotator))
            layer_id = self._ensure_layer(rowid, layer.annotator, layer.status)
            self._insert_spans(layer_id, (span.with_changes(id=None) for span in layer.spans))
        return LayerOutcome.ADDED if existing is None else LayerOutcome.REPLACED

    # -- assignments -----------------------------------------------------------------------

    def assign(self, doc_ids: Iterable[str], annotators: Iterable[str]) -> int:
        """Ask these annotators to annotate these documents; returns the new assignments."""
        names = [name.strip() for name in annotators]
        if not names or any(not name for name in names):
            raise ProjectError("an annotator name cannot be empty")
        rows = [(self._rowid(doc_id), name) for doc_id in doc_ids for name in names]
        with self.transaction():
            return self._db.executemany(
                "INSERT INTO assignments(doc, annotator) VALUES (?, ?) ON CONFLICT DO NOTHING", rows
            ).rowcount

    def unassign(self, doc_ids: Iterable[str], annotators: Iterable[str]) -> int:
        """Withdraw assignments; returns how many there were."""
        rows = [(self._rowid(doc_id), name) for doc_id in doc_ids for name in annotators]
        with self.transaction():
            return self._db.executemany("DELETE FROM assignments WHERE doc = ? AND annotator = ?", rows).rowcount

    def assignments(self) -> dict[str, tuple[str, ...]]:
        """Per document id, the annotators it is assigned to (documents without any are left out)."""
        out: dict[str, list[str]] = {}
        for doc_id, name in self._db.execute(
            "SELECT d.id, a.annotator FROM assignments a JOIN documents d ON a.doc = d.rowid "
            "ORDER BY d.rowid, a.annotator"
        ):
            out.setdefault(doc_id, []).append(name)
        return {doc_id: tuple(names) for doc_id, names in out.items()}

    def progress(self) -> list[LayerProgress]:
        """Every (document, annotator) that is assigned or has a layer, with its state."""
        rows = self._db.execute(
            """
            WITH pairs AS (SELECT doc, annotator FROM layers UNION SELECT doc, annotator FROM assignments),
                 accepted AS (SELECT layer, count(*) AS n FROM spans WHERE status = 'accepted' GROUP BY layer)
            SELECT d.id, p.annotator, COALESCE(l.status, 'new'), COALESCE(c.n, 0),
                   EXISTS (SELECT 1 FROM assignments a WHERE a.doc = p.doc AND a.annotator = p.annotator)
            FROM pairs p JOIN documents d ON d.rowid = p.doc
            LEFT JOIN layers l ON l.doc = p.doc AND l.annotator = p.annotator
            LEFT JOIN accepted c ON c.layer = l.id
            ORDER BY d.rowid, p.annotator
            """
        )
        try:
            return [
                LayerProgress(
                    text_of(doc_id, "document id"),
                    text_of(name, "layer name"),
                    layer_status_of(status, f"layer {name!r:.40} of document {doc_id!r:.40}: status"),
                    int(accepted or 0),
                    bool(assigned),
                )
                for doc_id, name, status, accepted, assigned in rows
            ]
        except ProjectCorrupt as exc:
            raise ProjectCorrupt(f"{self.path}: {exc}") from None

    # -- curation decisions ----------------------------------------------------------------

    def decisions(self, doc_id: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every region the curator marked "no entity here"."""
        rows = self._db.execute(
            'SELECT start, "end" FROM decisions WHERE doc = ? AND decision = ? ORDER BY start',
            (self._rowid(doc_id), NO_ENTITY),
        )
        return [(int(start), int(end)) for start, end in rows]

    def resolve_region(
        self,
        doc_id: str,
        start: int,
        end: int,
        spans: Sequence[Span],
        *,
        layer: str = GOLD,
        tokens: bool = False,
        expect: Sequence[Span] | None = None,
        expect_decided: bool | None = None,
    ) -> RegionChange:
        """Make ``spans`` the layer's only spans overlapping ``[start, end)``; none recorded as "no entity".

        The curator's one step: pick an annotator's version, or decide there is no entity here. With
        ``expect``, the region must still hold exactly those spans, and with ``expect_decided`` a "no
        entity" decision must (or must not) touch it (:class:`StaleEdit` otherwise).
        """
        if not 0 <= start < end:
            raise ProjectError(f"region [{start}, {end}) is empty")
        document = self.text_of(doc_id)
        for span in spans:
            document.check_span(span, tokens=tokens)
        with self.transaction():
            found = self._region(doc_id, layer, start, end)
            if found is None:  # the layer's first step: make it, then read again
                self._ensure_layer(self._rowid(doc_id), layer)
                found = self._region(doc_id, layer, start, end)
            assert found is not None
            rowid, layer_id, removed, had, decided = found
            if expect is not None:
                _check_region(removed, expect, layer, start, end)
            if expect_decided is not None and decided != expect_decided:
                raise StaleEdit(
                    f"the {layer} layer at {start}–{end} was settled elsewhere (another window or curator) since; "
                    "nothing was changed"
                )
            # results nobody reads: a server sends them with the next statement
            self._db.later('DELETE FROM spans WHERE layer = ? AND start < ? AND "end" > ?', (layer_id, end, start))
            self._write_decision(rowid, start, end, had=had, no_entity=not spans)
            inserted = [self._db.later(_INSERT_ACCEPTED, (layer_id, *_values(span))) for span in spans]
            self._touch(layer_id)
        # their ids, read once the step committed (a server sends the writes with the COMMIT: one round trip)
        added = tuple(
            span.with_changes(id=int(later.rows()[0][0]), status=SpanStatus.ACCEPTED)
            for span, later in zip(spans, inserted, strict=True)
        )
        return RegionChange(doc_id, layer, start, end, removed, added, had, not spans)

    def _region(
        self, doc_id: str, layer: str, start: int, end: int
    ) -> tuple[int, int, tuple[Span, ...], bool, bool] | None:
        """The document's row id, the layer's id, its spans overlapping ``[start, end)``, whether the region
        has a decision and whether a "no entity" decision touches it; None when the layer does not exist.
        On a server the layer's row stays locked until the commit, so a region is read and changed by one
        writer at a time (the read waits for the lock)."""
        find = "FROM layers l JOIN documents d ON d.rowid = l.doc WHERE d.id = ? AND l.annotator = ?"
        if self._db.dialect.for_update:  # a file's write lock already covers it
            self._db.later(f"SELECT l.id {find} FOR UPDATE OF l", (doc_id, layer))
        rows = self._db.execute(
            f"""SELECT l.doc, l.id, EXISTS (SELECT 1 FROM decisions x WHERE x.doc = l.doc AND x.start = ?
                       AND x."end" = ?), EXISTS (SELECT 1 FROM decisions y WHERE y.doc = l.doc AND y.start < ?
                       AND y."end" > ? AND y.decision = ?), {_SPAN_COLUMNS}
                FROM layers l JOIN documents d ON d.rowid = l.doc
                LEFT JOIN spans s ON s.layer = l.id AND s.start < ? AND s."end" > ?
                WHERE d.id = ? AND l.annotator = ? ORDER BY s.start, s."end", s.id""",
            (start, end, end, start, NO_ENTITY, end, start, doc_id, layer),
        ).fetchall()
        if not rows:
            return None
        spans = tuple(span_from_row(row[4:]) for row in rows if row[4] is not None)
        return int(rows[0][0]), int(rows[0][1]), spans, bool(rows[0][2]), bool(rows[0][3])

    def undo_region(self, change: RegionChange) -> None:
        """Take back one :meth:`resolve_region` step: its spans go, the removed ones and the decision return.

        Refused with :class:`StaleEdit` when the region no longer holds exactly what the step put there.
        """
        rowid = self._rowid(change.doc_id)
        with self.transaction():
            layer_id = self._lock_layer(self._ensure_layer(rowid, change.layer))
            current = self._region_spans(layer_id, change.start, change.end)
            _check_region(current, change.added, change.layer, change.start, change.end)
            self._db.executemany("DELETE FROM spans WHERE id = ?", [(span.id,) for span in change.added])
            for span in change.removed:
                self.restore_span(change.doc_id, change.layer, span)
            self._set_decision(rowid, change.start, change.end, change.had_decision)

    def _lock_layer(self, layer_id: int) -> int:
        """Hold the layer's row until the step commits, so a region is read and changed by one writer at a time."""
        if self._db.dialect.for_update:  # a file's write lock already covers it
            self._db.execute(f"SELECT id FROM layers WHERE id = ?{self._db.dialect.for_update}", (layer_id,))
        return layer_id

    def _region_spans(self, layer_id: int, start: int, end: int) -> tuple[Span, ...]:
        return tuple(
            span_from_row(row)
            for row in self._db.execute(
                f'SELECT {_SPAN_COLUMNS} FROM spans s WHERE s.layer = ? AND s.start < ? AND s."end" > ? '
                'ORDER BY s.start, s."end", s.id',
                (layer_id, end, start),
            )
        )

    def _add_curator(self, doc_id: str, rowid: int, curator: str) -> None:
        # the row stays locked until the step commits: another curator's name, committed meanwhile, is kept
        row = self._db.execute(
            f"SELECT meta FROM documents WHERE rowid = ?{self._db.dialect.for_update}", (rowid,)
        ).fetchone()
        try:
            meta = json_object(row[0], "meta")
        except ProjectCorrupt as exc:
            raise ProjectCorrupt(f"{self.path}: document {doc_id!r}: {exc}") from None
        names = meta.get("curators")
        known = [n for n in names if isinstance(n, str)] if isinstance(names, list) else []
        if curator not in known:
            updated = {**meta, "curators": sorted([*known, curator])}
            self._db.execute(
                "UPDATE documents SET meta = ? WHERE rowid = ?", (json.dumps(updated, ensure_ascii=False), rowid)
            )

    def _set_decision(self, rowid: int, start: int, end: int, no_entity: bool) -> bool:
        had = (
            self._db.execute(
                'SELECT 1 FROM decisions WHERE doc = ? AND start = ? AND "end" = ?', (rowid, start, end)
            ).fetchone()
            is not None
        )
        self._write_decision(rowid, start, end, had=had, no_entity=no_entity)
        return had

    def _write_decision(self, rowid: int, start: int, end: int, *, had: bool, no_entity: bool) -> None:
        """Record or drop the region's "no entity" decision (sent with the next statement on a server)."""
        if no_entity:
            self._db.later(
                'INSERT INTO decisions(doc, start, "end", decision) VALUES (?, ?, ?, ?) '
                'ON CONFLICT(doc, start, "end") DO UPDATE SET decision = excluded.decision',
                (rowid, start, end, NO_ENTITY),
            )
        elif had:
            self._db.later('DELETE FROM decisions WHERE doc = ? AND start = ? AND "end" = ?', (rowid, start, end))

    def mark_reviewed(self, doc_id: str, *, reviewed: bool = True, curator: str | None = None) -> None:
        """A curated document: status ``reviewed`` and its gold layer done (or back to in progress).

        The ``curator`` is remembered in the document's ``meta["curators"]`` (a dataset card names them).
        """
        rowid = self._rowid(doc_id)
        with self.transaction():
            if reviewed and curator and curator.strip():
                self._add_curator(doc_id, rowid, curator.strip())
            layer_id = self._ensure_layer(rowid, GOLD)
            status = (LayerStatus.DONE, DocStatus.REVIEWED) if reviewed else (LayerStatus.IN_PROGRESS, DocStatus.DONE)
            self._db.execute("UPDATE layers SET status = ? WHERE id = ?", (str(status[0]), layer_id))
            self._db.execute("UPDATE documents SET status = ? WHERE rowid = ?", (str(status[1]), rowid))
