"""Curation into gold: automatic agreement, the curator's steps and their undo, "no entity here" remembered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from annotator.errors import ProjectError, SpanError
from annotator.model import GOLD, DocStatus, LayerStatus, Span
from annotator.review.curation import agreed_spans, auto_curate, review_regions
from annotator.review.regions import Kind, regions
from annotator.schema import preset
from annotator.store import Project
from tests.annotator.review.conftest import token_span, words_document


@pytest.fixture
def project(location: str) -> Iterator[Project]:
    project = Project.create(location, preset("combined"))
    base = words_document("doc", 20)
    t = lambda a, b, label: token_span(base, a, b, label)  # noqa: E731
    layers = {
        "ali": [t(0, 2, "PER"), t(4, 5, "LOC"), t(8, 10, "ORG"), t(14, 15, "PER")],
        "sara": [t(0, 2, "PER"), t(4, 5, "ORG"), t(8, 10, "ORG"), t(17, 18, "LOC")],
        "zahra": [t(0, 2, "PER"), t(4, 5, "LOC"), t(8, 11, "ORG")],
    }
    project.add_document(words_document("doc", 20, layers), normalization="none")
    project.add_document(words_document("calm", 6, {"ali": [], "sara": []}), normalization="none")
    project.add_document(words_document("solo", 6, {"ali": [t(0, 1, "PER")]}), normalization="none")
    yield project
    project.close()


def gold(project: Project, doc_id: str = "doc") -> list[tuple[int, int, str]]:
    layer = project.document(doc_id).layers.get(GOLD)
    return [(s.start, s.end, s.label) for s in layer.spans] if layer else []


def test_unanimous_spans_go_to_gold_and_a_calm_document_is_reviewed(project: Project) -> None:
    report = auto_curate(project)
    base = project.document("doc")
    assert gold(project) == [(token_span(base, 0, 2, "PER").start, token_span(base, 0, 2, "PER").end, "PER")]
    assert report.spans_added == 1 and report.open_regions == 4
    assert report.reviewed == ["calm"] and report.single_annotator == ["solo"]
    assert project.document("calm").status is DocStatus.REVIEWED
    assert project.document("calm").layers[GOLD].status is LayerStatus.DONE
    assert project.document("doc").status is DocStatus.NEW
    first = gold(project)
    again = auto_curate(project)
    assert (again.spans_added, again.open_regions, again.documents) == (0, 4, 2)
    assert gold(project) == first and len(project.document("doc").layers[GOLD].spans) == 1


def test_a_majority_threshold_takes_two_of_three_and_leaves_ties(project: Project) -> None:
    report = auto_curate(project, min_agree=2)
    base = project.document("doc")
    assert [(s, e, label) for s, e, label in gold(project)] == [
        (token_span(base, 0, 2, "PER").start, token_span(base, 0, 2, "PER").end, "PER"),
        (token_span(base, 4, 5, "LOC").start, token_span(base, 4, 5, "LOC").end, "LOC"),  # 2 LOC vs 1 ORG
        (token_span(base, 8, 10, "ORG").start, token_span(base, 8, 10, "ORG").end, "ORG"),  # 2 vs 1 longer
    ]
    assert report.open_regions == 3  # ali's lone PER and sara's lone LOC here, and «solo» (one annotator < 2)


def test_tie_between_overlapping_versions_is_left_to_the_curator() -> None:
    base = words_document("d", 6)
    a, b = token_span(base, 0, 2, "PER"), token_span(base, 0, 3, "PER")
    found = regions({"ali": [a], "sara": [b]})
    assert found[0].kind is Kind.BOUNDARY
    assert agreed_spans(found[0], 1) == []


def test_the_curator_picks_a_version_or_no_entity_with_undo(project: Project) -> None:
    items = review_regions(project.document("doc"), project.decisions("doc"))
    assert [i.region.kind for i in items] == [None, Kind.TYPE, Kind.BOUNDARY, Kind.MISSING, Kind.MISSING]
    type_region = items[1].region
    sara_version = type_region.versions["sara"]
    change = project.resolve_region("doc", type_region.start, type_region.end, sara_version)
    assert [label for *_, label in gold(project)] == ["ORG"]
    again = project.resolve_region("doc", type_region.start, type_region.end, type_region.versions["ali"])
    assert [label for *_, label in gold(project)] == ["LOC"] and again.removed[0].label == "ORG"
    project.undo_region(again)
    assert [label for *_, label in gold(project)] == ["ORG"]
    project.undo_region(change)
    assert gold(project) == []

    lone = items[3].region
    none = project.resolve_region("doc", lone.start, lone.end, [])
    assert project.decisions("doc") == [(lone.start, lone.end)]
    after = review_regions(project.document("doc"), project.decisions("doc"))
    assert after[3].resolved and after[3].no_entity
    auto_curate(project, min_agree=1)  # would take ali's lone span, but the curator said no
    assert all(s >= lone.end or e <= lone.start for s, e, _ in gold(project))
    project.undo_region(none)
    assert project.decisions("doc") == []


def test_every_region_settled_makes_the_document_reviewed(project: Project) -> None:
    auto_curate(project)
    for item in review_regions(project.document("doc"), project.decisions("doc")):
        if not item.resolved:
            region = item.region
            version = next(v for v in region.versions.values() if v)
            project.resolve_region("doc", region.start, region.end, version)
    report = auto_curate(project)
    assert "doc" in report.reviewed and project.document("doc").status is DocStatus.REVIEWED


def test_bad_requests_are_refused(project: Project) -> None:
    with pytest.raises(ProjectError, match=r"^--min-agree must be at least 1, not 0$"):
        auto_curate(project, min_agree=0)
    with pytest.raises(ProjectError, match=r"^region \[5, 5\) is empty$"):
        project.resolve_region("doc", 5, 5, [])
    length = len(project.document("doc").text)
    with pytest.raises(SpanError, match=rf"^span \[0, 10000\) ends past the text \({length} characters\)$"):
        project.resolve_region("doc", 0, 5, [Span(0, 10_000, "PER")])
    assert gold(project) == [] and project.decisions("doc") == []


def test_a_curators_step_during_an_automatic_run_is_never_overwritten(location: str) -> None:
    """Before: `curate --auto` settled each document from what it read when it began, and replaced a curator's
    version committed meanwhile with the annotators' agreed one (a silent lost update, on a file and a server)."""
    base = words_document("x", 6)
    agreed = token_span(base, 0, 2, "PER")
    with Project.create(location, preset("combined")) as project:
        for doc_id in ("d1", "d2"):
            layers = {"ali": [agreed], "sara": [agreed]}
            project.add_document(words_document(doc_id, 6, layers), normalization="none")
    with Project.open(location) as run, Project.open(location) as curator:

        def meanwhile(done: int, total: int) -> None:
            if done == 2:  # the run is about to settle d2: a curator settles its region first, differently
                curator.resolve_region("d2", agreed.start, agreed.end, [token_span(base, 0, 2, "ORG")])

        report = auto_curate(run, progress=meanwhile)
        assert report.spans_added == 1 and report.reviewed == ["d1", "d2"] and report.open_regions == 0
        assert gold(run, "d1") == [(agreed.start, agreed.end, "PER")]
        assert gold(run, "d2") == [(agreed.start, agreed.end, "ORG")]
        assert [s.source for s in run.layer_spans("d2", GOLD)] == ["human"]
