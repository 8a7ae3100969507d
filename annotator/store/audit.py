"""Reading a server project's audit trail (written by the database's own triggers: see pg_roles.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, NamedTuple

from annotator.errors import InputError
from annotator.store.project import Project
from annotator.store.team import server_db

NEEDS_SERVER = "the audit trail is a server project's (postgresql://...); a project file keeps no log of who did what"


class AuditEntry(NamedTuple):
    """One recorded change: who, when (UTC), which table and row, and the row before and after."""

    id: int
    at: str
    who: str
    table: str
    action: str  # insert, update, delete
    doc_id: str | None
    layer: str | None
    row_key: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "who": self.who,
            "table": self.table,
            "action": self.action,
            "doc": self.doc_id,
            "layer": self.layer,
            "key": self.row_key,
            "before": self.before,
            "after": self.after,
        }


def parse_since(text: str) -> datetime:
    """``--since``: an ISO date or time (UTC unless it says otherwise), e.g. 2026-11-30 or 2026-11-30T12:00."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"--since: not a date or time: {text!r} (e.g. 2026-11-30 or 2026-11-30T12:00)") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def audit_log(
    project: Project,
    *,
    user: str | None = None,
    doc_id: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[AuditEntry]:
    """The changes recorded, oldest first (the last ``limit`` of them), as far as the user may read them."""
    db = server_db(project, NEEDS_SERVER)
    where: list[str] = ["true"]
    params: list[object] = []
    if user is not None:
        where.append("who = ?")
        params.append(user)
    if doc_id is not None:
        where.append("doc = ?")
        params.append(doc_id)
    if since is not None:
        where.append("at >= ?")
        params.append(since)
    sql = (
        """SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), who, tbl, action, doc,
                  layer, row_key, before::text, after::text FROM audit WHERE """
        + " AND ".join(where)
        + " ORDER BY id DESC"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    rows = db.execute(sql, params).fetchall()
    return [
        AuditEntry(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], _json(r[8]), _json(r[9]))
        for r in reversed(rows)
    ]


def _json(text: str | None) -> dict[str, Any] | None:
    return None if text is None else dict(json.loads(text))
