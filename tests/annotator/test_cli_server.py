"""The command line with a project on a PostgreSQL server: schemas, a lost connection, passwords.

Server-only by nature (the rest of the CLI tests run on both a file and a server through ``location``).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
import pytest
from psycopg import sql as pg_sql

from annotator.cli import main
from tests.annotator.test_cli import run
from tests.conftest import DATA, ROOT, SAMPLE
from tests.storage import plain, query

if TYPE_CHECKING:
    from tests.pgserver import PgServer


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``barchasb ARGS`` in a process of its own, as a user runs it (libpq's password variables only from ``env``)."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("PGPASSWORD", "PGPASSFILE", "PGSERVICEFILE")}
    return subprocess.run(
        [sys.executable, "-m", "annotator.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**inherited, **(env or {})},
        timeout=300,
    )


def with_options(url: str, options: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options={options}"


def schemas_with_a_project(url: str) -> list[str]:
    rows = query(url, "SELECT schemaname FROM pg_tables WHERE tablename = 'spans' ORDER BY schemaname")
    return [row[0] for row in rows]


# -- another schema: --db-schema NAME or the URL's options ----------------------------------------------------


def test_new_in_another_schema_and_every_later_command_finds_it(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team_b = with_options(pg_url, "-csearch_path%3Dteam_b")
    code, out, err = run(capsys, "new", pg_url, "--db-schema", "team_b", "--schema", "arman")
    assert code == 0, err
    assert out.startswith(f"created {team_b}: schema arman")
    assert out.splitlines()[1] == f"open it with this URL (its options name the schema team_b): {team_b}"
    code, out, err = run(capsys, "import", team_b, str(SAMPLE))
    assert code == 0 and "imported 1 document" in out, err
    code, out, _ = run(capsys, "docs", team_b)
    assert code == 0 and "ilna-aras-free-zone" in out
    # the database's default schema holds no project: the URL without the option says so, and never guesses
    code, _, err = run(capsys, "docs", pg_url)
    assert code == 1 and "no Barchasb project in this database (schema barchasb)" in err
    # a second project beside it, in the default schema, then a third named by the URL alone
    assert run(capsys, "new", pg_url)[0] == 0
    assert run(capsys, "docs", pg_url, "--json")[1] == "[]\n"
    team_c = with_options(pg_url, "-csearch_path%3Dteam_c")
    code, out, _ = run(capsys, "new", team_c, "--schema", "peyma")
    assert code == 0 and out.startswith(f"created {team_c}: schema peyma") and "open it with" not in out
    assert run(capsys, "docs", team_c, "--json")[1] == "[]\n"
    # the flag and the URL may agree; they may not disagree
    code, _, err = run(capsys, "new", team_c, "--db-schema", "team_d")
    assert code == 1 and err == (
        f"barchasb: error: {team_c}: --db-schema team_d and the URL's options (search_path=team_c) name "
        "different schemas; give one of them\n"
    )
    team_e = with_options(pg_url, "-csearch_path%3Dteam_e")
    assert run(capsys, "new", team_e, "--db-schema", "team_e")[0] == 0
    assert schemas_with_a_project(pg_url) == ["barchasb", "team_b", "team_c", "team_e"]
    with psycopg.connect(team_b) as conn:  # each project kept its own schema and labels
        labels = conn.execute("SELECT value FROM team_b.settings WHERE key = 'schema'").fetchone()
        assert labels is not None and '"arman"' in labels[0]
    # a second `new` with the flag finds the project it made
    code, _, err = run(capsys, "new", pg_url, "--db-schema", "team_b")
    assert code == 1 and "already holds a Barchasb project (schema team_b)" in err


def test_db_schema_keeps_the_urls_other_options(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    url = with_options(f"{pg_url}?sslmode=disable", "-c%20statement_timeout%3D12345")
    code, out, err = run(capsys, "new", url, "--db-schema", "team_f")
    assert code == 0, err
    made = with_options(f"{pg_url}?sslmode=disable", "-c%20statement_timeout%3D12345%20-csearch_path%3Dteam_f")
    assert out.startswith(f"created {made}: ")
    with psycopg.connect(made) as conn:
        assert conn.execute("SHOW statement_timeout").fetchone() == ("12345ms",)
        assert conn.execute("SHOW search_path").fetchone() == ("team_f",)
    assert schemas_with_a_project(pg_url) == ["team_f"]
    assert run(capsys, "docs", made, "--json")[1] == "[]\n"


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Team", "is not a plain lower-case name"),
        ("1team", "is not a plain lower-case name"),
        ("team-b", "is not a plain lower-case name"),
        ("t" * 64, "at most 63"),
        ("", "is not a plain lower-case name"),
        ("pg_team", "PostgreSQL keeps for its own schemas"),
        ("information_schema", "PostgreSQL keeps for its own schemas"),
        ("team\x1b[31m", "'team\\x1b[31m' is not a plain"),
    ],
)
def test_a_bad_schema_name_is_refused_before_connecting(
    name: str, why: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(capsys, "new", "postgresql://nobody@127.0.0.1:1/none", "--db-schema", name)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "argument --db-schema: " in err and why in err and "\x1b" not in err


def test_db_schema_is_refused_for_a_project_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.barchasb"
    code, _, err = run(capsys, "new", str(path), "--db-schema", "team_b")
    assert code == 1 and err == (
        f"barchasb: error: {path}: --db-schema is for a project on a PostgreSQL server (postgresql://...); "
        "a project file holds one project\n"
    )
    assert not path.exists()


def test_copy_to_and_from_another_schema_by_the_url_or_the_flag(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    local = str(tmp_path / "local.barchasb")
    assert run(capsys, "new", local)[0] == 0
    assert run(capsys, "import", local, str(SAMPLE), str(DATA / "mixed.jsonl"))[0] == 0
    team_g = with_options(pg_url, "-csearch_path%3Dteam_g")
    code, out, err = run(capsys, "copy", local, team_g)
    assert code == 0 and out.startswith("copied 4 documents") and out.rstrip().endswith(f"to {team_g}"), err
    assert schemas_with_a_project(pg_url) == ["team_g"]
    back = str(tmp_path / "back.barchasb")
    assert run(capsys, "copy", team_g, back)[0] == 0
    assert run(capsys, "docs", back, "--json")[1] == run(capsys, "docs", local, "--json")[1]
    # the flag does the same as the option, and says which URL opens the copy
    team_h = with_options(pg_url, "-csearch_path%3Dteam_h")
    code, out, err = run(capsys, "copy", back, pg_url, "--db-schema", "team_h")
    assert code == 0, err
    assert out.splitlines() == [
        f"copied 4 documents, 3 layers, 5 spans, 0 models from {back} to {team_h}",
        f"open it with this URL (its options name the schema team_h): {team_h}",
    ]
    assert run(capsys, "docs", team_h, "--json")[1] == run(capsys, "docs", local, "--json")[1]
    assert schemas_with_a_project(pg_url) == ["team_g", "team_h"]
    code, _, err = run(capsys, "copy", local, team_g, "--db-schema", "team_i")
    assert code == 1 and "--db-schema team_i and the URL's options (search_path=team_g) name different" in err
    code, _, err = run(capsys, "copy", team_g, str(tmp_path / "x.barchasb"), "--db-schema", "team_i")
    assert code == 1 and "--db-schema is for a project on a PostgreSQL server" in err
    assert not (tmp_path / "x.barchasb").exists()


# -- a lost connection ---------------------------------------------------------------------------------------


@contextmanager
def superuser(url: str) -> Iterator[psycopg.Connection[Any]]:
    """A plain superuser connection to the project's database (the tests' server lets ``postgres`` in)."""
    with plain(url) as conn:
        yield conn


def waiting_backend(conn: psycopg.Connection[Any], process: subprocess.Popen[str]) -> int:
    """The server process of the command's connection, once it waits for a lock this test holds."""
    while process.poll() is None:
        row = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
            "AND pid <> pg_backend_pid()"
        ).fetchone()
        if row is not None:
            return int(row[0])
        time.sleep(0.05)
    out, err = process.communicate()
    raise AssertionError(f"the command ended before it waited for the lock: {process.returncode} {out} {err}")


@pytest.fixture
def many(pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, Path]:
    """A server project and a JSONL file of 300 short documents with an entity each."""
    assert run(capsys, "new", pg_url)[0] == 0
    source = tmp_path / "many.jsonl"
    lines = [
        f'{{"id": "d{n}", "text": "علی {n} به تهران رفت.", "spans": [{{"start": 0, "end": 3, "label": "PER"}}]}}'
        for n in range(300)
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pg_url, source


def lost_in_the_middle(url: str, argv: list[str], lock: str) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` while ``lock`` is held, end its connection (pg_terminate_backend) as it waits, and its result."""
    with superuser(url) as holder, superuser(url) as watcher:  # a transaction sees one snapshot of the activity
        holder.execute("BEGIN")
        holder.execute(lock)
        process = subprocess.Popen(
            [sys.executable, "-m", "annotator.cli", *argv],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            pid = waiting_backend(watcher, process)
            watcher.execute("SELECT pg_terminate_backend(%s)", (pid,))
        finally:
            holder.execute("ROLLBACK")
        out, err = process.communicate(timeout=120)
    return subprocess.CompletedProcess(argv, process.returncode, out, err)


def test_a_lost_connection_in_the_middle_of_an_import_is_one_line_and_nothing_is_stored(
    many: tuple[str, Path],
) -> None:
    url, source = many
    done = lost_in_the_middle(
        url, ["import", url, str(source)], "LOCK TABLE documents, texts, layers, spans IN EXCLUSIVE MODE"
    )
    assert done.returncode == 1, done
    assert done.stderr.startswith(f"barchasb: error: {url}: the connection to the server was lost: "), done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert query(url, "SELECT count(*) FROM documents") == [(0,)]  # the import's transaction never committed
    again = cli("import", url, str(source))  # and the next command simply connects again
    assert again.returncode == 0 and "imported 300 documents with 300 entities" in again.stdout, again.stderr


@pytest.mark.parametrize("fmt", ["conll", "jsonl"])
def test_a_lost_connection_in_the_middle_of_an_export_is_one_line_and_writes_nothing(
    many: tuple[str, Path], tmp_path: Path, fmt: str
) -> None:
    url, source = many
    assert main(["import", url, str(source)]) == 0
    out = tmp_path / "out"
    done = lost_in_the_middle(
        url, ["export", url, "--format", fmt, "--out", str(out)], "LOCK TABLE texts IN ACCESS EXCLUSIVE MODE"
    )
    assert done.returncode == 1, done
    assert done.stderr.startswith(f"barchasb: error: {url}: the connection to the server was lost: "), done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]
    assert cli("export", url, "--format", fmt, "--out", str(out)).returncode == 0


@pytest.mark.parametrize("target", ["file", "server"])
def test_a_copy_whose_source_connection_is_lost_leaves_no_project_behind(
    many: tuple[str, Path], pg_server: PgServer, tmp_path: Path, target: str
) -> None:
    url, source = many
    assert main(["import", url, str(source)]) == 0
    destination = str(tmp_path / "copy.barchasb") if target == "file" else pg_server.database()
    # the copy reads the lexicon once the target exists (an empty project it must take back)
    done = lost_in_the_middle(url, ["copy", url, destination], "LOCK TABLE lexicon IN ACCESS EXCLUSIVE MODE")
    assert done.returncode == 1, done
    assert done.stderr.startswith(f"barchasb: error: {url}: the connection to the server was lost: "), done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    if target == "file":
        assert sorted(p.name for p in tmp_path.iterdir()) == ["many.jsonl"]
    else:
        assert schemas_with_a_project(destination) == []
    again = cli("copy", url, destination)  # nothing was left in the way
    assert again.returncode == 0 and again.stdout.startswith("copied 300 documents"), again.stderr


def test_a_copy_whose_target_connection_is_lost_leaves_no_project_behind(
    many: tuple[str, Path], pg_server: PgServer
) -> None:
    url, source = many
    assert main(["import", url, str(source)]) == 0
    destination = pg_server.database()
    # the target waits for the lock under which a project is created in its schema
    lock = "SELECT pg_advisory_xact_lock(hashtext('barchasb:barchasb'))"
    done = lost_in_the_middle(destination, ["copy", url, destination], lock)
    assert done.returncode == 1, done
    assert done.stderr.startswith(f"barchasb: error: {destination}: the connection to the server was lost: ")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert schemas_with_a_project(destination) == []
    assert cli("copy", url, destination).returncode == 0


def test_ctrl_c_while_an_import_waits_for_the_server_is_one_line_and_stores_nothing(many: tuple[str, Path]) -> None:
    url, source = many
    with superuser(url) as holder, superuser(url) as watcher:
        holder.execute("BEGIN")
        holder.execute("LOCK TABLE documents, texts, layers, spans IN EXCLUSIVE MODE")
        process = subprocess.Popen(
            [sys.executable, "-m", "annotator.cli", "import", url, str(source)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            waiting_backend(watcher, process)
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=120)
        finally:
            holder.execute("ROLLBACK")
    assert process.returncode == 130, (out, err)
    assert err == "barchasb: interrupted; nothing from the unfinished step was saved\n"
    assert query(url, "SELECT count(*) FROM documents") == [(0,)]
    assert main(["import", url, str(source)]) == 0  # nothing is left locked or half-done


def test_a_cancelled_statement_is_not_a_lost_connection(many: tuple[str, Path]) -> None:
    """The server cancels a statement (the URL's statement_timeout) as it waits: said as it is, nothing stored."""
    url, source = many
    hasty = with_options(url, "-c%20statement_timeout%3D300")
    with superuser(url) as holder:
        holder.execute("BEGIN")
        holder.execute("LOCK TABLE documents, texts, layers, spans IN EXCLUSIVE MODE")
        try:
            done = cli("import", hasty, str(source))
        finally:
            holder.execute("ROLLBACK")
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr == (
        f"barchasb: error: {hasty}: canceling statement due to statement timeout; nothing was changed\n"
    )
    assert query(url, "SELECT count(*) FROM documents") == [(0,)]


def test_a_server_that_is_not_there_is_one_line(tmp_path: Path) -> None:
    from tests.pgserver import free_port

    url = f"postgresql://postgres@127.0.0.1:{free_port()}/none?connect_timeout=5"
    for argv in (["docs", url], ["new", url], ["copy", url, str(tmp_path / "x.barchasb")]):
        done = cli(*argv)
        assert done.returncode == 1 and done.stderr.startswith(f"barchasb: error: {url}: cannot connect to the server")
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


# -- passwords: never printed ---------------------------------------------------------------------------------

SECRET = "Hunter2-" + secrets.token_hex(4)


def every_command(project: str, out: Path) -> list[list[str]]:
    """Every command that takes a project, once each (copy both ways)."""
    conll = str(DATA / "arman.conll")
    return [
        ["new", project],
        ["new", project, "--db-schema", "team_b"],
        ["import", project, str(SAMPLE)],
        ["docs", project, "--json"],
        ["show", project, "x"],
        ["export", project, "--format", "conll", "--out", str(out / "x.conll")],
        ["pretag", project],
        ["train", project],
        ["evaluate", project, "--test", conll],
        ["lexicon", project, "--export", str(out / "lex.tsv")],
        ["render", project, "x", "--out", str(out / "x.png")],
        ["copy", project, str(out / "copy.barchasb")],
        ["copy", str(out / "none.barchasb"), project],
        ["copy", str(out / "none.barchasb"), project, "--db-schema", "team_b"],
        ["package", project, "--annotator", "ali", "--out", str(out / "ali.pkg")],
        ["merge", project, str(out / "ali.pkg")],
        ["assign", project, "--annotators", "ali"],
        ["progress", project],
        ["agree", project],
        ["curate", project],
    ]


@pytest.mark.parametrize("form", ["user:password@", "?password="])
def test_a_url_with_a_password_is_refused_by_every_command_without_showing_it(
    pg_server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    plain = pg_server.database()
    by_query = form == "?password="
    url = f"{plain}?password={SECRET}" if by_query else plain.replace("postgres@", f"postgres:{SECRET}@")
    assert SECRET in url
    shown = f"{plain}?password=…" if by_query else plain
    for argv in every_command(url, tmp_path):
        code, out, err = run(capsys, *argv)
        assert code == 1, argv
        assert SECRET not in out + err, argv
        if argv[0] != "copy" or argv[1] == url:
            assert err == (
                f"barchasb: error: {shown}: a password in the URL is refused (it would be seen in the process list "
                "and kept in histories and recent projects); put it in ~/.pgpass or PGPASSWORD\n"
            ), argv
    assert schemas_with_a_project(plain) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.fixture
def ali(pg_server: PgServer, capsys: pytest.CaptureFixture[str]) -> Iterator[tuple[str, str]]:
    """A login role with a password (the tests' server asks every role but postgres for one) and a project it reads."""
    project = pg_server.database()
    assert run(capsys, "new", project)[0] == 0
    assert run(capsys, "import", project, str(SAMPLE))[0] == 0
    role = f"ali_{secrets.token_hex(4)}"
    name = pg_sql.Identifier(role)
    with superuser(project) as conn:
        conn.execute(pg_sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(name, pg_sql.Literal(SECRET)))
        conn.execute(pg_sql.SQL("GRANT USAGE ON SCHEMA barchasb TO {}").format(name))
        conn.execute(pg_sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA barchasb TO {}").format(name))
    yield project.replace("postgres@", f"{role}@"), role
    with superuser(project) as conn:
        conn.execute(pg_sql.SQL("DROP OWNED BY {}").format(name))
        conn.execute(pg_sql.SQL("DROP ROLE {}").format(name))


def test_passwords_from_libpq_places_are_never_printed(ali: tuple[str, str], tmp_path: Path) -> None:
    url, role = ali
    done = cli("docs", url, env={"PGPASSWORD": SECRET})
    assert done.returncode == 0 and done.stdout.startswith("id  "), done.stderr
    assert SECRET not in done.stdout + done.stderr
    wrong = f"{SECRET}-wrong"
    done = cli("docs", url, env={"PGPASSWORD": wrong})
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert SECRET not in done.stdout + done.stderr
    assert done.stderr.startswith(f"barchasb: error: {url}: the server refused the password for {role}")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:{role}:{wrong}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    for argv in (["docs", url], ["copy", url, str(tmp_path / "c.barchasb")], ["export", url, "--format", "conll"]):
        if argv[0] == "export":
            argv += ["--out", str(tmp_path / "x.conll")]
        done = cli(*argv, env={"PGPASSFILE": str(pgpass)})
        assert done.returncode == 1 and SECRET not in done.stdout + done.stderr, argv
        assert "the server refused the password" in done.stderr and done.stderr.count("\n") == 1
    done = cli("docs", url, env={"PGPASSFILE": str(tmp_path / "none")})
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"barchasb: error: {url}: the server asks for a password")
    assert "PGPASSWORD" in done.stderr and "~/.pgpass" in done.stderr
