"""The window around the editor, looked at by a Persian annotator: the status line, curation's layout, the F1 list."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from annotator.importers import ImportOptions, import_paths
from annotator.store import Project
from tests.ui.conftest import when_shown
from tests.ui.test_main_window import DOC, window
from ui.dialogs.shortcuts import ShortcutsDialog
from ui.i18n import install


@pytest.fixture
def persian(qapp: QApplication) -> Iterator[None]:
    install("fa")
    yield
    install("en")  # every other test reads the window in English


def centres(label: QLabel) -> list[float]:
    """The x of the middle of each character of ``label`` as Qt lays it out in the label's direction."""
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setTextDirection(label.layoutDirection())
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    edges = [line.cursorToX(i)[0] for i in range(len(label.text()) + 1)]
    return [(a + b) / 2 for a, b in pairwise(edges)]


def on_screen(w: QWidget, view: QAbstractItemView, index: QModelIndex) -> str:
    """The colour a cell's background has on the screen (just inside its corner, away from the text)."""
    from PySide6.QtCore import QPoint

    rect = view.visualRect(index)
    shot = QApplication.primaryScreen().grabWindow(w.winId()).toImage()
    return shot.pixelColor(view.viewport().mapTo(w, rect.topLeft() + QPoint(3, 3))).name()


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as a Persian keyboard does: one key event per character (QTest knows only ASCII keys)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def test_the_persian_status_line_reads_the_document_id_before_its_counts(
    qtbot: QtBot, project: Project, persian: None
) -> None:
    """«سند ilna-aras-free-zone: ۲ موجودیت»: the count after a Latin id stayed in the id's left-to-right run,
    so the line read «سند ۲ :ilna-aras-free-zone موجودیت»."""
    w = window(qtbot, project)
    text = project.document(DOC).text
    start = text.index("محمد تبریزی")
    w.view.select_range(start, start + len("محمد تبریزی"))
    qtbot.keyClick(w.view, "p")
    line = w.status.text()
    assert DOC in line and "۱" in line
    x = centres(w.status)
    identifier, colon, count = line.index(DOC) + 4, line.index(DOC) + len(DOC), line.index("۱")
    assert line[colon:].lstrip("\u200f").startswith(":")
    colon = line.index(":", colon)
    assert x[identifier] > x[colon] > x[count]  # right to left: the id, its colon, then the count


def test_the_gold_layer_is_named_in_persian_while_curating(qtbot: QtBot, project: Project, persian: None) -> None:
    w = window(qtbot, project)
    w.set_review_mode(True)
    assert "gold" not in w.status.text() and "طلایی" in w.status.text()
    assert "gold" not in w.windowTitle() and "طلایی" in w.windowTitle()
    w.set_review_mode(False)
    assert "sara" in w.windowTitle() and "sara" in w.status.text()


def test_leaving_curation_gives_the_text_its_width_back(qtbot: QtBot, project: Project) -> None:
    """Curation widens the side panel for its per-annotator columns; annotating again, the text had lost it."""
    w = window(qtbot, project)
    w.resize(1300, 760)
    qtbot.waitUntil(lambda: w.splitter.sizes()[1] > 0)
    before = w.splitter.sizes()
    w.set_review_mode(True)
    assert w.splitter.sizes()[0] > before[0]
    w.set_review_mode(False)
    assert w.splitter.sizes() == before
    # a width the annotator chose while curating is theirs: it is kept
    w.set_review_mode(True)
    chosen = [700, *w.splitter.sizes()[1:]]
    chosen[1] -= 700 - w.splitter.sizes()[0]
    w.splitter.setSizes(chosen)
    chosen = w.splitter.sizes()
    w.set_review_mode(False)
    assert w.splitter.sizes() == chosen


def test_the_shortcut_list_is_a_read_only_list_without_row_numbers(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project)
    seen: dict[str, object] = {}

    def look(dialog: ShortcutsDialog) -> None:
        try:
            table = dialog.findChild(QTableWidget)
            assert table is not None
            seen["editable"] = table.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
            seen["numbers"] = table.verticalHeader().isVisible()
            seen["stretched"] = table.horizontalHeader().stretchLastSection()
            # a double-click on an action's text opens no editor on it
            item = table.item(0, 1)
            rect = table.visualItemRect(item)
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            seen["editing"] = table.state() == QAbstractItemView.State.EditingState
        finally:
            dialog.reject()

    answer = when_shown(ShortcutsDialog, look)
    qtbot.keyClick(w.view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: answer.done)
    assert seen == {"editable": False, "numbers": False, "stretched": True, "editing": False}


def test_the_document_filter_finds_a_title_however_its_persian_is_spelled(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    """Titles keep their source's spelling (Arabic ي and ك, Latin digits, ZWNJ); the annotator types what their
    keyboard gives: a Persian ی and ک, Persian digits, a space for the ZWNJ."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "kabul.txt").write_text("رئيس سازمان ملل در كابل، ریاست‌جمهوری، 1403\n\nمتن خبر.\n", encoding="utf-8")
    import_paths(project, [news], ImportOptions())
    w = window(qtbot, project)
    title = next(d.title for d in project.documents() if d.id == "kabul")
    assert "كابل" in title and "رئيس" in title  # the source's Arabic letters, kept
    for typed in ("کابل", "رئیس سازمان", "ریاست جمهوری", "ریاست\u200cجمهوری", "۱۴۰۳", "1403", "  کابل  "):
        w.documents.filter.clear()
        type_text(w.documents.filter, typed)
        assert w.documents.filter.text() == typed
        assert w.documents.ids() == ["kabul"], typed
    w.documents.filter.clear()
    type_text(w.documents.filter, "تهران")
    assert w.documents.ids() == []
    w.documents.filter.clear()
    assert "kabul" in w.documents.ids() and len(w.documents.ids()) == len(project.documents())


def test_team_progress_names_the_gold_layer_in_persian(qtbot: QtBot, project: Project, persian: None) -> None:
    from annotator.model import Span
    from ui.review.team_view import TeamView

    text = project.document(DOC).text
    project.add_span(DOC, "gold", Span(text.index("جلفا"), text.index("جلفا") + 4, "LOC"))
    project.add_span(DOC, "sara", Span(text.index("جلفا"), text.index("جلفا") + 4, "LOC"))
    view = TeamView(project.progress(), project.documents())
    qtbot.addWidget(view)
    names = [view.totals.item(r, 0).text() for r in range(view.totals.rowCount())]
    headers = [view.grid.horizontalHeaderItem(c).text() for c in range(view.grid.columnCount())]
    assert "طلایی" in names and "sara" in names and "gold" not in names
    assert "طلایی" in headers and "gold" not in headers


@pytest.mark.parametrize("language", ["en", "fa"])
def test_every_curation_button_is_in_view(qtbot: QtBot, project: Project, language: str) -> None:
    """«Mark reviewed, go to next» sat behind the toolbar's » at the width curation gives the panel."""
    from PySide6.QtWidgets import QToolBar

    install(language)
    try:
        w = window(qtbot, project)
        w.resize(1300, 760)
        w.set_review_mode(True)
        assert w.curation_panel is not None
        qtbot.waitUntil(w.curation_panel.isVisible)
        names = ("accept_agreed", "next_disagreement", "previous_disagreement", "no_entity", "reviewed_next")
        shown = {}
        for toolbar in w.curation_panel.findChildren(QToolBar):
            for action in toolbar.actions():
                button = toolbar.widgetForAction(action)
                shown[action.objectName()] = button is not None and button.isVisible()
        assert shown == dict.fromkeys(names, True)
    finally:
        install("en")


def test_curation_gives_the_regions_the_height_the_versions_do_not_need(qtbot: QtBot, team: Project) -> None:
    """Three annotators have three versions and gold: the versions table had a fixed share of the height, mostly
    empty, while the document's regions scrolled a few rows at a time above it."""
    w = window(qtbot, team, "reviewer")
    w.resize(1300, 760)
    w.set_review_mode(True)
    panel = w.curation_panel
    assert panel is not None
    qtbot.keyClick(w.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: panel.versions.rowCount() == 4)  # ali, sara, zahra, gold
    versions = panel.versions
    rows = sum(versions.rowHeight(r) for r in range(versions.rowCount()))
    empty = versions.viewport().height() - rows
    assert 0 <= empty < versions.rowHeight(0)  # every version in view, no empty rows below them
    assert panel.regions.height() > versions.height()


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_chosen_region_is_the_one_row_highlighted(qtbot: QtBot, team: Project, language: str) -> None:
    """In Persian, Alt+Down twice left the first cell of both regions highlighted and neither row whole
    (selectRow() selects nothing in a right-to-left table)."""
    install(language)
    try:
        w = window(qtbot, team, "reviewer")
        w.set_review_mode(True)
        panel = w.curation_panel
        assert panel is not None
        for _ in range(2):
            qtbot.keyClick(w.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
            qtbot.wait(50)  # painted, as a person sees it between two key presses
        selected = panel.regions.selectionModel().selectedIndexes()
        rows = {index.row() for index in selected}
        assert rows == {panel.regions.currentIndex().row()} and len(rows) == 1
        assert len(selected) == panel.region_model.columnCount()  # the whole row
        # what is on screen (the window's backing store, not a fresh render): the selection model was right,
        # but the table was never told, so the old row's first cell stayed blue and the new row was not painted
        view, model = panel.regions, panel.region_model
        current = view.currentIndex().row()
        highlight = view.palette().highlight().color().name()
        for row in range(model.rowCount()):
            painted = [on_screen(w, view, model.index(row, column)) for column in range(model.columnCount())]
            if row == current:
                assert painted == [highlight] * len(painted), (row, painted)
            else:
                assert highlight not in painted, (row, painted)
    finally:
        install("en")


def test_the_persian_status_line_shows_an_export_folder_as_typed(
    qtbot: QtBot, project: Project, persian: None, tmp_path: Path
) -> None:
    """«خروجی ۱ سند در /tmp/out نوشته شد» showed the folder as «tmp/out/»: its leading slash went into the
    right-to-left sentence."""
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.dialogs.transfer import ExportDialog

    w = window(qtbot, project)
    text = project.document(DOC).text
    w.view.select_range(text.index("جلفا"), text.index("جلفا") + 4)
    qtbot.keyClick(w.view, "l")
    target = str(tmp_path / "out")

    def fill(dialog: ExportDialog) -> None:
        try:
            qtbot.keyClicks(dialog.out, target)
            dialog.layer.setCurrentText("sara")  # the project has other layers and no gold
            box = dialog.findChild(QDialogButtonBox)
            box.button(QDialogButtonBox.StandardButton.Ok).click()
        finally:
            if dialog.isVisible():  # refused: a dialog left open would wait forever
                dialog.reject()

    answer = when_shown(ExportDialog, fill)
    w.activateWindow()
    qtbot.keyClick(w.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: answer.done)
    qtbot.waitUntil(lambda: target in w.status.text(), timeout=20_000)
    line = w.status.text()
    x = centres(w.status)
    start = line.index(target)
    path = x[start : start + len(target)]
    assert path == sorted(path), "the folder reads left to right, its leading slash first"


def test_recent_projects_read_left_to_right_in_the_persian_file_menu(
    qtbot: QtBot, project: Project, persian: None, tmp_path: Path
) -> None:
    """File › Recent projects listed «/tmp/W/news.barchasb» as «tmp/W/news.barchasb/»."""
    from PySide6.QtWidgets import QMenu

    from ui.settings import remember_project

    remember_project(str(tmp_path / "news.barchasb"))
    w = window(qtbot, project)
    menu = w.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    recent = [a.menu() for a in menu.actions() if a.menu() is not None]
    assert recent, "a Recent projects submenu"
    entries = [a for a in recent[-1].actions() if str(a.data()).endswith("news.barchasb")]
    assert len(entries) == 1
    label = QLabel(entries[0].text().replace("&&", "&"))
    label.setLayoutDirection(recent[-1].layoutDirection())
    assert label.layoutDirection() == Qt.LayoutDirection.RightToLeft
    x = centres(label)
    shown = label.text()
    path = str(tmp_path / "news.barchasb")
    start = shown.index(path)
    assert x[start : start + len(path)] == sorted(x[start : start + len(path)])
    assert entries[0].data() == path  # what opens is the path itself: the marks are only for showing it


def test_the_persian_training_report_is_persian(qtbot: QtBot, project: Project, persian: None) -> None:
    """Ctrl+Shift+T said «آموزش با 11 sentences from 1 documents of layer gold در ۰ ثانیه»: the command line's
    English summary, with Latin digits, inside the Persian sentence."""
    import re

    from annotator.model import Span

    text = project.document(DOC).text
    for name, label in (("محمد تبریزی", "PER"), ("جلفا", "LOC"), ("ایلنا", "ORG")):
        project.add_span(DOC, "gold", Span(text.index(name), text.index(name) + len(name), label))
    w = window(qtbot, project)
    qtbot.keyClick(w.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "ثانیه" in w.status.text(), timeout=60_000)
    line = w.status.text()
    assert not re.search(r"[A-Za-z0-9]", line), line
    assert "طلایی" in line and "جمله" in line
