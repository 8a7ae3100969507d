"""A document's status follows human edits: a pre-tagged document someone has edited is in progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.model import DocStatus, Span, SpanStatus
from annotator.schema import preset
from annotator.store import Project

TEXT = "محمد تبریزی در تبریز گفت که خبرگزاری ایلنا و بانک ملی آماده‌اند."


def suggested(text: str, word: str, label: str) -> Span:
    start = text.index(word)
    return Span(start, start + len(word), label, None, SpanStatus.SUGGESTED, "rules", 0.95)


@pytest.fixture
def pretagged(tmp_path: Path) -> Project:
    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    from annotator.importers import ImportOptions, import_paths

    project = Project.create(tmp_path / "p.barchasb", preset("combined"))
    import_paths(project, [tmp_path / "d.txt"], ImportOptions())
    project.replace_suggestions(
        "d",
        "sara",
        [suggested(TEXT, "تبریز ", "LOC"), suggested(TEXT, "ایلنا", "ORG"), suggested(TEXT, "بانک ملی", "ORG")],
    )
    assert project.document("d").status is DocStatus.PRETAGGED
    yield project
    project.close()


def status(project: Project) -> str:
    return str(project.documents()[0].status)


def test_accepting_a_suggestion_makes_a_pretagged_document_in_progress(pretagged: Project) -> None:
    span = pretagged.layer_spans("d", "sara")[0]
    assert span.id is not None
    pretagged.accept_span(span.id)
    assert status(pretagged) == "in_progress"


def test_rejecting_a_suggestion_makes_it_in_progress(pretagged: Project) -> None:
    span = pretagged.layer_spans("d", "sara")[1]
    assert span.id is not None
    pretagged.reject_span(span.id)
    assert status(pretagged) == "in_progress"


def test_a_new_span_makes_it_in_progress_and_the_cli_says_so(
    pretagged: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    start = TEXT.index("محمد تبریزی")
    pretagged.add_span("d", "sara", Span(start, start + len("محمد تبریزی"), "PER"))
    assert main(["docs", str(pretagged.path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["status"] == "in_progress"


def test_pretagging_alone_leaves_it_pretagged_and_done_stays_done(pretagged: Project) -> None:
    pretagged.replace_suggestions("d", "sara", [suggested(TEXT, "ایلنا", "ORG")])
    assert status(pretagged) == "pretagged"
    pretagged.set_document_status("d", DocStatus.DONE)
    span = pretagged.layer_spans("d", "sara")[0]
    assert span.id is not None
    pretagged.accept_span(span.id)
    assert status(pretagged) == "done"  # an edit after done does not take the mark away


def test_a_gold_edit_leaves_the_status_to_curation(pretagged: Project) -> None:
    start = TEXT.index("ایلنا")
    pretagged.resolve_region("d", start, start + 5, [Span(start, start + 5, "ORG")])
    assert status(pretagged) == "pretagged"
