"""Exports of a crafted project: labels outside the schema and unreadable roles are refused by name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.errors import ExportError
from annotator.store import Project
from exports import ExportOptions, export


def crafted(project: Project, sql: str) -> Project:
    """The project reopened after ``sql`` ran on its file behind the store's back."""
    path = project.path
    project.close()
    with sqlite3.connect(path) as db:
        db.execute(sql)
    db.close()
    return Project.open(path)


@pytest.mark.parametrize("fmt", ["hf", "conll", "jsonl"])
def test_a_label_outside_the_schema_is_refused_naming_label_document_and_layer(
    project: Project, tmp_path: Path, fmt: str
) -> None:
    reopened = crafted(project, "update spans set label = 'XYZ' where rowid = (select min(rowid) from spans)")
    try:
        with pytest.raises(ExportError, match=r"document a, layer sara: .*label 'XYZ', which is not in the schema"):
            export(reopened, ExportOptions(fmt, tmp_path / "out"))
        assert not (tmp_path / "out").exists()
    finally:
        reopened.close()


@pytest.mark.parametrize("role", ["a b", "x\ty", "line\nbreak", "bell\x07"])
def test_conll_refuses_a_role_with_whitespace_or_control_characters(
    project: Project, tmp_path: Path, role: str
) -> None:
    sql = f"update spans set role = '{role}' where role = 'source'"
    reopened = crafted(project, sql)
    try:
        with pytest.raises(ExportError, match=r"role .* in document a .*whitespace or control characters"):
            export(reopened, ExportOptions("conll", tmp_path / "out", roles=True))
        assert not (tmp_path / "out").exists()
    finally:
        reopened.close()


def test_conll_keeps_a_role_with_a_zero_width_non_joiner(project: Project, tmp_path: Path) -> None:
    reopened = crafted(project, "update spans set role = 'نقل‌قول' where role = 'source'")
    try:
        export(reopened, ExportOptions("conll", tmp_path / "out", roles=True, split="1"))
        assert "نقل‌قول" in (tmp_path / "out" / "train.conll").read_text(encoding="utf-8")
    finally:
        reopened.close()
