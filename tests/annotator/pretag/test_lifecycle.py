"""Suggest, accept, reject (remembered), never over a human span."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import ProjectError
from annotator.importers import ImportOptions, import_paths
from annotator.model import DocStatus, Span, SpanStatus
from annotator.pretag.pipeline import PretagError, pretag
from annotator.schema import preset
from annotator.store import Project

TEXT = "آقای محمد تبریزی روز ۱۲ آبان ۱۴۰۴ در جلفا گفت تورم ۳۸٫۵ درصد است."


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.create(tmp_path / "p.barchasb", preset("combined"))
    (tmp_path / "news.txt").write_text(TEXT, encoding="utf-8")
    import_paths(p, [tmp_path / "news.txt"], ImportOptions())
    yield p
    p.close()


def spans(project: Project, layer: str = "sara") -> list[tuple[str, str, str]]:
    doc = project.document("news")
    return [(doc.text[s.start : s.end], s.label, str(s.status)) for s in doc.layers[layer].spans]


def test_suggest_accept_reject_remembered(project: Project) -> None:
    report = pretag(project, annotator="sara", taggers=["rules", "cues"])
    assert report.documents == 1 and report.by_source == {"rules": 2, "cues": 1}
    assert spans(project) == [
        ("محمد تبریزی", "PER", "suggested"),
        ("۱۲ آبان ۱۴۰۴", "DAT", "suggested"),
        ("۳۸٫۵ درصد", "PCT", "suggested"),
    ]
    assert project.document("news").status is DocStatus.PRETAGGED
    layer = project.document("news").layers["sara"]
    person, date, _percent = layer.spans
    accepted = project.accept_span(person.id)  # type: ignore[arg-type]
    assert accepted.status is SpanStatus.ACCEPTED and accepted.source == "cues"
    project.reject_span(date.id)  # type: ignore[arg-type]
    with pytest.raises(ProjectError, match="not a suggestion"):
        project.reject_span(person.id)  # type: ignore[arg-type]
    pretag(project, annotator="sara", taggers=["rules", "cues"])  # the same run again
    assert spans(project) == [("محمد تبریزی", "PER", "accepted"), ("۳۸٫۵ درصد", "PCT", "suggested")]


def test_never_over_or_beside_a_human_span(project: Project) -> None:
    text = project.document("news").text
    start = text.index("تبریزی")
    project.add_span("news", "sara", Span(start, start + len("تبریزی"), "LOC"))  # a human decision
    pretag(project, annotator="sara", taggers=["cues"])
    assert spans(project) == [("تبریزی", "LOC", "accepted")]


def test_accept_all_above_a_confidence(project: Project) -> None:
    pretag(project, annotator="sara", taggers=["rules", "cues"])
    accepted = project.accept_suggestions("news", "sara", min_confidence=0.8)
    assert sorted(s.label for s in accepted) == ["DAT", "PCT"]
    assert [s for _, _, s in spans(project)] == ["suggested", "accepted", "accepted"]


def test_errors(project: Project) -> None:
    with pytest.raises(PretagError, match="unknown taggers: magic"):
        pretag(project, taggers=["magic"])
    with pytest.raises(PretagError, match="no document 'x'"):
        pretag(project, ["x"])
    report = pretag(project, taggers=["model"])
    assert "no trained model" in report.notes[0]
