"""A hostile team member with psql: the attacks on roles, blind rounds and the audit trail that must fail."""

from __future__ import annotations

import contextlib
from pathlib import Path

import psycopg
import pytest
from psycopg import errors as pg_errors

from annotator.errors import ProjectError
from annotator.model import Span
from annotator.schema import preset
from annotator.store import Project
from annotator.store import team as team_ops
from tests.annotator.store.test_roles import attempt, ids
from tests.annotator.team_server import ALI, CARA, MONA, PASSWORD, SARA, Team, make_team
from tests.storage import query


@pytest.fixture
def team(pg_url: str, tmp_path: Path) -> Team:
    return make_team(pg_url, tmp_path)


def close_round(team: Team) -> None:
    with Project.open(team.url) as project:
        team_ops.set_round(project, blind=False)


def layers_of(team: Team, doc: str) -> dict[str, int]:
    """The spans in each layer of a document, as its creator sees them."""
    rows = query(
        team.url,
        "SELECT l.annotator, count(s.id) FROM layers l JOIN documents d ON d.rowid = l.doc "
        "LEFT JOIN spans s ON s.layer = l.id WHERE d.id = ? GROUP BY l.annotator",
        (doc,),
    )
    return {str(name): int(count) for name, count in rows}


def run(team: Team, user: str, *statements: str) -> str:
    """Run the statements in one transaction as ``user`` and commit: ok, or refused (a permission error)."""
    with team.sql(user) as conn:
        try:
            with conn.transaction():
                for statement in statements:
                    conn.execute(statement)
        except pg_errors.InsufficientPrivilege:
            return "refused"
    return "ok"


# -- taking another person's work by moving it: the new row is one's own, the old one was not -----------


def test_an_annotator_cannot_pull_another_annotators_span_into_their_own_layer(team: Team) -> None:
    close_round(team)  # sara's layer is now in sight
    n = ids(team)
    before = layers_of(team, "d1")
    moves = (
        f"UPDATE spans SET layer = {n['layer d1 ali13']} WHERE id = {n['span d1 sara13']}",
        f"UPDATE spans SET layer = {n['layer d1 ali13']} WHERE id = {n['span d1 gold']}",
        f'INSERT INTO spans(id, layer, start, "end", label) OVERRIDING SYSTEM VALUE '
        f"VALUES ({n['span d1 sara13']}, {n['layer d1 ali13']}, 0, 3, 'PER') "
        f"ON CONFLICT (id) DO UPDATE SET layer = excluded.layer",
    )
    for statement in moves:
        assert attempt(team, ALI, statement) == "refused", statement
    assert layers_of(team, "d1") == before


def test_an_annotator_cannot_take_over_another_annotators_layer_by_renaming_it(team: Team) -> None:
    close_round(team)
    n = ids(team)
    result = run(
        team,
        ALI,
        f"DELETE FROM layers WHERE id = {n['layer d1 ali13']}",  # their own: allowed
        f"UPDATE layers SET annotator = '{ALI}' WHERE id = {n['layer d1 sara13']}",
    )
    assert result == "refused"
    assert layers_of(team, "d1") == {ALI: 1, SARA: 1, "gold": 1}
    result = run(
        team, ALI, f"DELETE FROM layers WHERE id = {n['layer d1 ali13']}", f"UPDATE layers SET annotator = '{ALI}'"
    )
    assert result == "refused"
    assert layers_of(team, "d1") == {ALI: 1, SARA: 1, "gold": 1}


def test_a_curator_cannot_pull_an_annotators_span_or_layer_into_gold(team: Team) -> None:
    n = ids(team)
    assert attempt(team, CARA, f"UPDATE spans SET layer = {n['layer d1 gold']} WHERE id = {n['span d1 sara13']}") == (
        "refused"
    )
    result = run(
        team,
        CARA,
        f"DELETE FROM layers WHERE id = {n['layer d1 gold']}",  # gold is theirs to delete
        f"UPDATE layers SET annotator = 'gold' WHERE id = {n['layer d1 sara13']}",
    )
    assert result == "refused"
    assert layers_of(team, "d1") == {ALI: 1, SARA: 1, "gold": 1}


def test_a_curator_cannot_turn_an_annotators_rejection_into_a_gold_one(team: Team) -> None:
    n = ids(team)
    assert run(team, SARA, f"INSERT INTO rejections VALUES ({n['d1']}, '{SARA}', 0, 3, 'PER')") == "ok"
    before = query(team.url, "SELECT annotator FROM rejections")
    assert before == [(SARA,)]
    assert attempt(team, CARA, f"UPDATE rejections SET annotator = 'gold' WHERE annotator = '{SARA}'") == "refused"
    assert query(team.url, "SELECT annotator FROM rejections") == before


# -- names: any valid login name works the whole way, and none reaches SQL as code ---------------------

ODD_NAMES = ("Eve", "o'brien", 'say"hi', "a.b", "زهرا", "x" * 63, "Robert');DROP/**/TABLE/**/spans;--")


@pytest.mark.parametrize("name", ODD_NAMES)
def test_an_odd_user_name_is_added_listed_promoted_and_removed(team: Team, name: str) -> None:
    with Project.open(team.url) as project:
        assert team_ops.add_member(project, name, "annotator", PASSWORD)
        assert (name, "annotator") in {(m.name, m.role) for m in team_ops.members(project)}
        project.assign(["d3"], [name])
    with psycopg.connect(team.url_of("x"), user=name, password=PASSWORD, autocommit=True) as conn:
        conn.execute("SET search_path TO barchasb")
        assert conn.execute("SELECT id FROM documents").fetchall() == [("d3",)]
        conn.execute("INSERT INTO layers(doc, annotator) SELECT rowid, current_user FROM documents")
    with Project.open(team.url) as project:
        team_ops.set_role(project, name, "curator")
        assert (name, "curator") in {(m.name, m.role) for m in team_ops.members(project)}
        team_ops.remove_member(project, name)
        assert name not in {m.name for m in team_ops.members(project)}
    assert query(team.url, "SELECT count(*) FROM spans")[0][0] == 4  # nothing was dropped on the way
    assert layers_of(team, "d3") == {name: 0}  # their layer stays


@pytest.mark.parametrize("name", ("x" * 64, "gold", "pg_monitor", "ali 13", "tab\there", ""))
def test_a_name_that_cannot_be_a_users_is_refused_plainly(team: Team, name: str) -> None:
    with Project.open(team.url) as project, pytest.raises(ProjectError, match="cannot be a user name"):
        team_ops.add_member(project, name, "annotator", PASSWORD)


def test_a_group_role_is_never_given_a_project_role(team: Team) -> None:
    prefix = query(team.url, "SELECT value FROM meta WHERE key = 'roles'")[0][0]
    with team.sql(MONA) as conn:
        for group in (f"{prefix}_annotator", f"{prefix}_owner", "pg_read_all_data"):
            with pytest.raises(pg_errors.InvalidParameterValue, match="not a user"):
                conn.execute("SELECT team_set(%s, 'manager')", (group,))
    with team.sql(ALI) as conn:
        assert conn.execute("SELECT pg_has_role(current_user, %s, 'MEMBER')", (f"{prefix}_manager",)).fetchone() == (
            False,
        )


# -- denying the team service -----------------------------------------------------------------------


def test_nobody_but_a_manager_takes_ids_ahead_of_the_sequence_and_breaks_the_teams_inserts(team: Team) -> None:
    n = ids(team)
    ahead = query(team.url, "SELECT max(id) + 1 FROM spans")[0][0]
    layer_ahead = query(team.url, "SELECT max(id) + 1 FROM layers")[0][0]
    poison = {
        ALI: (
            f'INSERT INTO spans(id, layer, start, "end", label) OVERRIDING SYSTEM VALUE '
            f"VALUES ({ahead}, {n['layer d1 ali13']}, 0, 3, 'PER')",
        ),
        CARA: (
            f'INSERT INTO spans(id, layer, start, "end", label) OVERRIDING SYSTEM VALUE '
            f"VALUES ({ahead}, {n['layer d1 gold']}, 0, 3, 'PER')",
        ),
    }
    for user, statements in poison.items():
        for statement in statements:
            assert run(team, user, statement) == "refused", statement
    layer_again = (
        f"INSERT INTO layers(id, doc, annotator) OVERRIDING SYSTEM VALUE VALUES ({layer_ahead}, {n['d2']}, '{ALI}')"
    )
    assert run(team, ALI, f"DELETE FROM layers WHERE id = {n['layer d2 ali13']}", layer_again) == "refused"
    with team.open(SARA) as project:  # the next span and layer get the sequence's next ids, as always
        project.add_span("d3", SARA, Span(0, 3, "PER"))
    # an id the sequence gave out (a deleted span put back, as undo does) may be used again
    sara_span = n["span d1 sara13"]
    with team.sql(SARA) as conn:
        row = conn.execute('DELETE FROM spans WHERE id = %s RETURNING layer, start, "end", label', (sara_span,))
        layer, start, end, label = row.fetchone() or ()
        conn.execute(
            'INSERT INTO spans(id, layer, start, "end", label) OVERRIDING SYSTEM VALUE VALUES (%s, %s, %s, %s, %s)',
            (sara_span, layer, start, end, label),
        )


# -- one project's manager is nobody on another project of the same server ---------------------------------


def test_a_manager_cannot_reach_another_projects_roles_by_rewriting_the_prefix_in_meta(team: Team) -> None:
    other = team.url + "?options=-csearch_path%3Dother"
    with Project.create(other, preset("combined")):
        pass
    theirs = query(team.url, "SELECT value FROM other.meta WHERE key = 'roles'")[0][0]
    ours = query(team.url, "SELECT value FROM meta WHERE key = 'roles'")[0][0]
    assert theirs != ours
    with team.sql(MONA) as conn:  # a manager of this project may write meta (the version, on a migration)
        with contextlib.suppress(pg_errors.InsufficientPrivilege):
            conn.execute("UPDATE meta SET value = %s WHERE key = 'roles'", (theirs,))
        for user, role in ((MONA, "manager"), (ALI, "curator")):
            with contextlib.suppress(psycopg.Error):
                conn.execute("SELECT team_set(%s, %s)", (user, role))
    for user in (MONA, ALI):
        for group in ("manager", "curator", "annotator"):
            row = query(team.url, "SELECT pg_has_role(?, ?, 'MEMBER')", (user, f"{theirs}_{group}"))
            assert row == [(False,)], (user, group)


def test_a_manager_may_not_rewrite_the_roles_prefix_or_the_application_in_meta(team: Team) -> None:
    for key in ("roles", "application"):
        assert attempt(team, MONA, f"UPDATE meta SET value = 'x' WHERE key = '{key}'") == "nothing"
    assert attempt(team, MONA, "UPDATE meta SET value = value WHERE key = 'version'") == "ok"
    assert attempt(team, ALI, "UPDATE meta SET value = value WHERE key = 'version'") == "refused"
    with team.sql(MONA) as conn, pytest.raises(pg_errors.InsufficientPrivilege):
        conn.execute("INSERT INTO meta(key, value) VALUES ('roles', 'x') ON CONFLICT (key) DO UPDATE SET value = 'x'")


def test_a_team_member_who_tries_to_start_a_project_of_their_own_here_is_told_why_not(
    team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    with pytest.raises(ProjectError) as refused:
        Project.create(team.url_of(ALI) + "?options=-csearch_path%3Dmine", preset("combined"))
    assert str(refused.value).startswith(f"{ALI} may not create a project in this database: that takes CREATE")
