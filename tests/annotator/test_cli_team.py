"""team, round and log through the command line; refusals from the server as one plain line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.model import LayerStatus
from annotator.store import Project
from annotator.store.team import NEEDS_SERVER
from tests.annotator.team_server import ALI, CARA, MONA, PASSWORD, SARA, TEXT, Team, make_team
from tests.annotator.test_cli import run
from tests.storage import query


@pytest.fixture
def team(pg_url: str, tmp_path: Path) -> Team:
    return make_team(pg_url, tmp_path)


def as_user(monkeypatch: pytest.MonkeyPatch, password: str = PASSWORD) -> None:
    monkeypatch.setenv("PGPASSWORD", password)  # libpq's own place; the URL never holds it


def test_team_add_generates_a_password_when_not_at_a_terminal_and_it_logs_in(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(capsys, "team", "add", team.url, "nika13", "--role", "annotator")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"nika13 is now an annotator of {team.url}"
    assert lines[1].startswith("password for nika13 (shown only now; give it to them privately): ")
    password = lines[1].rsplit(": ", 1)[1]
    assert len(password) >= 20
    with Project.open(team.url_of("nika13"), password=password) as project:
        assert project.documents() == []  # nothing assigned yet
    code, out, _ = run(capsys, "team", "add", team.url, "nika13", "--role", "curator")
    assert code == 0 and "already has a login on this server (their password is unchanged); now a curator" in out


def test_team_add_asks_twice_at_a_terminal(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["typed pw", "typed pw", "one", "other"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code, out, err = run(capsys, "team", "add", team.url, "omid13", "--role", "curator")
    assert code == 0 and "password for" not in out, err  # never printed
    with Project.open(team.url_of("omid13"), password="typed pw") as project:
        assert len(project.documents()) == 4
    code, out, err = run(capsys, "team", "add", team.url, "pari13", "--role", "curator")
    assert code == 1 and err == "barchasb: error: the two passwords differ; nothing was changed\n"
    assert query(team.url, "SELECT count(*) FROM pg_roles WHERE rolname = 'pari13'") == [(0,)]


def test_team_list_role_and_remove(team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    with Project.open(team.url) as project:
        project.set_layer_status("d1", ALI, LayerStatus.DONE)
    code, out, _ = run(capsys, "team", "list", team.url, "--json")
    assert code == 0
    assert json.loads(out) == [
        {"name": ALI, "role": "annotator", "assigned": 2, "done": 1},
        {"name": CARA, "role": "curator", "assigned": 0, "done": 0},
        {"name": MONA, "role": "manager", "assigned": 0, "done": 0},
        {"name": "postgres", "role": "manager", "assigned": 0, "done": 0},
        {"name": SARA, "role": "annotator", "assigned": 2, "done": 0},
    ]
    code, out, _ = run(capsys, "team", "list", team.url)
    assert out.splitlines()[0].split() == ["name", "role", "assigned", "done"]
    assert out.splitlines()[1].split() == [ALI, "annotator", "2", "1"]
    assert run(capsys, "team", "role", team.url, SARA, "curator")[:2] == (0, f"{SARA} is now a curator of {team.url}\n")
    code, out, _ = run(capsys, "team", "remove", team.url, ALI)
    assert (code, out) == (0, f"{ALI} is off the team of {team.url} (their layers stay)\n")
    code, out, _ = run(capsys, "team", "list", team.url, "--json")
    assert {m["name"]: m["role"] for m in json.loads(out)} == {
        CARA: "curator", MONA: "manager", "postgres": "manager", SARA: "curator"
    }  # fmt: skip
    code, _, err = run(capsys, "team", "role", team.url, ALI, "annotator")
    assert (code, err) == (1, f"barchasb: error: {ALI} is not on the team of {team.url}\n")


def test_an_annotator_lists_the_team_with_only_their_own_work_counted(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(team.url) as project:
        project.set_layer_status("d1", ALI, LayerStatus.DONE)
    as_user(monkeypatch)
    code, out, _ = run(capsys, "team", "list", team.url_of(ALI), "--json")
    assert code == 0
    listed = {m["name"]: (m["assigned"], m["done"]) for m in json.loads(out)}
    assert listed[ALI] == (2, 1) and listed[SARA] == (None, None)  # not 0: the row policies hide hers
    code, out, _ = run(capsys, "team", "list", team.url_of(ALI))
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:]}
    assert rows[ALI] == ["annotator", "2", "1"] and rows[SARA] == ["annotator", "—", "—"]


def test_an_annotator_is_refused_in_one_plain_line(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    as_user(monkeypatch)
    url = team.url_of(ALI)
    code, _, err = run(capsys, "team", "add", url, "eve13", "--role", "manager")
    assert (code, err) == (1, f"barchasb: error: {ALI} (annotator) may not manage the team (managers do)\n")
    code, _, err = run(capsys, "round", "close", url)
    assert code == 1 and err.startswith(f"barchasb: error: {ALI} (annotator) may not change the schema")
    code, _, err = run(capsys, "assign", url, "d1", "--annotators", ALI)
    assert (code, err) == (1, f"barchasb: error: {ALI} (annotator) may not change assignments (managers do)\n")
    source = tmp_path / "more.jsonl"
    source.write_text(json.dumps({"id": "d1", "text": f"{TEXT} 1", "entities": []}) + "\n", encoding="utf-8")
    # `--annotator sara13` while logged in as ali13
    code, _, err = run(capsys, "pretag", url, "d1", "--annotator", SARA, "--taggers", "rules")
    assert code == 1 and err.startswith(f"barchasb: error: {ALI} (annotator) may not write that layer: an annotator")
    assert "Traceback" not in err and len(err.splitlines()) == 1
    code, out, err = run(capsys, "curate", url, "--auto")  # it would find nothing to curate: said, not counted
    assert (code, out) == (1, "")
    assert err == f"barchasb: error: {ALI} (annotator) may not curate: curators and managers write gold\n"
    code, out, _ = run(capsys, "docs", url, "--json")
    assert code == 0 and [d["id"] for d in json.loads(out)] == ["d1", "d2"]
    assert [d["layers"] for d in json.loads(out)] == [[ALI], [ALI]]  # a blind round: only their own layer


def test_round_close_open_and_status(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "round", "status", team.url)
    assert code == 0 and out.startswith("a blind round is open")
    code, out, _ = run(capsys, "round", "close", team.url)
    assert code == 0 and out.startswith("no blind round: annotators see every layer")
    as_user(monkeypatch)
    code, out, _ = run(capsys, "docs", team.url_of(ALI), "--json")
    assert [d["layers"] for d in json.loads(out)] == [["ali13", "gold", "sara13"], [ALI]]
    monkeypatch.delenv("PGPASSWORD")
    assert run(capsys, "round", "open", team.url)[1].startswith("a blind round is open")


def test_assign_per_doc_spreads_documents_and_each_annotator_sees_theirs(
    team: Team, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.open(team.url) as project:
        project.unassign(["d1", "d2", "d3"], [ALI, SARA])
    code, out, err = run(capsys, "assign", team.url, "--annotators", f"{ALI},{SARA},{CARA}", "--per-doc", "2")
    assert code == 0, err
    with Project.open(team.url) as project:
        given = project.assignments()
    assert all(len(names) == 2 for names in given.values()) and len(given) == 4
    as_user(monkeypatch)
    for user in (ALI, SARA):
        code, out, _ = run(capsys, "docs", team.url_of(user), "--json")
        assert [d["id"] for d in json.loads(out)] == [doc for doc, names in given.items() if user in names]


def test_log_shows_who_changed_what(team: Team, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "round", "close", team.url)
    code, out, _ = run(capsys, "log", team.url, "--doc", "d1", "--json")
    assert code == 0
    entries = [json.loads(line) for line in out.splitlines()]
    assert {e["doc"] for e in entries} == {"d1"} and {"spans", "layers", "assignments"} <= {e["table"] for e in entries}
    span = next(e for e in entries if e["table"] == "spans" and e["layer"] == SARA)
    assert span["action"] == "insert" and span["after"]["label"] == "LOC" and span["who"] == "postgres"
    code, out, _ = run(capsys, "log", team.url, "--limit", "1")
    assert code == 0 and len(out.splitlines()) == 1
    assert "postgres  update settings blind" in out and "value: true -> false" in out
    code, out, _ = run(capsys, "log", team.url, "--user", ALI)
    assert (code, out) == (0, "")
    code, out, _ = run(capsys, "log", team.url, "--doc", "d2")
    assert "insert spans" in out and "LOC" in out and "doc d2 layer ali13" in out
    code, _, err = run(capsys, "log", team.url, "--since", "last week")
    assert (code, err) == (
        1,
        "barchasb: error: --since: not a date or time: 'last week' (e.g. 2026-11-30 or 2026-11-30T12:00)\n",
    )


def test_on_a_file_team_round_and_log_say_they_need_a_server(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(tmp_path / "p.barchasb")
    assert run(capsys, "new", path)[0] == 0
    for argv in (["team", "list", path], ["team", "add", path, "ali", "--role", "annotator"], ["round", "close", path]):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (1, "")
        assert err == f"barchasb: error: {path}: {NEEDS_SERVER}\n"
    code, _, err = run(capsys, "log", path)
    assert code == 1 and err.startswith(f"barchasb: error: {path}: the audit trail is a server project's")
