"""What other clients changed in a project: read by a window to refresh what it shows without reloading.

A server project announces every committed change (LISTEN/NOTIFY, written by the database's triggers:
see pg_migrations.py). A file has no announcements; its feed only says that another connection committed
something (SQLite's ``data_version``), so a window reloads what it shows.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import NamedTuple


class Change(NamedTuple):
    """One committed change: the table, and the document, layer or setting it touched (None: not known)."""

    table: str  # spans, layers, documents, settings, assignments, decisions; "project" for a file
    doc_id: str | None = None
    layer: str | None = None
    key: str | None = None
    mine: bool = False  # made through this project's own connection


class ChangeFeed:
    """Changes committed since the last poll."""

    def poll(self, timeout: float) -> list[Change]:
        """Wait up to ``timeout`` seconds for changes; returns them (empty: nothing changed)."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> ChangeFeed:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def parse_change(payload: str, *, mine: bool = False) -> Change | None:
    """A server's message as a :class:`Change`; None for one that is not ours (anyone may NOTIFY a channel)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("table"), str):
        return None
    fields = [data.get(name) for name in ("doc", "layer", "key")]
    if any(value is not None and not isinstance(value, str) for value in fields):
        return None
    return Change(data["table"], fields[0], fields[1], fields[2], mine)


class FileFeed(ChangeFeed):
    """A file's feed: one ``project`` change when another connection has committed since the last poll."""

    STEP = 0.1  # seconds between two looks at the file

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._version = self._data_version()

    def _data_version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def poll(self, timeout: float) -> list[Change]:
        deadline = time.monotonic() + timeout
        while True:
            version = self._data_version()
            if version != self._version:
                self._version = version
                return [Change("project")]
            left = deadline - time.monotonic()
            if left <= 0:
                return []
            time.sleep(min(self.STEP, left))

    def close(self) -> None:
        self._conn.close()
