"""A team on one server project: many annotator processes editing at once, a curator, an import in the middle.

Usage: python benchmarks/team_bench.py [--logins | --superuser | --both] [--annotators N] [--edits N]
       [--import-docs N] [--chars N] [--spans N]
Starts a throwaway PostgreSQL (tests/pgserver.py) on loopback. Each annotator process makes --edits edits
(add, relabel, delete, undo, redo; undo and redo checked against the row as the edit left it) in its own
layer of 10 shared documents; one curator process resolves gold regions; an import of --import-docs
documents runs in the middle.
--logins (the default) runs it as a real team does since issue #13: a CREATEROLE manager login (not a
superuser) makes the project, adds the annotators and the curator as team members with their own logins
and passwords (given to libpq as a keyword, never in the URL), assigns them the shared documents and runs
the import, in a blind round; so row-level security, the grants and the private change channels are all
at work. --superuser runs every process as the server's superuser (no row security), for comparison;
--both runs the two back to back on the same server.
Prints the total edits/s, the commit latency p50 and p99, and checks that every acknowledged edit is
stored and nothing else changed. Then the same edit loop, one process, on a
project file (the baseline), and opening a large document (--chars characters, --spans spans): server /
file. Targets (issue #12): p99 <= 50 ms, >= 500 edits/s in total, zero lost or foreign-changed edits,
opening <= 2x the file.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.importers import ImportOptions, import_paths  # noqa: E402
from annotator.model import Span  # noqa: E402
from annotator.schema import preset  # noqa: E402
from annotator.store import Project  # noqa: E402
from annotator.store import team as team_ops  # noqa: E402
from annotator.store.edits import Expected  # noqa: E402

WORD = "علی"
TOKENS = 400  # per shared document
DOCS = [f"doc{i}" for i in range(10)]
LABELS = ("PER", "LOC", "ORG")
MANAGER, CURATOR = "bench_manager", "bench_curator"


@dataclass(frozen=True)
class Login:
    """Where one process connects and with which password (None: the superuser, let in without one)."""

    url: str
    password: str | None = None

    def open(self) -> Project:
        return Project.open(self.url, password=self.password)


@dataclass(frozen=True)
class Team:
    """The logins of one benchmark run: the manager's, each annotator's, the curator's, and the superuser's."""

    manager: Login
    curator: Login
    annotators: dict[str, Login]
    superuser: Login


def password_of(user: str) -> str:
    return f"{user}-bench-password"  # each login its own


def as_user(url: str, user: str) -> str:
    return url.replace("postgresql://postgres@", f"postgresql://{user}@", 1)


@contextmanager
def pgpassword(password: str) -> Iterator[None]:
    """PGPASSWORD for this process only while the block runs (Project.create takes no password)."""
    was = os.environ.get("PGPASSWORD")
    os.environ["PGPASSWORD"] = password
    try:
        yield
    finally:
        if was is None:
            del os.environ["PGPASSWORD"]
        else:
            os.environ["PGPASSWORD"] = was


def make_manager(url: str) -> Login:
    """A login that may create roles (not a superuser) and create schemas in the database: who runs `new`."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as conn:
        verifier = conn.pgconn.encrypt_password(password_of(MANAGER).encode(), MANAGER.encode(), b"scram-sha-256")
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (MANAGER,)).fetchone()
        create = (
            "ALTER ROLE {} LOGIN CREATEROLE PASSWORD {}" if exists else "CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}"
        )
        conn.execute(sql.SQL(create).format(sql.Identifier(MANAGER), sql.Literal(verifier.decode())))
        conn.execute(
            sql.SQL("GRANT CREATE ON DATABASE {} TO {}").format(
                sql.Identifier(url.rsplit("/", 1)[1]), sql.Identifier(MANAGER)
            )
        )
    return Login(as_user(url, MANAGER), password_of(MANAGER))


def make_team(url: str, folder: Path, names: list[str], logins: bool) -> Team:
    """The project with the shared documents, made by the manager (--logins) or the superuser."""
    superuser = Login(url)
    if not logins:
        make_project(url, folder)
        return Team(superuser, superuser, {name: superuser for name in names}, superuser)
    manager = make_manager(url)
    with pgpassword(password_of(MANAGER)):
        make_project(manager.url, folder)
    with manager.open() as project:
        for name in names:
            team_ops.add_member(project, name, "annotator", password_of(name))
        team_ops.add_member(project, CURATOR, "curator", password_of(CURATOR))
        project.assign(DOCS, names)  # what each of them sees
        assert team_ops.round_open(project), "a new server project starts in a blind round"
        members = {m.name: m.role for m in team_ops.members(project)}
    assert members == {MANAGER: "manager", CURATOR: "curator", **{n: "annotator" for n in names}}, members
    return Team(
        manager,
        Login(as_user(url, CURATOR), password_of(CURATOR)),
        {name: Login(as_user(url, name), password_of(name)) for name in names},
        superuser,
    )


def token(k: int) -> tuple[int, int]:
    return 4 * k, 4 * k + len(WORD)


def make_project(location: str, folder: Path) -> None:
    source = folder / "shared.jsonl"
    text = " ".join([WORD] * TOKENS)  # then the document's number: the same text would be the same document
    source.write_text(
        "".join(json.dumps({"id": d, "text": f"{text} {i}"}) + "\n" for i, d in enumerate(DOCS)), encoding="utf-8"
    )
    with Project.create(location, preset("combined")) as project:
        import_paths(project, [source], ImportOptions())


def annotator(login: Login, name: str, edits: int, seed: int, start: Any, out: Any) -> None:
    """One annotator's edit loop; sends back its latencies and the layer it believes is stored."""
    rng = random.Random(seed)
    state: dict[str, dict[int, Span]] = {d: {} for d in DOCS}
    undo: list[tuple[str, str, Span, Span | None]] = []
    redo: list[tuple[str, str, Span, Span | None]] = []
    latencies: list[float] = []
    with login.open() as project:
        start.wait()
        for _ in range(edits):
            doc = rng.choice(DOCS)
            mine = state[doc]
            op = rng.choices(("add", "relabel", "delete", "undo", "redo"), (4, 2, 2, 1, 1))[0]
            began = time.perf_counter()
            if op == "relabel" and mine:
                old = mine[rng.choice(list(mine))]
                new = project.update_span(
                    old.id or 0,
                    expect=Expected(doc, name, old),
                    label=rng.choice([x for x in LABELS if x != old.label]),
                )
                mine[new.id or 0] = new
                undo.append(("relabel", doc, old, new))
                redo.clear()
            elif op == "delete" and mine:
                old = mine.pop(rng.choice(list(mine)))
                project.remove_span(old.id or 0, expect=Expected(doc, name, old))
                undo.append(("delete", doc, old, None))
                redo.clear()
            elif op in ("undo", "redo") and (undo if op == "undo" else redo):
                kind, d, old, later = (undo if op == "undo" else redo).pop()
                here = state[d]
                if kind == "add":  # old is the added span
                    if op == "undo":
                        project.remove_span(old.id or 0, expect=Expected(d, name, old))
                        here.pop(old.id or 0)
                    else:
                        here[old.id or 0] = project.restore_span(d, name, old)
                elif kind == "delete":
                    if op == "undo":
                        here[old.id or 0] = project.restore_span(d, name, old)
                    else:
                        project.remove_span(old.id or 0, expect=Expected(d, name, old))
                        here.pop(old.id or 0)
                else:  # relabel: old -> new
                    assert later is not None
                    was, becomes = (later, old) if op == "undo" else (old, later)
                    here[was.id or 0] = project.update_span(
                        was.id or 0, expect=Expected(d, name, was), label=becomes.label
                    )
                (redo if op == "undo" else undo).append((kind, d, old, later))
            else:
                k = rng.randrange(TOKENS)
                span = project.add_span(doc, name, Span(*token(k), rng.choice(LABELS)))
                mine[span.id or 0] = span
                undo.append(("add", doc, span, None))
                redo.clear()
            latencies.append(time.perf_counter() - began)
    out.put((name, latencies, {d: sorted(s.id or 0 for s in spans.values()) for d, spans in state.items()}))


def curator(login: Login, rounds: int, start: Any, out: Any) -> None:
    rng = random.Random(99)
    latencies: list[float] = []
    with login.open() as project:
        start.wait()
        for _ in range(rounds):
            k = rng.randrange(TOKENS)
            began = time.perf_counter()
            project.resolve_region(rng.choice(DOCS), *token(k), [Span(*token(k), rng.choice(LABELS))])
            latencies.append(time.perf_counter() - began)
    out.put(("gold", latencies, {}))


def importer(login: Login, count: int, folder: str, start: Any, out: Any) -> None:
    source = Path(folder) / "import.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"imp{i}", "text": f"{WORD} در شهر {i} بود"}) + "\n" for i in range(count)),
        encoding="utf-8",
    )
    with login.open() as project:
        start.wait()
        time.sleep(0.5)  # in the middle of the editing
        began = time.perf_counter()
        import_paths(project, [source], ImportOptions())
        out.put(("import", [time.perf_counter() - began], {}))


def run_team(team: Team, folder: Path, edits: int, import_docs: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    names = list(team.annotators)
    start, out = ctx.Barrier(len(names) + 3), ctx.Queue()
    procs = [
        ctx.Process(target=annotator, args=(team.annotators[n], n, edits, i, start, out)) for i, n in enumerate(names)
    ]
    procs.append(ctx.Process(target=curator, args=(team.curator, max(1, edits // 10), start, out)))
    procs.append(ctx.Process(target=importer, args=(team.manager, import_docs, str(folder), start, out)))
    for proc in procs:
        proc.start()
    start.wait()
    began = time.perf_counter()
    results = collect(out, procs)
    wall = time.perf_counter() - began
    for proc in procs:
        proc.join()
    return {"wall": wall, "results": results, "names": names}


def collect(out: Any, procs: list[Any]) -> list[Any]:
    """One result per process; stops at once when one of them failed (its traceback is on stderr)."""
    import queue

    results: list[Any] = []
    while len(results) < len(procs):
        try:
            results.append(out.get(timeout=1))
        except queue.Empty:
            if any(proc.exitcode not in (None, 0) for proc in procs):
                for proc in procs:
                    proc.terminate()
                raise SystemExit("a benchmark process failed") from None
    return results


def check(login: Login, team: dict[str, Any], import_docs: int) -> tuple[int, int]:
    """Acknowledged edits missing from the store, and stored spans nobody acknowledged (read by the superuser)."""
    lost = foreign = 0
    with login.open() as project:
        for name, _, expected in team["results"]:
            if name in ("gold", "import"):
                continue
            for doc, ids in expected.items():
                stored = sorted(s.id or 0 for s in project.layer_spans(doc, name))
                lost += len(set(ids) - set(stored))
                foreign += len(set(stored) - set(ids))
        documents = {d.id for d in project.documents()}
        lost += sum(1 for i in range(import_docs) if f"imp{i}" not in documents)
    return lost, foreign


def open_ratio(folder: Path, url: str, chars: int, spans: int, logins: bool) -> tuple[float, float]:
    """Seconds to open one large annotated document from a file and from the server (best of 5).

    With ``logins`` the manager imports it as the layer of an annotator it is assigned to, who opens it
    (row-level security applies); else the superuser imports and opens it.
    """
    words = chars // 4
    text = " ".join([WORD] * words)
    step = max(1, words // spans)
    layer = [[4 * k, 4 * k + 3, "PER"] for k in range(0, words, step)][:spans]
    source = folder / "large.jsonl"
    source.write_text(json.dumps({"id": "large", "text": text, "label": layer}) + "\n", encoding="utf-8")
    reader = "annotator0" if logins else "imported"
    times = []
    for location in (str(folder / f"large-{reader}.barchasb"), url):
        opener = Login(location)
        if location == url and logins:
            manager = make_manager(url)
            with pgpassword(password_of(MANAGER)), Project.create(manager.url, preset("combined")) as project:
                import_paths(project, [source], ImportOptions(annotator=reader))
                team_ops.add_member(project, reader, "annotator", password_of(reader))
                project.assign(["large"], [reader])
            opener = Login(as_user(url, reader), password_of(reader))
        else:
            with Project.create(location, preset("combined")) as project:
                import_paths(project, [source], ImportOptions(annotator=reader))
        best = float("inf")
        for _ in range(5):
            with opener.open() as project:
                began = time.perf_counter()
                document = project.document("large")
                best = min(best, time.perf_counter() - began)
                assert len(document.layers[reader].spans) == len(layer)
        times.append(best)
    return times[0], times[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run_mode(server: Any, folder: Path, args: argparse.Namespace, logins: bool) -> dict[str, Any]:
    """One team run on a fresh database; prints its figures and gives them back."""
    url = server.database("logins" if logins else "superuser")
    names = [f"annotator{i}" for i in range(args.annotators)]
    team = make_team(url, folder, names, logins)
    before = load()
    run = run_team(team, folder, args.edits, args.import_docs)
    after = load()
    edit_latencies = [t for name, lat, _ in run["results"] if name != "import" for t in lat]
    total = len(edit_latencies)
    lost, foreign = check(team.superuser, run, args.import_docs)
    import_seconds = next(lat[0] for name, lat, _ in run["results"] if name == "import")
    rate = total / run["wall"]
    how = (
        f"{args.annotators} annotator logins, a curator login and a CREATEROLE manager login, blind round, "
        "row-level security"
        if logins
        else "every process as the superuser (no row-level security)"
    )
    print(f"server, {how}:")
    print(
        f"  {args.annotators} annotators x {args.edits} edits + {args.edits // 10} gold steps, "
        f"import of {args.import_docs} documents ({import_seconds:.2f} s) in the middle; "
        f"load average before {before}, after {after}"
    )
    print(f"  {rate:.0f} edits/s in total (target >= 500)")
    print(
        f"  commit latency p50 {1000 * statistics.median(edit_latencies):.1f} ms, "
        f"p99 {1000 * percentile(edit_latencies, 0.99):.1f} ms (target <= 50 ms)"
    )
    print(f"  lost acknowledged edits: {lost}, spans changed by someone else: {foreign} (target 0 and 0)")
    return {"rate": rate, "lost": lost, "foreign": foreign, "logins": logins}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--logins", action="store_true", help="a real team's logins and roles (the default)")
    mode.add_argument("--superuser", action="store_true", help="every process as the superuser, for comparison")
    mode.add_argument("--both", action="store_true", help="--logins then --superuser, back to back")
    parser.add_argument("--annotators", type=int, default=8)
    parser.add_argument("--edits", type=int, default=2000)
    parser.add_argument("--import-docs", type=int, default=200)
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--spans", type=int, default=5000)
    args = parser.parse_args()
    modes = [True, False] if args.both else [not args.superuser]
    from tests.pgserver import start_server

    server = start_server()
    if server is None:
        print("PostgreSQL binaries not found: apt-get install postgresql", file=sys.stderr)
        return 1
    try:
        with tempfile.TemporaryDirectory(prefix="barchasb-team-") as tmp:
            folder = Path(tmp)
            runs = [run_mode(server, folder, args, logins) for logins in modes]
            file_location = str(folder / "base.barchasb")
            make_project(file_location, folder)
            base = run_team_single(Login(file_location), args.edits)
            single = args.edits / base["wall"]
            ratios = ", ".join(
                f"{'logins' if run['logins'] else 'superuser'} {run['rate'] / single:.2f}" for run in runs
            )
            print(
                f"file baseline, one process: {single:.0f} edits/s, p50 "
                f"{1000 * statistics.median(base['latencies']):.2f} ms; server total / file single: {ratios}"
            )
            for logins in modes:
                file_open, server_open = open_ratio(folder, server.database("large"), args.chars, args.spans, logins)
                print(
                    f"opening a {args.chars:,}-character document with {args.spans:,} spans "
                    f"({'as its annotator' if logins else 'as the superuser'}): file {file_open * 1000:.0f} ms, "
                    f"server {server_open * 1000:.0f} ms, server / file {server_open / file_open:.2f} (target <= 2)"
                )
            print(f"load average at the end: {load()}")
            return 0 if all(run["lost"] == run["foreign"] == 0 for run in runs) else 1
    finally:
        server.stop()


def run_team_single(login: Login, edits: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(2), ctx.Queue()
    proc = ctx.Process(target=annotator, args=(login, "solo", edits, 0, start, out))
    proc.start()
    start.wait()
    began = time.perf_counter()
    ((_, latencies, _),) = collect(out, [proc])
    wall = time.perf_counter() - began
    proc.join()
    return {"wall": wall, "latencies": latencies}


if __name__ == "__main__":
    sys.exit(main())
