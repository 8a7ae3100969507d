"""Parts of the window no test drove before: cancelling a job, start-up, the export and shortcuts dialogs,
accepting agreed spans, character mode and the span list, and how failures of background work are shown."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from annotator.errors import ProjectError
from annotator.model import GOLD, Span
from annotator.store import Project
from tests.ui.conftest import MessageBoxes, when_shown
from tests.ui.test_main_window import DOC, drag, layer, window
from ui.main_window import MainWindow


def ok(dialog: object) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]


def ctrl(qtbot: QtBot, w: MainWindow, key: Qt.Key, shift: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, key, modifiers)


def test_cancelling_an_import_midway_leaves_the_project_as_it_was(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    from ui.dialogs.transfer import ImportDialog

    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(120):
        (folder / f"doc{n:03}.txt").write_text(f"گزارش {n}\nخبرگزاری ایلنا از تبریز گزارش داد.", encoding="utf-8")
    w = window(qtbot, project)
    before = [info.id for info in project.documents()]

    def fill(dialog: ImportDialog) -> None:
        qtbot.keyClicks(dialog.paths, str(folder))
        ok(dialog)

    answer = when_shown(ImportDialog, fill)
    ctrl(qtbot, w, Qt.Key.Key_I)
    assert answer.done
    job = w.jobs[-1]
    # Hold the worker at its first report from inside the write (120 files read: reports above 120),
    # so that the cancel lands mid-write whatever the machine's speed.
    reached, release = threading.Event(), threading.Event()

    def hold(done: int, total: int) -> None:
        if done > 120 and not reached.is_set():
            reached.set()
            release.wait(30)

    job.worker.progressed.connect(hold, Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(reached.is_set, timeout=30_000)
    assert project.documents() and len(project.documents()) == len(before)  # not committed yet
    progress = job.progress
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        release.set()
    assert [info.id for info in project.documents()] == before
    with Project.open(project.path) as other:  # nothing half-imported in the file either
        assert [info.id for info in other.documents()] == before
    assert w.status.text() == "Importing cancelled: nothing was changed"
    assert w.documents.count() == len(before) and not job.running
    # the window goes on working: a label key labels, and the same import runs to the end
    text = project.document(DOC).text
    w.view.select_range(text.index("جلفا"), text.index("جلفا") + 4)
    qtbot.keyClick(w.view, "l")
    assert layer(project) == [("جلفا", "LOC", "accepted")]
    w.activateWindow()  # the progress dialog took the focus offscreen, where no window manager gives it back
    qtbot.waitUntil(w.isActiveWindow)
    answer = when_shown(ImportDialog, fill)
    ctrl(qtbot, w, Qt.Key.Key_I)
    assert answer.done
    with qtbot.waitSignal(w.jobs[-1].finished, timeout=60_000):
        pass
    assert len(project.documents()) == len(before) + 120 and w.documents.count() == len(before) + 120


def test_a_failure_without_a_message_is_shown_and_never_read_as_a_cancel(
    qtbot: QtBot, project: Project, message_boxes: MessageBoxes
) -> None:
    from annotator.progress import Progress
    from ui.jobs import Job

    w = window(qtbot, project)

    def silent_bug(project: Project, progress: Progress) -> None:
        raise KeyError()  # str() of this is empty: it used to read as "cancelled", and nothing was shown

    def refusal(project: Project, progress: Progress) -> None:
        raise ProjectError("the project is busy (another process is writing); try again")

    for work in (silent_bug, refusal):
        job = w._start(Job(w, "Importing…", project.path, work), w._on_job_message)
        with qtbot.waitSignal(job.failed, timeout=10_000):
            pass
    qtbot.waitUntil(lambda: len(message_boxes.shown) == 2)
    assert message_boxes.texts == [
        "importing failed: KeyError",
        "the project is busy (another process is writing); try again",  # the core's message as it is
    ]
    quiet = w._start(Job(w, "Pre-tagging…", project.path, silent_bug, dialog=False), w._on_job_message, quiet=True)
    with qtbot.waitSignal(quiet.failed, timeout=10_000):
        pass
    assert w.status.text() == "background work failed: pre-tagging failed: KeyError"  # no box for unasked work


def test_start_up_asks_the_name_once_and_remembers_it(
    qtbot: QtBot, project: Project, tmp_path: Path, message_boxes: MessageBoxes
) -> None:
    from ui.app import run
    from ui.settings import recent_projects

    application = QCoreApplication.applicationName()
    path = str(project.path)
    project.close()  # the application opens the file itself

    def name(dialog: QInputDialog) -> None:
        edit = dialog.findChild(QLineEdit)
        assert edit is not None and edit.text()  # prefilled with the login name
        edit.selectAll()
        qtbot.keyClicks(edit, "zahra")
        ok(dialog)

    shown: list[str] = []

    def quit_when_shown() -> None:
        windows = [x for x in QApplication.topLevelWidgets() if isinstance(x, MainWindow) and x.isVisible()]
        if not windows:
            return
        shown.append(windows[0].windowTitle())
        windows[0].actions_["quit"].trigger()  # Ctrl+Q

    from PySide6.QtCore import QTimer

    closer = QTimer()
    closer.timeout.connect(quit_when_shown)
    closer.start(20)
    try:
        asked = when_shown(QInputDialog, name)
        assert run(path) == 0
        assert asked.done and shown == [f"Barchasb — {Path(path).name} — zahra"]
        settings = QSettings()
        assert settings.value("annotator") == "zahra" and settings.value("window/geometry") is not None
        assert recent_projects()[0] == path
        shown.clear()
        asked = when_shown(QInputDialog, name)
        assert run(path) == 0  # the second start does not ask again
        assert not asked.done and shown == [f"Barchasb — {Path(path).name} — zahra"]
        asked.timer.stop()
        closer.stop()
        not_a_project = tmp_path / "notes.barchasb"
        not_a_project.write_text("just some notes", encoding="utf-8")
        assert run(str(not_a_project)) == 1  # the error is shown and no window opens
        assert len(message_boxes.shown) == 1 and str(not_a_project) in message_boxes.texts[0]
        assert message_boxes.shown[0].text_format == Qt.TextFormat.PlainText
    finally:
        closer.stop()
        QCoreApplication.setApplicationName(application)


def test_the_export_dialog_exports_what_it_was_told(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    from ui.dialogs.transfer import ExportDialog

    text = project.document(DOC).text
    for name in ("محمد تبریزی", "جلفا"):
        project.add_span(
            DOC, "sara", Span(text.index(name), text.index(name) + len(name), "PER" if "محمد" in name else "LOC")
        )
    w = window(qtbot, project)
    out = tmp_path / "corpus"

    refused: list[str] = []

    def fill(dialog: ExportDialog) -> None:
        ok(dialog)  # nowhere to write yet: the dialog stays and says so
        refused.append(dialog.error.text() if dialog.isVisible() else "")
        dialog.format.setCurrentText("conll")
        qtbot.keyClicks(dialog.out, str(out))
        qtbot.keyClicks(dialog.layer, "sara")
        dialog.sep.setCurrentText("tab")
        dialog.split.lineEdit().clear()  # "automatic" is the entry shown: typed over
        qtbot.keyClicks(dialog.split, "1")
        box = dialog.docstart  # on its box: a wide row's middle lies past the words, where a click does nothing
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
        ok(dialog)

    answer = when_shown(ExportDialog, fill)
    ctrl(qtbot, w, Qt.Key.Key_E)
    assert answer.done and refused == ["choose where to export: a folder, or a single .conll or .jsonl file"]
    with qtbot.waitSignal(w.jobs[-1].finished, timeout=30_000):
        pass
    assert w.status.text() == f"exported 2 documents to {out}"  # the sample and mixed.jsonl's «7»
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert "train.conll" in written
    lines = (out / "train.conll").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "-DOCSTART-\tO"
    assert lines[lines.index("محمد\tB-PER") : lines.index("محمد\tB-PER") + 2] == ["محمد\tB-PER", "تبریزی\tI-PER"]
    assert "جلفا\tB-LOC" in lines
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not w.findChildren(ExportDialog)  # the dialog does not outlive its use


def test_f1_lists_every_shortcut_and_label_key(qtbot: QtBot, project: Project) -> None:
    from ui.actions import ACTIONS
    from ui.dialogs.shortcuts import ShortcutsDialog

    w = window(qtbot, project)
    rows: list[tuple[str, str]] = []

    def read(dialog: ShortcutsDialog) -> None:
        table = dialog.table
        rows.extend((table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount()))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    answer = when_shown(ShortcutsDialog, read)
    qtbot.keyClick(w.view, Qt.Key.Key_F1)
    assert answer.done and not answer.dialogs[0].isVisible()
    keys = dict(rows)
    assert all(keys[spec.shortcut] == w.actions_[spec.id].text().replace("&", "") for spec in ACTIONS)
    person = project.schema.get("PER")
    assert keys[person.key] == f"Label PER ({person.description})"
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not w.findChildren(ShortcutsDialog)


def test_alt_a_accepts_every_agreed_region_into_gold_and_undo_takes_them_back(qtbot: QtBot, project: Project) -> None:
    text = project.document(DOC).text
    agreed = {"ارس": "LOC", "جلفا": "LOC", "ایلنا": "ORG"}
    for word, label in agreed.items():
        start = text.index(word)
        for name in ("ali", "sara"):
            project.add_span(DOC, name, Span(start, start + len(word), label))
    start = text.index("محمد تبریزی")
    project.add_span(DOC, "ali", Span(start, start + 11, "PER"))
    project.add_span(DOC, "sara", Span(start, start + 4, "PER"))  # a boundary disagreement: not agreed
    # gold already begun by hand in an earlier session: opening does not pre-accept, Alt+A has work to do
    first = text.index("آذربایجان شرقی")
    project.add_span(DOC, GOLD, Span(first, first + len("آذربایجان شرقی"), "LOC"))

    def gold() -> list[tuple[str, str]]:
        spans = project.document(DOC).layers[GOLD].spans
        return sorted((text[s.start : s.end], s.label) for s in spans)

    w = window(qtbot, project, "reviewer")
    w.documents.choose(DOC)
    ctrl(qtbot, w, Qt.Key.Key_R, shift=True)
    assert w.layer == GOLD and gold() == [("آذربایجان شرقی", "LOC")]
    qtbot.keyClick(w.view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert gold() == sorted([("آذربایجان شرقی", "LOC"), *agreed.items()])
    assert w.status.text() == "3 agreed regions accepted, 1 left to settle"
    assert "3 of 4 regions settled" in w.curation_panel.summary.text()  # type: ignore[union-attr]
    ctrl(qtbot, w, Qt.Key.Key_Z)  # one step takes all three back
    assert gold() == [("آذربایجان شرقی", "LOC")]
    ctrl(qtbot, w, Qt.Key.Key_Z, shift=True)
    assert gold() == sorted([("آذربایجان شرقی", "LOC"), *agreed.items()])


def test_character_mode_labels_part_of_a_word(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project)
    text = project.document(DOC).text
    word = text.index("تبریزی")
    ctrl(qtbot, w, Qt.Key.Key_M)
    assert w.actions_["char_mode"].isChecked()
    drag(qtbot, w, word + 1, word + 3)  # inside «تبریزی»: the selection stays as dragged, inside the word
    selected = w.view.selected_range()
    assert selected is not None and word <= selected[0] < selected[1] <= word + 6
    assert (selected[1] - selected[0]) < 6  # not snapped out to the whole token
    qtbot.keyClick(w.view, "l")
    spans = project.document(DOC).layers["sara"].spans
    assert [(s.start, s.end, s.label) for s in spans] == [(*selected, "LOC")]
    ctrl(qtbot, w, Qt.Key.Key_M)  # back to tokens: a drag inside the word takes the whole word
    drag(qtbot, w, text.index("جلفا") + 1, text.index("جلفا") + 3)
    assert w.view.selected_range() == (text.index("جلفا"), text.index("جلفا") + 4)


def test_a_click_in_the_span_list_selects_that_span_in_the_editor(qtbot: QtBot, project: Project) -> None:
    text = project.document(DOC).text
    names = ("محمد تبریزی", "جلفا")
    for name in names:
        project.add_span(DOC, "sara", Span(text.index(name), text.index(name) + len(name), "PER"))
    w = window(qtbot, project)
    qtbot.waitUntil(lambda: w.span_list.rowCount() == 2)
    table = w.span_list
    row = next(r for r in range(2) if table.cell(r, 2) == "جلفا")
    rect = table.visualRect(table.model().index(row, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    jolfa = text.index("جلفا")
    assert w.view.selected_range() == (jolfa, jolfa + 4)
    span = w.view.span_under_caret()
    assert span is not None and (span.start, span.end) == (jolfa, jolfa + 4) and w.view.current_span_id == span.id
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)  # and the keys act on it
    assert [t for t, _, _ in layer(project)] == ["محمد تبریزی"]


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_error_in_the_window_is_shown_in_one_line_and_logged(
    qtbot: QtBot, message_boxes: MessageBoxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from PySide6.QtCore import QSettings, QTimer

    from ui.app import report_unexpected

    monkeypatch.setattr(sys, "excepthook", report_unexpected)  # what run() installs

    def slot_with_a_bug() -> None:
        {}["missing"]

    QTimer.singleShot(0, slot_with_a_bug)
    qtbot.waitUntil(lambda: bool(message_boxes.shown))
    log = Path(QSettings().fileName()).parent / "errors.log"
    assert message_boxes.texts == [f"unexpected error: KeyError: 'missing'\nThe details are in {log}."]
    assert message_boxes.shown[0].text_format == Qt.TextFormat.PlainText
    assert "Traceback" in log.read_text(encoding="utf-8") and "slot_with_a_bug" in log.read_text(encoding="utf-8")


def test_the_import_dialog_keeps_a_malformed_label_map_open_with_the_reason(
    qtbot: QtBot, project: Project, data_dir: Path
) -> None:
    from ui.dialogs.transfer import ImportDialog

    w = window(qtbot, project)
    seen: list[tuple[bool, str]] = []

    def fill(dialog: ImportDialog) -> None:
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        seen.append((dialog.isVisible(), dialog.error.text()))
        qtbot.keyClicks(dialog.paths, str(data_dir / "arman.conll"))
        qtbot.keyClicks(dialog.label_map, "pers")
        ok(dialog)
        seen.append((dialog.isVisible(), dialog.error.text()))
        dialog.label_map.clear()
        qtbot.keyClicks(dialog.label_map, "pers=PER,event=EVE")
        ok(dialog)
        seen.append((dialog.isVisible(), dialog.error.text()))

    answer = when_shown(ImportDialog, fill)
    ctrl(qtbot, w, Qt.Key.Key_I)
    assert answer.done
    assert seen[:2] == [
        (True, "choose files or a folder to import"),
        (True, "--label-map: expected FROM=TO, got 'pers'"),  # the core's message, and every choice kept
    ]
    assert seen[2][0] is False
    with qtbot.waitSignal(w.jobs[-1].finished, timeout=30_000):
        pass
    assert {"arman-1", "arman-2"} <= {info.id for info in project.documents()}
    labels = {s.label for s in project.document("arman-1").layers["imported"].spans}
    assert "PER" in labels and "pers" not in labels  # the map was applied
