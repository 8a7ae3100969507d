"""Agreement speed: the full report from a project file vs the reference libraries on the same tokens.

Usage: python benchmarks/agreement_bench.py [--docs N] [--tokens N] [--runs N] [--no-server]
Builds a project of --docs documents of ~--tokens tokens, each annotated by three annotators who
copy, relabel, shift or drop a shared set of spans. Prints, best of --runs: the time of the full
report (read from SQLite, span F1 exact and overlap, Cohen's κ per pair on tokens and IOB2, Fleiss' κ,
Krippendorff's α, per label and per document, disagreement regions), and the time scikit-learn,
statsmodels and krippendorff take for the token figures alone, with both sets of figures. Then the
same report from the same project on a throwaway PostgreSQL server (tests/pgserver.py), measured in the
same run: server / file (target <= 1.3, issue #12).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from annotator.review.agreement import AgreementReport

NAMES = ["ali", "sara", "zahra"]


def build(path: Path, docs: int, tokens: int, seed: int = 7) -> None:
    """A project of synthetic documents, each with three annotators' layers."""
    from annotator.schema import preset
    from annotator.store import Project
    from tests.annotator.review.conftest import random_layers, words_document

    rng = random.Random(seed)
    with Project.create(path, preset("combined")) as project, project.transaction():
        for number in range(docs):
            base = words_document(f"doc-{number:04d}", rng.randint(tokens * 4 // 5, tokens * 6 // 5))
            layers = random_layers(rng, base, NAMES)
            project.add_document(words_document(base.id, len(base.tokens), layers), normalization="none")


def references(path: Path) -> tuple[float, dict[str, float]]:
    """Token figures by scikit-learn, statsmodels and krippendorff, and the time they take."""
    import krippendorff
    import numpy as np
    from sklearn.metrics import cohen_kappa_score
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

    from annotator.review.agreement import _token_codes
    from annotator.schema import preset
    from annotator.store import Project

    code_of = {label: k for k, label in enumerate(preset("combined").labels, 1)}
    with Project.open(path) as project:
        rows: list[list[np.ndarray]] = [[] for _ in NAMES]
        for document in project.iter_documents():
            for k, name in enumerate(NAMES):
                rows[k].append(_token_codes(document, document.layers[name].accepted(), code_of)[0])
    matrix = np.stack([np.concatenate(r) for r in rows])
    started = time.perf_counter()
    figures = {
        f"cohen {NAMES[i]}~{NAMES[j]}": float(cohen_kappa_score(matrix[i], matrix[j]))
        for i in range(3)
        for j in range(i + 1, 3)
    }
    table, _ = aggregate_raters(matrix.T)
    figures["fleiss"] = float(fleiss_kappa(table))
    figures["alpha"] = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
    return time.perf_counter() - started, figures


def timed_reports(location: str | Path, runs: int) -> tuple[list[float], AgreementReport]:
    """Seconds of each full report (opening the project included), and the report."""
    from annotator.review.agreement import project_agreement
    from annotator.store import Project

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with Project.open(location) as project:
            report = project_agreement(project)
        times.append(time.perf_counter() - started)
    return times, report


def on_server(path: Path, runs: int) -> tuple[float, float] | None:
    """Best seconds of the report from the file and from a copy on a throwaway server, measured in turns."""
    from annotator.store.copying import copy_project
    from tests.pgserver import start_server

    server = start_server()
    if server is None:
        print("server: skipped (no PostgreSQL binaries: apt-get install postgresql)")
        return None
    try:
        url = server.database("agreement")
        copy_project(path, url)
        file_times: list[float] = []
        server_times: list[float] = []
        for _ in range(runs):  # in turns: a load that comes and goes weighs on both
            file_times += timed_reports(path, 1)[0]
            server_times += timed_reports(url, 1)[0]
        return min(file_times), min(server_times)
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--tokens", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-server", action="store_true", help="skip the server / file comparison")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.barchasb"
        build(path, args.docs, args.tokens)
        times, report = timed_reports(path, args.runs)
        reference_time, reference = references(path)
        versus = None if args.no_server else on_server(path, args.runs)
    print(f"{args.docs} documents × 3 annotators (~{args.tokens} tokens each), {report.documents} compared")
    print(f"barchasb full report: {min(times):.2f} s (best of {args.runs}; target ≤ 2 s)")
    print(f"references, token figures only: {reference_time:.2f} s (scikit-learn, statsmodels, krippendorff)")
    pairs = {f"cohen {p.a}~{p.b}": p.cohen_kappa_tokens for p in report.pairs}
    ours = {**pairs, "fleiss": report.fleiss_kappa_tokens, "alpha": report.krippendorff_alpha_tokens}
    for key, value in reference.items():
        print(f"  {key:<18} barchasb {ours[key]:.6f}  reference {value:.6f}")
    print(
        f"span F1 exact {report.span_f1_exact:.3f}, overlap {report.span_f1_overlap:.3f}; "
        f"disagreements {', '.join(f'{kind} {n}' for kind, n in report.disagreements.items())}"
    )
    if versus is not None:
        file_time, server_time = versus
        print(
            f"the same report from a server project: file {file_time:.2f} s, server {server_time:.2f} s, "
            f"server / file {server_time / file_time:.2f} (best of {args.runs} each, in turns; target ≤ 1.3)"
        )


if __name__ == "__main__":
    main()
