from __future__ import annotations

import json
from pathlib import Path

from annotator.importers import ImportOptions, import_paths
from annotator.schema import preset
from annotator.store import Project
from exports import ExportOptions, export
from tests.conftest import SAMPLE
from tests.exports.conftest import add


def content(project: Project) -> list[tuple[object, ...]]:
    out = []
    for info in project.documents():
        doc = project.document(info.id)
        layers = {
            name: sorted((s.start, s.end, s.label, s.role or "") for s in layer.accepted())
            for name, layer in doc.layers.items()
        }
        out.append(
            (
                doc.id,
                doc.title,
                doc.raw_text,
                doc.text,
                list(doc.raw_offsets),
                list(doc.tokens),
                list(doc.sentences),
                dict(doc.meta),
                layers,
            )
        )
    return out


def test_round_trip_gives_back_the_same_project(project: Project, tmp_path: Path) -> None:
    import_paths(project, [SAMPLE], ImportOptions())  # a document with a real offset map
    add(project, "ilna-aras-free-zone", "sara", "محمد تبریزی", "PER", role="subject")
    path = tmp_path / "all.jsonl"
    export(project, ExportOptions("jsonl", path))
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert set(first) >= {"id", "title", "text", "meta", "tokens", "sentences", "spans", "label"}
    assert first["label"][0] == [0, 11, "PER"]
    again = Project.create(tmp_path / "again.barchasb", preset("combined"))
    import_paths(again, [path], ImportOptions())
    # suggestions are not exported, so compare accepted spans
    for mine, theirs in zip(content(again), content(project), strict=True):
        for field_again, field_project in zip(mine, theirs, strict=True):
            assert field_again == field_project, (mine[0], field_again, field_project)


def test_splits_in_a_folder(project: Project, tmp_path: Path) -> None:
    export(project, ExportOptions("jsonl", tmp_path / "j", split="0.5,0.5"))
    files = sorted(p.name for p in (tmp_path / "j").glob("*.jsonl"))
    assert files == ["test.jsonl", "train.jsonl"]
