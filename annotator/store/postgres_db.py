"""The server backend: a project in a PostgreSQL database, shared by a team (imported only for such a project).

Every edit is one transaction at READ COMMITTED. A checked edit locks the row it found as expected
(``SELECT ... FOR UPDATE``), so of two writers on one row the second waits, then finds it changed and is
refused with :class:`StaleEdit`. Passwords come only from libpq's own places (``PGPASSWORD``, ``~/.pgpass``,
a service file): a URL that holds one is refused, so no message can ever show it. Driver errors become the
core's typed errors; a lost connection is one clear :class:`ProjectError`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import psycopg
from psycopg import errors as pg_errors
from psycopg import sql as pg_sql
from psycopg.conninfo import conninfo_to_dict
from psycopg.pq import TransactionStatus

from annotator.errors import PasswordRequired, ProjectBusy, ProjectError
from annotator.store import pg_roles
from annotator.store.changes import Change, ChangeFeed, parse_change
from annotator.store.db import (
    EDIT_TARGET,
    SCHEMA_IS,
    STARTED,
    TOUCH_DOCUMENTS,
    TOUCH_LAYERS,
    Conflict,
    Cursor,
    Db,
    Dialect,
    Done,
    Later,
    SpanEdit,
    rows_of,
    server_path,
)
from annotator.store.pg_migrations import (
    APPLICATION,
    IDENTITIES,
    PG_MIGRATIONS,
    PG_SCHEMA_VERSION,
    TABLE_NAMES,
)

DEFAULT_SCHEMA = "barchasb"
LOCK_TIMEOUT = 30.0  # seconds a write waits for another writer's row lock (as a file waits for its lock)

POSTGRES = Dialect(
    layer_names="(SELECT string_agg(annotator, chr(31) ORDER BY annotator) FROM layers WHERE doc = d.rowid)",
    insert_span=(
        'INSERT INTO spans(id, layer, start, "end", label, role, status, source, confidence) OVERRIDING SYSTEM VALUE '
        "VALUES (COALESCE(?::bigint, nextval('spans_id_seq')), ?, ?, ?, ?, ?, ?, ?, ?)"
    ),
    span_fields_match=(
        'start = ? AND "end" = ? AND label = ? AND role IS NOT DISTINCT FROM ? AND status = ? AND source = ? '
        "AND confidence IS NOT DISTINCT FROM ?"
    ),
    for_update=" FOR UPDATE",
    # waits for every transaction that writes spans, and holds back new ones; a statement takes its snapshot
    # after its locks, so one that waited sees what the holder committed. SHARE ROW EXCLUSIVE, not SHARE: two
    # holders that then write spans (two pre-taggers) must not each wait for the other's lock
    hold_span_writers="LOCK TABLE spans IN SHARE ROW EXCLUSIVE MODE",
    writes_spans="LOCK TABLE spans IN ROW EXCLUSIVE MODE",  # what each span write takes anyway, only earlier
    explicit_ids=" OVERRIDING SYSTEM VALUE",
)

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_SEARCH_PATH = re.compile(r"search_path\s*=\s*([^\s,]+)")


class PostgresDb(Db):
    """A connection to a server project (autocommit between the explicit transactions of :class:`Project`)."""

    dialect = POSTGRES
    atomic_statements = True
    signed_models = False  # a teammate's model is signed with their key; on a server the database decides who writes
    IntegrityError = Conflict
    DatabaseError = psycopg.Error  # never escapes: execute() turns every driver error into a typed one
    stream_batch = 2000  # rows per round trip of a streamed query

    def __init__(
        self, path: Path, conn: psycopg.Connection[Any], schema: str, url: str = "", password: str | None = None
    ) -> None:
        self.path = path
        self._url = url
        self._password = password  # in memory only: given to libpq as a keyword, never put in the URL
        self.raw = conn
        self.schema = schema
        self._translated: dict[str, str] = {}
        self._streams = 0
        self._lock_timeout = LOCK_TIMEOUT
        self._in_transaction = False  # a connection lost inside a transaction is not replaced until it ends
        # Round trips saved: BEGIN waits to go with the transaction's first statement, and statements whose
        # results nobody reads (later()) with the next one or the COMMIT, in one pipeline.
        self._begin_pending = False
        self._queued: list[tuple[str, Sequence[Any], Later]] = []
        self._edits: dict[tuple[object, ...], str] = {}  # edit() statements, built once
        self.role: str | None = None  # the user's project role (pg_roles.py), read once at connect

    # -- connecting ------------------------------------------------------------------------

    @classmethod
    def connect(cls, url: str, *, new: bool = False, password: str | None = None) -> PostgresDb:
        """Connect to the database of ``url``; create the project there (``new``) or check and migrate it.

        ``password``: the one a person typed (else libpq's own places); :class:`PasswordRequired` when the
        server asks for one and none, or a wrong one, was given.
        """
        path, _params, schema = parse_url(url)
        conn = _connect(url, path, password, "cannot connect to the server ({error})")
        db = cls(path, conn, schema, url, password)
        try:
            db._session()
            if new:
                db._create()
            else:
                db._open()
            db.role = pg_roles.role_of(db.raw)
        except BaseException:
            conn.close()
            raise
        return db

    def _create(self) -> None:
        """Make Barchasb's tables in an empty schema, in one transaction; refuse a database that has a project."""
        self.begin()
        try:
            self._lock_schema()
            if self._has_meta():
                raise ProjectError(
                    f"{self.path}: already holds a Barchasb project (schema {self.schema}); open it, or choose "
                    "another database or schema"
                )
            if self._tables():
                raise ProjectError(
                    f"{self.path}: schema {self.schema} already holds other tables; choose another schema "
                    "(?options=-csearch_path%3DNAME in the URL)"
                )
            self.execute_raw(pg_sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(pg_sql.Identifier(self.schema)))
            self._run_migrations(0)
            self.executemany(
                "INSERT INTO meta(key, value) VALUES (?, ?)",
                [("application", APPLICATION), ("version", str(PG_SCHEMA_VERSION))],
            )
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def _open(self) -> None:
        """Check that the schema holds a Barchasb project this version can read, then migrate it."""
        if not self._has_meta():
            raise ProjectError(
                f"{self.path}: no Barchasb project in this database (schema {self.schema}); create one with "
                f"`barchasb new {self.path}`"
            )
        version = self._version()
        if version >= PG_SCHEMA_VERSION:
            return
        self.begin()
        try:
            self._lock_schema()
            self._run_migrations(self._version())  # another client may have migrated it while we waited
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def _version(self) -> int:
        rows = dict(self.execute("SELECT key, value FROM meta WHERE key IN ('application', 'version')").fetchall())
        version = rows.get("version", "")
        if rows.get("application") != APPLICATION or not str(version).isdigit() or int(version) <= 0:
            raise ProjectError(f"{self.path}: schema {self.schema} is not a Barchasb project")
        if int(version) > PG_SCHEMA_VERSION:
            raise ProjectError(
                f"{self.path}: made by a newer Barchasb (server version {version}, this one reads up to "
                f"{PG_SCHEMA_VERSION}); update Barchasb to open it"
            )
        return int(version)

    def _run_migrations(self, version: int) -> None:
        for number in range(version, PG_SCHEMA_VERSION):
            for statement in PG_MIGRATIONS[number]:
                self.execute(statement)
        if version:
            self.execute("UPDATE meta SET value = ? WHERE key = 'version'", (str(PG_SCHEMA_VERSION),))

    def _lock_schema(self) -> None:
        """One client at a time creates or migrates a schema (held until the transaction ends)."""
        self.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (f"barchasb:{self.schema}",))

    def _has_meta(self) -> bool:
        row = self.execute(
            "SELECT 1 FROM pg_tables WHERE schemaname = ? AND tablename = 'meta'", (self.schema,)
        ).fetchone()
        return row is not None

    def _tables(self) -> int:
        row = self.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?",
            (self.schema,),
        ).fetchone()
        return int(row[0])

    # -- statements ------------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        """``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled); cached per statement."""
        done = self._translated.get(sql)
        if done is None:
            done = self._translated[sql] = sql.replace("%", "%%").replace("?", "%s")
        return done

    def _session(self) -> None:
        """What every connection of this project sets first: the project's schema and the lock wait."""
        self.execute("SELECT set_config('search_path', ?, false)", (self.schema,))
        self.set_busy_timeout(self._lock_timeout)

    def _reconnect(self) -> None:
        """A new connection after the old one was lost (only between transactions: a lost one stays lost)."""
        self.raw = _connect(self._url, self.path, self._password, "the connection to the server was lost: {error}")
        self._session()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        if self._begin_pending or self._queued:
            return self._pipelined(sql, params)
        if not self._in_transaction and (self.raw.closed or self.raw.broken):
            self._reconnect()
        try:
            cursor: Cursor = self.raw.execute(self._sql(sql), params)
        except psycopg.Error as exc:
            raise self._typed(exc) from None
        return cursor

    def _pipelined(self, sql: str, params: Sequence[Any]) -> Cursor:
        """The pending BEGIN and queued statements, then this one: one round trip; this one's cursor."""
        if self._begin_pending and (self.raw.closed or self.raw.broken):
            self._reconnect()  # nothing of this transaction was sent yet
        try:
            with self.raw.pipeline():
                self._send_pending()
                cursor: Cursor = self.raw.execute(self._sql(sql), params)
        except psycopg.Error as exc:
            raise self._typed(exc) from None
        return cursor

    def _send_pending(self) -> None:
        """Send the pending BEGIN and the queued statements (inside a pipeline: they wait for its sync)."""
        if self._begin_pending:
            self._begin_pending = False
            self.raw.execute("BEGIN")
        queued, self._queued = self._queued, []
        for statement, values, later in queued:
            later.cursor = self.raw.execute(self._sql(statement), values)

    def _flush(self) -> None:
        """Send what is pending now (before a statement that cannot join a pipeline); raises the driver's error."""
        if self._begin_pending or self._queued:
            if self._begin_pending and (self.raw.closed or self.raw.broken):
                self._reconnect()
            with self.raw.pipeline():
                self._send_pending()

    def _send_now(self) -> None:
        try:
            self._flush()
        except psycopg.Error as exc:
            raise self._typed(exc) from None

    def later(self, sql: str, params: Sequence[Any] = ()) -> Later:
        if not self._in_transaction:
            return Done(rows_of(self.execute(sql, params)))
        later = Later(self._send_now)
        self._queued.append((sql, params, later))
        return later

    def edit(self, edit: SpanEdit, now: str, gold: str) -> list[Any]:
        # one statement: the writes and the touch as data-modifying CTEs (atomic without BEGIN and COMMIT);
        # each of them runs the tables' statement triggers (NOTIFY, audit), even when it changes no row, so a
        # document believed started is not moved (its target checks that there is nothing to move)
        key = (edit.schema is not None, edit.started, *(write for write, _ in edit.writes))
        sql = self._edits.get(key)
        if sql is None:
            names = [f"w{i}" for i in range(len(edit.writes))]
            layers = " UNION ALL ".join(f"SELECT layer FROM {name}" for name in names)
            guard = "" if edit.schema is None else SCHEMA_IS
            parts = [EDIT_TARGET.format(schema=guard, started=STARTED if edit.started else "")]
            parts += [f"{name} AS ({write})" for name, (write, _) in zip(names, edit.writes, strict=True)]
            parts.append(f"touched AS ({TOUCH_LAYERS.format(layers=layers)})")
            if not edit.started:
                parts.append(f"moved AS ({TOUCH_DOCUMENTS.format(layers=layers)})")
            sql = self._edits[key] = f"WITH {', '.join(parts)} SELECT * FROM {names[-1]}"
        values: list[Any] = [edit.doc_id, edit.annotator]
        if edit.schema is not None:
            values.append(edit.schema)
        if edit.started:
            values.append(gold)
        for _, more in edit.writes:
            values.extend(more)
        values.append(now)
        if not edit.started:
            values.append(gold)
        return self.execute(sql, values).fetchall()

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        # a server-side cursor, kept past the statement's own transaction (WITH HOLD): rows come in batches
        self._streams += 1
        cursor = self.raw.cursor(name=f"barchasb_stream_{self._streams}", withhold=True)
        cursor.itersize = self.stream_batch
        try:
            self._flush()
            cursor.execute(self._sql(sql), params)
        except psycopg.Error as exc:
            raise self._typed(exc) from None
        return cursor  # type: ignore[no-any-return]

    def typed(self, exc: Exception) -> ProjectError | None:
        return self._typed(exc) if isinstance(exc, psycopg.Error) else None

    def execute_raw(self, statement: pg_sql.Composed) -> None:
        """A statement composed with psycopg's identifier quoting (a schema name), without parameters."""
        try:
            self._flush()
            self.raw.execute(statement)
        except psycopg.Error as exc:
            raise self._typed(exc) from None

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Cursor:
        cursor: Cursor = self.raw.cursor()
        try:
            self._flush()
            cursor.executemany(self._sql(sql), list(rows))  # type: ignore[attr-defined]
        except psycopg.Error as exc:
            raise self._typed(exc) from None
        return cursor

    def begin(self) -> None:
        self._begin_pending = True  # sent with the first statement (a transaction that sends none costs nothing)
        self._in_transaction = True

    def commit(self) -> None:
        try:
            if self._begin_pending and not self._queued:
                self._begin_pending = False  # nothing was sent: nothing to commit
            else:
                self.execute("COMMIT")
        except BaseException:
            self.rollback()  # a statement sent with the COMMIT failed: the transaction is open, and aborted
            raise
        finally:  # a COMMIT the server refused has ended the transaction too
            self._in_transaction = False

    def rollback(self) -> None:
        self._in_transaction = False
        self._begin_pending = False
        self._queued = []
        if self.raw.closed or self.raw.info.transaction_status == TransactionStatus.IDLE:
            return
        with contextlib.suppress(psycopg.Error):  # a lost connection has nothing left to roll back
            self.raw.execute("ROLLBACK")

    def set_busy_timeout(self, seconds: float) -> None:
        self._lock_timeout = seconds
        self.execute("SELECT set_config('lock_timeout', ?, false)", (f"{max(1, int(seconds * 1000))}ms",))

    def one_at_a_time(self, name: str) -> None:
        # a lock of this project's schema, released at the end of the transaction; waits up to lock_timeout
        self.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()), hashtext(?))", (name,))

    def begin_read(self) -> None:
        self.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        self._in_transaction = True

    def drop_project(self) -> None:
        for table in ("meta", *TABLE_NAMES):
            self.execute_raw(pg_sql.SQL("DROP TABLE IF EXISTS {} CASCADE").format(pg_sql.Identifier(table)))
        for statement in pg_roles.DROP:
            self.execute(statement)
        self.execute("DROP FUNCTION IF EXISTS notify_change()")

    def move_identities_past_ids(self) -> None:
        """After rows were copied with their ids: the next new id is past every copied one (ids are never reused)."""
        for table, column in IDENTITIES:
            statement = pg_sql.SQL(
                "SELECT setval(pg_get_serial_sequence({table}, {column}), "
                "GREATEST((SELECT max({col}) FROM {ident}), 1), (SELECT max({col}) FROM {ident}) IS NOT NULL)"
            ).format(
                table=pg_sql.Literal(f"{self.schema}.{table}"),
                column=pg_sql.Literal(column),
                col=pg_sql.Identifier(column),
                ident=pg_sql.Identifier(table),
            )
            self.execute_raw(statement)

    def close(self) -> None:
        self.raw.close()

    def listen(self) -> ChangeFeed:
        """Other clients' committed changes to this project, as the database announces them."""
        conn = _connect(self._url, self.path, self._password, "cannot connect to the server ({error})")
        try:
            self.subscribe(conn)
        except psycopg.Error as exc:
            conn.close()
            raise self._typed(exc) from None
        return ServerFeed(self, conn)

    def subscribe(self, conn: psycopg.Connection[Any]) -> None:
        """LISTEN on the project's public channel and on this user's private ones (a blind round's: pg_roles.py)."""
        public = f"barchasb_{self.schema}"
        conn.execute(pg_sql.SQL("LISTEN {}").format(pg_sql.Identifier(public)))  # kept: UNLISTEN drops what waits
        old = {str(row[0]) for row in conn.execute("SELECT pg_listening_channels()")} - {public[:63]}
        new = set(pg_roles.private_channels(conn, self.schema))
        for channel in old - new:
            conn.execute(pg_sql.SQL("UNLISTEN {}").format(pg_sql.Identifier(channel)))
        for channel in new - old:
            conn.execute(pg_sql.SQL("LISTEN {}").format(pg_sql.Identifier(channel)))

    def _typed(self, exc: psycopg.Error) -> ProjectError:
        """The core's error for a driver's (the message never holds a password: a URL with one is refused)."""
        text = _first_line(exc)
        if self.raw.closed or self.raw.broken or isinstance(exc, pg_errors.AdminShutdown):
            return ProjectError(f"{self.path}: the connection to the server was lost: {text}")
        if isinstance(exc, psycopg.IntegrityError):
            return Conflict(f"{self.path}: {text}")
        if isinstance(exc, pg_errors.LockNotAvailable | pg_errors.SerializationFailure | pg_errors.DeadlockDetected):
            return ProjectBusy(f"{self.path}: the project is busy (another process is writing); try again")
        if isinstance(exc, pg_errors.InsufficientPrivilege):
            return pg_roles.not_allowed(self.raw.info.user, self.role, text)
        if isinstance(exc, psycopg.OperationalError) and (exc.sqlstate or "08").startswith("08"):
            return ProjectError(f"{self.path}: the connection to the server was lost: {text}")
        # the server has aborted the transaction (a full disk, a used-up id space, a cancelled statement)
        return ProjectError(f"{self.path}: {text}" + ("; nothing was changed" if self._in_transaction else ""))


class ServerFeed(ChangeFeed):
    """Notifications on the project's channel, read on a connection of their own."""

    def __init__(self, db: PostgresDb, conn: psycopg.Connection[Any]) -> None:
        self._db = db
        self._conn = conn

    def poll(self, timeout: float) -> list[Change]:
        mine = self._db.raw.info.backend_pid if not self._db.raw.closed else None
        try:
            received = list(self._conn.notifies(timeout=timeout, stop_after=1))
            if received:  # then whatever else has arrived, without waiting again
                received += self._conn.notifies(timeout=0.001)
            changes = [c for n in received if (c := parse_change(n.payload, mine=n.pid == mine)) is not None]
            if any(change.table == "settings" and change.key == "channels" for change in changes):
                self._resubscribe()  # someone left the team: the private channels have new names (pg_roles.py)
        except psycopg.Error as exc:
            raise ProjectError(f"{self._db.path}: the connection to the server was lost: {_first_line(exc)}") from None
        return changes

    def _resubscribe(self) -> None:
        with contextlib.suppress(pg_errors.InsufficientPrivilege):  # this user left: they hear the public one only
            self._db.subscribe(self._conn)

    def close(self) -> None:
        self._conn.close()


def parse_url(url: str) -> tuple[Path, dict[str, Any], str]:
    """The project's shown path, the libpq parameters and the schema; refuses a URL that holds a password."""
    shown = re.sub(r"(://[^/@?#]*?):[^@/?#]*@", r"\1@", url)  # user:password@ -> user@ (never shown)
    shown = re.sub(r"([?&]password=)[^&]*", r"\1…", shown)
    try:
        params = conninfo_to_dict(url)
    except psycopg.Error as exc:
        raise ProjectError(f"{shown}: not a valid PostgreSQL URL ({_first_line(exc)})") from None
    if params.get("password"):
        raise ProjectError(
            f"{shown}: a password in the URL is refused (it would be seen in the process list and kept in "
            "histories and recent projects); put it in ~/.pgpass or PGPASSWORD"
        )
    schema = DEFAULT_SCHEMA
    found = _SEARCH_PATH.search(unquote(str(params.get("options") or "")))
    if found:
        schema = found.group(1).strip("'\"")
        if not _NAME.fullmatch(schema):
            raise ProjectError(
                f"{shown}: schema name {schema!r} is not a plain lower-case name (letters, digits and _)"
            )
    dbname = str(params.get("dbname") or params.get("user") or "postgres")
    return server_path(shown, dbname), params, schema


def _connect(url: str, path: Path, password: str | None, failure: str) -> psycopg.Connection[Any]:
    """A new autocommit connection; the password (if any) goes to libpq as a keyword, never into the URL."""
    try:
        if password is None:
            return psycopg.connect(url, autocommit=True)
        return psycopg.connect(url, autocommit=True, password=password)
    except psycopg.Error as exc:
        text = str(exc)
        if "no password supplied" in text:
            raise PasswordRequired(f"{path}: the server asks for a password") from None
        if "password authentication failed" in text:
            user = conninfo_to_dict(url).get("user") or "this user"
            raise PasswordRequired(f"{path}: the server refused the password for {user}", wrong=True) from None
        raise ProjectError(f"{path}: " + failure.format(error=_first_line(exc))) from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
