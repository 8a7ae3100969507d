"""An import is one transaction: cancelled or failed half-way through writing, it leaves the project as it was."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.errors import ProjectBusy, ProjectError, SchemaError, StaleEdit
from annotator.importers import ImportOptions, import_paths
from annotator.model import Layer, LayerStatus, Span
from annotator.progress import Progress
from annotator.schema import Schema, preset
from annotator.store import Project
from tests.storage import on_server, plain, query, wait_for_lock_or_end, writing

TEXT = "خبر شماره {n}: علی از تهران به سازمان ملل رفت."


class Cancelled(Exception):
    """What a front end's progress callback raises when the user presses Cancel."""


def dump(location: str) -> list[str]:
    """Every row of every table, read through a connection of its own (committed state only).

    A server's identity sequences are left out: PostgreSQL never takes back an id that a rolled-back
    transaction drew (no backend ever reuses an id, so nobody sees the gap).
    """
    if not on_server(location):
        conn = sqlite3.connect(location)
        try:
            return list(conn.iterdump())
        finally:
            conn.close()
    from psycopg import sql

    rows: list[str] = []
    with plain(location) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
        assert len(tables) >= 10  # the project's own tables, not an empty search path
        for (table,) in tables:
            statement = sql.SQL("SELECT * FROM {} t ORDER BY t::text").format(sql.Identifier(table))
            rows.extend(f"{table}: {row!r}" for row in conn.execute(statement).fetchall())
    return rows


def write_jsonl(path: Path, first: int, count: int, label: str = "PER") -> Path:
    lines = []
    for n in range(first, first + count):
        text = TEXT.format(n=n)
        start = text.index("علی")
        lines.append(json.dumps({"id": f"news-{n}", "text": text, "label": [[start, start + 3, label]]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def busy(project: Project, tmp_path: Path) -> Project:
    """A project with work in it already: documents, a human layer with spans, a status."""
    import_paths(project, [write_jsonl(tmp_path / "old.jsonl", 1000, 3)], ImportOptions(annotator="ali"))
    text = project.document("news-1000").text
    tehran = text.index("تهران")
    project.add_span("news-1000", "sara", Span(tehran, tehran + 5, "LOC"))
    project.set_layer_status("news-1001", "ali", LayerStatus.DONE)
    return project


@pytest.fixture
def where(busy: Project) -> str:
    """The busy project's location (a file path, or its server URL)."""
    return str(busy.path)


def cancel_after(project: Project, documents: int) -> tuple[list[tuple[int, int]], list[int], Progress]:
    """A progress callback that cancels once ``documents`` new documents are written (seen inside the import)."""
    calls: list[tuple[int, int]] = []
    seen: list[int] = []
    before = len(project.documents())

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        written = len(project.documents()) - before
        seen.append(written)
        if written >= documents:
            raise Cancelled

    return calls, seen, progress


@pytest.mark.parametrize("files", [1, 3])
def test_a_cancel_mid_write_leaves_the_project_exactly_as_before(
    busy: Project, tmp_path: Path, where: str, files: int
) -> None:
    paths = [write_jsonl(tmp_path / f"new{k}.jsonl", 120 // files * k, 120 // files) for k in range(files)]
    before = dump(where)
    schema = busy.schema
    calls, seen, progress = cancel_after(busy, 50)
    with pytest.raises(Cancelled):
        import_paths(busy, paths, ImportOptions(annotator="zahra"), progress)
    assert seen[-1] == 50  # the cancel came with 50 of the 120 documents written, inside the import
    assert calls[:files] == [(k, 2 * files) for k in range(1, files + 1)]  # one step per file read
    assert dump(where) == before
    assert [d.id for d in busy.documents()] == ["news-1000", "news-1001", "news-1002"]
    assert busy.schema == schema
    # the project is not left inside a transaction: the same import runs to the end afterwards
    report = import_paths(busy, paths, ImportOptions(annotator="zahra"))
    assert len(report.documents) == 120 and report.spans == 120
    assert len(busy.documents()) == 123


def test_a_cancel_rolls_back_added_labels_and_layers_on_documents_already_there(
    busy: Project, tmp_path: Path, where: str
) -> None:
    again = write_jsonl(tmp_path / "again.jsonl", 1000, 3, label="PER")  # the same texts: layers, not documents
    new = write_jsonl(tmp_path / "new.jsonl", 0, 120, label="HERO")  # a label the schema lacks
    before = dump(where)
    labels = busy.schema.labels
    _, seen, progress = cancel_after(busy, 100)
    with pytest.raises(Cancelled):
        import_paths(busy, [again, new], ImportOptions(annotator="zahra", add_labels=True), progress)
    assert seen[-1] == 100
    assert dump(where) == before
    assert busy.schema.labels == labels and "zahra" not in busy.document("news-1000").layers
    report = import_paths(busy, [again, new], ImportOptions(annotator="zahra", add_labels=True))
    assert report.added_labels == ["HERO"] and len(report.documents) == 120 and len(report.layers) == 3
    assert busy.document("news-1000").layers["zahra"] == Layer(
        "zahra", LayerStatus.IN_PROGRESS, busy.document("news-1000").layers["ali"].spans
    )


def test_progress_counts_files_read_then_documents_written(project: Project, tmp_path: Path) -> None:
    paths = [write_jsonl(tmp_path / f"f{k}.jsonl", 100 * k, 60) for k in range(2)]
    calls: list[tuple[int, int]] = []
    import_paths(project, paths, ImportOptions(), lambda done, total: calls.append((done, total)))
    # two files read (steps 1, 2), then 50 and 100 of 120 documents written (2 + 2·50//120, 2 + 2·100//120), done
    assert calls == [(1, 4), (2, 4), (2, 4), (3, 4), (4, 4)]


def test_an_import_while_another_process_writes_is_busy_and_writes_nothing(
    busy: Project, tmp_path: Path, where: str
) -> None:
    paths = [write_jsonl(tmp_path / "new.jsonl", 0, 60)]
    before = dump(where)
    busy.set_busy_timeout(0.2)
    with writing(where), pytest.raises(ProjectBusy) as caught:  # another process in the middle of a write
        import_paths(busy, paths, ImportOptions(annotator="zahra"))
    assert str(caught.value) == f"{busy.path}: the project is busy (another process is writing); try again"
    assert dump(where) == before
    report = import_paths(busy, paths, ImportOptions(annotator="zahra"))  # once the other write is done
    assert len(report.documents) == 60 and len(busy.documents()) == 63


def test_a_server_connection_lost_mid_import_leaves_nothing_and_the_next_import_reconnects(
    pg_url: str, tmp_path: Path
) -> None:
    """Server only: a file has no connection to lose."""
    with Project.create(pg_url, preset("combined")) as project:
        paths = [write_jsonl(tmp_path / "new.jsonl", 0, 120)]
        before = dump(pg_url)
        calls: list[int] = []

        def progress(done: int, total: int) -> None:
            calls.append(done)
            if len(calls) == 2:  # 50 documents written: the server ends this connection (a restart, a network cut)
                query(pg_url, "SELECT pg_terminate_backend(?)", (project._db.raw.info.backend_pid,))

        with pytest.raises(ProjectError, match=r"the connection to the server was lost") as caught:
            import_paths(project, paths, ImportOptions(), progress)
        assert str(caught.value).startswith(f"{pg_url}: ") and "\n" not in str(caught.value)
        assert dump(pg_url) == before
        report = import_paths(project, paths, ImportOptions())
        assert len(report.documents) == 120 and len(project.documents()) == 120


def test_labels_added_by_an_import_never_overwrite_a_schema_changed_meanwhile(
    busy: Project, tmp_path: Path, where: str
) -> None:
    new = write_jsonl(tmp_path / "new.jsonl", 0, 3, label="HERO")

    def edit_schema_elsewhere(done: int, total: int) -> None:
        if done == 1:  # the files are read; before the import writes, another window adds a label
            with Project.open(where) as other:
                other.set_schema(other.schema.with_labels(["VILLAIN"]))

    with pytest.raises(StaleEdit, match=r"^the schema was changed elsewhere .* while this import ran; nothing was"):
        import_paths(busy, [new], ImportOptions(add_labels=True), edit_schema_elsewhere)
    assert "VILLAIN" in busy.schema.labels and "HERO" not in busy.schema.labels  # their change stands
    assert len(busy.documents()) == 3
    report = import_paths(busy, [new], ImportOptions(add_labels=True))  # again: on the schema as it is now
    assert report.added_labels == ["HERO"] and {"HERO", "VILLAIN"} <= set(busy.schema.labels)


def test_two_imports_of_the_same_texts_at_once_make_each_text_one_document(project: Project, tmp_path: Path) -> None:
    """Two processes import the same 150 texts under other ids at the same time: whichever writes second
    finds the first one's documents (it plans inside its own transaction, one import after the other)."""
    where = str(project.path)
    files = []
    for name in ("a", "b"):
        records = [{"id": f"{name}{n}", "text": TEXT.format(n=n)} for n in range(150)]
        files.append(tmp_path / f"{name}.jsonl")
        files[-1].write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    importer = textwrap.dedent(
        """
        import sys
        from annotator.importers import ImportOptions, import_paths
        from annotator.store import Project
        with Project.open(sys.argv[1]) as p:
            print(len(import_paths(p, [sys.argv[2]], ImportOptions()).documents))
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", importer, where, str(path)], stdout=subprocess.PIPE, text=True)
        for path in files
    ]
    added = sorted(int(proc.communicate(timeout=300)[0]) for proc in procs)
    assert [proc.returncode for proc in procs] == [0, 0]
    assert added == [0, 150]
    assert len(project.documents()) == 150


def test_an_import_never_writes_a_label_the_schema_lost_meanwhile(busy: Project, tmp_path: Path, where: str) -> None:
    new = write_jsonl(tmp_path / "new.jsonl", 0, 3, label="NAT")  # in the schema when the import starts
    schema = busy.schema

    def drop_the_label_elsewhere(done: int, total: int) -> None:
        if done == 1:  # the files are read; before the import writes, another window removes NAT (unused yet)
            with Project.open(where) as other:
                other.set_schema(Schema(other.schema.name, tuple(t for t in other.schema.types if t.name != "NAT")))

    with pytest.raises(StaleEdit, match=r"^the schema was changed elsewhere .*: NAT is no longer in it; nothing was"):
        import_paths(busy, [new], ImportOptions(), drop_the_label_elsewhere)
    assert len(busy.documents()) == 3 and "NAT" not in busy.schema
    busy.set_schema(schema)
    other = write_jsonl(tmp_path / "other.jsonl", 0, 3, label="PER")

    def add_a_label_elsewhere(done: int, total: int) -> None:
        if done == 1:  # a change that leaves every label of the import as it was: the import goes on
            with Project.open(where) as other:
                other.set_schema(other.schema.with_labels(["VILLAIN"]))

    plain = tmp_path / "plain.txt"  # a text without entities goes in beside them
    plain.write_text("خبری بی‌نام از تهران.\n", encoding="utf-8")
    report = import_paths(busy, [other, plain], ImportOptions(), add_a_label_elsewhere)
    assert len(report.documents) == 4 and "VILLAIN" in busy.schema


def test_an_import_never_writes_a_role_the_schema_lost_meanwhile(busy: Project, tmp_path: Path, where: str) -> None:
    text = TEXT.format(n=7)
    start = text.index("علی")
    entity = {"start": start, "end": start + 3, "label": "PER", "role": "source"}
    new = tmp_path / "roles.jsonl"
    new.write_text(json.dumps({"id": "news-7", "text": text, "spans": [entity]}) + "\n", encoding="utf-8")

    def drop_the_role_elsewhere(done: int, total: int) -> None:
        if done == 1:  # the files are read; before the import writes, another window takes PER's roles away
            with Project.open(where) as other:
                types = tuple(t if t.name != "PER" else replace(t, roles=()) for t in other.schema.types)
                other.set_schema(Schema(other.schema.name, types))

    with pytest.raises(StaleEdit, match=r"^the schema was changed elsewhere .*: role 'source' is not allowed for PER"):
        import_paths(busy, [new], ImportOptions(), drop_the_role_elsewhere)
    assert not busy.has_document("news-7") and busy.schema.get("PER").roles == ()


def test_an_import_that_starts_while_another_writes_waits_and_then_finds_its_documents(
    project: Project, tmp_path: Path
) -> None:
    """The second import plans only once the first has committed (the same texts under other ids)."""
    where = str(project.path)
    files = []
    for name in ("a", "b"):
        records = [{"id": f"{name}{n}", "text": TEXT.format(n=n)} for n in range(60)]
        files.append(tmp_path / f"{name}.jsonl")
        files[-1].write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    added: list[int] = []
    second: list[threading.Thread] = []
    calls: list[int] = []

    def import_b() -> None:
        with Project.open(where) as other:
            added.append(len(import_paths(other, [files[1]], ImportOptions()).documents))

    def while_writing(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) != 2:  # the first call: the file is read; the second: 50 documents are written, uncommitted
            return
        second.append(threading.Thread(target=import_b))
        second[0].start()
        wait_for_lock_or_end(where, second[0])

    first = import_paths(project, [files[0]], ImportOptions(), while_writing)
    second[0].join(120)
    assert (len(first.documents), added) == (60, [0])
    assert sorted(d.id for d in project.documents()) == sorted(f"a{n}" for n in range(60))


def test_a_label_removed_while_an_import_writes_documents_before_its_spans_waits_for_it(
    project: Project, tmp_path: Path
) -> None:
    """The schema editor removes NAT after the import checked its labels but before it wrote a NAT span: the
    removal waits for the import, then finds NAT in use; the project never holds a span of a label it lacks."""
    where = str(project.path)
    source = tmp_path / "a.jsonl"
    records = [{"id": f"plain-{n}", "text": TEXT.format(n=n)} for n in range(50)]
    text = TEXT.format(n=99)
    records.append({"id": "nat", "text": text, "label": [[text.index("علی"), text.index("علی") + 3, "NAT"]]})
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    removal: list[threading.Thread] = []
    refused: list[BaseException] = []
    calls: list[int] = []

    def remove_nat() -> None:
        with Project.open(where) as other:
            try:
                other.set_schema(Schema(other.schema.name, tuple(t for t in other.schema.types if t.name != "NAT")))
            except SchemaError as exc:
                refused.append(exc)

    def after_fifty_documents(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) != 2:  # the second call: 50 documents without entities are written, uncommitted
            return
        removal.append(threading.Thread(target=remove_nat))
        removal[0].start()
        wait_for_lock_or_end(where, removal[0])

    import_paths(project, [source], ImportOptions(), after_fifty_documents)
    removal[0].join(120)
    assert [str(e) for e in refused] == ["labels still in use cannot be removed: NAT"]
    assert "NAT" in project.schema.labels
    assert query(where, "SELECT DISTINCT label FROM spans") == [("NAT",)]
