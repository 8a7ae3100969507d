"""The window on a team server, driven as a person would: open by URL, password, live views, a lost connection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from annotator.importers import ImportOptions, import_paths
from annotator.model import GOLD, DocStatus, Span
from annotator.schema import preset
from annotator.store import Project
from tests.annotator.store.test_window_calls import role_url
from tests.conftest import SAMPLE
from tests.ui.conftest import DOC, MessageBoxes, when_shown
from tests.ui.test_main_window import drag, layer, point_of, window
from ui.i18n import word
from ui.main_window import MainWindow
from ui.settings import recent_projects

MIXED = "e1"  # a second document, from tests/data/mixed.jsonl
WAIT = 10_000  # ms: generous; the views refresh within 2 s


@pytest.fixture
def team_url(pg_url: str, data_dir: Path) -> str:
    """A server project with the sample and the mixed documents."""
    with Project.create(pg_url, preset("combined")) as project:
        import_paths(project, [SAMPLE, data_dir / "mixed.jsonl"], ImportOptions())
    return pg_url


@pytest.fixture
def server_project(team_url: str) -> Project:
    project = Project.open(team_url)
    yield project
    project.close()


def press(dialog: Any, button: QDialogButtonBox.StandardButton) -> None:
    box = dialog.findChild(QDialogButtonBox)
    QtBot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)


def other_window(old: MainWindow) -> MainWindow:
    return next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w is not old and w.isVisible()
    )


def back_to(qtbot: QtBot, w: MainWindow) -> None:
    """The person clicks back into the window after a message box."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()


def terminate(url: str) -> None:
    """What a server restart or a network cut does to every connection of the database."""
    dbname = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (dbname,),
        )


# -- opening -----------------------------------------------------------------------------------------


def test_gui_url_opens_the_window_on_the_server_project(qtbot: QtBot, team_url: str) -> None:
    from ui.app import run

    seen: list[str] = []

    def look_and_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, look_and_quit)
            return
        seen.append(windows[0].windowTitle())
        seen.append(str(windows[0].documents.count()))
        windows[0].close()

    QTimer.singleShot(0, look_and_quit)
    assert run(team_url, "ali") == 0
    dbname = team_url.rsplit("/", 1)[1]
    with Project.open(team_url) as project:
        assert seen == [f"Barchasb — {dbname} @ 127.0.0.1 — ali", str(len(project.documents()))]
    assert recent_projects()[0] == team_url  # exactly as typed, not a folded path


def test_open_team_project_dialog_refuses_a_password_in_the_url_then_opens(
    qtbot: QtBot, project: Project, team_url: str
) -> None:
    from ui.dialogs.server import OpenTeamDialog

    w = window(qtbot, project)
    with_password = team_url.replace("postgres@", "postgres:hunter2@")
    problems: list[tuple[bool, str]] = []

    def type_url(dialog: OpenTeamDialog) -> None:
        qtbot.keyClicks(dialog.url, with_password)
        press(dialog, QDialogButtonBox.StandardButton.Ok)
        problems.append((dialog.isVisible(), dialog.problem.text()))
        dialog.url.clear()
        qtbot.keyClicks(dialog.url, team_url)
        press(dialog, QDialogButtonBox.StandardButton.Ok)

    answer = when_shown(OpenTeamDialog, type_url)
    w.actions_["open_team"].trigger()
    qtbot.waitUntil(lambda: answer.done)
    assert problems == [(True, "Leave the password out of the URL: the server asks for it, and it is never stored.")]
    new = other_window(w)
    qtbot.addWidget(new)
    assert new.project is not None and str(new.project.path) == team_url
    assert "@ 127.0.0.1" in new.windowTitle()
    assert recent_projects()[0] == team_url
    assert "hunter2" not in Path(QSettings().fileName()).read_text(encoding="utf-8")
    # the recent projects menu shows the URL as typed
    menu = new.menuBar().actions()[0].menu()
    recent = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert recent.actions()[0].text() == team_url


def test_recent_projects_keep_files_absolute_and_urls_as_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.settings import remember_project

    monkeypatch.chdir(tmp_path)
    remember_project("p.barchasb")
    remember_project("postgresql://ali@db.example:5433/ner?sslmode=require")
    assert recent_projects() == ["postgresql://ali@db.example:5433/ner?sslmode=require", str(tmp_path / "p.barchasb")]


# -- the password -------------------------------------------------------------------------------------


def test_the_password_dialog_asks_again_after_a_wrong_one_and_the_jobs_use_it(
    qtbot: QtBot, project: Project, pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from ui.dialogs.server import OpenTeamDialog, PasswordDialog
    from ui.jobs import Job

    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    url = role_url(pg_url, "ali-secret-9")
    w = window(qtbot, project)
    asked: list[tuple[bool, str]] = []

    def answer_password(dialog: PasswordDialog) -> None:
        asked.append((dialog.wrong.isVisibleTo(dialog), dialog.password.echoMode().name))
        qtbot.keyClicks(dialog.password, "not-it" if len(asked) == 1 else "ali-secret-9")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        if len(asked) == 1:  # the second question comes from the same loop
            answers.append(when_shown(PasswordDialog, answer_password))

    def type_url(dialog: OpenTeamDialog) -> None:
        qtbot.keyClicks(dialog.url, url)
        qtbot.keyClick(dialog.url, Qt.Key.Key_Return)

    answers = [when_shown(OpenTeamDialog, type_url), when_shown(PasswordDialog, answer_password)]
    w.actions_["open_team"].trigger()
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=WAIT)
    assert asked == [(False, "Password"), (True, "Password")]  # hidden as typed; the second says it was refused
    new = other_window(w)
    qtbot.addWidget(new)
    assert new.project is not None and str(new.project.path) == url

    def count(project: Project, progress: object) -> int:
        return len(project.documents())

    results: list[object] = []
    job = Job(new, "count", new.project.path, count, dialog=False)
    job.finished.connect(results.append)
    failures: list[str] = []
    job.failed.connect(failures.append)
    job.start()
    qtbot.waitUntil(lambda: bool(results or failures), timeout=WAIT)
    assert failures == [] and results == [0]
    settings = Path(QSettings().fileName()).read_text(encoding="utf-8")
    assert url in settings and "ali-secret-9" not in settings and "not-it" not in settings
    assert "ali-secret-9" not in new.windowTitle()


def test_cancelling_the_password_opens_nothing(
    qtbot: QtBot, project: Project, pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from ui.dialogs.server import PasswordDialog

    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    url = role_url(pg_url, "x-secret")
    w = window(qtbot, project)
    answer = when_shown(PasswordDialog, lambda d: press(d, QDialogButtonBox.StandardButton.Cancel))
    w.open_project(url)
    assert answer.done and w.isVisible() and w.project is project
    assert url not in recent_projects()


# -- live views ---------------------------------------------------------------------------------------


@pytest.fixture
def live_project(location: str, data_dir: Path) -> Project:
    """The sample project on a file or on the server, as the window's own connection."""
    with Project.create(location, preset("combined")) as project:
        import_paths(project, [SAMPLE, data_dir / "mixed.jsonl"], ImportOptions())
    project = Project.open(location)
    yield project
    project.close()


def test_a_status_and_spans_another_client_commits_appear_in_the_document_list(
    qtbot: QtBot, live_project: Project
) -> None:
    w = window(qtbot, live_project)
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)
    location = str(live_project.path)
    with Project.open(location) as other:
        other.set_document_status(MIXED, DocStatus.DONE)
        text = other.document(MIXED).text
        jolfa = text.index("جلفا")
        other.add_span(MIXED, "sara", Span(jolfa, jolfa + 4, "LOC"))  # in sara's layer: the list shows it
        other.add_span(MIXED, "zahra", Span(jolfa, jolfa + 4, "LOC"))  # another layer: in the row's tooltip
    qtbot.waitUntil(lambda: w.documents.cells(MIXED)[2] == word(DocStatus.DONE), timeout=WAIT)
    qtbot.waitUntil(lambda: w.documents.cells(MIXED)[3] == "1", timeout=WAIT)
    row = w.documents.model_.rows[w.documents.model_.row_of(MIXED)]
    assert {"sara", "zahra"} <= set(row.info.layers)
    assert w.documents.summary.text().startswith("1/")


def test_the_open_layer_is_never_replaced_but_the_schema_is_shown(qtbot: QtBot, live_project: Project) -> None:
    w = window(qtbot, live_project)
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)
    assert w.annotation is not None and w.annotation.document is not None
    doc = w.annotation.document.id
    text = w.annotation.document.text
    start = text.index("ارس")
    drag(qtbot, w, start, start + 3)
    qtbot.keyClick(w.view, "l")
    mine = [(s.start, s.end, s.label) for s in w.annotation.spans]
    location = str(live_project.path)
    with Project.open(location) as other:
        other.add_span(doc, "sara", Span(text.index("ایلنا"), text.index("ایلنا") + 5, "ORG"))  # sara elsewhere
        other.set_schema(other.schema.with_labels(["DRUG"]))
    qtbot.waitUntil(lambda: "DRUG" in w.label_panel.buttons, timeout=WAIT)
    key = w.annotation.schema.get("DRUG").key  # the label key works at once
    assert key and w.label_panel.buttons["DRUG"].text().endswith(f"[{key}]")
    assert [(s.start, s.end, s.label) for s in w.annotation.spans] == mine  # the layer under the cursor stayed
    jolfa = text.index("جلفا")
    drag(qtbot, w, jolfa, jolfa + 4)
    qtbot.keyClick(w.view, key)
    assert ("جلفا", "DRUG", "accepted") in layer(live_project, doc)


def test_gold_another_curator_adds_appears_in_curation(qtbot: QtBot, team_url: str, server_project: Project) -> None:
    document = server_project.document(DOC)
    for name, word_, label in (("ali", "ارس", "LOC"), ("sara", "ارس", "LOC"), ("ali", "ایلنا", "ORG")):
        start = document.text.index(word_)
        server_project.add_span(DOC, name, Span(start, start + len(word_), label))
    w = window(qtbot, server_project, "zahra")
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)
    w.documents.choose(DOC)
    w.set_review_mode(True)
    assert w.review is not None and w.annotation is not None
    before = {(s.start, s.label) for s in w.annotation.spans}
    ilna = document.text.index("ایلنا")
    with Project.open(team_url) as other:
        other.add_span(DOC, GOLD, Span(ilna, ilna + 5, "ORG"))
    qtbot.waitUntil(lambda: (ilna, "ORG") in {(s.start, s.label) for s in w.annotation.spans}, timeout=WAIT)
    assert before < {(s.start, s.label) for s in w.annotation.spans}
    qtbot.waitUntil(lambda: w.documents.cells(DOC)[3] == str(len(w.annotation.spans)), timeout=WAIT)


def test_the_team_view_follows_other_peoples_work(qtbot: QtBot, team_url: str, server_project: Project) -> None:
    w = window(qtbot, server_project, "zahra")
    w.show_team()
    assert w.team_view is not None
    grid = w.team_view.grid  # type: ignore[attr-defined]
    columns = grid.columnCount()
    headers = [grid.horizontalHeaderItem(c).text() for c in range(columns)]
    assert "ali" not in headers
    with Project.open(team_url) as other:
        start = other.document(DOC).text.index("ارس")
        other.add_span(DOC, "ali", Span(start, start + 3, "LOC"))
    qtbot.waitUntil(lambda: grid.columnCount() == columns + 1, timeout=WAIT)
    assert "ali" in [grid.horizontalHeaderItem(c).text() for c in range(columns + 1)]


# -- a lost connection --------------------------------------------------------------------------------


def test_a_lost_connection_is_said_edits_are_refused_and_it_comes_back(
    qtbot: QtBot, team_url: str, server_project: Project, message_boxes: MessageBoxes
) -> None:
    w = window(qtbot, server_project)
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)
    assert w.live is not None and w.annotation is not None
    events: list[str] = []
    w.live.listener.lost.connect(lambda _: events.append("lost"))
    w.live.listener.restored.connect(lambda: events.append("restored"))
    dbname = team_url.rsplit("/", 1)[1]
    admin = psycopg.connect(team_url.rsplit("/", 1)[0] + "/postgres", autocommit=True)
    try:
        admin.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS false')  # unreachable until allowed again
        terminate(team_url)
        label = w.live.connection
        qtbot.waitUntil(lambda: events == ["lost"], timeout=WAIT)
        assert label.isVisible() and label.text() == "connection lost: reconnecting…"
        assert isinstance(label, QLabel) and label.textFormat() == Qt.TextFormat.PlainText
        # the next edit is refused at once, with a dialog, and nothing is on the undo stack
        text = w.annotation.document.text
        start = text.index("ارس")
        drag(qtbot, w, start, start + 3)
        qtbot.keyClick(w.view, "l")
        qtbot.waitUntil(lambda: bool(message_boxes.shown))
        assert "connection to the server is lost" in message_boxes.texts[0]
        assert w.annotation.undo_stack.count() == 0 and w.annotation.spans == ()
    finally:
        admin.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS true')
        admin.close()
    qtbot.waitUntil(lambda: events == ["lost", "restored"], timeout=30_000)
    assert label.text() == "connected again"
    back_to(qtbot, w)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(w, text.index("جلفا")))
    drag(qtbot, w, start, start + 3)  # (a press inside the old selection would drag its text)
    qtbot.keyClick(w.view, "l")
    assert w.annotation.undo_stack.count() == 1
    assert layer(server_project) == [("ارس", "LOC", "accepted")]
    assert len(message_boxes.shown) == 1


def test_a_connection_killed_under_an_edit_refuses_it_then_works(
    qtbot: QtBot, team_url: str, server_project: Project, message_boxes: MessageBoxes
) -> None:
    w = window(qtbot, server_project)
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)
    assert w.live is not None and w.annotation is not None
    events: list[str] = []
    w.live.listener.restored.connect(lambda: events.append("restored"))
    text = w.annotation.document.text
    start = text.index("ارس")
    drag(qtbot, w, start, start + 3)
    qtbot.keyClick(w.view, "l")
    assert w.annotation.undo_stack.count() == 1
    terminate(team_url)
    qtbot.waitUntil(lambda: events == ["restored"], timeout=WAIT)  # the listener is back; the window's own is not
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: refused, stays done
    qtbot.waitUntil(lambda: bool(message_boxes.shown))
    assert "connection to the server was lost" in message_boxes.texts[0]
    assert w.annotation.undo_stack.index() == 1 and layer(server_project) == [("ارس", "LOC", "accepted")]
    back_to(qtbot, w)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # reconnected: now it is undone
    assert w.annotation.undo_stack.index() == 0 and layer(server_project) == []
    assert len(message_boxes.shown) == 1


def test_render_url_draws_a_server_projects_document(
    team_url: str, server_project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PySide6.QtGui import QImage

    from annotator.cli import main

    start = server_project.document(DOC).text.index("جلفا")
    server_project.add_span(DOC, "sara", Span(start, start + 4, "LOC"))
    out = tmp_path / "doc.png"
    assert main(["render", team_url, DOC, "--out", str(out), "--width", "600"]) == 0
    image = QImage(str(out))
    assert image.width() == 600 and image.height() > 400
    colour = server_project.schema.get("LOC").color.lower()
    assert any(image.pixelColor(x, y).name() == colour for x in range(0, 600, 3) for y in range(0, image.height(), 3))
    assert not Path("postgresql:").exists()  # nothing written beside a URL folded into a path


def test_the_schema_editor_never_overwrites_a_schema_changed_meanwhile(
    qtbot: QtBot, live_project: Project, message_boxes: MessageBoxes
) -> None:
    from ui.dialogs.schema_editor import SchemaEditor

    w = window(qtbot, live_project)
    location = str(live_project.path)

    def change_elsewhere_then_ok(dialog: SchemaEditor) -> None:
        with Project.open(location) as other:
            other.set_schema(other.schema.with_labels(["DRUG"]))
        press(dialog, QDialogButtonBox.StandardButton.Ok)

    answer = when_shown(SchemaEditor, change_elsewhere_then_ok)
    w.actions_["schema"].trigger()
    qtbot.waitUntil(lambda: answer.done and bool(message_boxes.shown), timeout=WAIT)
    assert "the schema was changed elsewhere" in message_boxes.texts[0]
    assert "DRUG" in live_project.schema.labels  # theirs stayed
    qtbot.waitUntil(lambda: "DRUG" in w.label_panel.buttons, timeout=WAIT)


def test_on_a_file_the_curators_own_edit_keeps_the_chosen_region(qtbot: QtBot, team: Project) -> None:
    w = window(qtbot, team, "zahra")
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)
    w.documents.choose(DOC)
    w.set_review_mode(True)
    assert w.review is not None and w.annotation is not None and w.live is not None
    w.review.choose(1)
    chosen = w.review.items[1].region
    text = w.annotation.document.text
    jolfa = text.index("جلفا")
    drag(qtbot, w, jolfa, jolfa + 4)  # a gold span outside the chosen region
    with qtbot.waitSignal(w.live.applied, timeout=WAIT):  # the file's feed saw the commit (this window's own)
        qtbot.keyClick(w.view, "l")
    assert ("جلفا", "LOC", "accepted") in layer(team, DOC, GOLD)
    assert w.review.current is not None and w.review.items[w.review.current].region == chosen


def test_on_a_file_another_windows_status_change_redraws_the_row_in_place(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project)
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)
    model = w.documents.model_
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    with Project.open(project.path) as other:
        other.set_document_status(MIXED, DocStatus.DONE)
    qtbot.waitUntil(lambda: w.documents.cells(MIXED)[2] == word(DocStatus.DONE), timeout=WAIT)
    assert resets == []  # no reload of the whole list: the selection and scroll stay
    assert w.documents.current_id() == w.annotation.document.id


def test_a_change_committed_before_the_window_listens_is_shown(qtbot: QtBot, live_project: Project) -> None:
    w = MainWindow(live_project, "sara")  # the list is read now; the listener starts once a document is shown
    assert w.live is not None and not w.live.listener.running
    with Project.open(live_project.path) as other:  # committed in between: never announced to this window
        other.set_document_status(MIXED, DocStatus.DONE)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.live is not None and w.live.listener.running, timeout=WAIT)
    qtbot.waitUntil(lambda: w.documents.cells(MIXED)[2] == word(DocStatus.DONE), timeout=WAIT)
