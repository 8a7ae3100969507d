"""Pretagging a crafted project: damaged stored values are a ProjectCorrupt naming them, never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.errors import ProjectCorrupt
from annotator.model import Span
from annotator.pretag.pipeline import project_gazetteer
from annotator.schema import preset
from annotator.store import Project
from annotator.text.profiles import Profile
from tests.annotator.review.conftest import words_document


def test_a_text_stored_as_a_blob_is_a_project_error_naming_the_document(tmp_path: Path) -> None:
    path = tmp_path / "p.barchasb"
    project = Project.create(path, preset("combined"))
    document = words_document("a", 6)
    project.add_document(document, normalization=Profile.NONE)
    project.add_span("a", "ali", Span(document.tokens[0].start, document.tokens[1].end, "PER"))
    assert project_gazetteer(project).size == 1
    project.close()
    with sqlite3.connect(path) as db:
        db.execute("update texts set text = X'FFFE00'")
    db.close()
    crafted = Project.open(path)
    try:
        with pytest.raises(ProjectCorrupt, match=r"p\.barchasb: document 'a': text: expected text, found"):
            project_gazetteer(crafted)
    finally:
        crafted.close()
