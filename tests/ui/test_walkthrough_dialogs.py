"""The dialogs a Persian annotator opens in an hour: the schema editor and the document filter, used by hand."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractItemView, QApplication, QColorDialog, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from annotator.store import Project
from tests.ui.conftest import when_shown
from ui.dialogs.schema_editor import SchemaEditor
from ui.i18n import install


@pytest.fixture
def persian(qapp: QApplication) -> Iterator[None]:
    install("fa")
    yield
    install("en")


def painted_order(editor: SchemaEditor, row: int, column: int) -> list[float]:
    """The x of each character of a cell as its delegate lays it out."""
    table = editor.table
    index = table.model().index(row, column)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    table.itemDelegateForIndex(index).initStyleOption(option, index)  # type: ignore[attr-defined]
    layout = QTextLayout(option.text, option.font)
    text_option = QTextOption()
    text_option.setTextDirection(option.direction)
    layout.setTextOption(text_option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    return [line.cursorToX(i)[0] for i in range(len(option.text))]


def test_colours_read_left_to_right_in_the_persian_schema_editor(qtbot: QtBot, project: Project, persian: None) -> None:
    """«f4a6a6#»: the colour's hash mark went to the right end in the mirrored table."""
    editor = SchemaEditor(project.schema)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    for row in range(editor.table.rowCount()):
        colour = editor.table.item(row, 1).text()
        assert colour.startswith("#")
        x = painted_order(editor, row, 1)
        assert x == sorted(x), f"{colour} is not painted left to right"
    assert not editor.table.verticalHeader().isVisible()  # no Latin row numbers in a Persian table
    assert editor.table.horizontalHeader().stretchLastSection()


def test_a_double_click_on_a_colour_picks_it_and_opens_no_text_editor(qtbot: QtBot, project: Project) -> None:
    editor = SchemaEditor(project.schema)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    table = editor.table

    def pick(dialog: QColorDialog) -> None:
        dialog.setCurrentColor(QColor("#123456"))
        dialog.accept()

    answer = when_shown(QColorDialog, pick)
    rect = table.visualItemRect(table.item(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: answer.done)
    assert table.item(0, 1).text() == "#123456"
    assert table.state() != QAbstractItemView.State.EditingState  # the chosen colour is not left in an open editor
    # the name, key and other cells still edit in place on a double-click
    rect = table.visualItemRect(table.item(0, 4))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.state() == QAbstractItemView.State.EditingState


def test_a_typed_colour_paints_its_cell(qtbot: QtBot, project: Project) -> None:
    """A colour typed (or pasted) into its cell shows in the cell at once, as a picked one does."""
    editor = SchemaEditor(project.schema)
    qtbot.addWidget(editor)
    editor.table.item(0, 1).setText("#00ff00")
    assert editor.table.item(0, 1).background().color() == QColor("#00ff00")


def test_latin_names_in_persian_text_come_from_a_font_made_to_sit_beside_it(qapp: QApplication) -> None:
    """«Google» and «Josep Borrell» in a Persian article: the Persian fonts have no Latin, and the fallback was
    DejaVu Sans, visibly larger than the Naskh around it; Noto Sans is drawn to match the Noto Arabic fonts."""
    from PySide6.QtGui import QFontDatabase

    from ui.editor.fonts import installed_family, persian_font

    font = persian_font()
    if "Noto Sans" not in QFontDatabase.families() or not installed_family(font).startswith("Noto"):
        pytest.skip("needs the Noto Arabic fonts and Noto Sans (make run installs them)")
    layout = QTextLayout("شرکت Google گفت", font)
    layout.beginLayout()
    layout.createLine().setLineWidth(10_000)
    layout.endLayout()
    families = {run.rawFont().familyName() for run in layout.glyphRuns()}
    assert [name for name in families if "Arabic" not in name] == ["Noto Sans"], families


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_accept_all_threshold_is_a_percentage_as_everywhere_else(qtbot: QtBot, language: str) -> None:
    """The Edit menu says «Accept all suggestions at or above 90%»; Preferences said «0.90» (in Persian «۰٫۹۰»)."""
    from ui.dialogs.preferences import PreferencesDialog

    install(language)
    try:
        dialog = PreferencesDialog()
        qtbot.addWidget(dialog)
        box = dialog.threshold
        assert box.text() == ("90%" if language == "en" else "۹۰٪")
        box.lineEdit().selectAll()
        qtbot.keyClicks(box, "85")
        box.interpretText()
        assert dialog.choices()["accept_threshold"] == 0.85
        assert box.text() == ("85%" if language == "en" else "۸۵٪")
        qtbot.keyClick(box, Qt.Key.Key_Up)  # a step is five points
        assert dialog.choices()["accept_threshold"] == 0.9
    finally:
        install("en")


def test_the_new_project_dialog_shows_a_whole_path(qtbot: QtBot) -> None:
    """The File field was about a hundred pixels wide: a typed path scrolled out of sight as it was typed."""
    from ui.dialogs.new_project import NewProjectDialog

    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    path = "/home/annotator/projects/news-2025.barchasb"
    qtbot.keyClicks(dialog.path, path)
    assert dialog.path.width() >= dialog.path.fontMetrics().horizontalAdvance(path)
