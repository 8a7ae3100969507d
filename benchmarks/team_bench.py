"""A team on one server project: many annotator processes editing at once, a curator, an import in the middle.

Usage: python benchmarks/team_bench.py [--annotators N] [--edits N] [--import-docs N] [--chars N] [--spans N]
Starts a throwaway PostgreSQL (tests/pgserver.py) on loopback. Each annotator process makes --edits edits
(add, relabel, delete, undo, redo; undo and redo checked against the row as the edit left it) in its own
layer of 10 shared documents; one curator process resolves gold regions; an import of --import-docs
documents runs in the middle. Prints the total edits/s, the commit latency p50 and p99, and checks that
every acknowledged edit is stored and nothing else changed. Then the same edit loop, one process, on a
project file (the baseline), and opening a large document (--chars characters, --spans spans): server /
file. Targets (issue #12): p99 <= 50 ms, >= 500 edits/s in total, zero lost or foreign-changed edits,
opening <= 2x the file.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotator.importers import ImportOptions, import_paths  # noqa: E402
from annotator.model import Span  # noqa: E402
from annotator.schema import preset  # noqa: E402
from annotator.store import Project  # noqa: E402
from annotator.store.edits import Expected  # noqa: E402

WORD = "علی"
TOKENS = 400  # per shared document
DOCS = [f"doc{i}" for i in range(10)]
LABELS = ("PER", "LOC", "ORG")


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


def annotator(location: str, name: str, edits: int, seed: int, start: Any, out: Any) -> None:
    """One annotator's edit loop; sends back its latencies and the layer it believes is stored."""
    rng = random.Random(seed)
    state: dict[str, dict[int, Span]] = {d: {} for d in DOCS}
    undo: list[tuple[str, str, Span, Span | None]] = []
    redo: list[tuple[str, str, Span, Span | None]] = []
    latencies: list[float] = []
    with Project.open(location) as project:
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
                kind, d, old, new = (undo if op == "undo" else redo).pop()
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
                    assert new is not None
                    was, becomes = (new, old) if op == "undo" else (old, new)
                    here[was.id or 0] = project.update_span(
                        was.id or 0, expect=Expected(d, name, was), label=becomes.label
                    )
                (redo if op == "undo" else undo).append((kind, d, old, new))
            else:
                k = rng.randrange(TOKENS)
                span = project.add_span(doc, name, Span(*token(k), rng.choice(LABELS)))
                mine[span.id or 0] = span
                undo.append(("add", doc, span, None))
                redo.clear()
            latencies.append(time.perf_counter() - began)
    out.put((name, latencies, {d: sorted(s.id or 0 for s in spans.values()) for d, spans in state.items()}))


def curator(location: str, rounds: int, start: Any, out: Any) -> None:
    rng = random.Random(99)
    latencies: list[float] = []
    with Project.open(location) as project:
        start.wait()
        for _ in range(rounds):
            k = rng.randrange(TOKENS)
            began = time.perf_counter()
            project.resolve_region(rng.choice(DOCS), *token(k), [Span(*token(k), rng.choice(LABELS))])
            latencies.append(time.perf_counter() - began)
    out.put(("gold", latencies, {}))


def importer(location: str, count: int, folder: str, start: Any, out: Any) -> None:
    source = Path(folder) / "import.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"imp{i}", "text": f"{WORD} در شهر {i} بود"}) + "\n" for i in range(count)),
        encoding="utf-8",
    )
    with Project.open(location) as project:
        start.wait()
        time.sleep(0.5)  # in the middle of the editing
        began = time.perf_counter()
        import_paths(project, [source], ImportOptions())
        out.put(("import", [time.perf_counter() - began], {}))


def run_team(location: str, folder: Path, annotators: int, edits: int, import_docs: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(annotators + 3), ctx.Queue()
    names = [f"annotator{i}" for i in range(annotators)]
    procs = [ctx.Process(target=annotator, args=(location, n, edits, i, start, out)) for i, n in enumerate(names)]
    procs.append(ctx.Process(target=curator, args=(location, max(1, edits // 10), start, out)))
    procs.append(ctx.Process(target=importer, args=(location, import_docs, str(folder), start, out)))
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


def check(location: str, team: dict[str, Any], import_docs: int) -> tuple[int, int]:
    """Acknowledged edits missing from the store, and stored spans nobody acknowledged."""
    lost = foreign = 0
    with Project.open(location) as project:
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


def open_ratio(folder: Path, url: str, chars: int, spans: int) -> tuple[float, float]:
    """Seconds to open one large annotated document from a file and from the server (best of 5)."""
    words = chars // 4
    text = " ".join([WORD] * words)
    step = max(1, words // spans)
    layer = [[4 * k, 4 * k + 3, "PER"] for k in range(0, words, step)][:spans]
    source = folder / "large.jsonl"
    source.write_text(json.dumps({"id": "large", "text": text, "label": layer}) + "\n", encoding="utf-8")
    times = []
    for location in (str(folder / "large.barchasb"), url):
        with Project.create(location, preset("combined")) as project:
            import_paths(project, [source], ImportOptions())
        best = float("inf")
        for _ in range(5):
            with Project.open(location) as project:
                began = time.perf_counter()
                document = project.document("large")
                best = min(best, time.perf_counter() - began)
                assert len(document.layers["imported"].spans) == len(layer)
        times.append(best)
    return times[0], times[1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--annotators", type=int, default=8)
    parser.add_argument("--edits", type=int, default=2000)
    parser.add_argument("--import-docs", type=int, default=200)
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--spans", type=int, default=5000)
    args = parser.parse_args()
    from tests.pgserver import start_server

    server = start_server()
    if server is None:
        print("PostgreSQL binaries not found: apt-get install postgresql", file=sys.stderr)
        return 1
    try:
        with tempfile.TemporaryDirectory(prefix="barchasb-team-") as tmp:
            folder = Path(tmp)
            url = server.database("bench")
            make_project(url, folder)
            team = run_team(url, folder, args.annotators, args.edits, args.import_docs)
            edit_latencies = [t for name, lat, _ in team["results"] if name != "import" for t in lat]
            total = len(edit_latencies)
            lost, foreign = check(url, team, args.import_docs)
            import_seconds = next(lat[0] for name, lat, _ in team["results"] if name == "import")
            print(
                f"server: {args.annotators} annotators x {args.edits} edits + {args.edits // 10} gold steps, "
                f"import of {args.import_docs} documents ({import_seconds:.2f} s) in the middle"
            )
            print(f"  {total / team['wall']:.0f} edits/s in total (target >= 500)")
            print(
                f"  commit latency p50 {1000 * statistics.median(edit_latencies):.1f} ms, "
                f"p99 {1000 * percentile(edit_latencies, 0.99):.1f} ms (target <= 50 ms)"
            )
            print(f"  lost acknowledged edits: {lost}, spans changed by someone else: {foreign} (target 0 and 0)")

            file_location = str(folder / "base.barchasb")
            make_project(file_location, folder)
            base = run_team_single(file_location, args.edits)
            print(
                f"file baseline, one process: {args.edits / base['wall']:.0f} edits/s, p50 "
                f"{1000 * statistics.median(base['latencies']):.1f} ms; server total / file single: "
                f"{(total / team['wall']) / (args.edits / base['wall']):.2f}"
            )
            file_open, server_open = open_ratio(folder, server.database("large"), args.chars, args.spans)
            print(
                f"opening a {args.chars:,}-character document with {args.spans:,} spans: "
                f"file {file_open * 1000:.0f} ms, "
                f"server {server_open * 1000:.0f} ms, server / file {server_open / file_open:.2f} (target <= 2)"
            )
            return 0 if lost == foreign == 0 else 1
    finally:
        server.stop()


def run_team_single(location: str, edits: int) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(2), ctx.Queue()
    proc = ctx.Process(target=annotator, args=(location, "solo", edits, 0, start, out))
    proc.start()
    start.wait()
    began = time.perf_counter()
    ((_, latencies, _),) = collect(out, [proc])
    wall = time.perf_counter() - began
    proc.join()
    return {"wall": wall, "latencies": latencies}


if __name__ == "__main__":
    sys.exit(main())
