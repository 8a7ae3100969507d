"""A Barchasb project: documents, layers and spans in one SQLite file."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple, Self

from annotator.errors import DocumentNotFound, ProjectBusy, ProjectError, SchemaError
from annotator.model import (
    DocStatus,
    Document,
    Layer,
    LayerStatus,
    Span,
)
from annotator.schema import Schema
from annotator.store.codec import pack_ints, pack_offsets, span_from_row, unpack_ints, unpack_offsets
from annotator.store.edits import INSERT_SPAN, SPAN_COLUMNS, SpanOps, span_row
from annotator.store.migrations import migrate
from annotator.store.review import ReviewOps
from annotator.store.suggestions import SuggestionOps
from annotator.text.profiles import Profile


class DocumentInfo(NamedTuple):
    """What the document list needs, read without loading any text."""

    id: str
    title: str
    tokens: int
    status: DocStatus
    layers: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The public JSON form used by ``docs --json``."""
        return {
            "id": self.id,
            "title": self.title,
            "tokens": self.tokens,
            "status": str(self.status),
            "layers": list(self.layers),
        }


def content_hash(text: str) -> str:
    """The identity of a document's displayed text, the same on every machine."""
    import hashlib  # loaded on the first import or package, not when the window opens

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Project(SpanOps, SuggestionOps, ReviewOps):
    """An open project file. Every public change is committed in its own transaction."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._depth = 0
        self._documents: dict[str, Document] = {}
        self._rows: dict[int, tuple[tuple[Any, ...], Span]] = {}  # unchanged rows reuse their Span

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, schema: Schema, normalization: Profile = Profile.STANDARD) -> Self:
        """Create a new project file; refuse to overwrite an existing one."""
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path}: already exists (open it, or choose another name)")
        if not path.parent.is_dir():
            raise ProjectError(f"{path.parent}: no such folder")
        project = cls._connect(path)
        with project.transaction():
            project._put_setting("schema", json.dumps(schema.to_json(), ensure_ascii=False))
            project._put_setting("normalization", str(Profile(normalization)))
        return project

    @classmethod
    def open(cls, path: str | Path) -> Self:
        """Open an existing project file (migrating it to the current version)."""
        path = Path(path)
        if not path.is_file():
            raise ProjectError(f"{path}: no such project file (create one with `barchasb new`)")
        return cls._connect(path)

    @classmethod
    def _connect(cls, path: Path) -> Self:
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=30.0, check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn, str(path))
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{path}: not a Barchasb project ({exc})") from None
        return cls(path, conn)

    def close(self) -> None:
        """Close the file; everything was already committed."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write; nested uses join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._commit()
        finally:
            self._depth = 0

    def _begin(self) -> None:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _busy_or(exc, self.path) from None

    def _commit(self) -> None:
        try:
            self._conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise _busy_or(exc, self.path) from None

    def set_busy_timeout(self, seconds: float) -> None:
        """How long a write waits for another process's lock before :class:`ProjectBusy` (the window waits less)."""
        self._conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")

    # -- settings --------------------------------------------------------------------------

    def _put_setting(self, key: str, value: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (key, value))

    def _setting(self, key: str) -> str:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise ProjectError(f"{self.path}: setting {key!r} is missing")
        return str(row[0])

    @property
    def schema(self) -> Schema:
        """The project's label schema."""
        return Schema.from_json(json.loads(self._setting("schema")), origin=str(self.path))

    def set_schema(self, schema: Schema) -> None:
        """Replace the schema; refuses to drop a label that spans still use."""
        used = {row[0] for row in self._conn.execute("SELECT DISTINCT label FROM spans")}
        missing = sorted(used - set(schema.labels))
        if missing:
            raise SchemaError(f"labels still in use cannot be removed: {', '.join(missing)}")
        with self.transaction():
            self._put_setting("schema", json.dumps(schema.to_json(), ensure_ascii=False))

    @property
    def normalization(self) -> Profile:
        """The default normalization profile for text formats."""
        return Profile(self._setting("normalization"))

    # -- documents -------------------------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        """Every document in import order, without loading texts."""
        rows = self._conn.execute(
            """
            SELECT d.id, d.title, d.n_tokens, d.status,
                   (SELECT group_concat(annotator, char(31)) FROM
                       (SELECT annotator FROM layers WHERE doc = d.rowid ORDER BY annotator))
            FROM documents d ORDER BY d.rowid
            """
        )
        return [
            DocumentInfo(doc_id, title, n_tokens, DocStatus(status), tuple(layers.split("\x1f")) if layers else ())
            for doc_id, title, n_tokens, status, layers in rows
        ]

    def span_counts(self, annotator: str) -> dict[str, tuple[int, int]]:
        """Per document id: accepted spans and open suggestions in ``annotator``'s layer."""
        rows = self._conn.execute(
            """SELECT d.id, SUM(s.status = 'accepted'), SUM(s.status = 'suggested')
               FROM documents d JOIN layers l ON l.doc = d.rowid JOIN spans s ON s.layer = l.id
               WHERE l.annotator = ? GROUP BY d.id""",
            (annotator,),
        )
        return {doc_id: (int(accepted or 0), int(suggested or 0)) for doc_id, accepted, suggested in rows}

    def uncertainty(self, annotator: str) -> dict[str, float]:
        """Per document: 1 − the mean confidence of the model's open suggestions (higher: less sure)."""
        rows = self._conn.execute(
            """SELECT d.id, AVG(s.confidence) FROM documents d JOIN layers l ON l.doc = d.rowid
               JOIN spans s ON s.layer = l.id
               WHERE l.annotator = ? AND s.status = 'suggested' AND s.source = 'crf' GROUP BY d.id""",
            (annotator,),
        )
        return {doc_id: 1.0 - float(mean) for doc_id, mean in rows if mean is not None}

    def has_document(self, doc_id: str) -> bool:
        """True when a document with this id exists."""
        return self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def find_by_hash(self, digest: str) -> str | None:
        """The id of a document whose displayed text has this content hash."""
        row = self._conn.execute("SELECT id FROM documents WHERE content_hash = ?", (digest,)).fetchone()
        return None if row is None else str(row[0])

    def _rowid(self, doc_id: str) -> int:
        row = self._conn.execute("SELECT rowid FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise DocumentNotFound(f"no document {doc_id!r} in {self.path}")
        return int(row[0])

    def document(self, doc_id: str) -> Document:
        """Load one document with its layers (texts are read only now, and cached)."""
        cached = self._documents.get(doc_id)
        row = self._conn.execute("SELECT rowid, title, meta, status FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise DocumentNotFound(f"no document {doc_id!r} in {self.path}")
        rowid, title, meta, status = row
        if cached is None:
            raw_text, text, offsets, tokens, sentences = self._conn.execute(
                "SELECT raw_text, text, raw_offsets, tokens, sentences FROM texts WHERE doc = ?", (rowid,)
            ).fetchone()
            cached = _text_document(doc_id, title, raw_text, text, offsets, tokens, sentences)
            if len(self._documents) > 8:
                self._documents.pop(next(iter(self._documents)))
            self._documents[doc_id] = cached
        return Document(
            id=doc_id,
            title=title,
            raw_text=cached.raw_text,
            text=cached.text,
            raw_offsets=cached.raw_offsets,
            tokens=cached.tokens,
            sentences=cached.sentences,
            meta=json.loads(meta),
            status=DocStatus(status),
            layers=self._layers(rowid),
        )

    def iter_documents(
        self, doc_ids: Iterable[str] | None = None, layers: Iterable[str] | None = None
    ) -> Iterator[Document]:
        """Documents in import order, read in bulk (two queries), with all or only the named layers."""
        wanted = None if doc_ids is None else set(doc_ids)
        names = None if layers is None else sorted(set(layers))
        layer_filter = "" if names is None else f"WHERE l.annotator IN ({','.join('?' * len(names))})"
        span_rows = self._conn.execute(
            f"""SELECT l.doc, l.annotator, l.status, s.id, s.start, s."end", s.label, s.role, s.status, s.source,
                       s.confidence
                FROM layers l LEFT JOIN spans s ON s.layer = l.id {layer_filter}
                ORDER BY l.doc, l.annotator, s.start, s."end", s.id""",
            names or (),
        )
        rows = chain.from_iterable(iter(partial(span_rows.fetchmany, 4096), []))  # batches: fewer calls into C
        pending = next(rows, None)
        for rowid, doc_id, title, meta, status, raw_text, text, offsets, tokens, sentences in self._conn.execute(
            """SELECT d.rowid, d.id, d.title, d.meta, d.status, t.raw_text, t.text, t.raw_offsets, t.tokens,
                      t.sentences
               FROM documents d JOIN texts t ON t.doc = d.rowid ORDER BY d.rowid"""
        ):
            grouped: dict[str, tuple[str, list[Span]]] = {}
            while pending is not None and pending[0] <= rowid:
                if pending[0] == rowid:
                    entry = grouped.setdefault(pending[1], (pending[2], []))
                    if pending[3] is not None:
                        entry[1].append(span_from_row(pending[3:]))
                pending = next(rows, None)
            if wanted is not None and doc_id not in wanted:
                continue
            yield _text_document(
                doc_id,
                title,
                raw_text,
                text,
                offsets,
                tokens,
                sentences,
                meta=json.loads(meta),
                status=DocStatus(status),
                layers={name: Layer(name, LayerStatus(st), tuple(spans)) for name, (st, spans) in grouped.items()},
            )

    def _layers(self, rowid: int) -> dict[str, Layer]:
        layers: dict[str, Layer] = {}
        for layer_id, annotator, status in self._conn.execute(
            "SELECT id, annotator, status FROM layers WHERE doc = ? ORDER BY annotator", (rowid,)
        ).fetchall():
            spans = tuple(
                span_from_row(row)
                for row in self._conn.execute(
                    f'SELECT {SPAN_COLUMNS} FROM spans WHERE layer = ? ORDER BY start, "end", id', (layer_id,)
                )
            )
            layers[annotator] = Layer(annotator, LayerStatus(status), spans)
        return layers

    def add_document(self, document: Document, *, normalization: Profile, source: str | None = None) -> None:
        """Store a new document with its layers (one transaction, or part of the caller's)."""
        identity = list(document.raw_offsets) == list(range(len(document.text) + 1))
        with self.transaction():
            if self.has_document(document.id):
                raise ProjectError(f"document id {document.id!r} already exists in the project")
            cursor = self._conn.execute(
                """INSERT INTO documents(id, title, meta, status, n_tokens, n_chars, content_hash,
                                         normalization, source)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    document.id,
                    document.title,
                    json.dumps(dict(document.meta), ensure_ascii=False),
                    str(document.status),
                    len(document.tokens),
                    len(document.text),
                    content_hash(document.text),
                    str(normalization),
                    source,
                ),
            )
            rowid = cursor.lastrowid
            self._conn.execute(
                "INSERT INTO texts(doc, raw_text, text, raw_offsets, tokens, sentences) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    rowid,
                    document.raw_text,
                    document.text,
                    None if identity else pack_ints(document.raw_offsets),
                    pack_offsets(document.tokens),
                    pack_offsets(document.sentences),
                ),
            )
            for layer in document.layers.values():
                layer_id = self._ensure_layer(int(rowid or 0), layer.annotator, layer.status)
                self._insert_spans(layer_id, layer.spans)

    # -- layers and spans ------------------------------------------------------------------

    def _ensure_layer(self, rowid: int, annotator: str, status: LayerStatus = LayerStatus.NEW) -> int:
        if not annotator.strip():
            raise ProjectError("an annotator name cannot be empty")
        row = self._conn.execute("SELECT id FROM layers WHERE doc = ? AND annotator = ?", (rowid, annotator)).fetchone()
        if row is not None:
            return int(row[0])
        cursor = self._conn.execute(
            "INSERT INTO layers(doc, annotator, status) VALUES (?, ?, ?)", (rowid, annotator, str(status))
        )
        return int(cursor.lastrowid or 0)

    def _insert_spans(self, layer_id: int, spans: Iterable[Span]) -> None:
        self._conn.executemany(INSERT_SPAN, [span_row(layer_id, span) for span in spans])

    def text_of(self, doc_id: str) -> Document:
        """The document's text, tokens and sentences (cached: they never change); its layers may be stale."""
        return self._documents.get(doc_id) or self.document(doc_id)

    def layer_spans(self, doc_id: str, annotator: str) -> tuple[Span, ...]:
        """One layer's spans in reading order (what the editor reloads after each edit)."""
        rows = self._conn.execute(
            f"""SELECT {SPAN_COLUMNS} FROM spans WHERE layer =
                (SELECT id FROM layers WHERE doc = ? AND annotator = ?) ORDER BY start, "end", id""",
            (self._rowid(doc_id), annotator),
        )
        out: list[Span] = []
        for row in rows:
            known = self._rows.get(row[0])
            if known is None or known[0] != row:
                known = (row, span_from_row(row))
                self._rows[row[0]] = known
            out.append(known[1])
        return tuple(out)

    def set_document_status(self, doc_id: str, status: DocStatus) -> None:
        """Move a document to another workflow status."""
        with self.transaction():
            self._conn.execute(
                "UPDATE documents SET status = ? WHERE rowid = ?", (str(DocStatus(status)), self._rowid(doc_id))
            )

    def set_layer_status(self, doc_id: str, annotator: str, status: LayerStatus) -> None:
        """Mark one annotator's progress on a document."""
        with self.transaction():
            layer_id = self._ensure_layer(self._rowid(doc_id), annotator)
            self._conn.execute("UPDATE layers SET status = ? WHERE id = ?", (str(LayerStatus(status)), layer_id))


def _busy_or(exc: sqlite3.OperationalError, path: Path) -> ProjectError:
    """The typed error for a failed BEGIN or COMMIT: busy when another process holds the lock."""
    if exc.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc):
        return ProjectBusy(f"{path}: the project is busy (another process is writing); try again")
    return ProjectError(f"{path}: {exc}")


def _text_document(
    doc_id: str,
    title: str,
    raw_text: str,
    text: str,
    offsets: bytes | None,
    tokens: bytes,
    sentences: bytes,
    **rest: Any,
) -> Document:
    """A document from its stored text row (a NULL offset map means identity); ``rest``: meta, status, layers."""
    return Document(
        id=doc_id,
        title=title,
        raw_text=raw_text,
        text=text,
        raw_offsets=range(len(text) + 1) if offsets is None else unpack_ints(offsets),
        tokens=unpack_offsets(tokens),
        sentences=unpack_offsets(sentences),
        **rest,
    )
