"""The server team commands of ``barchasb``: team (add, list, role, remove), round (open, close, status), log.

Passwords: ``team add`` asks for a new user's password twice when it runs at a terminal; with
``--generate``, or when standard input is not a terminal (a script), it makes a random one and prints it
once. Only its SCRAM verifier reaches the server; an existing login keeps its own password.
"""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys
from typing import Any

from annotator.console import print_json, printable
from annotator.errors import InputError, ProjectError
from annotator.store import Project
from annotator.store.db import is_server
from annotator.store.team import NEEDS_SERVER, ROLES


def add_parsers(sub: Any) -> None:
    """Register ``team``, ``round`` and ``log`` on the ``barchasb`` subparsers."""
    team = sub.add_parser("team", help="a server project's team: add, list, role, remove")
    actions = team.add_subparsers(dest="team_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="put someone on the team (creates their login when new)")
    add.add_argument("project", metavar="PROJECT_URL")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--generate", action="store_true", help="make a random password and print it once")
    listing = actions.add_parser("list", help="who is on the team: role, assigned and done documents")
    listing.add_argument("project", metavar="PROJECT_URL")
    listing.add_argument("--json", action="store_true")
    role = actions.add_parser("role", help="give a team member another role")
    role.add_argument("project", metavar="PROJECT_URL")
    role.add_argument("name", metavar="NAME")
    role.add_argument("role", choices=ROLES)
    remove = actions.add_parser("remove", help="take someone off the team (their layers stay)")
    remove.add_argument("project", metavar="PROJECT_URL")
    remove.add_argument("name", metavar="NAME")

    rounds = sub.add_parser("round", help="blind rounds: close one (annotators see each other's work) or open one")
    rounds.add_argument("round_command", choices=("open", "close", "status"), metavar="open|close|status")
    rounds.add_argument("project", metavar="PROJECT_URL")

    log = sub.add_parser("log", help="the audit trail of a server project: who changed what, when")
    log.add_argument("project", metavar="PROJECT_URL")
    log.add_argument("--user", metavar="NAME", help="only this user's changes")
    log.add_argument("--doc", metavar="DOC_ID", help="only changes to this document")
    log.add_argument("--since", metavar="TIME", help="from this date or time on (ISO, UTC unless given)")
    log.add_argument("--limit", type=_positive, metavar="N", help="only the last N changes")
    log.add_argument("--json", action="store_true", help="one JSON object per line")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _open(location: str, what: str = NEEDS_SERVER) -> Project:
    if not is_server(location):
        raise ProjectError(f"{location}: {what}")
    return Project.open(location)


def _team(args: argparse.Namespace) -> int:
    from annotator.store import team

    with _open(args.project) as project:
        if args.team_command == "list":
            people = team.members(project)
            if args.json:
                print_json([member.to_json() for member in people])
                return 0
            width = max([len(printable(m.name)) for m in people] + [4])
            print(f"{'name':<{width}}  {'role':<9}  assigned  done")
            for m in people:
                assigned, done = ("—" if n is None else str(n) for n in (m.assigned, m.done))
                print(f"{printable(m.name):<{width}}  {m.role:<9}  {assigned:>8}  {done:>4}")
            return 0
        name = args.name
        if args.team_command == "role":
            team.set_role(project, name, args.role)
            print(f"{printable(name)} is now {_article(args.role)} of {project.path}")
        elif args.team_command == "remove":
            team.remove_member(project, name)
            print(f"{printable(name)} is off the team of {project.path} (their layers stay)")
        elif team.user_exists(project, name):
            team.add_member(project, name, args.role, None)
            print(
                f"{printable(name)} already has a login on this server (their password is unchanged); "
                f"now {_article(args.role)} of {project.path}"
            )
        else:
            generate = args.generate or not sys.stdin.isatty()
            password = secrets.token_urlsafe(15) if generate else _ask_password(name)
            team.add_member(project, name, args.role, password)
            print(f"{printable(name)} is now {_article(args.role)} of {project.path}")
            if generate:
                print(f"password for {printable(name)} (shown only now; give it to them privately): {password}")
    return 0


def _article(role: str) -> str:
    return f"an {role}" if role[0] in "aeiou" else f"a {role}"


def _ask_password(name: str) -> str:
    first = getpass.getpass(f"password for {name}: ")
    if not first:
        raise InputError("the password cannot be empty (or use --generate)")
    if getpass.getpass("again: ") != first:
        raise InputError("the two passwords differ; nothing was changed")
    return first


def _round(args: argparse.Namespace) -> int:
    from annotator.store import team

    with _open(args.project) as project:
        if args.round_command != "status":
            team.set_round(project, blind=args.round_command == "open")
        blind = team.round_open(project)
    if blind:
        print("a blind round is open: annotators see only their own layers; `barchasb round close` shows them the rest")
    else:
        print("no blind round: annotators see every layer, gold and model of their documents (`round open` hides them)")
    return 0


def _log(args: argparse.Namespace) -> int:
    from annotator.store.audit import NEEDS_SERVER as NO_LOG
    from annotator.store.audit import audit_log, parse_since

    since = parse_since(args.since) if args.since else None
    with _open(args.project, NO_LOG) as project:
        entries = audit_log(project, user=args.user, doc_id=args.doc, since=since, limit=args.limit)
    for entry in entries:
        if args.json:
            print_json(entry.to_json())
            continue
        where = " ".join(
            part
            for part in (
                f"doc {printable(entry.doc_id)}" if entry.doc_id is not None else "",
                f"layer {printable(entry.layer)}" if entry.layer is not None else "",
            )
            if part
        )
        print(
            f"{entry.at}  {printable(entry.who)}  {entry.action} {entry.table} {printable(entry.row_key or '')}"
            f"{'  ' + where if where else ''}  {printable(_what(entry.table, entry.before, entry.after))}"
        )
    return 0


def _what(table: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """A change in a few words: a span's label and place, else the fields that changed."""

    def span(row: dict[str, Any]) -> str:
        role = f"/{row['role']}" if row.get("role") else ""
        return f"{row.get('label')}{role} {row.get('start')}-{row.get('end')} {row.get('status')}"

    if table == "spans":
        return " -> ".join(span(row) for row in (before, after) if row is not None)
    if before is not None and after is not None:
        changed = [key for key in after if before.get(key) != after[key] and key != "updated_at"]
        return ", ".join(f"{key}: {_short(before.get(key))} -> {_short(after[key])}" for key in changed)
    row = after if after is not None else before or {}
    shown = {key: row[key] for key in ("id", "title", "status", "key", "annotator", "decision", "role") if key in row}
    return ", ".join(f"{key}: {_short(value)}" for key, value in shown.items())


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


COMMANDS = {"team": _team, "round": _round, "log": _log}
