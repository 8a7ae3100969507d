from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.importers import ImportOptions, import_paths
from annotator.model import Span
from annotator.schema import preset
from annotator.store import Project
from tests.conftest import SAMPLE
from ui.editor.positions import Utf16Map
from ui.main_window import MainWindow


@pytest.fixture
def project(project_path: Path, data_dir: Path) -> Project:
    p = Project.create(project_path, preset("combined"))
    import_paths(p, [SAMPLE, data_dir / "mixed.jsonl"], ImportOptions())
    doc = p.document("ilna-aras-free-zone")
    start = doc.text.index("محمد تبریزی")
    p.add_span(doc.id, "sara", Span(start, start + len("محمد تبریزی"), "PER"))
    yield p
    p.close()


def test_utf16_map_round_trip() -> None:
    text = "😀😀 محمد 👨\u200d👩\u200d👧 x"
    positions = Utf16Map(text)
    qt_text = text.encode("utf-16-le")
    for i in range(len(text) + 1):
        qt = positions.to_qt(i)
        assert len(text[:i].encode("utf-16-le")) // 2 == qt
        assert positions.from_qt(qt) == i
    assert len(qt_text) // 2 == positions.to_qt(len(text))


def test_window_lists_documents_and_shows_the_first(qtbot, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.documents.count() == 4
    assert window.view.toPlainText() == project.document("ilna-aras-free-zone").text
    window.grab().save(str(tmp_path / "main.png"))
    # a first line that starts with Latin ("date 2025-11-07 ...") is laid out right to left
    block = window.view.document().firstBlock()
    assert block.layout().textOption().textDirection() == Qt.LayoutDirection.RightToLeft
    cursor = QTextCursor(window.view.document())
    xs = []
    for position in range(block.length()):
        cursor.setPosition(position)
        xs.append(window.view.cursorRect(cursor).x())
    width = window.view.viewport().width()
    assert max(xs) > width - 30  # the line touches the right edge ...
    assert min(xs) > width / 3  # ... and leaves the left side empty
    cursor.setPosition(0)
    assert window.view.cursorRect(cursor).x() > width / 2  # «date», read first, sits on the right


def test_emoji_before_entity_highlights_the_right_characters(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.documents.setCurrentRow(1)  # e1: two emoji before «محمد تبریزی»
    selections = window.view.extraSelections()
    assert len(selections) == 2
    cursor: QTextCursor = selections[0].cursor
    assert cursor.selectedText() == "محمد تبریزی"


def test_html_in_titles_stays_text(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(project)
    qtbot.addWidget(window)
    assert window.documents.item(3).text().startswith("<b>تیتر</b>")
