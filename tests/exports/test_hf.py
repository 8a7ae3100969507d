from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from annotator.store import Project
from annotator.tags import Scheme
from exports import ExportOptions, export


@pytest.fixture
def written(project: Project, tmp_path: Path) -> Path:
    export(project, ExportOptions("hf", tmp_path / "hf", split="0.34,0.33,0.33"))
    return tmp_path / "hf"


def test_load_dataset_reads_the_folder_without_arguments(written: Path, project: Project) -> None:
    from datasets import ClassLabel, List, Value, load_dataset

    dataset = load_dataset(str(written))
    assert set(dataset) == {"train", "validation", "test"}
    features = dataset["train"].features
    assert features["tokens"] == List(Value("string"))
    tags = features["ner_tags"].feature
    assert isinstance(tags, ClassLabel)
    assert tags.names[:5] == ["O", "B-PER", "I-PER", "B-ORG", "I-ORG"]
    assert len(tags.names) == 1 + 2 * len(project.schema.labels)
    assert set(features["spans"].feature) == {"start", "end", "label", "role"}
    doc_ids = [set(dataset[split]["doc_id"]) for split in dataset]
    assert sum(map(len, doc_ids)) == 3 and set.union(*doc_ids) == {"a", "b", "c"}  # by document, none twice
    rows = {row["id"]: row for split in dataset for row in dataset[split]}
    assert sum(len(r) for r in [rows]) == 5  # a: 2 sentences, b: 2, c: 1
    first = rows["a-0"]
    assert first["tokens"] == ["محمد", "تبریزی", "در", "جلفا", "گفت", "."]
    assert [tags.names[i] for i in first["ner_tags"]] == ["B-PER", "I-PER", "O", "B-LOC", "O", "O"]
    assert first["spans"][0] == {"start": 0, "end": 11, "label": "PER", "role": "source"}
    assert first["text"][0:11] == "محمد تبریزی"
    second = rows["b-1"]  # «بانک مرکزی» was only suggested
    assert [tags.names[i] for i in second["ner_tags"]][:2] == ["O", "O"]
    for row in rows.values():  # spans point into the row text and agree with the tags
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]].strip() == row["text"][span["start"] : span["end"]]
        assert sum(tags.names[i].startswith("B-") for i in row["ner_tags"]) == len(row["spans"])


def test_card_has_configs_features_splits_and_a_summary(written: Path) -> None:
    text = (written / "README.md").read_text(encoding="utf-8")
    _, header, body = text.split("---\n", 2)
    meta = yaml.safe_load(header)
    assert meta["configs"][0]["data_files"][0] == {"split": "train", "path": "data/train-*"}
    names = meta["dataset_info"]["features"][3]["sequence"]["class_label"]["names"]
    assert names["0"] == "O" and names["1"] == "B-PER"
    assert {s["name"] for s in meta["dataset_info"]["splits"]} == {"train", "validation", "test"}
    assert "layer: `sara`" in body and "IOB2" in body and "| split |" in body
    assert sorted(p.name for p in (written / "data").iterdir()) == [
        "test-00000-of-00001.parquet",
        "train-00000-of-00001.parquet",
        "validation-00000-of-00001.parquet",
    ]


def test_document_rows_and_bioes(project: Project, tmp_path: Path) -> None:
    from datasets import load_dataset

    export(project, ExportOptions("hf", tmp_path / "h", split="1", unit="document", scheme=Scheme.BIOES))
    train = load_dataset(str(tmp_path / "h"))["train"]
    assert train["id"] == ["a", "b", "c"]
    names = train.features["ner_tags"].feature.names
    assert names[1:5] == ["B-PER", "I-PER", "E-PER", "S-PER"]
    row = train[2]
    assert [names[i] for i in row["ner_tags"]] == ["B-ORG", "E-ORG", "O", "O", "O"]


def test_save_to_disk_layout(project: Project, tmp_path: Path) -> None:
    from datasets import load_from_disk

    export(project, ExportOptions("hf-disk", tmp_path / "disk", split="0.5,0.5"))
    dataset = load_from_disk(str(tmp_path / "disk"))
    assert set(dataset) == {"train", "test"}
    assert dataset["train"].features["ner_tags"].feature.names[0] == "O"
    assert sum(d.num_rows for d in dataset.values()) == 5
    rows = {row["id"]: row for split in dataset for row in dataset[split]}
    assert rows["a-0"]["tokens"] == ["محمد", "تبریزی", "در", "جلفا", "گفت", "."]  # the data survives the rewrite
    assert rows["a-0"]["spans"][0] == {"start": 0, "end": 11, "label": "PER", "role": "source"}


def test_features_are_written_in_the_form_every_supported_datasets_reads(
    written: Path, project: Project, tmp_path: Path
) -> None:
    """datasets 3.x reads `sequence:` / `_type: Sequence` and lists of structs, not 4.x's `list:` / `List`."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    meta = yaml.safe_load((written / "README.md").read_text(encoding="utf-8").split("---\n", 2)[1])
    features = {f["name"]: f for f in meta["dataset_info"]["features"]}
    assert features["tokens"] == {"name": "tokens", "sequence": "string"}
    assert set(features["ner_tags"]) == {"name", "sequence"}
    assert list(features["spans"]["list"][0]) == ["name", "dtype"]  # a list of structs: read as such by 3.x and 5.x
    embedded = json.loads(pq.read_schema(written / "data" / "train-00000-of-00001.parquet").metadata[b"huggingface"])
    _assert_portable(embedded["info"]["features"])

    export(project, ExportOptions("hf-disk", tmp_path / "disk", split="0.5,0.5"))
    for split in ("train", "test"):
        info = json.loads((tmp_path / "disk" / split / "dataset_info.json").read_text(encoding="utf-8"))
        _assert_portable(info["features"])
        with pa.memory_map(str(tmp_path / "disk" / split / "data-00000-of-00001.arrow")) as source:
            schema = pa.ipc.open_stream(source).schema
        _assert_portable(json.loads(schema.metadata[b"huggingface"])["info"]["features"])


def _assert_portable(features: dict[str, object]) -> None:
    text = json.dumps(features)
    assert '"List"' not in text and '"LargeList"' not in text
    assert features["tokens"] == {"feature": {"dtype": "string", "_type": "Value"}, "_type": "Sequence"}
    assert features["ner_tags"]["_type"] == "Sequence"  # type: ignore[index]
    assert features["ner_tags"]["feature"]["_type"] == "ClassLabel"  # type: ignore[index]
    assert isinstance(features["spans"], list) and set(features["spans"][0]) == {"start", "end", "label", "role"}


def test_datasets_is_a_regular_dependency() -> None:
    """HF export is half of what users export: installing barchasb installs what it needs."""
    import tomllib

    from tests.conftest import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {dep.split(">")[0].split("=")[0].split("[")[0].strip() for dep in project["dependencies"]}
    assert {"datasets", "pyarrow", "pyyaml"} <= names


def test_the_sample_project_lands_in_train(location: str, tmp_path: Path) -> None:
    """One document, three splits: train first, so the card's and README's `dataset["train"]` work."""
    from datasets import load_dataset

    from annotator.importers import ImportOptions, import_paths
    from annotator.schema import preset
    from tests.conftest import SAMPLE
    from tests.exports.conftest import add

    with Project.create(location, preset("combined")) as project:
        import_paths(project, [SAMPLE], ImportOptions())
        add(project, SAMPLE.stem, "sara", "جلفا", "LOC")
        report = export(project, ExportOptions("hf", tmp_path / "hf"))
    assert report.documents == {"train": 1}
    dataset = load_dataset(str(tmp_path / "hf"))
    assert dataset["train"].features["ner_tags"].feature.names[0] == "O"
    card = (tmp_path / "hf" / "README.md").read_text(encoding="utf-8")
    assert 'dataset["train"].features["ner_tags"].feature.names' in card


@pytest.fixture
def curated(location: str, tmp_path: Path) -> Iterator[Project]:
    """Three documents with their corpus split; ali and sara annotated, gold curated from both."""
    from annotator.importers import ImportOptions, import_paths
    from annotator.model import Span
    from annotator.review.curation import AGREED_SOURCE
    from annotator.schema import preset

    rows = [
        {"id": "a", "text": "محمد تبریزی در جلفا گفت.", "meta": {"split": "train"}},
        {"id": "b", "text": "علی به تهران رفت.", "meta": {"split": "validation"}},
        {"id": "c", "text": "خبرگزاری ایلنا از جام جهانی گفت.", "meta": {"split": "test"}},
    ]
    source = tmp_path / "docs.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    project = Project.create(location, preset("combined"))
    import_paths(project, [source], ImportOptions())

    def span(doc_id: str, name: str, label: str, source: str = "human") -> Span:
        start = project.document(doc_id).text.index(name)
        return Span(start, start + len(name), label, source=source)

    for layer in ("ali", "sara"):
        project.add_span("a", layer, span("a", "محمد تبریزی", "PER"))
        project.add_span("c", layer, span("c", "ایلنا", "ORG"))
    project.add_span("b", "ali", span("b", "تهران", "LOC"))
    project.add_span("a", "gold", span("a", "محمد تبریزی", "PER", AGREED_SOURCE))  # curate --auto
    project.add_span("b", "gold", span("b", "تهران", "LOC", "ali"))  # the curator took ali's version
    project.add_span("c", "gold", span("c", "ایلنا", "ORG", AGREED_SOURCE))
    project.add_span("c", "gold", span("c", "جام جهانی", "EVE"))  # the curator's own
    yield project
    project.close()


def test_card_names_curators_annotators_license_and_unseen_labels(curated: Project, tmp_path: Path) -> None:
    report = export(curated, ExportOptions("hf", tmp_path / "hf", license="cc-by-4.0", curators=("maryam",)))
    assert report.documents == {"train": 1, "validation": 1, "test": 1} and report.split == "the corpus's own splits"
    assert report.warnings == [
        "label EVE occurs in evaluation splits (1 in test) but never in train",
        "label LOC occurs in evaluation splits (1 in validation) but never in train",
        "label ORG occurs in evaluation splits (1 in test) but never in train",
    ]
    text = (tmp_path / "hf" / "README.md").read_text(encoding="utf-8")
    _, header, body = text.split("---\n", 2)
    assert yaml.safe_load(header)["license"] == "cc-by-4.0"
    assert "- curators: maryam" in body
    assert "- annotators whose layers fed gold: ali, sara" in body
    assert (
        "2 spans agreed by the annotators; 1 span taken from one annotator's version; 1 span added or changed" in body
    )
    assert "> **Warning:** label EVE occurs in evaluation splits (1 in test) but never in train" in body
    assert "annotators: none" not in body


def test_card_without_license_or_curators_says_how_to_give_them(curated: Project, tmp_path: Path) -> None:
    export(curated, ExportOptions("hf", tmp_path / "hf"))
    text = (tmp_path / "hf" / "README.md").read_text(encoding="utf-8")
    assert "license: unknown" in text and "export with `--license ID`" in text
    assert "curators: not recorded (export with `--curators NAME,...`)" in text


def test_card_names_the_curators_who_marked_documents_reviewed(curated: Project, tmp_path: Path) -> None:
    curated.mark_reviewed("a", curator="zahra")
    curated.mark_reviewed("c", curator="maryam")
    curated.mark_reviewed("c", curator="zahra")  # named once however often
    assert curated.document("c").meta["curators"] == ["maryam", "zahra"]
    export(curated, ExportOptions("hf", tmp_path / "hf", curators=("reza",)))
    text = (tmp_path / "hf" / "README.md").read_text(encoding="utf-8")
    assert "- curators: maryam, reza, zahra" in text


def test_warning_on_the_command_line(curated: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from annotator.cli import main

    path = str(curated.path)
    curated.close()
    assert main(["export", path, "--format", "conll", "--out", str(tmp_path / "c")]) == 0
    captured = capsys.readouterr()
    assert "barchasb: warning: label EVE occurs in evaluation splits (1 in test) but never in train" in captured.err
    assert "the corpus's own splits" in captured.out
