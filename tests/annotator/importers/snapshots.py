"""A server project put back to how it was built, in one round trip (a new database per test is slower).

The importer tests and the fuzzing run many times on the same starting project. On a file that is a copy
of the file; on a server, the project's tables are copied once into a schema of their own and each run
deletes and re-inserts their rows (keys and change triggers off meanwhile). Identity sequences go on
counting, as after any rolled-back write: no id is ever reused, and no test reads a new row's id.
"""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import sql

_KEPT = "built"  # the schema that holds the copy


class Snapshot:
    """The rows of a server project's tables as they are now, to put back with :meth:`restore`."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._conn: Any = psycopg.connect(url, autocommit=True)
        self._conn.execute("SET search_path TO barchasb")
        self._conn.execute("SET lock_timeout = '20s'")  # a test that left a write open fails, never hangs
        tables = [
            sql.Identifier(name)
            for (name,) in self._conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                "AND table_type = 'BASE TABLE' ORDER BY table_name"
            ).fetchall()
        ]
        assert len(tables) >= 10, "the project's tables are not on the search path"
        kept = sql.Identifier(_KEPT)
        self._conn.execute(sql.SQL("CREATE SCHEMA {}").format(kept))
        for table in tables:
            self._conn.execute(sql.SQL("CREATE TABLE {}.{} AS SELECT * FROM {}").format(kept, table, table))
        self._restore = sql.SQL("; ").join(
            [
                sql.SQL("SET session_replication_role = replica"),  # no key checks or change notices meanwhile
                *(sql.SQL("DELETE FROM {}").format(table) for table in tables),
                *(
                    sql.SQL("INSERT INTO {} OVERRIDING SYSTEM VALUE SELECT * FROM {}.{}").format(table, kept, table)
                    for table in tables
                ),
                sql.SQL("SET session_replication_role = origin"),
            ]
        )

    def restore(self) -> str:
        """Put the rows back; the project's URL."""
        self._conn.execute(self._restore)
        return self.url

    def close(self) -> None:
        self._conn.close()
