"""Export speed: barchasb's CoNLL and HF exports vs writing the same data with plain tools.

Usage: python benchmarks/export_bench.py [--tokens N] [--runs N]
Builds a project of ~250,000 tokens with ~15,000 entities, then prints, best of --runs:
CoNLL export vs writing the same lines with plain Python, and HF export vs
Dataset.from_dict(...).to_parquet on prepared lists.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LABELS = ["PER", "ORG", "LOC", "DAT", "MON"]


def corpus(tokens: int, seed: int = 5) -> list[list[tuple[str, str]]]:
    """Sentences of (token, IOB2 tag), ~6% of tokens starting an entity; words drawn Zipf-like, as in text."""
    from itertools import accumulate

    from annotator.text.lexicon import default_lexicon

    rng = random.Random(seed)
    vocabulary = [w for w in default_lexicon().pos if " " not in w][:50000]
    rng.shuffle(vocabulary)
    weights = list(accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
    pick = iter(rng.choices(vocabulary, cum_weights=weights, k=tokens * 2))

    class Words:
        @staticmethod
        def choice() -> str:
            return next(pick)

    words = Words
    sentences: list[list[tuple[str, str]]] = []
    count = 0
    while count < tokens:
        sentence: list[tuple[str, str]] = []
        for _ in range(rng.randint(8, 40)):
            if sentence and sentence[-1][1] != "O" and rng.random() < 0.4:
                sentence.append((words.choice(), "I-" + sentence[-1][1][2:]))
            elif rng.random() < 0.06:
                sentence.append((words.choice(), "B-" + rng.choice(LABELS)))
            else:
                sentence.append((words.choice(), "O"))
        sentence.append((".", "O"))
        sentences.append(sentence)
        count += len(sentence)
    return sentences


def best(runs: int, work: Callable[[int], None]) -> float:
    times = []
    for run in range(runs):
        start = time.perf_counter()
        work(run)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tokens", type=int, default=250_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from datasets import Dataset
    from datasets.utils.logging import disable_progress_bar

    from annotator.importers import ImportOptions, import_paths
    from annotator.schema import preset
    from annotator.store import Project
    from annotator.tags import Scheme, decode
    from exports import ExportOptions, export
    from exports.hf import features, tag_names
    from exports.splits import assign

    disable_progress_bar()
    sentences = corpus(args.tokens)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "corpus.conll"
        source.write_text("\n\n".join("\n".join(f"{t}\t{g}" for t, g in s) for s in sentences) + "\n", encoding="utf-8")
        project = Project.create(folder / "bench.barchasb", preset("combined"))
        import_paths(project, [source], ImportOptions(sentences_per_doc=25))
        n_tokens = sum(len(s) for s in sentences)
        n_spans = sum(len(decode([g for _, g in s])) for s in sentences)
        print(f"project: {len(project.documents())} documents, {n_tokens:,} tokens, {n_spans:,} entities")

        def plain_conll(run: int) -> None:
            lines: list[str] = []
            for sentence in sentences:
                lines.extend(f"{t}\t{g}" for t, g in sentence)
                lines.append("")
            (folder / f"plain-{run}.conll").write_text("\n".join(lines) + "\n", encoding="utf-8")

        def our_conll(run: int) -> None:
            export(project, ExportOptions("conll", folder / f"ours-{run}.conll", sep="tab"))

        plain = best(args.runs, plain_conll)
        ours = best(args.runs, our_conll)
        same = (folder / "plain-0.conll").read_text(encoding="utf-8") == (folder / "ours-0.conll").read_text(
            encoding="utf-8"
        )
        print(
            f"CoNLL: barchasb export {ours:.2f} s, plain Python lines {plain:.2f} s, "
            f"ratio {ours / plain:.2f} (target <= 3); identical output: {same}"
        )

        names = tag_names(project.schema, Scheme.IOB2)
        ids = {name: i for i, name in enumerate(names)}
        doc_of = [f"corpus-{i // 25 + 1}" for i in range(len(sentences))]
        places = assign(sorted(set(doc_of)), [0.8, 0.1, 0.1], 13)
        prepared: dict[str, dict[str, list[object]]] = {}
        for i, sentence in enumerate(sentences):
            split = prepared.setdefault(
                places[doc_of[i]], {"id": [], "doc_id": [], "tokens": [], "ner_tags": [], "spans": [], "text": []}
            )
            split["id"].append(f"{doc_of[i]}-{i % 25}")
            split["doc_id"].append(doc_of[i])
            split["tokens"].append([t for t, _ in sentence])
            split["ner_tags"].append([ids[g] for _, g in sentence])
            words = [t for t, _ in sentence]
            starts = [0]
            for word in words[:-1]:
                starts.append(starts[-1] + len(word) + 1)
            split["spans"].append(
                [
                    {
                        "start": starts[c.first],
                        "end": starts[c.last - 1] + len(words[c.last - 1]),
                        "label": c.label,
                        "role": None,
                    }
                    for c in decode([g for _, g in sentence])
                ]
            )
            split["text"].append(" ".join(words))
        feats = features(names)

        def plain_hf(run: int) -> None:
            out = folder / f"plain-hf-{run}"
            out.mkdir()
            for split, columns in prepared.items():
                Dataset.from_dict(columns, features=feats).to_parquet(str(out / f"{split}.parquet"))

        def our_hf(run: int) -> None:
            export(project, ExportOptions("hf", folder / f"ours-hf-{run}"))

        plain = best(args.runs, plain_hf)
        ours = best(args.runs, our_hf)
        from datasets import load_dataset

        mine = load_dataset(str(folder / "ours-hf-0"))["train"]
        theirs = load_dataset("parquet", data_files=str(folder / "plain-hf-0" / "train.parquet"))["train"]
        same = all(mine[c] == theirs[c] for c in ("id", "doc_id", "tokens", "ner_tags", "spans", "text"))
        print(
            f"HF: barchasb export {ours:.2f} s, Dataset.from_dict(...).to_parquet {plain:.2f} s, "
            f"ratio {ours / plain:.2f} (target <= 2); same rows: {same}"
        )
        project.close()


if __name__ == "__main__":
    main()
