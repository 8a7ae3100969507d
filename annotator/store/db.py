"""One connection to where a project lives: a SQLite file or a PostgreSQL database, behind the same calls.

:class:`Project` writes its SQL once, with ``?`` placeholders, in the words both dialects share (``INSERT
... RETURNING id``, ``ON CONFLICT``, ``count(*) FILTER (WHERE ...)``). The few statements that differ sit in
a :class:`Dialect`, one per backend, side by side (as Django keeps its backends' operations). Values are
always parameters, never pasted into SQL.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from annotator.errors import ProjectError
from annotator.store.changes import ChangeFeed

SERVER_SCHEMES = ("postgresql://", "postgres://")


class Conflict(ProjectError):
    """A write broke a uniqueness or key constraint on the server (the typed form of the driver's error)."""


@dataclass(frozen=True)
class Dialect:
    """The statements and clauses that differ between the backends."""

    # the layers of a document (``d``), names ordered and joined by U+001F, in one scalar subquery
    layer_names: str
    # a span row; a NULL id takes the next never-used one, a given id (an undo's restore) is kept
    insert_span: str
    # every column of a span row after its id and layer equals a parameter (NULL matches NULL)
    span_fields_match: str
    # appended to a SELECT whose rows the transaction will change (a no-op where a write locks everything)
    for_update: str
    # holds back every writer of spans until the transaction ends, after waiting for those in flight
    # (empty where a write locks everything)
    hold_span_writers: str
    # taken before a transaction reads the schema it will write spans under: a schema change that removes
    # labels (which holds back span writers) then either committed before, and is read, or waits for the end
    writes_spans: str = ""
    # between "INSERT INTO t(columns)" and "VALUES": rows that bring their own ids (a copy)
    explicit_ids: str = ""


class Cursor(Protocol):
    """What both drivers' cursors give: rows, in batches or one by one, and the number of rows changed."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ...) -> list[Any]: ...

    def close(self) -> None: ...

    def __iter__(self) -> Any: ...


class Later:
    """A statement sent later: its rows, once it was sent (after the transaction's next statement or its end)."""

    def __init__(self, send: Callable[[], None] | None = None) -> None:
        self._send = send  # sends the statements still waiting (this one among them)
        self.cursor: Cursor | None = None  # set when the statement is sent; its rows are read after the sync

    def rows(self) -> list[Any]:
        if self.cursor is None and self._send is not None:
            self._send()  # still waiting (the transaction goes on: its caller's): send it now
        if self.cursor is None:
            raise ProjectError("internal error: the rows of a statement read before it was sent")
        return self.cursor.fetchall()


def rows_of(cursor: Cursor) -> list[Any]:
    """A cursor's rows, none for a statement that returns none."""
    return cursor.fetchall() if getattr(cursor, "description", None) is not None else []


class Done(Later):
    """A statement already run: its rows, fetched at once (a file's statement is finished before its COMMIT)."""

    def __init__(self, rows: list[Any]) -> None:
        super().__init__()
        self._rows = rows

    def rows(self) -> list[Any]:
        return self._rows


class Db:
    """A connection to one project's database: the calls :class:`Project` makes, the same for both backends."""

    dialect: ClassVar[Dialect]
    atomic_statements: ClassVar[bool]  # True: one statement is a transaction of its own (no BEGIN needed)
    signed_models: ClassVar[bool]  # True: a stored model is only loaded when this installation signed it
    IntegrityError: ClassVar[type[Exception]]  # a uniqueness or key constraint was broken
    DatabaseError: ClassVar[type[Exception]]  # stored data or pages that cannot be read
    path: Path  # what messages show (a file path, or the server URL, which never holds a password)
    raw: Any  # the driver's connection (tests only)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement with ``?`` placeholders."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        """Run one statement for each row; the cursor's rowcount is the total of rows changed."""
        raise NotImplementedError

    def later(self, sql: str, params: Sequence[Any] = ()) -> Later:
        """Run a statement whose result is not needed yet; a server sends it with the transaction's next one."""
        return Done(rows_of(self.execute(sql, params)))

    def edit(self, edit: SpanEdit, now: str, gold: str) -> list[Any]:
        """Run a span edit, then touch its layer (TOUCH_LAYERS): one atomic step; the last write's rows.

        The caller holds a transaction where one statement is not atomic on its own (:attr:`atomic_statements`).
        """
        target = EDIT_TARGET.format(schema="" if edit.schema is None else SCHEMA_IS, started="")
        params = (edit.doc_id, edit.annotator) + (() if edit.schema is None else (edit.schema,))
        changed: set[int] = set()
        rows: list[Any] = []
        for sql, values in edit.writes:
            rows = self.execute(f"WITH {target} {sql}", (*params, *values)).fetchall()
            changed.update(int(row[0]) for row in rows)
        for layer in changed:
            self.execute(TOUCH_LAYERS.format(layers="?"), (now, layer))
            self.execute(TOUCH_DOCUMENTS.format(layers="?"), (layer, gold))
        return rows

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Rows of a long query, fetched in batches as they are used (never the whole result in memory)."""
        return self.execute(sql, params)

    def typed(self, exc: Exception) -> ProjectError | None:
        """The core's error for a driver error raised while rows were fetched (None: the caller words it)."""
        return None

    def insert_id(self, sql: str, params: Sequence[Any]) -> int:
        """Run an ``INSERT ... RETURNING <key>`` and return the new key."""
        row = self.execute(sql, params).fetchall()
        return int(row[0][0])

    def begin(self) -> None:
        """Start a write transaction."""
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def rollback(self) -> None:
        raise NotImplementedError

    def set_busy_timeout(self, seconds: float) -> None:
        """How long a write waits for another writer's lock before :class:`ProjectBusy`."""
        raise NotImplementedError

    def one_at_a_time(self, name: str) -> None:
        """Inside a write transaction: wait until no other transaction holds ``name``, then hold it to the end.

        A file needs nothing: its write lock already lets one writer in at a time.
        """

    def begin_read(self) -> None:
        """Start a read-only snapshot: what the following reads see stays as it was (others may write)."""
        raise NotImplementedError

    def end_read(self) -> None:
        self.rollback()

    def move_identities_past_ids(self) -> None:
        """After rows were inserted with their own ids: new ids continue after them (never a reused id)."""

    def drop_project(self) -> None:
        """Remove the project's tables (a copy that failed takes back the project it created)."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def listen(self) -> ChangeFeed:
        """A feed of the changes other clients commit to this project."""
        raise NotImplementedError


# The touch of the layers a span edit changed (``{layers}``: their ids): the layer's time, and an
# annotator's first edit moves it and a new or pre-tagged document to "in progress" (done and reviewed stay).
# Gold is left out of the document's status: curation has its own end state (reviewed).
TOUCH_LAYERS = (
    "UPDATE layers SET updated_at = ?, status = CASE status WHEN 'new' THEN 'in_progress' ELSE status END "
    "WHERE id IN ({layers})"
)
TOUCH_DOCUMENTS = (
    "UPDATE documents SET status = 'in_progress' WHERE status IN ('new', 'pretagged') "
    "AND rowid IN (SELECT doc FROM layers WHERE id IN ({layers}) AND annotator <> ?)"
)


# A span edit (Db.edit): writes in the layer ``target`` (by document id and annotator), each checking what it
# changes in its WHERE clause (a stale row matches nothing: nothing is written), then the layer's touch.
EDIT_TARGET = (
    "target AS (SELECT l.id FROM layers l JOIN documents d ON d.rowid = l.doc "
    "WHERE d.id = ? AND l.annotator = ?{schema}{started})"
)
# ... an edit that may bring a label in writes only while the schema it was checked against is still stored
# (a schema change that removes labels holds span writers back: see Project.set_schema)
SCHEMA_IS = " AND EXISTS (SELECT 1 FROM settings WHERE key = 'schema' AND value = ?)"
# ... and one that leaves the document's status alone writes only where there is nothing to move (gold never moves)
STARTED = " AND (d.status NOT IN ('new', 'pretagged') OR l.annotator = ?)"


@dataclass(frozen=True)
class SpanEdit:
    """Writes of one span edit in one layer (each ``... FROM target ... RETURNING layer, id``)."""

    doc_id: str
    annotator: str
    schema: str | None  # the stored schema's text the spans were checked against (None: no label comes in)
    writes: tuple[tuple[str, tuple[Any, ...]], ...]
    started: bool = False  # believed past new and pre-tagged: a server may then leave the status untouched


def utc_now() -> str:
    """The time now, as every timestamp column holds it (UTC, to the second)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def is_server(location: str | Path) -> bool:
    """True when ``location`` names a PostgreSQL database rather than a file."""
    return server_url(location) is not None


def server_url(location: str | Path) -> str | None:
    """The URL ``location`` names, or None for a file; a URL that went through ``Path()`` (which folds its
    ``//`` into ``/``) is read as the URL it was."""
    text = str(location)
    if text.startswith(SERVER_SCHEMES):
        return text
    if isinstance(location, Path) and not isinstance(location, ServerPath):
        for scheme in SERVER_SCHEMES:
            folded = scheme.replace("//", "/")
            if text.startswith(folded):
                return scheme + text[len(folded) :]
    return None


class ServerPath(Path):
    """A server project's ``path``: shown as its URL (never holding a password), named after its database.

    It is a :class:`Path` only so that code written for files (titles, messages) keeps working; nothing
    may be read from or written to it as a file.
    """

    url: str | None = None
    dbname: str = ""

    def __str__(self) -> str:
        return self.url if self.url is not None else super().__str__()

    @property
    def name(self) -> str:
        return self.dbname if self.url is not None else super().name

    @property
    def stem(self) -> str:
        return self.dbname if self.url is not None else super().stem  # a database "team.v2" is not "team"


def server_path(url: str, dbname: str) -> Path:
    """The :class:`ServerPath` of a URL."""
    path = ServerPath(url)
    path.url = url
    path.dbname = dbname
    return path
