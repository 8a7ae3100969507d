"""Pre-tagging speed: the whole pipeline vs bare crfsuite tagging, and the gazetteer with 100k entries.

Usage: python benchmarks/pretag_bench.py [--train CONLL] [--test CONLL] [--tokens N]
Without files, a Persian-like corpus is generated. Prints, measured in one run: tokens/s of
`pretag` (rules, cues, gazetteer, CRF; reading and writing the project) and of CrfTagger.tag, vs
crfsuite's own tagging of the same sentences with their features already built (target ratio
>= 0.5), each the best of three runs taken in turns. The pipeline's runs reuse the model built by
a first run (printed too), as pre-tagging one document after another does. Also the gazetteer's
build time and lookup speed with 100,000 entries.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.export_bench import corpus  # noqa: E402

ROUNDS = 3  # each speed is the best of this many runs: the machines are noisy


def best_times(rounds: int, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The shortest of ``rounds`` timed calls of each function, in seconds. The functions take turns,
    so a drift of the machine's speed touches them alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    return {name: min(seconds) for name, seconds in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", help="CoNLL file to train the CRF on")
    parser.add_argument("--test", help="CoNLL file whose tokens are tagged")
    parser.add_argument("--tokens", type=int, default=60_000, help="test tokens when generating")
    args = parser.parse_args()

    from annotator.importers import ImportOptions, import_paths
    from annotator.pretag.crf import CrfTagger
    from annotator.pretag.gazetteer import Gazetteer
    from annotator.pretag.pipeline import pretag
    from annotator.pretag.training import conll_sentences
    from annotator.schema import preset
    from annotator.store import Project

    if args.train:
        train = conll_sentences(args.train)
    else:
        train = [([t for t, _ in s], [g for _, g in s]) for s in corpus(40_000, seed=1)]
    if args.test:
        test = conll_sentences(args.test)
    else:
        test = [([t for t, _ in s], [g for _, g in s]) for s in corpus(args.tokens, seed=2)]
    n_tokens = sum(len(w) for w, _ in test)
    started = time.perf_counter()
    model = CrfTagger.train(train, params={"max_iterations": 40})
    print(
        f"trained on {sum(len(w) for w, _ in train):,} tokens in {time.perf_counter() - started:.1f} s "
        f"(40 iterations: speed, not quality, is measured here)"
    )

    features = [model.features.sequence(words) for words, _ in test]
    # Millions of objects: frozen, so that no collector pass during the other runs scans them.
    gc.freeze()
    tagger = model._tagger  # crfsuite itself

    def tag_bare() -> None:
        for xseq in features:
            tagger.tag(xseq)

    def tag_words() -> None:
        for words, _ in test:
            model.tag(words)

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "test.conll"
        source.write_text(
            "\n\n".join("\n".join(f"{w}\tO" for w in words) for words, _ in test) + "\n", encoding="utf-8"
        )
        project = Project.create(Path(tmp) / "p.barchasb", preset("combined"))
        import_paths(project, [source], ImportOptions(sentences_per_doc=50))
        project.save_model("crf", *model.serialize())
        started = time.perf_counter()
        pretag(project)  # the first run builds the model from the project file, its caches cold
        first_speed = n_tokens / (time.perf_counter() - started)
        reports = []  # later runs reuse the built model, as pre-tagging document after document does
        seconds = best_times(
            ROUNDS, {"bare": tag_bare, "crf": tag_words, "pipeline": lambda: reports.append(pretag(project))}
        )
        report = reports[-1]
        project.close()
    gc.unfreeze()
    bare_speed, crf_speed, pipeline_speed = (n_tokens / seconds[name] for name in ("bare", "crf", "pipeline"))

    print(f"test: {n_tokens:,} tokens in {len(test):,} sentences; {report.suggestions:,} suggestions")
    print(f"bare crfsuite tagging (features prebuilt): {bare_speed:,.0f} tokens/s")
    print(f"CrfTagger.tag (features + tagging): {crf_speed:,.0f} tokens/s (target >= 50,000)")
    print(
        f"pretag pipeline (rules, cues, gazetteer, CRF, project I/O): {pipeline_speed:,.0f} tokens/s "
        f"(the first run, building the model: {first_speed:,.0f} tokens/s)"
    )
    print(f"ratio pipeline / bare crfsuite: {pipeline_speed / bare_speed:.2f} (target >= 0.5)")

    rng = random.Random(3)
    letters = "ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی"
    entries = [
        ["".join(rng.choices(letters, k=rng.randint(3, 7))) for _ in range(rng.randint(1, 3))] for _ in range(100_000)
    ]
    started = time.perf_counter()
    gazetteer = Gazetteer()
    for entry in entries:
        gazetteer.add(entry, "LOC")
    build = time.perf_counter() - started
    words = [w for words, _ in test for w in words] + [w for e in entries[:5000] for w in e]
    started = time.perf_counter()
    matches = gazetteer.find(words)
    lookup = time.perf_counter() - started
    print(
        f"gazetteer: {gazetteer.size:,} entries built in {build:.2f} s; "
        f"{len(words) / lookup:,.0f} tokens/s lookup ({len(matches):,} matches)"
    )


if __name__ == "__main__":
    main()
