from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.errors import DocumentNotFound, ProjectError, SchemaError, SpanError
from annotator.importers import ImportOptions, import_paths
from annotator.model import DocStatus, LayerStatus, Span, SpanStatus
from annotator.schema import Schema, preset
from annotator.store import Project
from annotator.store.migrations import SCHEMA_VERSION
from annotator.text.profiles import Profile
from tests.conftest import ROOT, SAMPLE
from tests.storage import query

DOC = "ilna-aras-free-zone"


@pytest.fixture
def project(location: str) -> Project:
    p = Project.create(location, preset("combined"))
    import_paths(p, [SAMPLE], ImportOptions())
    yield p
    p.close()


def span_of(project: Project, name: str, label: str = "PER", **kw: object) -> Span:
    text = project.document(DOC).text
    start = text.index(name)
    return Span(start, start + len(name), label, **kw)  # type: ignore[arg-type]


def test_create_refuses_existing_file_and_open_needs_one(project_path: Path, tmp_path: Path) -> None:
    Project.create(project_path, preset("arman")).close()
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(project_path, preset("arman"))
    with pytest.raises(ProjectError, match="no such project file"):
        Project.open(tmp_path / "missing.barchasb")
    with Project.open(project_path) as p:
        assert p.schema == preset("arman")
        assert p.normalization is Profile.STANDARD


def test_open_rejects_other_files(tmp_path: Path) -> None:
    junk = tmp_path / "junk.barchasb"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ProjectError, match="not a Barchasb project"):
        Project.open(junk)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(ProjectError, match="not a Barchasb project"):
        Project.open(other)


def test_newer_file_version_is_refused(project_path: Path) -> None:
    Project.create(project_path, preset("arman")).close()
    conn = sqlite3.connect(project_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(ProjectError, match="newer Barchasb"):
        Project.open(project_path)


def test_document_list_does_not_read_texts(project_path: Path) -> None:
    project = Project.create(project_path, preset("combined"))
    import_paths(project, [SAMPLE], ImportOptions())
    statements: list[str] = []
    project._conn.set_trace_callback(statements.append)
    infos = project.documents()
    project._conn.set_trace_callback(None)
    assert [i.id for i in infos] == [DOC]
    assert infos[0].tokens == len(project.document(DOC).tokens)
    assert not any("texts" in s for s in statements)


def test_missing_document(project: Project) -> None:
    with pytest.raises(DocumentNotFound, match="nope"):
        project.document("nope")


def test_span_edits_are_committed_at_once(project: Project, location: str) -> None:
    added = project.add_span(DOC, "sara", span_of(project, "محمد تبریزی", role="subject"))
    assert query(location, "SELECT label, role FROM spans") == [("PER", "subject")]
    changed = project.update_span(added.id, label="ORG", role=None)
    assert changed.label == "ORG"
    assert query(location, "SELECT label FROM spans") == [("ORG",)]
    removed = project.remove_span(added.id)
    assert removed == changed
    assert query(location, "SELECT count(*) FROM spans") == [(0,)]
    layer = project.document(DOC).layers["sara"]
    assert layer.status is LayerStatus.IN_PROGRESS and layer.spans == ()


def test_span_validation(project: Project) -> None:
    with pytest.raises(SchemaError):
        project.add_span(DOC, "sara", span_of(project, "جلفا", "XYZ"))
    with pytest.raises(SchemaError, match="role"):
        project.add_span(DOC, "sara", span_of(project, "جلفا", "LOC", role="source"))
    with pytest.raises(SpanError, match="does not align"):
        project.add_span(DOC, "sara", span_of(project, "جلف", "LOC"))
    project.add_span(DOC, "sara", span_of(project, "جلف", "LOC"), tokens=False)
    assert project.document(DOC).layers["sara"].spans[0].end - project.document(DOC).layers["sara"].spans[0].start == 3


def test_statuses(project: Project) -> None:
    project.set_document_status(DOC, DocStatus.DONE)
    project.set_layer_status(DOC, "sara", LayerStatus.DONE)
    doc = project.document(DOC)
    assert doc.status is DocStatus.DONE and doc.layers["sara"].status is LayerStatus.DONE
    assert project.documents()[0].layers == ("sara",)


def test_two_processes_keep_each_others_edits(project: Project, location: str) -> None:
    second = Project.open(location)
    a = project.add_span(DOC, "ali", span_of(project, "جلفا", "LOC"))
    b = second.add_span(
        DOC, "sara", span_of(second, "محمد تبریزی", status=SpanStatus.SUGGESTED, source="rule", confidence=0.5)
    )
    project.update_span(a.id, label="FAC")
    second.close()
    layers = project.document(DOC).layers
    assert [s.label for s in layers["ali"].spans] == ["FAC"]
    assert layers["sara"].spans == (b,)
    assert layers["sara"].spans[0].confidence == 0.5


def test_killing_the_process_loses_no_acknowledged_edit(project: Project, location: str) -> None:
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from annotator.store import Project
        from annotator.model import Span
        p = Project.open({location!r})
        text = p.document({DOC!r}).text
        for name in ("جلفا", "ارس"):
            s = text.index(name)
            p.add_span({DOC!r}, "killed", Span(s, s + len(name), "LOC"))
            print("acknowledged", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == -signal.SIGKILL
    assert result.stdout.count("acknowledged") == 2
    with Project.open(location) as reopened:
        assert len(reopened.document(DOC).layers["killed"].spans) == 2


def test_failed_transaction_leaves_nothing(project: Project) -> None:
    with pytest.raises(RuntimeError), project.transaction():
        project.add_span(DOC, "sara", span_of(project, "جلفا", "LOC"))
        raise RuntimeError("boom")
    assert "sara" not in project.document(DOC).layers


def test_schema_change_keeps_used_labels(project: Project) -> None:
    project.add_span(DOC, "sara", span_of(project, "جلفا", "LOC"))
    with pytest.raises(SchemaError, match="LOC"):
        project.set_schema(Schema("x", tuple(t for t in preset("arman").types if t.name != "LOC")))
    project.set_schema(preset("peyma"))
    assert project.schema.name == "peyma"


def test_storage_is_compact_and_plain(project: Project, location: str) -> None:
    ((offsets, tokens),) = query(location, "SELECT raw_offsets, tokens FROM texts")
    doc = project.document(DOC)
    assert isinstance(tokens, bytes) and len(tokens) < 8 * len(doc.tokens)
    assert offsets is not None  # the sample needs normalization, so its map is stored
    assert list(doc.raw_offsets)[-1] == len(doc.raw_text)


def test_bulk_reading_matches_one_by_one(project: Project, data_dir: Path) -> None:
    import_paths(project, [data_dir / "mixed.jsonl"], ImportOptions())
    project.add_span("e1", "ali", Span(0, 1, "PER"), tokens=False)
    one_by_one = [project.document(info.id) for info in project.documents()]
    assert list(project.iter_documents()) == one_by_one
    only = list(project.iter_documents(["e1", "7"], ["ali"]))
    assert [d.id for d in only] == ["e1", "7"]
    assert list(only[0].layers) == ["ali"] and only[1].layers == {}
