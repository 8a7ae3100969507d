"""What pre-tagging saves an annotator: actions per 100 tokens with and without suggestions.

Usage: python benchmarks/assist_bench.py [CONLL ...] [--docs N] [--sentences-per-doc N]
                                         [--every N[,N...]] [--threshold T] [--schema NAME]

Replays a gold-annotated corpus (default: ParsTwiNER's train.txt from the shared data) as an
annotator meets it in the window: documents in order, each pre-tagged before it is opened (rules,
cues, the project's gazetteer, the CRF once trained), the model retrained every N documents marked
done. It counts the actions that turn the suggestions into the gold (accept one, accept all at the
threshold, reject a wrong one accept-all took, relabel, fix a boundary, add a missed entity; see
annotator/pretag/assist.py) against one "add" per entity without pre-tagging. Prints the rates after
10, 50, 200 ... documents, a table of accept-all thresholds, and how each source's suggestions fare
per label (where an easy win hides). Each --every value is a full replay (a CRF is trained every N
documents: 200 documents at N=10 take about four minutes on two cores; --docs 50 about 15 s).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.pretag.assist import Actions, DocumentResult

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared" / "data" / "parstwiner" / "train.txt"
CHECKPOINTS = (10, 50, 200, 500, 1000)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("conll", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--docs", type=int, default=200, help="documents to replay (default 200)")
    parser.add_argument("--sentences-per-doc", type=int, default=20, help="sentences per document (default 20)")
    parser.add_argument("--every", default="10", help="retrain after N documents done; a list runs each (10,25)")
    parser.add_argument("--threshold", type=float, default=0.8, help="accept-all threshold for the growth table")
    parser.add_argument("--schema", default="parstwiner", help="the project's preset (labels may be added)")
    parser.add_argument("--taggers", help="pre-taggers to run, comma-separated (default: all)")
    args = parser.parse_args()

    from annotator.pretag.assist import NEVER, replay

    for every in [int(n) for n in args.every.split(",")]:
        print(f"\n== retrain every {every} documents done, accept-all at {args.threshold} ==")
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            results = replay(
                Path(tmp) / "assist.barchasb",
                args.conll,
                schema_name=args.schema,
                sentences_per_doc=args.sentences_per_doc,
                documents=args.docs,
                retrain_every=every,
                taggers=args.taggers.split(",") if args.taggers else None,
            )
        seconds = time.perf_counter() - started
        tokens = sum(r.tokens for r in results)
        print(
            f"{len(results)} documents, {tokens:,} tokens, {sum(r.gold for r in results):,} entities, {seconds:.0f} s"
        )
        print(f"{'documents':<12} {'with':>6} {'without':>8} {'saved':>6}   (actions per 100 tokens)")
        edges = [c for c in CHECKPOINTS if c < len(results)] + [len(results)]
        previous = 0
        for edge in edges:
            window = _total(results[previous:edge], args.threshold)
            with_, without = window.per_100_tokens()
            print(f"{previous + 1:>4}-{edge:<7} {with_:>6.2f} {without:>8.2f} {window.saved():>6.1%}")
            previous = edge
        overall = _total(results, args.threshold)
        with_, without = overall.per_100_tokens()
        print(f"{'all':<12} {with_:>6.2f} {without:>8.2f} {overall.saved():>6.1%}")
        print("actions:", ", ".join(f"{k} {v}" for k, v in sorted(overall.counts.items())))

        later = results[min(50, len(results) // 2) :]  # once the model has something to go on
        print(f"\naccept-all threshold (documents {len(results) - len(later) + 1}-{len(results)}):")
        print(f"{'threshold':>9} {'with':>6} {'saved':>6}  actions")
        for threshold in (*THRESHOLDS, NEVER):
            total = _total(later, threshold)
            name = "never" if threshold == NEVER else f"{threshold:.2f}"
            counts = ", ".join(f"{k} {v}" for k, v in sorted(total.counts.items()))
            print(f"{name:>9} {total.per_100_tokens()[0]:>6.2f} {total.saved():>6.1%}  {counts}")
        _sources(later)


def _total(results: Sequence[DocumentResult], threshold: float) -> Actions:
    from annotator.pretag.assist import Actions

    total = Actions()
    for result in results:
        total.add(result.actions(threshold))
    return total


def _sources(results: Sequence[DocumentResult]) -> None:
    """How each source's suggestions fare, per label: the share exactly right and the share wrong."""
    kinds: dict[tuple[str, str], Counter[str]] = {}
    for result in results:
        for outcome in result.outcomes:
            kinds.setdefault((outcome.source, outcome.label), Counter())[outcome.kind] += 1
    print(f"\n{'source':<10} {'label':<6} {'n':>5} {'exact':>6} {'fixable':>8} {'wrong':>6}")
    for (source, label), counts in sorted(kinds.items(), key=lambda item: -sum(item[1].values())):
        n = sum(counts.values())
        exact, wrong = counts["exact"] / n, counts["wrong"] / n
        print(f"{source:<10} {label:<6} {n:>5} {exact:>6.0%} {1 - exact - wrong:>8.0%} {wrong:>6.0%}")


if __name__ == "__main__":
    main()
