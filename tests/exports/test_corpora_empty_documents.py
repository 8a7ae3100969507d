"""A corpus with an empty document (an empty news file, an empty doccano line, an empty INCEpTION document)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.importers import ImportOptions, import_paths
from annotator.schema import preset
from annotator.store import Project
from exports import ExportOptions, export


@pytest.fixture
def with_empty(location: str, tmp_path: Path) -> Iterator[Project]:
    """Three documents, one of them without any text: each is drawn into a split of its own."""
    project = Project.create(location, preset("combined"))
    rows = [
        {"id": 1, "text": "محمد تبریزی در جلفا گفت.", "label": [[0, 11, "PER"], [15, 19, "LOC"]]},
        {"id": 2, "text": "", "label": []},
        {"id": 3, "text": "😀 علی‌رضا به تهران رفت.", "label": [[3, 10, "PER"], [14, 19, "LOC"]]},
    ]
    source = tmp_path / "doccano.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    import_paths(project, [source], ImportOptions(format="doccano", annotator="sara"))
    assert len(project.document("doccano-2").tokens) == 0
    yield project
    project.close()


def test_hf_leaves_out_a_document_without_tokens_so_every_split_loads(with_empty: Project, tmp_path: Path) -> None:
    from datasets import load_dataset

    report = export(with_empty, ExportOptions("hf", tmp_path / "hf", split="0.34,0.33,0.33"))
    assert sum(report.documents.values()) == 2
    assert any("without tokens" in note for note in report.notes)
    dataset = load_dataset(str(tmp_path / "hf"))
    assert sorted(row["doc_id"] for split in dataset for row in dataset[split]) == ["doccano-1", "doccano-3"]


def test_hf_disk_leaves_out_a_document_without_tokens_so_every_split_loads(with_empty: Project, tmp_path: Path) -> None:
    from datasets import load_from_disk

    export(with_empty, ExportOptions("hf-disk", tmp_path / "disk", split="0.34,0.33,0.33"))
    dataset = load_from_disk(str(tmp_path / "disk"))
    rows = [row for split in dataset for row in dataset[split]]
    spans = {row["doc_id"]: [(s["start"], s["end"], s["label"]) for s in row["spans"]] for row in rows}
    assert spans == {"doccano-1": [(0, 11, "PER"), (15, 19, "LOC")], "doccano-3": [(2, 9, "PER"), (13, 18, "LOC")]}


def test_tool_formats_keep_the_empty_document(with_empty: Project, tmp_path: Path) -> None:
    export(with_empty, ExportOptions("jsonl", tmp_path / "all.jsonl"))
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["text"] for line in lines][1] == ""
