"""Do HF exports written with the installed `datasets` load in older `datasets` versions?

Not run in CI: it needs a second environment per version. Set one up, then run:

    python3.12 -m venv /tmp/ds-3.0.0 && /tmp/ds-3.0.0/bin/pip install "datasets==3.0.0"
    python benchmarks/hf_compat.py --python /tmp/ds-3.0.0/bin/python [--python /tmp/ds-3.6.0/bin/python ...]

It exports a small project (three documents, gold curated from two annotators, a corpus split
each) as `--format hf` and `--format hf-disk` with this checkout, then, in each given
interpreter: `load_dataset(folder)` and `load_from_disk(folder)`, the README snippet's
`dataset["train"].features["ner_tags"].feature.names`, and transformers' run_ner.py label
discovery (`isinstance(features["ner_tags"].feature, ClassLabel)`). Exit status 1 if any fails.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHECK = r"""
import json, sys
import datasets
from datasets import ClassLabel, load_dataset, load_from_disk
from datasets.utils.logging import disable_progress_bar
disable_progress_bar()
folder, disk, expected = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
out = {"datasets": datasets.__version__}
for kind, dataset in (("load_dataset", lambda: load_dataset(folder)), ("load_from_disk", lambda: load_from_disk(disk))):
    try:
        loaded = dataset()
        feature = loaded["train"].features["ner_tags"].feature  # the README snippet
        names = feature.names
        out[kind] = {
            "splits": {name: loaded[name].num_rows for name in loaded},
            "names_ok": names == expected["names"],
            "run_ner_classlabel": isinstance(feature, ClassLabel),
            "first_tags": [names[i] for i in loaded["train"][0]["ner_tags"]],
            "spans_ok": set(loaded["train"].features["spans"][0] if isinstance(loaded["train"].features["spans"], list)
                            else loaded["train"].features["spans"].feature) == {"start", "end", "label", "role"},
        }
    except Exception as exc:  # report, do not stop: the point is to see every failure
        out[kind] = {"error": f"{type(exc).__name__}: {exc}"}
print(json.dumps(out))
"""


def build(folder: Path) -> tuple[Path, Path, list[str]]:
    """A small project exported both ways; returns the two folders and the expected class names."""
    from annotator.importers import ImportOptions, import_paths
    from annotator.model import Span
    from annotator.schema import preset
    from annotator.store import Project
    from annotator.tags import Scheme
    from exports import ExportOptions, export
    from exports.hf import tag_names

    rows = [
        {"id": "a", "text": "محمد تبریزی در جلفا گفت.", "meta": {"split": "train"}},
        {"id": "b", "text": "😀 علی‌رضا به تهران رفت.", "meta": {"split": "validation"}},
        {"id": "c", "text": "خبرگزاری ایلنا گزارش داد.", "meta": {"split": "test"}},
    ]
    source = folder / "docs.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    project = Project.create(folder / "p.barchasb", preset("combined"))
    import_paths(project, [source], ImportOptions())
    for doc_id, name, label in (
        ("a", "محمد تبریزی", "PER"),
        ("a", "جلفا", "LOC"),
        ("b", "تهران", "LOC"),
        ("c", "ایلنا", "ORG"),
    ):
        text = project.document(doc_id).text
        start = text.index(name)
        for layer in ("sara", "gold"):
            project.add_span(doc_id, layer, Span(start, start + len(name), label))
    hf, disk = folder / "hf", folder / "disk"
    export(project, ExportOptions("hf", hf, layer="gold"))
    export(project, ExportOptions("hf-disk", disk, layer="gold"))
    names = tag_names(project.schema, Scheme.IOB2)
    project.close()
    return hf, disk, names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", action="append", required=True, help="an interpreter with another datasets")
    args = parser.parse_args()
    import datasets

    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        hf, disk, names = build(Path(tmp))
        print(f"written with datasets {datasets.__version__}")
        for python in args.python:
            done = subprocess.run(
                [python, "-c", CHECK, str(hf), str(disk), json.dumps({"names": names})],
                capture_output=True,
                text=True,
                env={"HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_HOME": str(Path(tmp) / "hf-home")},
            )
            if done.returncode != 0:
                print(f"{python}: crashed\n{done.stderr[-2000:]}")
                failed = True
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1])
            print(json.dumps(result, ensure_ascii=False))
            for kind in ("load_dataset", "load_from_disk"):
                outcome = result[kind]
                ok = (
                    "error" not in outcome
                    and outcome["names_ok"]
                    and outcome["run_ner_classlabel"]
                    and outcome["spans_ok"]
                )
                ok = ok and outcome["splits"] == {"train": 1, "validation": 1, "test": 1}
                print(f"  datasets {result['datasets']} {kind}: {'ok' if ok else 'FAILED'}")
                failed |= not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
