"""Project locations as the command line takes and shows them: a server URL naming its schema, never a password.

``--db-schema NAME`` writes the schema into the URL (libpq's ``options=-csearch_path=NAME``), so every later
command, the window and the recent-projects list find the project by that URL alone: nothing is stored on
the client.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from annotator.errors import BarchasbError, InputError
from annotator.store.db import server_url

SCHEMA_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def check_schema_name(name: str) -> str:
    """``name`` when it can name a project's schema: a plain lower-case identifier, not one of PostgreSQL's own."""
    if not SCHEMA_NAME.fullmatch(name):
        raise ValueError(
            f"{name!r} is not a plain lower-case name (a letter or _, then letters, digits and _; at most 63)"
        )
    if name.startswith("pg_") or name == "information_schema":
        raise ValueError(f"{name!r} is a name PostgreSQL keeps for its own schemas")
    return name


def shown(location: str) -> str:
    """``location`` as messages show it: a file as given, a server URL without any password."""
    if server_url(location) is None:
        return location
    from annotator.store.postgres_db import parse_url  # psycopg is loaded only for a server project

    try:
        return str(parse_url(location)[0])
    except BarchasbError:
        return "the server"


def with_schema(location: str, schema: str | None) -> str:
    """``location`` with ``schema`` (when given) in its options; refuses a file and a URL naming another schema."""
    if schema is None:
        return location
    url = server_url(location)
    if url is None:
        raise InputError(
            f"{location}: --db-schema is for a project on a PostgreSQL server (postgresql://...); "
            "a project file holds one project"
        )
    from annotator.store.postgres_db import parse_url  # psycopg is loaded only for a server project

    shown, params, named = parse_url(url)
    if "search_path" in unquote(str(params.get("options") or "")):
        if named != schema:
            raise InputError(
                f"{shown}: --db-schema {schema} and the URL's options (search_path={named}) name different "
                "schemas; give one of them"
            )
        return url
    base, _, query = url.partition("?")
    items = [item for item in query.split("&") if item]
    option = f"-csearch_path={schema}"
    for number, item in enumerate(items):
        key, _, value = item.partition("=")
        if key == "options":  # keep the user's other options (-c statement_timeout=..., ...)
            items[number] = "options=" + quote(f"{unquote(value)} {option}", safe="")
            break
    else:
        items.append("options=" + quote(option, safe=""))
    return f"{base}?{'&'.join(items)}"
