"""Round trips and statements per edit on a server project, counted from libpq's own protocol trace.

Usage: python benchmarks/roundtrips.py [--superuser] [--url postgresql://...]
Without --url, starts a throwaway PostgreSQL (tests/pgserver.py). As a real team works (the default): a
CREATEROLE manager makes the project, the annotator ali edits through her own login, a curator login
resolves gold (needs the throwaway server); --superuser makes every edit as the URL's user. For each kind
of edit the window and the team benchmark make, prints how many times the client waited for the server
(a Sync or a simple Query sent, or a Flush in a pipeline that is not the one after its Sync: one round
trip each) and how many statements it sent (Execute or Query messages), after a warm-up (the schema and
the text already read once, statements prepared). "The first span of a new layer" is an annotator's
first span on a document nobody has started.
The counts do not depend on the machine's load, unlike the wall-clock figures of team_bench.py.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.importers import ImportOptions, import_paths  # noqa: E402
from annotator.model import DocStatus, Span, SpanStatus  # noqa: E402
from annotator.schema import preset  # noqa: E402
from annotator.store import Project  # noqa: E402
from annotator.store import team as team_ops  # noqa: E402
from annotator.store.edits import Expected  # noqa: E402
from benchmarks.team_bench import MANAGER, Login, as_user, make_manager, password_of, pgpassword  # noqa: E402

WORD = "علی"


@contextmanager
def traced(project: Project) -> Iterator[dict[str, int]]:
    """Counts of the protocol messages the project's connection sends inside the block."""
    from psycopg.pq import Trace

    counts = {"round trips": 0, "statements": 0}
    conn: Any = project._db.raw
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        conn.pgconn.trace(log.fileno())
        conn.pgconn.set_trace_flags(Trace.SUPPRESS_TIMESTAMPS | Trace.REGRESS_MODE)
        try:
            yield counts
        finally:
            conn.pgconn.untrace()
            log.flush()
            log.seek(0)
            previous = ""
            for line in log:
                parts = line.split("\t")
                if len(parts) < 3 or parts[0] != "F":
                    continue
                kind = parts[2].strip()
                # psycopg ends a pipeline with Sync then Flush: one wait, not two
                if kind in ("Sync", "Query") or (kind == "Flush" and previous != "Sync"):
                    counts["round trips"] += 1
                if kind in ("Execute", "Query"):
                    counts["statements"] += 1
                previous = kind


FRESH = [f"n{i}" for i in range(20)]  # documents whose first span starts a layer


def build(url: str, folder: Path, logins: bool) -> tuple[Login, Login]:
    """The project (made by a manager login with ``logins``); who annotates (ali) and who curates."""
    source = folder / "docs.jsonl"
    text = " ".join([WORD] * 50)
    ids = [f"d{i}" for i in range(3)] + FRESH
    source.write_text(
        "".join(json.dumps({"id": d, "text": f"{text} {i}"}) + "\n" for i, d in enumerate(ids)), encoding="utf-8"
    )
    if not logins:
        with Project.create(url, preset("combined")) as project:
            import_paths(project, [source], ImportOptions())
        return Login(url), Login(url)
    manager = make_manager(url)
    with pgpassword(password_of(MANAGER)), Project.create(manager.url, preset("combined")) as project:
        import_paths(project, [source], ImportOptions())
        team_ops.add_member(project, "ali", "annotator", password_of("ali"))
        team_ops.add_member(project, "cara", "curator", password_of("cara"))
        project.assign(ids, ["ali"])
    return Login(as_user(url, "ali"), password_of("ali")), Login(as_user(url, "cara"), password_of("cara"))


def counter(project: Project, results: list[tuple[str, dict[str, int]]]) -> Callable[[str, Callable[[], Any]], Any]:
    def count(name: str, action: Callable[[], Any]) -> Any:
        for _ in range(10):  # psycopg prepares a statement on its 5th use: count the steady state
            action()
        with traced(project) as counts:
            value = action()
        results.append((name, counts))
        return value

    return count


def measure(annotator: Login, curator: Login) -> list[tuple[str, dict[str, int]]]:
    """The counts of each edit kind, in warmed-up sessions (ali's edits as ``annotator``, gold as ``curator``)."""
    results: list[tuple[str, dict[str, int]]] = []
    with annotator.open() as project:
        count = counter(project, results)

        spans: list[Span] = []
        k = iter(range(0, 50))

        def add() -> Span:
            start = 4 * next(k)
            span = project.add_span("d0", "ali", Span(start, start + 3, "PER"))
            spans.append(span)
            return span

        count("add a span", add)
        unstarted = iter(FRESH)
        count("the first span of a new layer", lambda: project.add_span(next(unstarted), "ali", Span(0, 3, "PER")))
        state = {"span": spans[-1]}

        def relabel() -> None:
            old = state["span"]
            state["span"] = project.update_span(
                old.id or 0, expect=Expected("d0", "ali", old), label="LOC" if old.label == "PER" else "PER"
            )

        count("relabel (checked)", relabel)

        def delete_and_restore() -> None:
            old = state["span"]
            project.remove_span(old.id or 0, expect=Expected("d0", "ali", old))
            project.restore_span("d0", "ali", old)

        for _ in range(6):
            delete_and_restore()
        with traced(project) as counts:
            project.remove_span(state["span"].id or 0, expect=Expected("d0", "ali", state["span"]))
        results.append(("delete (checked)", counts))
        with traced(project) as counts:
            project.restore_span("d0", "ali", state["span"])
        results.append(("undo a delete (restore)", counts))

        def suggest() -> Span:
            project.replace_suggestions("d1", "ali", [Span(8, 11, "ORG", status=SpanStatus.SUGGESTED, source="rule")])
            return project.layer_spans("d1", "ali")[0]

        for _ in range(6):
            fresh = suggest()
            accepted = project.accept_span(fresh.id or 0, expect=Expected("d1", "ali", fresh))
            project.remove_span(accepted.id or 0)
        suggestion = suggest()
        with traced(project) as counts:
            project.accept_span(suggestion.id or 0, expect=Expected("d1", "ali", suggestion))
        results.append(("accept a suggestion (checked)", counts))

        statuses = iter([DocStatus.DONE, DocStatus.IN_PROGRESS] * 10)
        state_status = {"now": project.documents()[2].status}

        def status() -> None:
            new = next(statuses)
            project.set_document_status("d2", new, expect=state_status["now"])
            state_status["now"] = new

        count("document status (checked)", status)
        count("reload a layer (layer_spans)", lambda: project.layer_spans("d0", "ali"))
        count("open a document", lambda: project.document("d0"))
    with curator.open() as project:
        regions = iter(range(0, 50))

        def resolve() -> None:
            start = 4 * next(regions)
            project.resolve_region("d2", start, start + 3, [Span(start, start + 3, "PER")])

        counter(project, results)("curator: resolve a region", resolve)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", help="an empty database to use (default: a throwaway server)")
    parser.add_argument("--superuser", action="store_true", help="every edit as the URL's user (no team logins)")
    args = parser.parse_args()
    if args.url is not None and not args.superuser:
        parser.error("--url needs --superuser (the team's logins are made on the throwaway server)")
    server = None
    url = args.url
    if url is None:
        from tests.pgserver import start_server

        server = start_server()
        if server is None:
            print("PostgreSQL binaries not found: apt-get install postgresql", file=sys.stderr)
            return 1
        url = server.database("roundtrips")
    try:
        with tempfile.TemporaryDirectory(prefix="barchasb-rt-") as tmp:
            annotator, curator = build(url, Path(tmp), not args.superuser)
            results = measure(annotator, curator)
        print(f"{'edit':<32} {'round trips':>11} {'statements':>10}")
        for name, counts in results:
            print(f"{name:<32} {counts['round trips']:>11} {counts['statements']:>10}")
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
