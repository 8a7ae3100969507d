"""The window's side of roles, on the real throwaway server with real logins: who is shown, what is switched off,
a blind round, refusals after a role changed, and the document history panel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from annotator.model import Span
from annotator.store import Project
from annotator.store import team as team_ops
from tests.annotator.team_server import ALI, CARA, MONA, SARA, Team, make_team, where
from tests.ui.conftest import MessageBoxes
from tests.ui.test_main_window import drag, window
from ui.i18n import install
from ui.main_window import MainWindow

WAIT = 10_000  # ms: generous; the views refresh within 2 s
LRM, RLM = "\u200e", "\u200f"  # the direction marks the history puts after a Persian word
ANNOTATOR_OFF = ("schema", "import", "export", "review_mode", "merge", "train", "agreement")


@pytest.fixture
def team(pg_url: str, tmp_path: Path) -> Team:
    return make_team(pg_url, tmp_path)


def open_as(qtbot: QtBot, team: Team, user: str, name: str = "someone") -> MainWindow:
    project = team.open(user)
    w = window(qtbot, project, name)
    w.destroyed.connect(project.close)
    return w


def standing(w: MainWindow) -> str:
    return w.roles.label.text() if w.roles.label.isVisible() else ""


def no_dialog_opens(qtbot: QtBot, w: MainWindow, key: str) -> None:
    qtbot.keyClick(w.view, key[-1], Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(100)
    assert QApplication.activeModalWidget() is None
    assert not [d for d in QApplication.topLevelWidgets() if isinstance(d, QDialog) and d.isVisible()]


def test_an_annotator_in_a_blind_round_edits_their_own_layer_and_cannot_reach_the_rest(
    qtbot: QtBot, team: Team
) -> None:
    w = open_as(qtbot, team, ALI, name="sara13")  # the remembered name is not theirs: their login decides
    assert w.annotator == ALI and w.layer == ALI
    assert standing(w) == f"{ALI} · annotator · blind round"
    assert w.roles.label.toolTip() == "Blind round: other layers are hidden until the manager closes the round."
    off = {name for name, action in w.actions_.items() if not action.isEnabled()}
    assert set(ANNOTATOR_OFF) <= off
    assert w.actions_["team"].isEnabled() and w.actions_["package"].isEnabled() and w.actions_["open"].isEnabled()
    assert w.actions_["schema"].toolTip() == "An annotator may not do this: ask the project's manager."
    assert w.actions_["agreement"].toolTip() == w.roles.label.toolTip()
    assert w.documents.count() == 2  # d1 and d2, assigned to them
    assert set(w.annotation.document.layers) == {ALI}  # no one else's layer, no gold
    no_dialog_opens(qtbot, w, "Ctrl+Shift+L")  # the schema editor's shortcut does nothing
    qtbot.keyClick(w.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # import
    qtbot.keyClick(w.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # export
    qtbot.keyClick(w.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(100)
    assert QApplication.activeModalWidget() is None and w.layer == ALI  # no curation
    w.set_review_mode(True)  # as `barchasb gui URL --review` asks
    assert w.layer == ALI and not w.actions_["review_mode"].isChecked()
    assert w.status.text() == "An annotator may not do this: ask the project's manager."
    start, end = where("شیراز")
    drag(qtbot, w, start, end)
    qtbot.keyClick(w.view, "l")
    with Project.open(team.url) as manager:
        assert (start, end, "LOC") in [(s.start, s.end, s.label) for s in manager.layer_spans("d1", ALI)]
        team_ops.set_round(manager, blind=False)
    qtbot.waitUntil(lambda: standing(w) == f"{ALI} · annotator", timeout=WAIT)
    assert w.actions_["agreement"].isEnabled()
    assert w.actions_["agreement"].toolTip() == "Span F1, κ and α between annotators"
    assert not w.actions_["schema"].isEnabled()


def test_a_curator_curates_gold_from_the_start_and_may_not_change_the_schema_or_import(
    qtbot: QtBot, team: Team
) -> None:
    w = open_as(qtbot, team, CARA)
    assert standing(w) == f"{CARA} · curator"
    assert w.layer == "gold" and w.actions_["review_mode"].isChecked() and not w.actions_["review_mode"].isEnabled()
    assert not any(w.actions_[name].isEnabled() for name in ("schema", "import", "pretag_document", "done_next"))
    assert w.actions_["reviewed_next"].isEnabled() and w.actions_["train"].isEnabled()
    assert w.actions_["export"].isEnabled() and w.actions_["agreement"].isEnabled()
    assert w.actions_["schema"].toolTip() == "A curator may not do this: ask the project's manager."
    assert w.documents.count() == 4


def test_a_curators_window_does_not_pre_tag_in_the_background(qtbot: QtBot, team: Team) -> None:
    w = open_as(qtbot, team, CARA)
    w.auto_pretag = True  # the preference is on: opening or importing a new document would pre-tag it
    assert w.pretag_documents(["d1"], quiet=True) is None  # a curator has no layer: nothing starts, nothing fails
    assert "failed" not in w.status.text()


def test_a_manager_may_do_everything(qtbot: QtBot, team: Team) -> None:
    w = open_as(qtbot, team, MONA, name=MONA)
    assert standing(w) == f"{MONA} · manager"
    assert all(w.actions_[name].isEnabled() for name in ANNOTATOR_OFF)


def test_a_file_project_shows_no_role_and_switches_nothing_off(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project)
    assert standing(w) == "" and w.roles.standing is None
    assert all(w.actions_[name].isEnabled() for name in ANNOTATOR_OFF)


def test_a_refusal_after_the_role_changed_is_a_plain_sentence_and_the_undo_stack_stays_true(
    qtbot: QtBot, team: Team, message_boxes: MessageBoxes
) -> None:
    w = open_as(qtbot, team, ALI)
    assert w.annotation is not None
    start, end = where("شیراز")
    drag(qtbot, w, start, end)
    qtbot.keyClick(w.view, "l")
    assert w.annotation.undo_stack.count() == 1
    with Project.open(team.url) as manager:
        team_ops.set_role(manager, ALI, "curator")  # a curator writes gold, not a layer of their own
    start, end = where("تهران")
    drag(qtbot, w, start, end)
    qtbot.keyClick(w.view, "l")
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=WAIT)
    text = message_boxes.texts[0]
    assert text.startswith(f"{ALI} (annotator) may not write that layer") and "Traceback" not in text
    assert w.annotation.undo_stack.count() == 1 and w.annotation.undo_stack.index() == 1
    assert (start, end) not in [(s.start, s.end) for s in w.annotation.spans]


# -- the document history panel --------------------------------------------------------------------


def history_rows(w: MainWindow) -> list[list[str]]:
    return w.history.panel.rows()


def test_the_history_panel_shows_who_changed_which_span_newest_first_and_follows_the_feed(
    qtbot: QtBot, team: Team
) -> None:
    w = open_as(qtbot, team, MONA, name=MONA)
    assert w.annotation is not None and w.annotation.document is not None
    assert w.annotation.document.id == "d1"
    assert not w.history.isVisible()
    qtbot.keyClick(w.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.history.isVisible() and w.actions_["history"].isChecked()
    rows = history_rows(w)
    spans = [row for row in rows if "span" in row[2]]
    assert [row[1:] for row in spans] == [
        ["postgres", "added a span to gold", "", f"PER · علی{LRM} · 0–3"],
        ["postgres", "added a span to sara13", "", f"LOC · تهران{LRM} · 7–12"],
        ["postgres", "added a span to ali13", "", f"PER · علی{LRM} · 0–3"],
    ]
    assert rows[-1][1:3] == ["postgres", "imported the document"]
    times = [row[0] for row in rows]
    assert times == sorted(times, reverse=True) and all(len(t) == 20 and t[0] == LRM for t in times)
    with team.open(SARA) as sara:
        span = sara.add_span("d1", SARA, Span(*where("شیراز"), "ORG"))
        assert span.id is not None
        sara.update_span(span.id, label="LOC")
    qtbot.waitUntil(lambda: history_rows(w)[0][1] == SARA, timeout=WAIT)
    assert history_rows(w)[0][1:] == [
        SARA,
        "changed a span of sara13",
        f"ORG · شیراز{LRM} · 15–20",
        f"LOC · شیراز{LRM} · 15–20",
    ]
    assert history_rows(w)[1][1:] == [SARA, "added a span to sara13", "", f"ORG · شیراز{LRM} · 15–20"]
    qtbot.keyClick(w.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not w.history.isVisible()


def test_an_annotators_history_is_their_own_and_their_edit_appears_at_once(qtbot: QtBot, team: Team) -> None:
    w = open_as(qtbot, team, ALI)
    w.actions_["history"].trigger()
    assert history_rows(w) == []  # ali13 made no change yet: the manager's are not theirs to read
    assert w.history.panel.note.text() == (
        "No change of this document was recorded yet. An annotator's history shows their own changes only. "
        "Blind round: other layers are hidden until the manager closes the round."
    )
    start, end = where("شیراز")
    drag(qtbot, w, start, end)
    qtbot.keyClick(w.view, "l")
    qtbot.waitUntil(lambda: len(history_rows(w)) >= 1, timeout=WAIT)
    assert [row[1:] for row in history_rows(w) if "span" in row[2]] == [
        [ALI, "added a span to ali13", "", f"LOC · شیراز{LRM} · 15–20"]
    ]


def test_on_a_file_the_history_panel_says_it_needs_a_server(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project)
    w.actions_["history"].trigger()
    assert w.history.panel.note.isVisible() and not w.history.panel.table.isVisible()
    assert w.history.panel.note.text() == (
        "The history of a document needs a team server project: a project file keeps no record of who changed what."
    )


@pytest.fixture
def in_persian(qapp: QApplication) -> Iterator[None]:
    install("fa")
    yield
    install("en")


def test_in_persian_the_role_the_refusals_and_the_history_read_in_persian(
    qtbot: QtBot, team: Team, in_persian: None
) -> None:
    from tests.ui.test_persian import project_names, texts, untranslated

    w = open_as(qtbot, team, ALI)
    assert w.roles.label.text() == f"{ALI} · برچسب‌زن · دور ناآگاهانه"
    w.actions_["history"].trigger()
    start, end = where("شیراز")
    drag(qtbot, w, start, end)
    qtbot.keyClick(w.view, "l")
    qtbot.waitUntil(lambda: len(history_rows(w)) >= 1, timeout=WAIT)
    when, who, what, before, after = history_rows(w)[0]
    assert who == ALI and what == f"بازه‌ای به {ALI} افزود" and before == "" and after == f"LOC · شیراز{RLM} · ۱۵–۲۰"
    assert when[1] in "۰۱۲۳۴۵۶۷۸۹" and when[0] == LRM  # Persian digits, read left to right
    assert w.project is not None
    names = project_names(w.project) | {ALI, "LOC"}
    found = untranslated(texts(w.history), names)
    found += untranslated(iter([("standing", w.roles.label.text()), ("standing tip", w.roles.label.toolTip())]), names)
    found += untranslated(((name, a.toolTip()) for name, a in w.actions_.items() if not a.isEnabled()), names)
    found += untranslated(((f"history {i}", " ".join(row)) for i, row in enumerate(history_rows(w))), names)
    assert not found, "untranslated:\n" + "\n".join(found)
    manager = open_as(qtbot, team, MONA, name=MONA)
    manager.actions_["history"].trigger()
    rows = history_rows(manager)
    assert any(row[3].startswith("وضعیت: ") for row in rows)  # a layer's status, in Persian words
    names |= {MONA, SARA, "postgres", "PER", "ORG"}
    found = untranslated(((f"history {i}", " ".join(row)) for i, row in enumerate(rows)), names)
    assert not found, "untranslated:\n" + "\n".join(found)
