"""Exports of a crafted project: labels outside the schema and unreadable roles are refused by name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from annotator.errors import ExportError
from annotator.store import Project
from exports import ExportOptions, export
from tests.exports.conftest import behind_the_store


def crafted(project: Project, location: str, sql: str, params: Sequence[Any] = ()) -> Project:
    """The project reopened after ``sql`` ran on its file or database behind the store's back."""
    project.close()
    behind_the_store(location, sql, params)
    return Project.open(location)


@pytest.mark.parametrize("fmt", ["hf", "conll", "jsonl"])
def test_a_label_outside_the_schema_is_refused_naming_label_document_and_layer(
    project: Project, location: str, tmp_path: Path, fmt: str
) -> None:
    reopened = crafted(project, location, "update spans set label = 'XYZ' where id = (select min(id) from spans)")
    try:
        with pytest.raises(ExportError, match=r"document a, layer sara: .*label 'XYZ', which is not in the schema"):
            export(reopened, ExportOptions(fmt, tmp_path / "out"))
        assert not (tmp_path / "out").exists()
    finally:
        reopened.close()


@pytest.mark.parametrize("role", ["a b", "x\ty", "line\nbreak", "bell\x07"])
def test_conll_refuses_a_role_with_whitespace_or_control_characters(
    project: Project, location: str, tmp_path: Path, role: str
) -> None:
    reopened = crafted(project, location, "update spans set role = ? where role = 'source'", (role,))
    try:
        with pytest.raises(ExportError, match=r"role .* in document a .*whitespace or control characters"):
            export(reopened, ExportOptions("conll", tmp_path / "out", roles=True))
        assert not (tmp_path / "out").exists()
    finally:
        reopened.close()


def test_conll_keeps_a_role_with_a_zero_width_non_joiner(project: Project, location: str, tmp_path: Path) -> None:
    reopened = crafted(project, location, "update spans set role = ? where role = 'source'", ("نقل‌قول",))
    try:
        export(reopened, ExportOptions("conll", tmp_path / "out", roles=True, split="1"))
        assert "نقل‌قول" in (tmp_path / "out" / "train.conll").read_text(encoding="utf-8")
    finally:
        reopened.close()
