"""A long document: highlights follow the screen as a person scrolls, and offsets stay exact."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.importers import ImportOptions, import_paths
from annotator.model import Span
from annotator.schema import preset
from annotator.store import Project
from tests.ui.test_main_window import window


def test_highlights_of_a_long_document_follow_scrolling(qtbot: QtBot, tmp_path: Path) -> None:
    lines = [f"خبر شماره {i} از خبرگزاری ایلنا درباره تهران و ارس" for i in range(600)]
    (tmp_path / "long.txt").write_text("\n".join(lines), encoding="utf-8")
    project = Project.create(tmp_path / "p.barchasb", preset("combined"))
    import_paths(project, [tmp_path / "long.txt"], ImportOptions())
    text = project.document("long").text
    first, last = text.index("ایلنا"), text.rindex("ایلنا")
    for start in (first, last):
        project.add_span("long", "sara", Span(start, start + 5, "ORG"))
    w = window(qtbot, project)
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)

    def shown() -> list[int]:
        return [w.view._positions.from_qt(s.cursor.selectionStart()) for s in w.view.extraSelections()]

    assert shown() == [first]  # the last line is far below the screen
    qtbot.keyClick(w.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # a person jumps to the end
    qtbot.waitUntil(lambda: last in shown())
    assert first not in shown()
    w.view.select_range(last, last + 5)
    qtbot.keyClick(w.view, "l")  # relabel the span on screen at the end
    assert [s.label for s in project.document("long").layers["sara"].spans] == ["ORG", "LOC"]
    assert shown() == [last] and w.view.extraSelections()[0].cursor.selectedText() == "ایلنا"
    qtbot.keyClick(w.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: first in shown())


def test_the_editor_draws_with_a_persian_family(qtbot: QtBot, tmp_path: Path) -> None:
    from ui.editor.fonts import PREFERRED, installed_family, persian_font

    project = Project.create(tmp_path / "p.barchasb", preset("combined"))
    w = window(qtbot, project)
    assert installed_family(w.view.font()) in PREFERRED
    assert installed_family(persian_font(12, "No Such Family")) in PREFERRED  # an unknown choice falls back


def test_hovering_a_suggestion_shows_its_source_and_confidence(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent, QTextCursor
    from PySide6.QtWidgets import QApplication, QToolTip

    from annotator.model import SpanStatus

    (tmp_path / "n.txt").write_text("😀 خبرگزاری ایلنا گزارش داد", encoding="utf-8")
    project = Project.create(tmp_path / "p.barchasb", preset("combined"))
    import_paths(project, [tmp_path / "n.txt"], ImportOptions())
    text = project.document("n").text
    start = text.index("ایلنا")
    project.replace_suggestions("n", "sara", [Span(start, start + 5, "ORG", None, SpanStatus.SUGGESTED, "crf", 0.62)])
    w = window(qtbot, project)
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)
    cursor = QTextCursor(w.view.document())
    cursor.setPosition(w.view.qt_range(start + 2, start + 2)[0])  # inside the word, after an emoji
    point = w.view.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, w.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(w.view, event)
    assert QToolTip.text() == "ORG · suggested · source: crf · confidence: 62%"
    QApplication.sendEvent(w.view, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), w.view.mapToGlobal(QPoint(2, 2))))
    qtbot.waitUntil(lambda: not QToolTip.isVisible())  # off the span: the tip goes away


def test_ctrl_j_shows_a_marker_at_every_zwnj_on_screen(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtGui import QTextCursor

    (tmp_path / "z.txt").write_text("کتاب\u200cها را می\u200cخوانم و خانه\u200cای دارم", encoding="utf-8")
    project = Project.create(tmp_path / "p.barchasb", preset("combined"))
    import_paths(project, [tmp_path / "z.txt"], ImportOptions())
    w = window(qtbot, project)
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)

    def red_columns() -> set[int]:
        """Columns of the viewport with the marker's red (#d62728) in them."""
        image = w.view.viewport().grab().toImage()
        return {
            x
            for x in range(image.width())
            for y in range(image.height())
            if (c := image.pixelColor(x, y)).red() > 180 and c.green() < 90 and c.blue() < 90
        }

    assert not red_columns()
    qtbot.keyClick(w.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)  # View → Show ZWNJ
    qtbot.waitUntil(lambda: len(red_columns()) >= 3)
    text = project.document("z").text
    cursor = QTextCursor(w.view.document())
    expected = []
    for index in (i for i, c in enumerate(text) if c == "\u200c"):
        cursor.setPosition(w.view.qt_range(index, index)[0])
        expected.append(w.view.cursorRect(cursor).left())
    columns = red_columns()
    assert len(expected) == 3 and all(any(abs(x - c) <= 1 for c in columns) for x in expected)  # one at each ZWNJ
    qtbot.keyClick(w.view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not red_columns())
