"""The audit trail: written by the database for every change through every path, readable, never rewritable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from annotator.errors import InputError, ProjectError
from annotator.model import LayerStatus, Span
from annotator.schema import preset
from annotator.store import Project
from annotator.store.audit import audit_log, parse_since
from annotator.store.team import add_member, remove_member, set_role, set_round
from tests.annotator.team_server import ALI, CARA, MONA, SARA, Team, make_team, where
from tests.storage import query


@pytest.fixture
def team(pg_url: str, tmp_path: Path) -> Team:
    return make_team(pg_url, tmp_path)


def last_id(team: Team) -> int:
    return int(query(team.url, "SELECT coalesce(max(id), 0) FROM audit")[0][0])


def since(team: Team, mark: int) -> list[tuple[object, ...]]:
    return query(
        team.url,
        "SELECT who, tbl, action, doc, layer, before IS NOT NULL, after IS NOT NULL FROM audit "
        "WHERE id > ? ORDER BY id",
        (mark,),
    )


def test_the_core_api_edits_of_an_annotator_are_recorded_with_before_and_after(team: Team) -> None:
    mark = last_id(team)
    with team.open(ALI) as project:
        made = project.add_span("d2", ALI, Span(*where("تهران"), "LOC"))
        assert made.id is not None
        changed = project.update_span(made.id, label="ORG")
        project.remove_span(changed.id or 0)
        project.set_layer_status("d2", ALI, LayerStatus.DONE)
    rows = since(team, mark)
    spans = [row for row in rows if row[1] == "spans"]
    assert spans == [
        (ALI, "spans", "insert", "d2", ALI, False, True),
        (ALI, "spans", "update", "d2", ALI, True, True),
        (ALI, "spans", "delete", "d2", ALI, True, False),
    ]
    assert (ALI, "layers", "update", "d2", ALI, True, True) in rows  # the layer marked done
    entry = next(
        e for e in audit_log(Project.open(team.url), doc_id="d2") if e.table == "spans" and e.action == "update"
    )
    assert entry.before is not None and entry.after is not None
    assert (entry.before["label"], entry.after["label"]) == ("LOC", "ORG") and entry.row_key == str(made.id)
    assert entry.who == ALI and entry.layer == ALI and entry.at.endswith("Z")


def test_raw_sql_and_manager_changes_are_recorded_as_who_logged_in(team: Team) -> None:
    mark = last_id(team)
    with team.sql(SARA) as conn:  # a client of their own: the triggers write the trail all the same
        conn.execute(
            "INSERT INTO spans(layer, start, \"end\", label) SELECT l.id, 0, 3, 'PER' FROM layers l "
            "JOIN documents d ON d.rowid = l.doc WHERE d.id = 'd1' AND l.annotator = current_user"
        )
    with team.sql(MONA) as conn:
        conn.execute("BEGIN")
        conn.execute("SET LOCAL ROLE NONE")  # a SET ROLE cannot hide who did it: the trail records the login
        conn.execute("UPDATE settings SET value = 'false' WHERE key = 'blind'")
        conn.execute("COMMIT")
    with Project.open(team.url) as project:  # the creator
        project.assign(["d4"], [SARA])
        project.unassign(["d4"], [SARA])
    assert since(team, mark) == [
        (SARA, "spans", "insert", "d1", SARA, False, True),
        (MONA, "settings", "update", None, None, True, True),
        ("postgres", "assignments", "insert", "d4", SARA, False, True),
        ("postgres", "assignments", "delete", "d4", SARA, True, False),
    ]


def test_a_deleted_document_is_recorded_with_everything_that_went_with_it(team: Team) -> None:
    mark = last_id(team)
    with team.sql(MONA) as conn:
        conn.execute("DELETE FROM documents WHERE id = 'd2'")
    rows = since(team, mark)
    assert (MONA, "documents", "delete", "d2", None, True, False) in rows
    assert {(row[1], row[2]) for row in rows} >= {("layers", "delete"), ("spans", "delete"), ("assignments", "delete")}


def test_a_layer_touched_by_an_edit_is_recorded_once_for_its_status_not_for_each_tick(team: Team) -> None:
    with team.open(ALI) as project:
        project.add_span("d2", ALI, Span(*where("تهران"), "LOC"))  # the layer goes from new to in_progress
        mark = last_id(team)
        project.add_span("d2", ALI, Span(*where("علی"), "PER"))  # only its updated_at moves
    assert [row[1] for row in since(team, mark)] == ["spans"]


def test_a_temporary_table_cannot_stand_in_for_the_audit_trail(team: Team) -> None:
    mark = last_id(team)
    with team.sql(ALI) as conn:
        conn.execute("CREATE TEMP TABLE audit (LIKE barchasb.audit)")
        conn.execute("CREATE TEMP TABLE settings (key text, value text)")
        conn.execute("SET search_path TO pg_temp, barchasb")
        conn.execute(
            "INSERT INTO barchasb.spans(layer, start, \"end\", label) SELECT l.id, 7, 12, 'LOC' "
            "FROM barchasb.layers l WHERE l.annotator = current_user LIMIT 1"
        )
        assert conn.execute("SELECT count(*) FROM pg_temp.audit").fetchone() == (0,)
    assert [row[:3] for row in since(team, mark)] == [(ALI, "spans", "insert")]


def test_each_role_reads_as_much_of_the_trail_as_it_may(team: Team) -> None:
    with team.open(ALI) as project:
        project.add_span("d2", ALI, Span(*where("تهران"), "LOC"))
    with team.sql(SARA) as conn:
        conn.execute("UPDATE layers SET status = 'done' WHERE annotator = current_user")
    with team.open(ALI) as project:
        assert {entry.who for entry in audit_log(project)} == {ALI}  # annotators: their own changes only
    for user in (CARA, MONA):
        with team.open(user) as project:
            assert {entry.who for entry in audit_log(project)} == {"postgres", ALI, SARA}


def test_the_log_filters_by_user_document_time_and_count(team: Team) -> None:
    with team.open(ALI) as project:
        project.add_span("d2", ALI, Span(*where("تهران"), "LOC"))
    with Project.open(team.url) as project:
        set_round(project, blind=False)
        everything = audit_log(project)
        assert [e.id for e in everything] == sorted(e.id for e in everything)
        assert {e.who for e in audit_log(project, user=ALI)} == {ALI}
        assert {e.doc_id for e in audit_log(project, doc_id="d1")} == {"d1"}
        assert audit_log(project, since=datetime.now(UTC) + timedelta(hours=1)) == []
        assert len(audit_log(project, since=datetime.now(UTC) - timedelta(hours=1))) == len(everything)
        last = audit_log(project, limit=2)
        assert last == everything[-2:] and last[-1].table == "settings"


def test_since_takes_a_date_or_a_time_in_utc_unless_told() -> None:
    assert parse_since("2026-11-30") == datetime(2026, 11, 30, tzinfo=UTC)
    assert parse_since("2026-11-30T12:30+03:30").utcoffset() == timedelta(hours=3, minutes=30)
    with pytest.raises(InputError, match="--since: not a date or time: 'yesterday'"):
        parse_since("yesterday")


def test_a_file_has_no_audit_trail(tmp_path: Path) -> None:
    with (
        Project.create(tmp_path / "p.barchasb", preset("arman")) as project,
        pytest.raises(ProjectError, match="the audit trail is a server project's"),
    ):
        audit_log(project)


def test_team_changes_rejections_and_a_rewritten_text_are_on_the_trail_too(team: Team) -> None:
    mark = last_id(team)
    with Project.open(team.url) as project:
        add_member(project, "eve13", "annotator", "pw-13")
        set_role(project, "eve13", "curator")
        remove_member(project, "eve13")
    with team.sql(SARA) as conn:
        conn.execute("INSERT INTO rejections SELECT rowid, current_user, 0, 3, 'PER' FROM documents WHERE id = 'd1'")
        conn.execute("DELETE FROM rejections")
    with team.sql(MONA) as conn:  # a manager quietly rewrites a text under the annotators' spans
        conn.execute("UPDATE texts SET text = replace(text, 'تهران', 'کرمان')")
    rows = query(
        team.url, "SELECT who, tbl, action, doc, row_key, before, after FROM audit WHERE id > ? ORDER BY id", (mark,)
    )
    team_rows = [(who, action, key, old, new) for who, tbl, action, _, key, old, new in rows if tbl == "team"]
    assert team_rows == [
        ("postgres", "insert", "eve13", None, {"role": "annotator"}),
        ("postgres", "update", "eve13", {"role": "annotator"}, {"role": "curator"}),
        ("postgres", "delete", "eve13", {"role": "curator"}, None),
    ]
    assert [(who, action, doc) for who, tbl, action, doc, *_ in rows if tbl == "rejections"] == [
        (SARA, "insert", "d1"),
        (SARA, "delete", "d1"),
    ]
    texts = [(who, action, doc, before, after) for who, tbl, action, doc, _, before, after in rows if tbl == "texts"]
    texts.sort(key=lambda row: str(row[2]))
    assert [(who, action, doc) for who, action, doc, _, _ in texts] == [(MONA, "update", f"d{n}") for n in range(1, 5)]
    before, after = texts[0][3], texts[0][4]
    assert "تهران" in before["text"] and "کرمان" in after["text"] and "tokens" not in after  # no binary columns
