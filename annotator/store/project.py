"""A Barchasb project: documents, layers and spans in one SQLite file."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple, Self

from annotator.errors import DocumentNotFound, ProjectBusy, ProjectCorrupt, ProjectError, SchemaError
from annotator.model import (
    DocStatus,
    Document,
    Layer,
    LayerStatus,
    Span,
)
from annotator.schema import Schema
from annotator.store.codec import (
    json_object,
    pack_ints,
    pack_offsets,
    span_from_row,
    text_of,
    unpack_offsets,
    unpack_raw_offsets,
)
from annotator.store.edits import INSERT_SPAN, SPAN_COLUMNS, SpanOps, span_row
from annotator.store.integrity import check_header, check_objects, harden
from annotator.store.migrations import migrate, read_version
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
        project = cls._connect(path, new=True)
        with project.transaction():
            project._put_setting("schema", json.dumps(schema.to_json(), ensure_ascii=False))
            project._put_setting("normalization", str(Profile(normalization)))
        return project

    @classmethod
    def open(cls, path: str | Path) -> Self:
        """Open an existing project file (checked, then migrated to the current version).

        Never turns a missing, empty or foreign file into a project: only :meth:`create` makes one.
        """
        path = Path(path)
        if not path.is_file():
            raise ProjectError(f"{path}: no such project file (create one with `barchasb new`)")
        try:
            check_header(path)
        except OSError as exc:
            raise ProjectError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        return cls._connect(path)

    @classmethod
    def _connect(cls, path: Path, *, new: bool = False) -> Self:
        """Check the file before anything in it is used, then migrate it; reads only until the checks pass."""
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=30.0, check_same_thread=False)
        except sqlite3.Error as exc:
            raise ProjectError(f"{path}: cannot be opened ({exc})") from None
        try:
            harden(conn)
            version = read_version(conn, str(path), new=new)
            check_objects(conn, version, path)
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn, str(path), version)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.OperationalError as exc:
            conn.close()
            raise _busy_or(exc, path) from None
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # a damaged page, or text that is not UTF-8
            conn.close()
            raise ProjectError(f"{path}: not a Barchasb project, or a damaged one ({exc})") from None
        except BaseException:
            conn.close()
            raise
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
        except sqlite3.DatabaseError as exc:  # a full disk, a damaged page, an id space used up: nothing written
            self._rollback()
            raise ProjectError(f"{self.path}: {exc}; nothing was changed") from None
        except BaseException:
            self._rollback()
            raise
        else:
            self._commit()
        finally:
            self._depth = 0

    def _rollback(self) -> None:
        if self._conn.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
            self._conn.execute("ROLLBACK")

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
        with self._reading(f"setting {key!r}"):
            row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            if row is None:
                raise ProjectCorrupt("missing")
            return text_of(row[0], "value")

    @property
    def schema(self) -> Schema:
        """The project's label schema."""
        data = self._setting("schema")
        with self._reading("setting 'schema'"):
            try:
                return Schema.from_json(json_object(data, "value"), origin="value")
            except SchemaError as exc:
                raise ProjectCorrupt(str(exc)) from None

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
        value = self._setting("normalization")
        try:
            return Profile(value)
        except ValueError:
            choices = ", ".join(str(p) for p in Profile)
            raise ProjectCorrupt(
                f"{self.path}: setting 'normalization': unknown profile {value[:40]!r} (expected one of {choices})"
            ) from None

    # -- documents -------------------------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        """Every document in import order, without loading texts."""
        with self._reading("the document list"):
            rows = self._conn.execute(
                """
                SELECT d.id, d.title, d.n_tokens, d.status,
                       (SELECT group_concat(annotator, char(31)) FROM
                           (SELECT annotator FROM layers WHERE doc = d.rowid ORDER BY annotator))
                FROM documents d ORDER BY d.rowid
                """
            ).fetchall()
            return [
                DocumentInfo(
                    text_of(doc_id, "document id"),
                    text_of(title, f"document {doc_id!r}: title"),
                    _count(n_tokens, f"document {doc_id!r}: n_tokens"),
                    _doc_status(status, f"document {doc_id!r}"),
                    tuple(layers.split("\x1f")) if layers else (),
                )
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
        with self._reading(f"document {doc_id!r}"):
            row = self._conn.execute(
                "SELECT rowid, title, meta, status FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            if row is None:
                raise DocumentNotFound(f"no document {doc_id!r} in {self.path}")
            rowid, title, meta, status = row
            if cached is None:
                texts = self._conn.execute(
                    "SELECT raw_text, text, raw_offsets, tokens, sentences FROM texts WHERE doc = ?", (rowid,)
                ).fetchone()
                if texts is None:
                    raise ProjectCorrupt("its text is missing")
                cached = _text_document(doc_id, title, *texts)
                if len(self._documents) > 8:
                    self._documents.pop(next(iter(self._documents)))
                self._documents[doc_id] = cached
            return Document(
                id=doc_id,
                title=text_of(title, "title"),
                raw_text=cached.raw_text,
                text=cached.text,
                raw_offsets=cached.raw_offsets,
                tokens=cached.tokens,
                sentences=cached.sentences,
                meta=json_object(meta, "meta"),
                status=_doc_status(status),
                layers=self._layers(rowid, len(cached.text)),
            )

    def iter_documents(
        self, doc_ids: Iterable[str] | None = None, layers: Iterable[str] | None = None
    ) -> Iterator[Document]:
        """Documents in import order, read in bulk (two queries), with all or only the named layers."""
        wanted = None if doc_ids is None else set(doc_ids)
        names = None if layers is None else sorted(set(layers))
        layer_filter = "" if names is None else f"WHERE l.annotator IN ({','.join('?' * len(names))})"
        where = "the documents"
        try:
            span_rows = self._conn.execute(
                f"""SELECT l.doc, l.annotator, l.status, s.id, s.start, s."end", s.label, s.role, s.status,
                           s.source, s.confidence
                    FROM layers l LEFT JOIN spans s ON s.layer = l.id {layer_filter}
                    ORDER BY l.doc, l.annotator, s.start, s."end", s.id""",
                names or (),
            )
            rows = chain.from_iterable(iter(partial(span_rows.fetchmany, 4096), []))  # batches: fewer calls into C
            pending = next(rows, None)
            for rowid, doc_id, title, meta, status, *texts in self._conn.execute(
                """SELECT d.rowid, d.id, d.title, d.meta, d.status, t.raw_text, t.text, t.raw_offsets, t.tokens,
                          t.sentences
                   FROM documents d LEFT JOIN texts t ON t.doc = d.rowid ORDER BY d.rowid"""
            ):
                where = f"document {doc_id!r}"
                grouped: dict[str, tuple[object, list[Span]]] = {}
                while pending is not None and _count(pending[0], "layer's document") <= rowid:
                    if pending[0] == rowid:
                        entry = grouped.setdefault(pending[1], (pending[2], []))
                        if pending[3] is not None:
                            entry[1].append(span_from_row(pending[3:]))
                    pending = next(rows, None)
                if wanted is not None and doc_id not in wanted:
                    continue
                document = _text_document(
                    text_of(doc_id, "id"),
                    text_of(title, "title"),
                    *texts,
                    meta=json_object(meta, "meta"),
                    status=_doc_status(status),
                )
                length = len(document.text)
                layers_of = {name: _layer(name, st, spans, length) for name, (st, spans) in grouped.items()}
                yield replace(document, layers=layers_of)
        except (ProjectCorrupt, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise self._unreadable(exc, where) from None

    def _layers(self, rowid: int, length: int) -> dict[str, Layer]:
        layers: dict[str, Layer] = {}
        for layer_id, annotator, status in self._conn.execute(
            "SELECT id, annotator, status FROM layers WHERE doc = ? ORDER BY annotator", (rowid,)
        ).fetchall():
            spans = [
                span_from_row(row)
                for row in self._conn.execute(
                    f'SELECT {SPAN_COLUMNS} FROM spans WHERE layer = ? ORDER BY start, "end", id', (layer_id,)
                )
            ]
            layers[annotator] = _layer(annotator, status, spans, length)
        return layers

    @contextmanager
    def _reading(self, what: str) -> Iterator[None]:
        """Turn bad stored data and unreadable pages into one :class:`ProjectCorrupt` naming the file and ``what``."""
        try:
            yield
        except (ProjectCorrupt, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise self._unreadable(exc, what) from None

    def _unreadable(self, exc: Exception, what: str) -> ProjectError:
        if isinstance(exc, ProjectCorrupt):
            return ProjectCorrupt(f"{self.path}: {what}: {exc}")
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            return _busy_or(exc, self.path)
        return ProjectCorrupt(f"{self.path}: {what}: cannot be read ({exc})")

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
        out: list[Span] = []
        with self._reading(f"document {doc_id!r}"):
            rowid = self._rowid(doc_id)
            rows = self._conn.execute(
                f"""SELECT {SPAN_COLUMNS} FROM spans WHERE layer =
                    (SELECT id FROM layers WHERE doc = ? AND annotator = ?) ORDER BY start, "end", id""",
                (rowid, annotator),
            )
            for row in rows:
                known = self._rows.get(row[0])
                if known is None or known[0] != row:
                    known = (row, span_from_row(row))
                    self._rows[row[0]] = known
                out.append(known[1])
            last = max((span.end for span in out), default=0)
            cached = self._documents.get(doc_id)
            if last and last > (len(cached.text) if cached is not None else -1):  # not known to fit: ask the file
                length = self._conn.execute("SELECT length(text) FROM texts WHERE doc = ?", (rowid,)).fetchone()
                _layer(annotator, LayerStatus.NEW, out, length[0] if length and type(length[0]) is int else 0)
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
    code = getattr(exc, "sqlite_errorcode", None)  # absent when Python raised it (a text that is not UTF-8)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc):
        return ProjectBusy(f"{path}: the project is busy (another process is writing); try again")
    return ProjectError(f"{path}: {exc}")


def _text_document(
    doc_id: str,
    title: str,
    raw_text: object,
    text: object,
    offsets: object,
    tokens: object,
    sentences: object,
    **rest: Any,
) -> Document:
    """A document from its stored text row, checked (a NULL offset map means identity); ``rest``: meta, status."""
    raw_text = text_of(raw_text, "raw_text")
    text = text_of(text, "text")
    length = len(text)
    return Document(
        id=doc_id,
        title=title,
        raw_text=raw_text,
        text=text,
        raw_offsets=range(length + 1) if offsets is None else unpack_raw_offsets(offsets, length, len(raw_text)),
        tokens=unpack_offsets(tokens, length, "tokens"),
        sentences=unpack_offsets(sentences, length, "sentences"),
        **rest,
    )


def _count(value: object, field: str) -> int:
    if type(value) is not int or value < 0:
        raise ProjectCorrupt(f"{field}: expected a count, found {value!r:.40}")
    return value


def _doc_status(value: object, field: str = "status") -> DocStatus:
    try:
        return DocStatus(value)  # type: ignore[arg-type]  # a stored value may be anything
    except ValueError:
        choices = ", ".join(str(s) for s in DocStatus)
        raise ProjectCorrupt(f"{field}: unknown status {value!r:.40} (expected one of {choices})") from None


def _layer(annotator: object, status: object, spans: list[Span], length: int) -> Layer:
    """A stored layer, checked: a known status and every span inside the text."""
    name = text_of(annotator, "layer name")
    try:
        layer_status = LayerStatus(status)  # type: ignore[arg-type]  # a stored value may be anything
    except ValueError:
        choices = ", ".join(str(s) for s in LayerStatus)
        raise ProjectCorrupt(f"layer {name!r}: unknown status {status!r:.40} (expected one of {choices})") from None
    for span in spans:
        if span.end > length:
            raise ProjectCorrupt(f"layer {name!r}: span {span.id} ends at {span.end}, past the text ({length})")
    return Layer(name, layer_status, tuple(spans))
