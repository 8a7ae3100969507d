"""Quality of the learned tagger on a CoNLL corpus (ParsTwiNER by default), with an ablation.

Usage: python benchmarks/ner_quality.py [--data FOLDER] [--ablation] [--iterations N] [--dev]
FOLDER holds train.txt, dev.txt and test.txt (tab-separated CoNLL). The CRF is trained on
train+dev and scored on test with strict entity-level P/R/F1 (conlleval's definition); with --dev
it is trained on train and scored on dev, where choices are made. With --ablation every feature
group is left out in turn and the change in F1 is printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared" / "data" / "parstwiner"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--iterations", type=int)
    parser.add_argument("--dev", action="store_true", help="train on train.txt, score on dev.txt (for choosing)")
    args = parser.parse_args()

    from annotator.pretag.crf import DEFAULT_GROUPS, CrfTagger
    from annotator.pretag.training import conll_sentences, evaluate

    train = conll_sentences(args.data / "train.txt")
    if args.dev:
        test = conll_sentences(args.data / "dev.txt")
    else:
        train += conll_sentences(args.data / "dev.txt")
        test = conll_sentences(args.data / "test.txt")
    params = {"max_iterations": args.iterations} if args.iterations else None
    print(
        f"{'train' if args.dev else 'train+dev'}: {len(train):,} sentences, {sum(len(w) for w, _ in train):,} tokens; "
        f"{'dev' if args.dev else 'test'}: {len(test):,} sentences, {sum(len(w) for w, _ in test):,} tokens"
    )

    def run(groups: tuple[str, ...]) -> dict[str, object]:
        started = time.perf_counter()
        model = CrfTagger.train(train, groups=groups, params=params)
        result = evaluate(model, test)
        result["wall_seconds"] = time.perf_counter() - started
        return result

    full = run(DEFAULT_GROUPS)
    print(f"{'type':<6} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>8}")
    for label, score in full["per_type"].items():  # type: ignore[attr-defined]
        print(
            f"{label:<6} {score['precision']:>9.4f} {score['recall']:>9.4f} {score['f1']:>9.4f} {score['support']:>8}"
        )
    print(f"{'micro':<6} {full['precision']:>9.4f} {full['recall']:>9.4f} {full['f1']:>9.4f}")
    print(f"training {full['train_seconds']:.0f} s; tagging {full['tokens_per_second']:,.0f} tokens/s")
    if args.ablation:
        print("\nablation (F1 without the group, and the change):")
        for group in DEFAULT_GROUPS:
            result = run(tuple(g for g in DEFAULT_GROUPS if g != group))
            delta = float(result["f1"]) - float(full["f1"])  # type: ignore[arg-type]
            print(f"  -{group:<10} {result['f1']:.4f}  ({delta:+.4f})", flush=True)


if __name__ == "__main__":
    main()
