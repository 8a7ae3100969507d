"""Roles the database enforces: role x action through raw SQL as each user, and through the core API."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import errors as pg_errors

from annotator.errors import DocumentNotFound, NotAllowed, ProjectError
from annotator.model import Span
from annotator.schema import preset
from annotator.store import Project
from annotator.store import team as team_ops
from annotator.store.pg_roles import not_allowed
from tests.annotator.team_server import ALI, CARA, MONA, SARA, Team, make_team, where
from tests.storage import query


@pytest.fixture
def team(pg_url: str, tmp_path: Path) -> Team:
    return make_team(pg_url, tmp_path)


def ids(team: Team) -> dict[str, Any]:
    """Row ids as the creator sees them: layers by (doc, annotator), a span of each layer, documents' rowids."""
    found: dict[str, Any] = {}
    for layer_id, doc, name in query(
        team.url, "SELECT l.id, d.id, l.annotator FROM layers l JOIN documents d ON d.rowid = l.doc"
    ):
        found[f"layer {doc} {name}"] = layer_id
        found[f"span {doc} {name}"] = query(team.url, "SELECT min(id) FROM spans WHERE layer = ?", (layer_id,))[0][0]
    for rowid, doc in query(team.url, "SELECT rowid, id FROM documents"):
        found[doc] = rowid
    return found


# action: (SQL with {names} of ids(), expected for annotator ali13, curator cara13, manager mona13)
# ok: done (rows changed); refused: a permission error; nothing: no row it may see, so nothing changes
MATRIX = {
    "add a span to one's own layer": (
        "INSERT INTO spans(layer, start, \"end\", label) VALUES ({layer d1 ali13}, 7, 12, 'LOC')",
        ("ok", "refused", "ok"),
    ),
    "add a span to another annotator's layer": (
        "INSERT INTO spans(layer, start, \"end\", label) VALUES ({layer d1 sara13}, 0, 3, 'PER')",
        ("refused", "refused", "ok"),
    ),
    "write gold": (
        "INSERT INTO spans(layer, start, \"end\", label) VALUES ({layer d1 gold}, 7, 12, 'LOC')",
        ("refused", "ok", "ok"),
    ),
    "relabel another annotator's span": (
        "UPDATE spans SET label = 'ORG' WHERE id = {span d1 sara13}",
        ("nothing", "refused", "ok"),
    ),
    "relabel a gold span": ("UPDATE spans SET label = 'ORG' WHERE id = {span d1 gold}", ("nothing", "ok", "ok")),
    "move one's span into another's layer": (
        "UPDATE spans SET layer = {layer d1 sara13} WHERE id = {span d1 ali13}",
        ("refused", "refused", "ok"),
    ),
    "delete another annotator's span": ("DELETE FROM spans WHERE id = {span d1 sara13}", ("nothing", "nothing", "ok")),
    "delete one's own span": ("DELETE FROM spans WHERE id = {span d1 ali13}", ("ok", "nothing", "ok")),
    "make a layer under another's name": (
        "INSERT INTO layers(doc, annotator) VALUES ({d2}, 'sara13')",
        ("refused", "refused", "ok"),
    ),
    "make one's layer on an unassigned document": (
        "INSERT INTO layers(doc, annotator) VALUES ({d4}, 'ali13')",
        ("refused", "refused", "ok"),
    ),
    "change the schema": ("UPDATE settings SET value = value WHERE key = 'schema'", ("refused", "refused", "ok")),
    "close the blind round": ("UPDATE settings SET value = 'false' WHERE key = 'blind'", ("refused", "refused", "ok")),
    "assign a document": (
        "INSERT INTO assignments(doc, annotator) VALUES ({d4}, 'ali13')",
        ("refused", "refused", "ok"),
    ),
    "withdraw an assignment": ("DELETE FROM assignments WHERE doc = {d1}", ("refused", "refused", "ok")),
    "delete a document": ("DELETE FROM documents WHERE id = 'd1'", ("refused", "refused", "ok")),
    "import a document": (
        "INSERT INTO documents(id, title, n_tokens, n_chars, content_hash, normalization) "
        "VALUES ('x', 'x', 0, 0, 'h', 'none')",
        ("refused", "refused", "ok"),
    ),
    "rename a document": ("UPDATE documents SET title = 'x' WHERE id = 'd1'", ("refused", "refused", "ok")),
    "mark an assigned document done": ("UPDATE documents SET status = 'done' WHERE id = 'd2'", ("ok", "ok", "ok")),
    "mark an unassigned document done": (
        "UPDATE documents SET status = 'done' WHERE id = 'd4'",
        ("nothing", "ok", "ok"),
    ),
    "store a model": ("INSERT INTO models(name, meta, data) VALUES ('m2', '{{}}', 'x')", ("refused", "ok", "ok")),
    "curate": (
        "INSERT INTO decisions(doc, start, \"end\", decision) VALUES ({d1}, 0, 3, 'x')",
        ("refused", "ok", "ok"),
    ),
    "rewrite the audit trail": ("UPDATE audit SET who = 'nobody'", ("refused", "refused", "refused")),
    "delete the audit trail": ("DELETE FROM audit", ("refused", "refused", "refused")),
    "truncate the audit trail": ("TRUNCATE audit", ("refused", "refused", "refused")),
    "write the audit trail": (
        "INSERT INTO audit(who, tbl, action) VALUES ('x', 'spans', 'insert')",
        ("refused", "refused", "refused"),
    ),
    "read the channel secret": ("SELECT * FROM secrets", ("refused", "refused", "refused")),
    "add a user": ("SELECT team_add('eve13', NULL, 'manager')", ("refused", "refused", "ok")),
}


def attempt(team: Team, user: str, statement: str) -> str:
    """What the statement did for ``user``: ok, refused or nothing (rolled back either way)."""
    with team.sql(user) as conn:
        conn.execute("BEGIN")
        try:
            cursor = conn.execute(statement)
        except pg_errors.InsufficientPrivilege:
            return "refused"
        except psycopg.Error as exc:  # a failure that is not a permission error would be a broken test
            if "team_add" in statement and "password" in str(exc):
                return "ok"  # the manager got past the privilege check to the function's own
            raise
        finally:
            conn.execute("ROLLBACK")
        changed = cursor.rowcount if not statement.startswith("SELECT") else 1
        return "ok" if changed > 0 else "nothing"


@pytest.mark.parametrize("action", sorted(MATRIX))
def test_each_role_may_do_exactly_what_it_is_allowed_to_in_raw_sql(team: Team, action: str) -> None:
    statement, expected = MATRIX[action]
    statement = statement.format(**ids(team))
    assert tuple(attempt(team, user, statement) for user in (ALI, CARA, MONA)) == expected


def test_the_owner_alone_may_rewrite_the_audit_trail(team: Team) -> None:
    prefix = query(team.url, "SELECT value FROM meta WHERE key = 'roles'")[0][0]
    with psycopg.connect(team.url, autocommit=True) as conn:
        conn.execute("SET search_path TO barchasb")
        conn.execute("BEGIN")
        conn.execute(psycopg.sql.SQL("SET LOCAL ROLE {}").format(psycopg.sql.Identifier(f"{prefix}_owner")))
        assert conn.execute("UPDATE audit SET who = who").rowcount > 0
        conn.execute("ROLLBACK")


def visible(team: Team, user: str, sql: str) -> set[Any]:
    with team.sql(user) as conn:
        return {row[0] if len(row) == 1 else tuple(row) for row in conn.execute(sql)}


def test_annotators_read_only_the_documents_assigned_to_them(team: Team) -> None:
    assert visible(team, ALI, "SELECT id FROM documents") == {"d1", "d2"}
    assert visible(team, SARA, "SELECT id FROM documents") == {"d1", "d3"}
    assert visible(team, ALI, "SELECT d.id FROM texts t JOIN documents d ON d.rowid = t.doc") == {"d1", "d2"}
    assert visible(team, ALI, "SELECT count(*) FROM texts") == {2}
    assert visible(team, ALI, "SELECT annotator FROM assignments") == {ALI}  # not who else has d1
    for user in (CARA, MONA):
        assert visible(team, user, "SELECT id FROM documents") == {"d1", "d2", "d3", "d4"}
    # assignments decide: a new one shows the document at once, a withdrawn one hides it
    with Project.open(team.url) as project:
        project.assign(["d4"], [ALI])
        assert visible(team, ALI, "SELECT id FROM documents") == {"d1", "d2", "d4"}
        project.unassign(["d1"], [ALI])
    assert visible(team, ALI, "SELECT id FROM documents") == {"d2", "d4"}
    assert visible(team, ALI, "SELECT count(*) FROM spans") == {1}  # their d1 span went out of sight with d1


def test_a_blind_round_hides_other_layers_gold_models_and_lexicon_until_it_is_closed(team: Team) -> None:
    layers_of_d1 = "SELECT l.annotator FROM layers l JOIN documents d ON d.rowid = l.doc WHERE d.id = 'd1'"
    spans_of_d1 = (
        "SELECT l.annotator FROM spans s JOIN layers l ON l.id = s.layer JOIN documents d ON d.rowid = l.doc "
        "WHERE d.id = 'd1'"
    )
    everyone = {ALI, SARA, "gold"}
    with Project.open(team.url) as project:
        assert team_ops.round_open(project)  # on by default on a server
    for round_open in (True, False, True):
        with Project.open(team.url) as project:
            team_ops.set_round(project, blind=round_open)
        assert visible(team, ALI, layers_of_d1) == ({ALI} if round_open else everyone)
        assert visible(team, ALI, spans_of_d1) == ({ALI} if round_open else everyone)
        assert visible(team, SARA, layers_of_d1) == ({SARA} if round_open else everyone)
        assert visible(team, ALI, "SELECT name FROM models") == (set() if round_open else {"crf"})
        assert visible(team, ALI, "SELECT text FROM lexicon") == (set() if round_open else {"تهران"})
        for user in (CARA, MONA):  # curators and managers always see everything
            assert visible(team, user, layers_of_d1) == everyone
            assert visible(team, user, "SELECT name FROM models") == {"crf"}
        # never an unassigned document's layers, open round or not
        assert visible(team, ALI, "SELECT l.annotator FROM layers l JOIN documents d ON d.rowid = l.doc "
                       "WHERE d.id = 'd3'") == set()  # fmt: skip


def test_after_the_round_an_annotator_sees_but_still_cannot_change_another_layer(team: Team) -> None:
    with Project.open(team.url) as project:
        team_ops.set_round(project, blind=False)
    numbers = ids(team)
    assert attempt(team, ALI, f"UPDATE spans SET label = 'ORG' WHERE id = {numbers['span d1 sara13']}") == "refused"
    assert attempt(team, ALI, f"UPDATE spans SET label = 'ORG' WHERE id = {numbers['span d1 gold']}") == "refused"
    assert attempt(team, ALI, f"UPDATE layers SET status = 'done' WHERE id = {numbers['layer d1 sara13']}") == (
        "refused"
    )


# -- the core API, logged in as each user -------------------------------------------------------


def test_the_core_api_as_an_annotator_shows_their_documents_and_refuses_plainly(team: Team) -> None:
    with team.open(ALI) as project:
        assert team_ops.whoami(project) == (ALI, "annotator")
        assert [info.id for info in project.documents()] == ["d1", "d2"]
        assert set(project.document("d1").layers) == {ALI}
        with pytest.raises(DocumentNotFound):
            project.document("d3")
        made = project.add_span("d1", ALI, Span(*where("شیراز"), "LOC"))
        assert made in project.layer_spans("d1", ALI)
        with pytest.raises(NotAllowed, match=rf"^{ALI} \(annotator\) may not write that layer: .*own layer \({ALI}\)"):
            project.add_span("d1", SARA, Span(*where("شیراز"), "LOC"))  # `--annotator sara13` while ali13
        with pytest.raises(
            NotAllowed, match=rf"^{ALI} \(annotator\) may not write that layer.*never another's or gold"
        ):
            project.add_span("d1", "gold", Span(*where("شیراز"), "LOC"))
        with pytest.raises(NotAllowed, match=rf"^{ALI} \(annotator\) may not change the schema"):
            project.set_schema(preset("combined"))
        with pytest.raises(NotAllowed, match="may not change assignments"):
            project.assign(["d1"], [ALI])
        with pytest.raises(NotAllowed, match="may not change the schema or the project's settings"):
            team_ops.set_round(project, blind=False)
        with pytest.raises(NotAllowed, match="may not manage the team"):
            team_ops.add_member(project, "eve13", "annotator", "pw")
        assert project.load_model("crf") is None and project.lexicon() == []  # a blind round
        assert project.layer_spans("d1", ALI)  # the connection goes on after a refusal
    with Project.open(team.url) as project:
        team_ops.set_round(project, blind=False)
    with team.open(ALI) as project:
        assert set(project.document("d1").layers) == {ALI, SARA, "gold"}
        assert project.load_model("crf") is not None and project.lexicon() == [("تهران", "LOC", 2)]


def test_the_core_api_as_a_curator_writes_gold_and_nothing_else(team: Team) -> None:
    with team.open(CARA) as project:
        assert team_ops.whoami(project) == (CARA, "curator")
        assert [info.id for info in project.documents()] == ["d1", "d2", "d3", "d4"]
        project.add_span("d1", "gold", Span(*where("تهران"), "LOC"))
        with pytest.raises(NotAllowed, match=rf"^{CARA} \(curator\) may not write that layer: a curator writes gold"):
            project.add_span("d1", ALI, Span(*where("تهران"), "LOC"))
        with pytest.raises(NotAllowed, match="may not import, change or delete documents"):
            project.add_document(replace(project.document("d1"), id="new"), normalization=project.normalization)
        project.mark_reviewed("d1", curator=CARA)


def test_the_core_api_as_a_manager_does_everything(team: Team) -> None:
    with team.open(MONA) as project:
        assert team_ops.whoami(project) == (MONA, "manager")
        project.set_schema(project.schema)
        project.assign(["d4"], [SARA])
        project.add_span("d1", SARA, Span(*where("شیراز"), "LOC"))
        team_ops.set_round(project, blind=False)
        assert not team_ops.round_open(project)


def test_someone_off_the_team_sees_nothing_and_is_told_why(team: Team, pg_server: Any) -> None:
    with Project.open(team.url) as project:
        team_ops.remove_member(project, SARA)
        assert {m.name for m in team_ops.members(project)} == {ALI, CARA, MONA, "postgres"}
    with pytest.raises(NotAllowed, match=rf"^{SARA} \(not on the team\) has no access to this project: a manager"):
        team.open(SARA)
    with team.sql(SARA) as conn:
        with pytest.raises(pg_errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM documents")
        assert conn.execute("SELECT key FROM meta ORDER BY key").fetchall() == [
            ("application",),
            ("roles",),
            ("version",),
        ]
    assert query(team.url, "SELECT count(*) FROM layers WHERE annotator = ?", (SARA,)) == [(1,)]  # kept


def test_team_roles_change_and_the_last_manager_stays(team: Team) -> None:
    with Project.open(team.url) as project:
        team_ops.set_role(project, ALI, "curator")
        assert {m.name: m.role for m in team_ops.members(project)}[ALI] == "curator"
        assert team_ops.add_member(project, SARA, "manager", None) is False  # an existing login keeps its password
        team_ops.set_role(project, SARA, "annotator")
        with pytest.raises(ProjectError, match="unknown role 'boss'"):
            team_ops.set_role(project, ALI, "boss")
        with pytest.raises(ProjectError, match="eve13 is not on the team"):
            team_ops.remove_member(project, "eve13")
        with pytest.raises(ProjectError, match="cannot be a user name"):
            team_ops.add_member(project, "gold", "annotator", "pw")
    with team.open(MONA) as project:  # postgres, the creator, is a manager too; take them off, then mona is the last
        team_ops.remove_member(project, "postgres")
        with pytest.raises(ProjectError, match=f"{MONA} is the project's only manager"):
            team_ops.set_role(project, MONA, "curator")
        with pytest.raises(ProjectError, match="only manager"):
            team_ops.remove_member(project, MONA)
    with team.open(ALI) as project:
        assert team_ops.whoami(project) == (ALI, "curator")


def test_a_new_member_logs_in_with_the_password_they_were_given(team: Team) -> None:
    with Project.open(team.url) as project:
        assert team_ops.add_member(project, "neda13", "annotator", "her own pw") is True
    with Project.open(team.url.replace("postgres@", "neda13@"), password="her own pw") as project:
        assert team_ops.whoami(project) == ("neda13", "annotator") and project.documents() == []
    # the server holds a SCRAM verifier, never the password
    stored = query(team.url, "SELECT rolpassword FROM pg_authid WHERE rolname = 'neda13'")[0][0]
    assert stored.startswith("SCRAM-SHA-256$") and "her own pw" not in stored


def test_role_names_are_valid_and_unique_for_long_schemas_and_other_databases(pg_server: Any, tmp_path: Path) -> None:
    long_schema = "s" * 63
    first, second = pg_server.database(), pg_server.database()
    for url in (first, second, f"{first}?options=-csearch_path%3D{long_schema}"):
        Project.create(url, preset("arman")).close()
    prefixes = [
        query(first, "SELECT value FROM barchasb.meta WHERE key = 'roles'")[0][0],
        query(second, "SELECT value FROM barchasb.meta WHERE key = 'roles'")[0][0],
        query(first, f"SELECT value FROM {long_schema}.meta WHERE key = 'roles'")[0][0],
    ]
    assert len(set(prefixes)) == 3 and all(len(p) + len("_annotator") <= 63 for p in prefixes)
    assert prefixes[2].startswith("s" * 40 + "_")


def test_a_version_2_project_gets_its_roles_when_a_role_maker_opens_it(pg_url: str) -> None:
    from annotator.store.pg_migrations import PG_MIGRATIONS, PG_SCHEMA_VERSION

    Project.create(pg_url, preset("arman")).close()
    settings = query(pg_url, "SELECT key, value FROM barchasb.settings WHERE key <> 'blind'")
    with psycopg.connect(pg_url, autocommit=True) as conn:  # as version 2 made it
        conn.execute("DROP SCHEMA barchasb CASCADE")
        conn.execute("CREATE SCHEMA barchasb")
        conn.execute("SET search_path TO barchasb")
        for version in PG_MIGRATIONS[:2]:
            for statement in version:
                conn.execute(statement)
        conn.execute("INSERT INTO meta(key, value) VALUES ('application', 'barchasb'), ('version', '2')")
        conn.cursor().executemany("INSERT INTO settings(key, value) VALUES (%s, %s)", settings)
    with Project.open(pg_url) as project:
        assert team_ops.whoami(project) == ("postgres", "manager") and team_ops.round_open(project)
    assert query(pg_url, "SELECT value FROM barchasb.meta WHERE key = 'version'") == [(str(PG_SCHEMA_VERSION),)]
    assert query(pg_url, "SELECT count(*) FROM pg_policies WHERE schemaname = 'barchasb'")[0][0] > 30


def test_a_file_project_has_no_roles(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.barchasb", preset("arman")) as project:
        assert team_ops.whoami(project) is None
        with pytest.raises(ProjectError, match="roles and rounds need a server project"):
            team_ops.members(project)


def test_refusals_name_the_user_the_role_and_what_they_may_not_do() -> None:
    assert str(not_allowed("ali", "annotator", "permission denied for table assignments")) == (
        "ali (annotator) may not change assignments (managers do)"
    )
    assert str(not_allowed("ali", "annotator", 'new row violates row-level security policy for table "spans"')) == (
        "ali (annotator) may not write that layer: an annotator writes only their own layer (ali) of the documents "
        "assigned to them, never another's or gold"
    )
    assert str(not_allowed("bob", "curator", "permission denied for function team_add")) == (
        "bob (curator) may not manage the team (managers do)"
    )
    assert "may not do that (permission denied for schema x)" in str(
        not_allowed("m", "manager", "permission denied for schema x")
    )


def test_a_user_who_may_create_roles_creates_the_project_and_is_its_first_manager_not_its_owner(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE ROLE dba13 LOGIN CREATEROLE PASSWORD 'dba pw'")
        conn.execute(psycopg.sql.SQL("GRANT CREATE ON DATABASE {} TO dba13").format(
            psycopg.sql.Identifier(pg_url.rsplit("/", 1)[1])
        ))  # fmt: skip
    monkeypatch.setenv("PGPASSWORD", "dba pw")
    url = pg_url.replace("postgres@", "dba13@")
    Project.create(url, preset("arman")).close()
    with Project.open(url) as project:
        assert team_ops.whoami(project) == ("dba13", "manager")
        assert team_ops.add_member(project, "zed13", "annotator", "zed pw")
        assert [m.name for m in team_ops.members(project)] == ["dba13", "zed13"]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET search_path TO barchasb")
        with pytest.raises(pg_errors.InsufficientPrivilege):
            conn.execute("UPDATE audit SET who = who")
        assert conn.execute("SELECT count(*) FROM audit WHERE who = 'dba13'").fetchone()[0] > 0  # type: ignore[index]


def test_a_user_who_may_not_create_roles_cannot_create_a_server_project(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE ROLE plain13 LOGIN PASSWORD 'plain pw'")
        conn.execute(psycopg.sql.SQL("GRANT CREATE ON DATABASE {} TO plain13").format(
            psycopg.sql.Identifier(pg_url.rsplit("/", 1)[1])
        ))  # fmt: skip
    monkeypatch.setenv("PGPASSWORD", "plain pw")
    with pytest.raises(ProjectError, match="gets its team roles from a user who may create roles"):
        Project.create(pg_url.replace("postgres@", "plain13@"), preset("arman"))
    assert query(pg_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'barchasb'") == [(0,)]
