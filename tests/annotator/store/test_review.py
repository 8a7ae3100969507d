"""Whole layers, assignments and progress in a project (a file or a server database)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.errors import InputError, ProjectError, SpanError, StaleEdit
from annotator.importers import ImportOptions, import_paths
from annotator.model import GOLD, Layer, LayerStatus, Span
from annotator.schema import preset
from annotator.store import Project
from annotator.store.review import LayerOutcome
from tests.storage import on_server, wait_until_blocked


@pytest.fixture
def project(location: str) -> Iterator[Project]:
    with Project.create(location, preset("combined")) as project:
        yield project


def jsonl(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_put_layer_adds_keeps_replaces(project: Project, tmp_path: Path) -> None:
    import_paths(project, [jsonl(tmp_path / "a.jsonl", '{"id": "d", "text": "علی به تهران رفت"}')], ImportOptions())
    ali = Layer("ali", LayerStatus.DONE, (Span(0, 3, "PER"),))
    assert project.put_layer("d", ali) is LayerOutcome.ADDED
    assert project.put_layer("d", ali) is LayerOutcome.UNCHANGED
    other = Layer("ali", LayerStatus.DONE, (Span(7, 12, "LOC"),))
    assert project.put_layer("d", other) is LayerOutcome.KEPT
    assert project.document("d").layers["ali"].spans[0].label == "PER"
    assert project.put_layer("d", other, replace=True) is LayerOutcome.REPLACED
    assert [s.label for s in project.document("d").layers["ali"].spans] == ["LOC"]
    with pytest.raises(SpanError, match=r"^span \[0, 2\) «عل» does not align with token boundaries$"):
        project.put_layer("d", Layer("sara", LayerStatus.DONE, (Span(0, 2, "PER"),)))
    assert "sara" not in project.document("d").layers


def test_one_import_of_two_annotators_files_gives_one_document(project: Project, tmp_path: Path) -> None:
    record = {"text": "علی به تهران رفت"}
    a = jsonl(tmp_path / "a.jsonl", json.dumps(record | {"id": "x1", "label": [[0, 3, "PER"]], "annotator": "ali"}))
    b = jsonl(tmp_path / "b.jsonl", json.dumps(record | {"id": "y1", "label": [[7, 12, "LOC"]], "annotator": "sara"}))
    report = import_paths(project, [a, b], ImportOptions())
    assert report.documents == ["x1"] and report.spans == 2
    assert sorted(project.document("x1").layers) == ["ali", "sara"]


def test_raw_input_that_normalizes_to_the_same_text_matches(project: Project, tmp_path: Path) -> None:
    persian = jsonl(
        tmp_path / "a.jsonl", '{"id": "p", "text": "علی به کیش رفت", "label": [[0, 3, "PER"]], "annotator": "ali"}'
    )
    arabic = jsonl(
        tmp_path / "b.jsonl", '{"id": "q", "text": "علي به كيش رفت", "label": [[7, 10, "LOC"]], "annotator": "sara"}'
    )
    import_paths(project, [persian], ImportOptions())
    report = import_paths(project, [arabic], ImportOptions())
    assert report.documents == [] and [o for *_, o in report.layers] == [LayerOutcome.ADDED]
    assert project.document("p").raw_text == "علی به کیش رفت"  # the first raw input is kept, never altered


def test_a_failed_import_of_layers_leaves_nothing(project: Project, tmp_path: Path) -> None:
    import_paths(project, [jsonl(tmp_path / "a.jsonl", '{"id": "d", "text": "علی به تهران رفت"}')], ImportOptions())
    good = '{"text": "علی به تهران رفت", "label": [[0, 3, "PER"]], "annotator": "ali"}'
    bad = '{"text": "متن تازه", "label": [[0, 99, "PER"]]}'
    with pytest.raises(InputError, match="outside the text"):
        import_paths(project, [jsonl(tmp_path / "b.jsonl", good, bad)], ImportOptions())
    assert list(project.document("d").layers) == [] and len(project.documents()) == 1


def test_assignments_and_progress(project: Project, tmp_path: Path) -> None:
    two = jsonl(tmp_path / "a.jsonl", '{"id": "d1", "text": "یک"}', '{"id": "d2", "text": "دو"}')
    import_paths(project, [two], ImportOptions())
    assert project.assign(["d1", "d2"], ["ali", "sara"]) == 4
    assert project.assign(["d1"], ["ali"]) == 0
    project.add_span("d1", "ali", Span(0, 2, "PER"))
    project.set_layer_status("d2", "zahra", LayerStatus.DONE)
    rows = {(p.doc_id, p.annotator): p for p in project.progress()}
    assert rows["d1", "ali"].accepted == 1 and rows["d1", "ali"].status is LayerStatus.IN_PROGRESS
    assert rows["d1", "sara"].status is LayerStatus.NEW and rows["d1", "sara"].assigned
    assert not rows["d2", "zahra"].assigned and rows["d2", "zahra"].status is LayerStatus.DONE
    assert project.assignments() == {"d1": ("ali", "sara"), "d2": ("ali", "sara")}
    assert project.unassign(["d2"], ["sara"]) == 1
    with pytest.raises(ProjectError, match="cannot be empty"):
        project.assign(["d1"], [" "])


def test_a_version_2_project_is_migrated_with_its_annotations(tmp_path: Path) -> None:
    """A file only: version 2 is a file's version (a server project began at what a file holds at version 6)."""
    import sqlite3

    from annotator.store.migrations import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "old.barchasb"
    with Project.create(path, preset("combined")) as project:
        import_paths(project, [jsonl(tmp_path / "a.jsonl", '{"id": "d", "text": "علی به تهران رفت"}')], ImportOptions())
        project.add_span("d", "ali", Span(7, 12, "LOC"))
        project.add_span("d", "ali", Span(0, 3, "PER"))
    # the same rows in a version-2 file, as a session-1 Barchasb left it (its exact schema: opening checks it)
    old = tmp_path / "v2.barchasb"
    conn = sqlite3.connect(old)
    for script in MIGRATIONS[:2]:
        conn.executescript(script)
    conn.execute("ATTACH ? AS new", (str(path),))
    for table in ("settings", "documents", "texts", "layers", "spans"):
        conn.execute(f"INSERT INTO {table} SELECT * FROM new.{table}")
    conn.commit()
    conn.executescript(f"DETACH new; PRAGMA user_version = 2; PRAGMA application_id = {APPLICATION_ID};")
    conn.close()
    path = old
    assert SCHEMA_VERSION == len(MIGRATIONS) == 6
    with Project.open(path) as project:
        assert [s.label for s in project.layer_spans("d", "ali")] == ["PER", "LOC"]
        assert project.assign(["d"], ["sara"]) == 1 and project.decisions("d") == []
        version = project._conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION


def test_an_exact_repeat_of_a_span_is_stored_once(project: Project, tmp_path: Path) -> None:
    """Import and merge keep the first of two identical spans, so identical layers agree fully."""
    from annotator.review.agreement import agreement

    twice = [[0, 3, "PER"], [0, 3, "PER"], [7, 12, "LOC"]]
    record = {"id": "d", "text": "علی به تهران رفت", "label": twice, "annotator": "ali"}
    import_paths(project, [jsonl(tmp_path / "a.jsonl", json.dumps(record))], ImportOptions())
    assert [(s.start, s.label) for s in project.document("d").layers["ali"].spans] == [(0, "PER"), (7, "LOC")]
    sara = Layer("sara", LayerStatus.DONE, (Span(0, 3, "PER"), Span(7, 12, "LOC"), Span(0, 3, "PER")))
    assert project.put_layer("d", sara) is LayerOutcome.ADDED
    assert [(s.start, s.label) for s in project.document("d").layers["sara"].spans] == [(0, "PER"), (7, "LOC")]
    assert project.put_layer("d", sara) is LayerOutcome.UNCHANGED
    report = agreement(project.iter_documents(), ["ali", "sara"], ["PER", "LOC"])
    assert report.span_f1_exact == 1.0


def test_two_curators_marking_one_document_reviewed_at_once_are_both_named(location: str, tmp_path: Path) -> None:
    """Before: on a server the second curator's step wrote the names it had read before the first one's commit."""
    with Project.create(location, preset("combined")) as project:
        import_paths(project, [jsonl(tmp_path / "a.jsonl", '{"id": "d", "text": "علی به تهران رفت"}')], ImportOptions())
    with Project.open(location) as maryam, Project.open(location) as zahra:
        failures: list[BaseException] = []

        def second() -> None:
            try:
                zahra.mark_reviewed("d", curator="zahra")
            except BaseException as exc:
                failures.append(exc)

        with maryam.transaction():
            maryam.mark_reviewed("d", curator="maryam")
            thread = threading.Thread(target=second)
            thread.start()
            if on_server(location):  # wait until zahra's step is really held back by maryam's (no sleeps)
                wait_until_blocked(location, zahra._conn.info.backend_pid)
        thread.join(timeout=60)
        assert not thread.is_alive() and failures == []
        assert maryam.document("d").meta["curators"] == ["maryam", "zahra"]


def test_the_same_annotators_layer_put_twice_at_once_keeps_the_first(location: str, tmp_path: Path) -> None:
    """Before: on a server the second merge put its spans into the first one's layer (a mix of both versions)."""
    with Project.create(location, preset("combined")) as project:
        import_paths(project, [jsonl(tmp_path / "a.jsonl", '{"id": "d", "text": "علی به تهران رفت"}')], ImportOptions())
    first = Layer("ali", LayerStatus.DONE, (Span(0, 3, "PER"),))
    second = Layer("ali", LayerStatus.DONE, (Span(7, 12, "LOC"),))
    with Project.open(location) as one, Project.open(location) as two:
        outcomes: list[BaseException | LayerOutcome] = []

        def other() -> None:
            try:
                outcomes.append(two.put_layer("d", second))
            except BaseException as exc:
                outcomes.append(exc)

        with one.transaction():
            assert one.put_layer("d", first) is LayerOutcome.ADDED
            thread = threading.Thread(target=other)
            thread.start()
            if on_server(location):  # wait until the second merge is really held back by the first (no sleeps)
                wait_until_blocked(location, two._conn.info.backend_pid)
        thread.join(timeout=60)
        assert not thread.is_alive() and outcomes == [LayerOutcome.KEPT]
        assert [(s.start, s.label) for s in one.layer_spans("d", "ali")] == [(0, "PER")]


def test_a_step_that_saw_no_decision_is_refused_once_another_curator_said_no_entity(
    location: str, tmp_path: Path
) -> None:
    with Project.create(location, preset("combined")) as project:
        import_paths(project, [jsonl(tmp_path / "a.jsonl", '{"id": "d", "text": "علی به تهران رفت"}')], ImportOptions())
    with Project.open(location) as one, Project.open(location) as two:
        two.resolve_region("d", 0, 3, [])  # "no entity here", while one still shows the region open
        with pytest.raises(StaleEdit, match=r"^the gold layer at 0–3 was settled elsewhere .*; nothing was changed$"):
            one.resolve_region("d", 0, 3, [Span(0, 3, "PER")], expect=[], expect_decided=False)
        assert one.decisions("d") == [(0, 3)] and one.layer_spans("d", GOLD) == ()
        one.resolve_region("d", 0, 3, [Span(0, 3, "PER")], expect=[], expect_decided=True)  # seen, and overruled
        assert one.decisions("d") == [] and [s.label for s in one.layer_spans("d", GOLD)] == ["PER"]
