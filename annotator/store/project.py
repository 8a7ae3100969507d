"""A Barchasb project: documents, layers and spans, in a SQLite file or a PostgreSQL database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple, Self

from annotator.errors import DocumentNotFound, ProjectCorrupt, ProjectError, SchemaError, StaleEdit
from annotator.model import (
    DocStatus,
    Document,
    Layer,
    LayerStatus,
    Span,
)
from annotator.schema import Schema
from annotator.store.changes import ChangeFeed
from annotator.store.codec import (
    distinct,
    json_object,
    pack_ints,
    pack_offsets,
    span_from_row,
    stored_count,
    stored_doc_status,
    stored_document,
    stored_layer,
    text_of,
)
from annotator.store.db import Cursor, Db, server_url
from annotator.store.edits import SPAN_COLUMNS, SpanOps, span_row
from annotator.store.integrity import check_header
from annotator.store.review import ReviewOps
from annotator.store.sqlite_db import SqliteDb, busy_or
from annotator.store.suggestions import SuggestionOps
from annotator.text.profiles import Profile

TEXTS_KEPT = 16  # documents whose texts stay in memory (the least recently used goes first)


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
    """An open project (a file or a server database). Every public change is committed in its own transaction."""

    def __init__(self, db: Db) -> None:
        self._db = db
        self.path = db.path
        self._conn = db.raw  # the driver's connection (tests only)
        self._depth = 0
        self._documents: dict[str, Document] = {}
        self._rows: dict[int, tuple[tuple[Any, ...], Span]] = {}  # unchanged rows reuse their Span
        # the schema as last read: its stored text and what it parses to (an edit checks spans against it,
        # and its statement writes only while the stored text is still this one: see edits.py)
        self._schema: tuple[str, Schema] | None = None
        self._started: set[str] = set()  # documents seen edited here: see SpanOps._span_edit

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, schema: Schema, normalization: Profile = Profile.STANDARD) -> Self:
        """Create a new project (a file, or a ``postgresql://`` database); refuse to overwrite an existing one."""
        url = server_url(path)
        if url is not None:
            from annotator.store.postgres_db import PostgresDb  # psycopg is loaded only for a server project

            project = cls(PostgresDb.connect(url, new=True))
        else:
            path = Path(path)
            if path.exists():
                raise ProjectError(f"{path}: already exists (open it, or choose another name)")
            if not path.parent.is_dir():
                raise ProjectError(f"{path.parent}: no such folder")
            project = cls(SqliteDb.connect(path, new=True))
        try:
            with project.transaction():
                project._put_setting("schema", json.dumps(schema.to_json(), ensure_ascii=False))
                project._put_setting("normalization", str(Profile(normalization)))
        except BaseException:
            project.close()
            raise
        return project

    @classmethod
    def open(cls, path: str | Path, *, password: str | None = None) -> Self:
        """Open an existing project (checked, then migrated to the current version): a file or a server URL.

        Never turns a missing, empty or foreign file into a project: only :meth:`create` makes one.
        ``password``: for a server that asks for one (kept in memory for reconnecting; unused for a file).
        """
        url = server_url(path)
        if url is not None:
            from annotator.store.postgres_db import PostgresDb

            return cls(PostgresDb.connect(url, password=password))._checked()
        path = Path(path)
        if not path.is_file():
            raise ProjectError(f"{path}: no such project file (create one with `barchasb new`)")
        try:
            check_header(path)
        except OSError as exc:
            raise ProjectError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        return cls(SqliteDb.connect(path))._checked()

    def _checked(self) -> Self:
        """This project, once its settings are read and valid (nothing may be written under a broken schema)."""
        try:
            _ = self.schema, self.normalization
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        """Close the file or the connection; everything was already committed."""
        self._db.close()

    def listen(self) -> ChangeFeed:
        """A feed of what other windows, processes and users commit to this project (close it when done)."""
        return self._db.listen()

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
        self._db.begin()
        self._depth = 1
        try:
            yield
        except self._db.DatabaseError as exc:  # a full disk, a damaged page, an id space used up: nothing written
            self._db.rollback()
            raise ProjectError(f"{self.path}: {exc}; nothing was changed") from None
        except BaseException:
            self._db.rollback()
            raise
        else:
            self._db.commit()
        finally:
            self._depth = 0

    @contextmanager
    def _one_statement(self) -> Iterator[None]:
        """Around a change made by one statement: atomic on its own on a server; a transaction on a file."""
        if self._depth or self._db.atomic_statements:
            yield
        else:
            with self.transaction():
                yield

    def one_at_a_time(self, name: str) -> None:
        """Inside a transaction: others doing ``name`` (an import) wait for its end, then see what it wrote."""
        self._db.one_at_a_time(name)

    def will_write_spans(self) -> None:
        """Before reading the schema a transaction's spans obey: a label removal either committed or waits for it."""
        if self._db.dialect.writes_spans:
            self._db.execute(self._db.dialect.writes_spans)

    def set_busy_timeout(self, seconds: float) -> None:
        """How long a write waits for another process's lock before :class:`ProjectBusy` (the window waits less)."""
        self._db.set_busy_timeout(seconds)

    # -- settings --------------------------------------------------------------------------

    def _put_setting(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def _setting(self, key: str) -> str:
        with self._reading(f"setting {key!r}"):
            row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            if row is None:
                raise ProjectCorrupt("missing")
            return text_of(row[0], "value")

    @property
    def schema(self) -> Schema:
        """The project's label schema."""
        return self._read_schema()[1]

    def _read_schema(self) -> tuple[str, Schema]:
        """The stored schema's text and what it parses to (parsed again only when the text changed)."""
        text = self._setting("schema")
        known = self._schema
        if known is not None and known[0] == text:
            return known
        with self._reading("setting 'schema'"):
            try:
                schema = Schema.from_json(json_object(text, "value"), origin="value")
            except SchemaError as exc:
                raise ProjectCorrupt(str(exc)) from None
        self._schema = (text, schema)
        return self._schema

    def _known_schema(self) -> tuple[str, Schema]:
        """The schema as last read (read now the first time): an edit's statement checks it is still stored."""
        return self._schema or self._read_schema()

    def set_schema(self, schema: Schema, *, expect: Schema | None = None) -> None:
        """Replace the schema; refuses to drop a label that spans still use.

        With ``expect`` (the schema the editor started from), :class:`StaleEdit` when someone else changed it
        since, instead of overwriting their change.
        """
        text = json.dumps(schema.to_json(), ensure_ascii=False)
        with self.transaction():
            # the row stays locked until the commit: of two editors, the second finds it changed
            dialect = self._db.dialect
            row = self._db.execute(f"SELECT value FROM settings WHERE key = 'schema'{dialect.for_update}").fetchone()
            if expect is not None and (row is None or row[0] != json.dumps(expect.to_json(), ensure_ascii=False)):
                raise StaleEdit("the schema was changed elsewhere (another window or user) since; nothing changed")
            if dialect.hold_span_writers and not self._only_adds(row, schema):
                # Edits in flight commit first, so the labels read below include theirs; later ones wait, then
                # find the new schema stored (an edit writes only under the schema it was checked against).
                self._db.execute(dialect.hold_span_writers)
            used = {row[0] for row in self._db.execute("SELECT DISTINCT label FROM spans")}
            missing = sorted(used - set(schema.labels))
            if missing:
                raise SchemaError(f"labels still in use cannot be removed: {', '.join(missing)}")
            self._put_setting("schema", text)
        self._schema = (text, schema)

    @staticmethod
    def _only_adds(row: Any, schema: Schema) -> bool:
        """True when ``schema`` keeps every label of the stored schema (``row``: its value, if readable)."""
        try:
            stored = Schema.from_json(json_object(row[0], "value"), origin="value") if row is not None else None
        except (ProjectCorrupt, SchemaError):
            return False
        return stored is not None and set(stored.labels) <= set(schema.labels)

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

    def documents(self, only: str | None = None) -> list[DocumentInfo]:
        """Every document in import order, without loading texts (``only``: just that one, if it exists)."""
        where, params = (" WHERE d.id = ?", (only,)) if only is not None else ("", ())
        with self._reading("the document list"):
            rows = self._db.execute(
                f"SELECT d.id, d.title, d.n_tokens, d.status, {self._db.dialect.layer_names} "
                f"FROM documents d{where} ORDER BY d.rowid",
                params,
            ).fetchall()
            return [
                DocumentInfo(
                    text_of(doc_id, "document id"),
                    text_of(title, f"document {doc_id!r}: title"),
                    stored_count(n_tokens, f"document {doc_id!r}: n_tokens"),
                    stored_doc_status(status, f"document {doc_id!r}"),
                    tuple(layers.split("\x1f")) if layers else (),
                )
                for doc_id, title, n_tokens, status, layers in rows
            ]

    def span_counts(self, annotator: str, only: str | None = None) -> dict[str, tuple[int, int]]:
        """Per document id (``only``: just that one): accepted spans and open suggestions in ``annotator``'s layer."""
        where, params = (" AND d.id = ?", (annotator, only)) if only is not None else ("", (annotator,))
        rows = self._db.execute(
            """SELECT d.id, count(*) FILTER (WHERE s.status = 'accepted'),
                      count(*) FILTER (WHERE s.status = 'suggested')
               FROM documents d JOIN layers l ON l.doc = d.rowid JOIN spans s ON s.layer = l.id
               WHERE l.annotator = ?"""
            + where
            + " GROUP BY d.id",
            params,
        )
        return {doc_id: (int(accepted or 0), int(suggested or 0)) for doc_id, accepted, suggested in rows}

    def uncertainty(self, annotator: str) -> dict[str, float]:
        """Per document: 1 − the mean confidence of the model's open suggestions (higher: less sure)."""
        rows = self._db.execute(
            """SELECT d.id, AVG(s.confidence) FROM documents d JOIN layers l ON l.doc = d.rowid
               JOIN spans s ON s.layer = l.id
               WHERE l.annotator = ? AND s.status = 'suggested' AND s.source = 'crf' GROUP BY d.id""",
            (annotator,),
        )
        return {doc_id: 1.0 - float(mean) for doc_id, mean in rows if mean is not None}

    def has_document(self, doc_id: str) -> bool:
        """True when a document with this id exists."""
        return self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def find_by_hash(self, digest: str) -> str | None:
        """The id of a document whose displayed text has this content hash."""
        row = self._db.execute("SELECT id FROM documents WHERE content_hash = ?", (digest,)).fetchone()
        return None if row is None else str(row[0])

    def _rowid(self, doc_id: str) -> int:
        row = self._db.execute("SELECT rowid FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise DocumentNotFound(f"no document {doc_id!r} in {self.path}")
        return int(row[0])

    def document(self, doc_id: str) -> Document:
        """Load one document with its layers (texts are read only now, and cached)."""
        with self._reading(f"document {doc_id!r}"):
            rowid, title, meta, status, cached = self._row_and_text(doc_id)
            return Document(
                id=doc_id,
                title=text_of(title, "title"),
                raw_text=cached.raw_text,
                text=cached.text,
                raw_offsets=cached.raw_offsets,
                tokens=cached.tokens,
                sentences=cached.sentences,
                meta=json_object(meta, "meta"),
                status=stored_doc_status(status),
                layers=self._layers(rowid, len(cached.text)),
            )

    def _row_and_text(self, doc_id: str) -> tuple[int, object, object, object, Document]:
        """The document's row id, title, meta and status, and its text (read with them unless cached)."""
        cached = self._documents.pop(doc_id, None)
        texts = "" if cached is not None else ", t.doc, t.raw_text, t.text, t.raw_offsets, t.tokens, t.sentences"
        row = self._db.execute(
            f"SELECT d.rowid, d.title, d.meta, d.status{texts} FROM documents d "
            f"{'LEFT JOIN texts t ON t.doc = d.rowid ' if texts else ''}WHERE d.id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise DocumentNotFound(f"no document {doc_id!r} in {self.path}")
        if cached is None:
            if row[4] is None:
                raise ProjectCorrupt("its text is missing")
            cached = stored_document(doc_id, text_of(row[1], "title"), *row[5:])
            if len(self._documents) >= TEXTS_KEPT:
                self._documents.pop(next(iter(self._documents)))  # the least recently used
        self._documents[doc_id] = cached  # now the most recently used
        return int(row[0]), row[1], row[2], row[3], cached

    def iter_documents(
        self, doc_ids: Iterable[str] | None = None, layers: Iterable[str] | None = None
    ) -> Iterator[Document]:
        """Documents in import order, read in bulk (two queries), with all or only the named layers."""
        wanted = None if doc_ids is None else set(doc_ids)
        names = None if layers is None else sorted(set(layers))
        layer_filter = "" if names is None else f"WHERE l.annotator IN ({','.join('?' * len(names))})"
        where = "the documents"
        opened: list[Cursor] = []  # a server's cursors hold rows on the server until they are closed
        try:
            span_rows = self._db.stream(
                f"""SELECT l.doc, l.annotator, l.status, s.id, s.start, s."end", s.label, s.role, s.status,
                           s.source, s.confidence
                    FROM layers l LEFT JOIN spans s ON s.layer = l.id {layer_filter}
                    ORDER BY l.doc, l.annotator, s.start, s."end", s.id""",
                names or (),
            )
            opened.append(span_rows)
            rows = chain.from_iterable(iter(partial(span_rows.fetchmany, 4096), []))  # batches: fewer calls into C
            pending = next(rows, None)
            documents = self._db.stream(
                """SELECT d.rowid, d.id, d.title, d.meta, d.status, t.raw_text, t.text, t.raw_offsets, t.tokens,
                          t.sentences
                   FROM documents d LEFT JOIN texts t ON t.doc = d.rowid ORDER BY d.rowid"""
            )
            opened.append(documents)
            for rowid, doc_id, title, meta, status, *texts in documents:
                where = f"document {doc_id!r}"
                grouped: dict[str, tuple[object, list[Span]]] = {}
                while pending is not None and stored_count(pending[0], "layer's document") <= rowid:
                    if pending[0] == rowid:
                        entry = grouped.setdefault(pending[1], (pending[2], []))
                        if pending[3] is not None:
                            entry[1].append(span_from_row(pending[3:]))
                    pending = next(rows, None)
                if wanted is not None and doc_id not in wanted:
                    continue
                document = stored_document(
                    text_of(doc_id, "id"),
                    text_of(title, "title"),
                    *texts,
                    meta=json_object(meta, "meta"),
                    status=stored_doc_status(status),
                )
                length = len(document.text)
                layers_of = {name: stored_layer(name, st, spans, length) for name, (st, spans) in grouped.items()}
                yield replace(document, layers=layers_of)
        except (ProjectCorrupt, self._db.DatabaseError, UnicodeDecodeError) as exc:
            raise self._unreadable(exc, where) from None
        finally:
            for cursor in opened:
                with suppress(Exception):  # a cursor of a connection lost or closed meanwhile: nothing to release
                    cursor.close()

    def _layers(self, rowid: int, length: int) -> dict[str, Layer]:
        found: dict[str, tuple[object, list[Span]]] = {}
        for annotator, status, *span in self._db.execute(  # one query: every layer with its spans
            f"""SELECT l.annotator, l.status, {", ".join(f"s.{c.strip()}" for c in SPAN_COLUMNS.split(","))}
                FROM layers l LEFT JOIN spans s ON s.layer = l.id WHERE l.doc = ?
                ORDER BY l.annotator, s.start, s."end", s.id""",
            (rowid,),
        ):
            spans = found.setdefault(annotator, (status, []))[1]
            if span[0] is not None:
                spans.append(span_from_row(span))
        return {name: stored_layer(name, status, spans, length) for name, (status, spans) in found.items()}

    @contextmanager
    def _reading(self, what: str) -> Iterator[None]:
        """Turn bad stored data and unreadable pages into one :class:`ProjectCorrupt` naming the file and ``what``."""
        try:
            yield
        except (ProjectCorrupt, self._db.DatabaseError, UnicodeDecodeError) as exc:
            raise self._unreadable(exc, what) from None

    def _unreadable(self, exc: Exception, what: str) -> ProjectError:
        typed = self._db.typed(exc)  # a server's error (a lost connection) is not damage
        if typed is not None:
            return typed
        if isinstance(exc, ProjectCorrupt):
            return ProjectCorrupt(f"{self.path}: {what}: {exc}")
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            return busy_or(exc, self.path)
        return ProjectCorrupt(f"{self.path}: {what}: cannot be read ({exc})")

    def add_document(self, document: Document, *, normalization: Profile, source: str | None = None) -> None:
        """Store a new document with its layers (one transaction, or part of the caller's)."""
        identity = list(document.raw_offsets) == list(range(len(document.text) + 1))
        with self.transaction():
            made = self._db.execute(
                """INSERT INTO documents(id, title, meta, status, n_tokens, n_chars, content_hash,
                                         normalization, source)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING RETURNING rowid""",
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
            ).fetchall()
            if not made:
                raise ProjectError(f"document id {document.id!r} already exists in the project")
            rowid = int(made[0][0])
            self._db.later(  # sent with the next statement (an import's next document, or the commit)
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
                if not layer.annotator.strip():
                    raise ProjectError("an annotator name cannot be empty")
                layer_id = self._db.insert_id(  # the document is new: so is each of its layers
                    "INSERT INTO layers(doc, annotator, status) VALUES (?, ?, ?) RETURNING id",
                    (rowid, layer.annotator, str(layer.status)),
                )
                self._insert_spans(layer_id, layer.spans)

    # -- layers and spans ------------------------------------------------------------------

    def _ensure_layer(self, rowid: int, annotator: str, status: LayerStatus = LayerStatus.NEW) -> int:
        if not annotator.strip():
            raise ProjectError("an annotator name cannot be empty")
        row = self._db.execute("SELECT id FROM layers WHERE doc = ? AND annotator = ?", (rowid, annotator)).fetchone()
        if row is not None:
            return int(row[0])
        made = self._db.execute(
            "INSERT INTO layers(doc, annotator, status) VALUES (?, ?, ?) ON CONFLICT(doc, annotator) DO NOTHING "
            "RETURNING id",
            (rowid, annotator, str(status)),
        ).fetchall()
        if made:
            return int(made[0][0])
        # another connection made it since our read (a server: they do not wait for each other until here)
        row = self._db.execute("SELECT id FROM layers WHERE doc = ? AND annotator = ?", (rowid, annotator)).fetchone()
        return int(row[0])

    def _insert_spans(self, layer_id: int, spans: Iterable[Span]) -> None:
        self._db.executemany(self._db.dialect.insert_span, [span_row(layer_id, span) for span in distinct(spans)])

    def text_of(self, doc_id: str) -> Document:
        """The document's text, tokens and sentences (cached: they never change); its layers may be stale."""
        cached = self._documents.get(doc_id)
        if cached is not None:
            return cached
        with self._reading(f"document {doc_id!r}"):
            return self._row_and_text(doc_id)[4]  # the text alone: no layer is read

    def layer_spans(self, doc_id: str, annotator: str) -> tuple[Span, ...]:
        """One layer's spans in reading order (what the editor reloads after each edit)."""
        out: list[Span] = []
        with self._reading(f"document {doc_id!r}"):
            rows = self._db.execute(
                f"""SELECT {SPAN_COLUMNS} FROM spans WHERE layer = (SELECT l.id FROM layers l JOIN documents d
                    ON d.rowid = l.doc WHERE d.id = ? AND l.annotator = ?) ORDER BY start, "end", id""",
                (doc_id, annotator),
            ).fetchall()
            if not rows and doc_id not in self._documents:  # no spans, or no such document?
                self._rowid(doc_id)
            for row in rows:
                known = self._rows.get(row[0])
                if known is None or known[0] != row:
                    known = (row, span_from_row(row))
                    self._rows[row[0]] = known
                out.append(known[1])
            last = max((span.end for span in out), default=0)
            cached = self._documents.get(doc_id)
            if last and last > (len(cached.text) if cached is not None else -1):  # not known to fit: ask the file
                length = self._db.execute(
                    "SELECT length(t.text) FROM texts t JOIN documents d ON d.rowid = t.doc WHERE d.id = ?", (doc_id,)
                ).fetchone()
                stored_layer(annotator, LayerStatus.NEW, out, length[0] if length and type(length[0]) is int else 0)
        return tuple(out)

    def set_document_status(self, doc_id: str, status: DocStatus, *, expect: DocStatus | None = None) -> None:
        """Move a document to another workflow status; with ``expect``, only from that status.

        A status someone else changed since the caller read ``expect`` is not overwritten: :class:`StaleEdit`.
        """
        with self._one_statement():
            if expect is None:
                changed = self._db.execute(
                    "UPDATE documents SET status = ? WHERE id = ?", (str(DocStatus(status)), doc_id)
                ).rowcount
            else:  # one conditional statement: a second writer waits, then matches nothing
                changed = self._db.execute(
                    "UPDATE documents SET status = ? WHERE id = ? AND status = ?",
                    (str(DocStatus(status)), doc_id, str(DocStatus(expect))),
                ).rowcount
        if not changed:
            now = self._db.execute("SELECT status FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if now is None:
                raise DocumentNotFound(f"no document {doc_id!r} in {self.path}")
            raise StaleEdit(
                f"document {doc_id!r} is {now[0]} now, not {expect} (changed elsewhere since); nothing was changed"
            )

    def set_layer_status(self, doc_id: str, annotator: str, status: LayerStatus) -> None:
        """Mark one annotator's progress on a document."""
        with self.transaction():
            layer_id = self._ensure_layer(self._rowid(doc_id), annotator)
            self._db.execute("UPDATE layers SET status = ? WHERE id = ?", (str(LayerStatus(status)), layer_id))
