"""doccano's JSONL as its versions wrote it (doccano's issues #1291 and #1522), offsets in UTF-16 units."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.importers import ImportOptions, import_paths
from annotator.store import Project

TEXT = "😀😀 محمد تبریزی در جلفا گفت."
LABELS = [[5, 16, "PER"], [20, 24, "LOC"]]  # UTF-16: each emoji counts two


def spans(project: Project, doc_id: str) -> list[tuple[str, str]]:
    doc = project.document(doc_id)
    return [(doc.text[s.start : s.end], s.label) for s in doc.layers["imported"].spans]


@pytest.mark.parametrize(
    "row",
    [
        {"id": 10, "data": TEXT, "label": LABELS},  # doccano 1.4-1.5's writer: the text in "data"
        {"id": 10, "text": TEXT, "labels": LABELS},  # doccano 1.2's "JSONL (text label)"
        {"id": 10, "text": TEXT, "label": LABELS, "Comments": []},  # doccano 1.6+
    ],
)
def test_every_doccano_version_of_sequence_labels(project: Project, tmp_path: Path, row: dict[str, Any]) -> None:
    path = tmp_path / "admin.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(project, [path], ImportOptions(format="doccano"))
    assert spans(project, "admin-10") == [("محمد تبریزی", "PER"), ("جلفا", "LOC")]
    assert set(project.document("admin-10").meta) <= {"doccano_id", "Comments"}
