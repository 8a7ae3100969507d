"""What only a server project has: its schema in the database, URLs and passwords, locks held across clients,
a lost connection, and psycopg loaded only when a server project is opened."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import psycopg
import pytest

from annotator.errors import ProjectError, StaleEdit
from annotator.importers import ImportOptions, import_paths
from annotator.model import Span
from annotator.schema import preset
from annotator.store import Project
from annotator.store.edits import Expected
from annotator.store.pg_migrations import PG_SCHEMA_VERSION
from tests.conftest import ROOT
from tests.pgserver import PgServer
from tests.storage import plain, query

TEXT = "علی به تهران و شیراز رفت"


def where(name: str) -> tuple[int, int]:
    return TEXT.index(name), TEXT.index(name) + len(name)


@pytest.fixture
def url(pg_url: str, tmp_path: Path) -> str:
    source = tmp_path / "a.jsonl"
    source.write_text(f'{{"id": "d", "text": "{TEXT}"}}\n', encoding="utf-8")
    with Project.create(pg_url, preset("combined")) as project:
        import_paths(project, [source], ImportOptions())
    return pg_url


def test_new_makes_the_tables_in_their_own_schema_and_refuses_a_second_project(url: str) -> None:
    tables = {row[0] for row in query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'barchasb'")}
    assert tables == {
        "meta", "settings", "documents", "texts", "layers", "spans", "models", "lexicon", "rejections",
        "assignments", "decisions", "audit", "secrets",
    }  # fmt: skip
    assert query(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]
    meta = dict(query(url, "SELECT key, value FROM meta"))
    assert meta.pop("roles").startswith("barchasb_")  # the team roles' prefix (pg_roles.py)
    assert meta == {
        "application": "barchasb",
        "version": str(PG_SCHEMA_VERSION),
    }
    with pytest.raises(ProjectError, match="already holds a Barchasb project"):
        Project.create(url, preset("arman"))
    with Project.open(url) as project:
        assert project.schema == preset("combined") and [d.id for d in project.documents()] == ["d"]
        # the project's path shows the URL and is named after the database; the window re-opens it by its path
        assert str(project.path) == url and project.path.name == url.rsplit("/", 1)[1]
        with Project.open(project.path) as again, Project.open(Path(url)) as folded:  # Path() folds the "//"
            assert again.documents() == folded.documents() == project.documents()


def test_open_needs_a_project_and_a_readable_version(pg_url: str) -> None:
    with pytest.raises(ProjectError, match=r"no Barchasb project in this database .*barchasb new"):
        Project.open(pg_url)
    Project.create(pg_url, preset("arman")).close()
    with plain(pg_url) as conn:
        conn.execute("UPDATE meta SET value = %s WHERE key = 'version'", (str(PG_SCHEMA_VERSION + 1),))
    with pytest.raises(ProjectError, match="newer Barchasb"):
        Project.open(pg_url)


def test_another_schema_through_options_holds_a_second_project(pg_url: str) -> None:
    other = pg_url + "?options=-csearch_path%3Dteam_b"
    Project.create(pg_url, preset("arman")).close()
    with Project.create(other, preset("peyma")) as project:
        assert project.schema.name == "peyma"
    with Project.open(pg_url) as first, Project.open(other) as second:
        assert (first.schema.name, second.schema.name) == ("arman", "peyma")
    with pytest.raises(ProjectError, match="not a plain lower-case name"):
        Project.open(pg_url + "?options=-csearch_path%3D%22X%3By%22")


def test_a_password_in_the_url_is_refused_and_never_shown(pg_server: object, pg_url: str) -> None:
    secret = pg_url.replace("postgres@", "postgres:hunter2@")
    with pytest.raises(ProjectError) as caught:
        Project.open(secret)
    assert "hunter2" not in str(caught.value) and "~/.pgpass or PGPASSWORD" in str(caught.value)
    with pytest.raises(ProjectError) as caught:
        Project.create(pg_url + "?password=hunter2", preset("arman"))
    assert "hunter2" not in str(caught.value)


def test_an_unreachable_server_is_one_clear_error(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        port = conn.info.port
    closed = pg_url.replace(f":{port}/", ":1/")
    with pytest.raises(ProjectError, match="cannot connect to the server"):
        Project.open(closed)


def test_a_lost_connection_is_a_project_error_and_the_next_edit_reconnects(url: str) -> None:
    with Project.open(url) as project:
        project.set_busy_timeout(5)
        pid = project._conn.info.backend_pid
        with plain(url) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with pytest.raises(ProjectError, match="the connection to the server was lost"):
            project.add_span("d", "ali", Span(*where("علی"), "PER"))
        assert query(url, "SELECT count(*) FROM spans") == [(0,)]  # refused, so nothing an undo would miss
        again = project.add_span("d", "ali", Span(*where("تهران"), "LOC"))  # a new connection, set up as before
        assert project.layer_spans("d", "ali") == (again,)
        assert project._db.raw.execute("SHOW lock_timeout").fetchone() == ("5s",)
        assert project._db.raw.info.backend_pid != pid
        # lost inside a transaction: that transaction is not carried on over a new connection
        with pytest.raises(ProjectError, match="the connection to the server was lost"), project.transaction():
            project.add_span("d", "ali", Span(*where("شیراز"), "LOC"))
            with plain(url) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (project._db.raw.info.backend_pid,))
            project.add_span("d", "ali", Span(*where("علی"), "PER"))
        assert [s.label for s in project.layer_spans("d", "ali")] == ["LOC"]


def test_a_checked_edit_waits_for_the_other_writer_then_is_refused(url: str) -> None:
    """Two clients relabel the same span from the same view: the second waits for the first, then sees it changed."""
    with Project.open(url) as a, Project.open(url) as b:
        span = a.add_span("d", "ali", Span(*where("تهران"), "LOC"))
        assert span.id is not None
        outcome: list[BaseException | Span] = []

        def second() -> None:
            try:
                outcome.append(b.update_span(span.id or 0, expect=Expected("d", "ali", span), label="PER"))
            except BaseException as exc:
                outcome.append(exc)

        with a.transaction():
            a.update_span(span.id, expect=Expected("d", "ali", span), label="ORG")
            thread = threading.Thread(target=second)
            thread.start()
            waiting = b._conn.info.backend_pid
            with plain(url) as admin:  # wait until b is really blocked on a's row lock (no sleeps, no timing)
                while not admin.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE pid = %s AND wait_event_type = 'Lock'", (waiting,)
                ).fetchone():
                    admin.execute("SELECT pg_sleep(0.01)")
        thread.join(timeout=60)
        assert len(outcome) == 1 and isinstance(outcome[0], StaleEdit), outcome
        assert [(s.label, s.id) for s in a.layer_spans("d", "ali")] == [("ORG", span.id)]


def test_span_ids_continue_after_a_restored_id_and_are_never_reused(url: str) -> None:
    with Project.open(url) as project:
        first = project.add_span("d", "ali", Span(*where("علی"), "PER"))
        project.remove_span(first.id or 0)
        project.restore_span("d", "ali", first)
        second = project.add_span("d", "ali", Span(*where("تهران"), "LOC"))
        assert first.id is not None and second.id == first.id + 1
        with pytest.raises(StaleEdit, match="there again"):
            project.restore_span("d", "ali", first)


def test_a_teammates_model_loads_on_the_server(url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a server, trust in a stored model comes from the database (who may write it), not from one user's key."""
    with Project.open(url) as project:
        project.save_model("crf", '{"labels": ["PER"]}', b"model bytes")
    monkeypatch.setenv("BARCHASB_CONFIG_DIR", str(tmp_path / "someone-else"))
    with Project.open(url) as project:
        assert project.load_model("crf") == ('{"labels": ["PER"]}', b"model bytes")


def test_a_file_project_never_loads_psycopg(project_path: Path) -> None:
    Project.create(project_path, preset("arman")).close()
    script = (
        "import sys; from annotator.store import Project; "
        f"Project.open({str(project_path)!r}).close(); print('psycopg' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "False"


def test_the_command_line_takes_a_url_and_says_one_line_when_the_server_is_gone(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.cli import main

    source = tmp_path / "a.jsonl"
    source.write_text(f'{{"id": "d", "text": "{TEXT}"}}\n', encoding="utf-8")
    assert main(["new", pg_url, "--schema", "arman"]) == 0
    assert main(["import", pg_url, str(source)]) == 0
    assert main(["new", pg_url]) == 1
    assert "already holds a Barchasb project" in capsys.readouterr().err
    assert main(["docs", pg_url, "--json"]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)] == ["d"]
    with psycopg.connect(pg_url) as conn:
        port = conn.info.port
    assert main(["docs", pg_url.replace(f":{port}/", ":1/")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("barchasb: error: ") and err.count("\n") == 1 and "cannot connect to the server" in err
    assert main(["docs", pg_url.replace("postgres@", "postgres:hunter2@")]) == 1
    assert "hunter2" not in capsys.readouterr().err


def test_a_pg_dump_of_the_schema_restores_into_a_project_that_goes_on(
    url: str, pg_server: PgServer, tmp_path: Path
) -> None:
    """The README's backup: pg_dump -Fc -n barchasb, then pg_restore into an empty database."""
    with Project.open(url) as project:
        project.add_span("d", "ali", Span(*where("علی"), "PER"))
        last = project.add_span("d", "ali", Span(*where("تهران"), "LOC"))
    backup = tmp_path / "team.dump"
    subprocess.run([str(pg_server.bin_dir / "pg_dump"), "-Fc", "-n", "barchasb", "-f", str(backup), url], check=True)
    restored = pg_server.database()
    subprocess.run([str(pg_server.bin_dir / "pg_restore"), "--no-owner", "-d", restored, str(backup)], check=True)
    with Project.open(restored) as project:
        assert [s.label for s in project.layer_spans("d", "ali")] == ["PER", "LOC"]
        after = project.add_span("d", "ali", Span(*where("شیراز"), "LOC"))
        assert after.id == (last.id or 0) + 1


def test_reading_every_document_streams_from_server_cursors_that_are_released(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.store.postgres_db import PostgresDb

    monkeypatch.setattr(PostgresDb, "stream_batch", 2)  # documents come two by two
    more = tmp_path / "more.jsonl"
    more.write_text("".join(f'{{"id": "m{i}", "text": "متن شماره {i}"}}\n' for i in range(5)), encoding="utf-8")
    with Project.open(url) as project:
        import_paths(project, [more], ImportOptions())
        cursors = "SELECT count(*) FROM pg_cursors WHERE name LIKE 'barchasb_stream_%'"
        reading = project.iter_documents()
        assert next(reading).id == "d"
        assert project._conn.execute(cursors).fetchone() == (2,)  # rows stay on the server until used
        reading.close()  # a reader that stops early releases them
        assert project._conn.execute(cursors).fetchone() == (0,)
        assert [d.id for d in project.iter_documents()] == ["d", "m0", "m1", "m2", "m3", "m4"]
        assert project._conn.execute(cursors).fetchone() == (0,)
        reading = project.iter_documents()
        next(reading)
        with plain(url) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (project._conn.info.backend_pid,))
        with pytest.raises(ProjectError, match="the connection to the server was lost"):
            list(reading)


def test_a_database_named_with_a_dot_names_the_project_whole() -> None:
    """Titles and dataset cards name a server project after its database: "team.v2" is not "team"."""
    from annotator.store.postgres_db import parse_url

    path, _params, schema = parse_url("postgresql://ali@db.example/team.v2")
    assert (path.name, path.stem, str(path), schema) == (
        "team.v2",
        "team.v2",
        "postgresql://ali@db.example/team.v2",
        "barchasb",
    )
