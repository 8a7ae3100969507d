"""`barchasb copy`: a whole project from a file to a server and back is the same project on every side."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from annotator.cli import EXPORT_FORMATS, main
from annotator.errors import ProjectCorrupt, ProjectError
from annotator.importers import ImportOptions, import_paths
from annotator.model import DocStatus, LayerStatus, Span, SpanStatus
from annotator.schema import preset
from annotator.store import Project
from annotator.store.copying import copy_project
from tests.conftest import DATA, ROOT, SAMPLE
from tests.storage import query

if TYPE_CHECKING:
    from tests.pgserver import PgServer

DOC = "ilna-aras-free-zone"


def where(project: Project, doc_id: str, name: str) -> tuple[int, int]:
    text = project.document(doc_id).text
    return text.index(name), text.index(name) + len(name)


@pytest.fixture
def rich(tmp_path: Path) -> Path:
    """A file project with something in every table: layers, suggestions, rejections, gold, decisions, a model."""
    path = tmp_path / "rich.barchasb"
    with Project.create(path, preset("combined")) as project:
        import_paths(project, [SAMPLE, ROOT / "samples" / "team", DATA / "mixed.jsonl"], ImportOptions())
        project.add_span(DOC, "reza", Span(*where(project, DOC, "جلفا"), "LOC"))
        project.add_span(DOC, "reza", Span(*where(project, DOC, "محمد تبریزی"), "PER", role="subject"))
        gone = project.add_span(DOC, "reza", Span(*where(project, DOC, "ارس"), "LOC"))
        project.remove_span(gone.id or 0)  # a used id: the copy must not hand it out again
        suggestions = [
            Span(*where(project, DOC, "ایلنا"), "ORG", None, SpanStatus.SUGGESTED, "rules", 0.8125),
            Span(*where(project, DOC, "ایران"), "LOC", None, SpanStatus.SUGGESTED, "crf", 0.5),
        ]
        stored = project.replace_suggestions(DOC, "zahra", suggestions)
        assert len(stored) == 2
        first = project.layer_spans(DOC, "zahra")[0]
        project.reject_span(first.id or 0)
        start, end = where(project, DOC, "جلفا")
        project.resolve_region(DOC, start, end, [Span(start, end, "LOC")])
        project.resolve_region(DOC, *where(project, DOC, "ارس"), [])  # "no entity here"
        project.assign([info.id for info in project.documents()], ["ali", "sara"])
        project.set_document_status(DOC, DocStatus.DONE)
        project.set_layer_status(DOC, "reza", LayerStatus.DONE)
        project.add_lexicon([("تبریز", "LOC", 3), ("ایلنا", "ORG", 1)])
        project.save_model("crf", json.dumps({"labels": ["PER"]}), bytes(range(256)) * 40)
    return path


def outputs(location: str, tmp: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    """Everything a user can see of a project: docs and show as JSON, the schema, the model, every export."""
    capsys.readouterr()
    seen: dict[str, object] = {}
    assert main(["docs", location, "--json"]) == 0
    seen["docs"] = json.loads(capsys.readouterr().out)
    for info in seen["docs"]:  # type: ignore[attr-defined]
        assert main(["show", location, info["id"], "--json"]) == 0
        seen[f"show {info['id']}"] = json.loads(capsys.readouterr().out)
    with Project.open(location) as project:
        seen["schema"] = project.schema.to_json()
        seen["normalization"] = str(project.normalization)
        seen["model"] = project.load_model("crf")
        seen["lexicon"] = project.lexicon()
        seen["assignments"] = project.assignments()
        seen["progress"] = project.progress()
        seen["decisions"] = project.decisions(DOC)
        seen["rejections"] = sorted(project.rejections(DOC, "zahra"))
        seen["spans"] = {d.id: {n: layer.spans for n, layer in d.layers.items()} for d in project.iter_documents()}
        name = project.path.name.removesuffix(".barchasb")  # the dataset card is named after the project
    for fmt in EXPORT_FORMATS:
        out = tmp / f"{fmt}-{hashlib.sha1(location.encode()).hexdigest()[:8]}"
        assert main(["export", location, "--format", fmt, "--out", str(out), "--layer", "ali"]) == 0, fmt
        capsys.readouterr()
        files = [out] if out.is_file() else sorted(p for p in out.rglob("*") if p.is_file())
        seen[f"export {fmt}"] = {str(p.relative_to(out)) if p != out else "": _content(p, name) for p in files}
    return seen


def _content(path: Path, name: str) -> bytes:
    data = path.read_bytes()
    if path.name != "README.md":
        return data
    # the dataset card is named after the project and says when it was written (to the minute)
    data = re.sub(rb"exported by Barchasb on \d{4}-\d\d-\d\d \d\d:\d\d UTC", b"exported by Barchasb on <when>", data)
    return data.replace(name.encode(), b"<project>")


def test_file_to_server_to_file_keeps_everything(
    rich: Path, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    back = tmp_path / "back.barchasb"
    assert main(["copy", str(rich), pg_url]) == 0
    assert capsys.readouterr().out.startswith("copied 4 documents, 8 layers, 60 spans, 1 model from ")
    assert main(["copy", pg_url, str(back)]) == 0
    original = outputs(str(rich), tmp_path, capsys)
    assert original["model"] is not None and original["decisions"] and original["rejections"]
    assert outputs(pg_url, tmp_path, capsys) == original
    assert outputs(str(back), tmp_path, capsys) == original
    # every row, ids and timestamps included, is the same on all three
    tables = (("spans", 'id, layer, start, "end", label, status'), ("layers", "id, annotator, updated_at"))
    for table, columns in tables:
        rows = query(rich, f"SELECT {columns} FROM {table} ORDER BY id")
        assert query(pg_url, f"SELECT {columns} FROM {table} ORDER BY id") == rows
        assert query(back, f"SELECT {columns} FROM {table} ORDER BY id") == rows
    # and ids go on after the copied ones, on both kinds of target
    for location in (pg_url, str(back)):
        with Project.open(location) as project:
            new = project.add_span(DOC, "maryam", Span(*where(project, DOC, "جلفا"), "LOC"))
            assert new.id == query(rich, "SELECT seq FROM sqlite_sequence WHERE name = 'spans'")[0][0] + 1


def test_server_to_server_and_into_another_schema_of_the_same_database(
    rich: Path, pg_server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = pg_server.database(), pg_server.database()
    beside = f"{first}?options=-csearch_path%3Dteam_b"  # a second project in the first one's database
    for source, target in ((str(rich), first), (first, second), (second, beside)):
        assert main(["copy", source, target]) == 0
        assert capsys.readouterr().out.startswith("copied 4 documents, 8 layers, 60 spans, 1 model from ")
    original = outputs(str(rich), tmp_path, capsys)
    assert outputs(second, tmp_path, capsys) == original
    assert outputs(beside, tmp_path, capsys) == original
    assert query(first, "SELECT schemaname FROM pg_tables WHERE tablename = 'spans' ORDER BY 1") == [
        ("barchasb",),
        ("team_b",),
    ]
    with Project.open(beside) as project:  # new ids go on after the copied ones in that schema too
        new = project.add_span(DOC, "maryam", Span(*where(project, DOC, "جلفا"), "LOC"))
        assert new.id == query(rich, "SELECT seq FROM sqlite_sequence WHERE name = 'spans'")[0][0] + 1
    with Project.open(first) as project:  # and the project beside it did not change
        assert "maryam" not in project.document(DOC).layers


def test_copy_refuses_a_target_that_holds_a_project(rich: Path, location: str) -> None:
    Project.create(location, preset("arman")).close()
    with pytest.raises(ProjectError, match="already"):
        copy_project(rich, location)
    with Project.open(location) as project:
        assert project.schema.name == "arman" and project.documents() == []


def test_a_damaged_source_is_refused_before_anything_is_written(rich: Path, location: str) -> None:
    conn = sqlite3.connect(rich)
    conn.execute("UPDATE spans SET label = '' WHERE id = (SELECT min(id) FROM spans)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectCorrupt, match="label"):
        copy_project(rich, location)
    with pytest.raises(ProjectError, match=r"no such project file|no Barchasb project"):
        Project.open(location)
    assert main(["copy", str(rich), location]) == 1


def test_a_copy_that_fails_on_the_server_leaves_no_project(rich: Path, pg_url: str) -> None:
    """A source value the server refuses (a SQLite cell holding text where a count belongs) stops the copy."""
    conn = sqlite3.connect(rich)
    conn.execute("UPDATE lexicon SET count = 'many' WHERE text = 'تبریز'")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError):
        copy_project(rich, pg_url)
    with pytest.raises(ProjectError, match="no Barchasb project"):
        Project.open(pg_url)
    assert query(pg_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'barchasb'") == [(0,)]


@pytest.mark.parametrize("tamper", ["data = substr(data, 1, 5000), signature = NULL", "data = substr(data, 1, 5000)"])
def test_an_untrusted_model_is_left_out_of_the_copy(
    rich: Path, location: str, tamper: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An altered or unsigned model in a file never reaches the target (a server trusts what it holds)."""
    with Project.open(rich) as project:
        project.save_model("kept", json.dumps({"labels": ["LOC"]}), b"trusted bytes")
    conn = sqlite3.connect(rich)
    conn.execute(f"UPDATE models SET {tamper} WHERE name = 'crf'")
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["copy", str(rich), location]) == 0
    out = capsys.readouterr().out
    assert out.startswith("copied 4 documents, 8 layers, 60 spans, 1 model (left out 1 untrusted model: 'crf', ")
    assert query(location, "SELECT name FROM models") == [("kept",)]
    with Project.open(location) as project:
        assert project.load_model("crf") is None
        assert project.load_model("kept") == (json.dumps({"labels": ["LOC"]}), b"trusted bytes")
