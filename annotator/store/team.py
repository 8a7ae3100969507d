"""The team of a server project: who is on it with which role, blind rounds (the rules are in pg_roles.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from annotator.errors import ProjectError
from annotator.store.project import Project

if TYPE_CHECKING:
    from annotator.store.postgres_db import PostgresDb

ROLES = ("annotator", "curator", "manager")
NEEDS_SERVER = "roles and rounds need a server project (postgresql://...); a project file has one user"


class Member(NamedTuple):
    """One person on the team, with their work: documents assigned, and their layers marked done."""

    name: str
    role: str
    assigned: int | None  # None: hidden from the one asking (an annotator sees only their own work)
    done: int | None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "assigned": self.assigned, "done": self.done}


def server_db(project: Project, what: str = NEEDS_SERVER) -> PostgresDb:
    """The project's server connection; :class:`ProjectError` for a file."""
    from annotator.store.db import is_server

    if not is_server(project.path):
        raise ProjectError(f"{project.path}: {what}")
    from annotator.store.postgres_db import PostgresDb

    db = project._db
    assert isinstance(db, PostgresDb)
    return db


def whoami(project: Project) -> tuple[str, str | None] | None:
    """The logged-in user and their project role (manager, curator, annotator, None: none); None for a file."""
    from annotator.store.db import is_server

    if not is_server(project.path):
        return None
    db = server_db(project)
    return str(db.raw.info.user), db.role


def user_exists(project: Project, name: str) -> bool:
    """True when the server already has a login (or any role) of that name."""
    db = server_db(project)
    return db.execute("SELECT 1 FROM pg_roles WHERE rolname = ?", (name,)).fetchone() is not None


def add_member(project: Project, name: str, role: str, password: str | None) -> bool:
    """Put ``name`` on the team with ``role``; creates their login (with ``password``) when new. True: created.

    Only the password's SCRAM verifier, computed here, reaches the server.
    """
    db = server_db(project)
    _check_role(role)
    verifier = None
    if password is not None:
        if not password:
            raise ProjectError("the password cannot be empty")
        raw = db.raw.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
        verifier = raw.decode()
    with project.transaction():
        row = db.execute("SELECT team_add(?, ?, ?)", (name, verifier, role)).fetchone()
    return bool(row[0])


def set_role(project: Project, name: str, role: str) -> None:
    """Give a team member another role."""
    db = server_db(project)
    _check_role(role)
    _check_member(project, name)
    with project.transaction():
        db.execute("SELECT team_set(?, ?)", (name, role))


def remove_member(project: Project, name: str) -> None:
    """Take ``name`` off the team (their login and their layers stay)."""
    db = server_db(project)
    _check_member(project, name)
    with project.transaction():
        db.execute("SELECT team_remove(?)", (name,))


def members(project: Project) -> list[Member]:
    """Everyone on the team, by name, with what they were given and what they finished (as far as one may see)."""
    db = server_db(project)
    rows = db.execute(
        """SELECT u.rolname, substr(g.rolname, length(p.value) + 2),
                  (SELECT count(*) FROM assignments a WHERE a.annotator = u.rolname),
                  (SELECT count(*) FROM layers l WHERE l.annotator = u.rolname AND l.status = 'done')
           FROM meta p JOIN pg_roles g ON g.rolname IN (p.value || '_manager', p.value || '_curator',
                                                         p.value || '_annotator')
           JOIN pg_auth_members am ON am.roleid = g.oid JOIN pg_roles u ON u.oid = am.member AND u.rolcanlogin
           WHERE p.key = 'roles' ORDER BY u.rolname COLLATE "C" """
    ).fetchall()
    me, sees_all = db.raw.info.user, db.role in ("manager", "curator")
    return [
        Member(str(name), str(role), int(assigned), int(done))
        if sees_all or name == me
        else Member(str(name), str(role), None, None)
        for name, role, assigned, done in rows
    ]


def round_open(project: Project) -> bool:
    """True while a blind round is open (annotators see only their own work); a file has no rounds."""
    server_db(project)
    row = project._db.execute("SELECT value FROM settings WHERE key = 'blind'").fetchone()
    return row is None or row[0] == "true"


def set_round(project: Project, *, blind: bool) -> None:
    """Open a blind round (``blind``) or close it: annotators then see each other's layers, gold and models."""
    server_db(project)
    with project.transaction():
        project._put_setting("blind", "true" if blind else "false")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ProjectError(f"unknown role {role!r} (annotator, curator or manager)")


def _check_member(project: Project, name: str) -> None:
    if name not in {member.name for member in members(project)}:
        raise ProjectError(f"{name} is not on the team of {project.path}")
