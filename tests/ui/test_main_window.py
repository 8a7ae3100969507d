"""The annotator's main window driven as a person drives it: mouse drags, double-clicks, keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from annotator.model import DocStatus, Span, SpanStatus
from annotator.store import Project
from tests.ui.conftest import MessageBoxes
from ui.actions import ACTIONS
from ui.editor.positions import Utf16Map
from ui.main_window import MainWindow

DOC = "ilna-aras-free-zone"


def window(qtbot: QtBot, project: Project, annotator: str = "sara") -> MainWindow:
    w = MainWindow(project, annotator)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()  # window shortcuts fire only in the active window
    qtbot.waitUntil(w.isActiveWindow)
    # the first document opens once the window has painted: on a busy machine that can come after the above
    qtbot.waitUntil(lambda: w.annotation is None or w.annotation.document is not None or w.documents.count() == 0)
    w.view.setFocus()
    return w


def point_of(w: MainWindow, position: int, end: bool = False) -> QPoint:
    """The viewport point of a code-point position (inside the character, not on its edge)."""
    cursor = QTextCursor(w.view.document())
    cursor.setPosition(w.view.qt_range(position, position)[0])
    rect = w.view.cursorRect(cursor)
    # right to left: a character lies to the left of its caret position
    return QPoint(rect.left() + (3 if end else -3), rect.center().y())


def drag(qtbot: QtBot, w: MainWindow, start: int, end: int) -> None:
    viewport = w.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_of(w, start))
    qtbot.mouseMove(viewport, pos=point_of(w, end, end=True))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point_of(w, end, end=True))


def layer(project: Project, doc_id: str = DOC, annotator: str = "sara") -> list[tuple[str, str, str]]:
    doc = project.document(doc_id)
    spans = doc.layers[annotator].spans if annotator in doc.layers else ()
    return [(doc.text[s.start : s.end], s.label, str(s.status)) for s in spans]


def test_utf16_map_round_trip() -> None:
    text = "😀😀 محمد 👨\u200d👩\u200d👧 x"
    positions = Utf16Map(text)
    for i in range(len(text) + 1):
        qt = positions.to_qt(i)
        assert len(text[:i].encode("utf-16-le")) // 2 == qt
        assert positions.from_qt(qt) == i


def test_drag_snaps_to_tokens_and_a_key_labels(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project)
    text = project.document(DOC).text
    start = text.index("محمد تبریزی") + 1  # from inside «محمد» ...
    end = text.index("تبریزی") + 3  # ... to inside «تبریزی»
    drag(qtbot, w, start, end)
    assert w.view.selected_range() == (text.index("محمد تبریزی"), text.index("محمد تبریزی") + 11)
    qtbot.keyClick(w.view, "p")
    assert layer(project) == [("محمد تبریزی", "PER", "accepted")]
    assert w.span_list.rowCount() == 1 and w.span_list.cell(0, 2) == "محمد تبریزی"


def test_double_click_selects_a_zwnj_word_whole(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project)
    text = project.document(DOC).text
    word = "مأموریت\u200cهای"
    position = text.index(word) + 2
    qtbot.mouseDClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(w, position))
    start, end = w.view.selected_range()  # type: ignore[misc]
    assert text[start:end] == word


def test_change_type_role_grow_shrink_delete_undo_redo(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project)
    text = project.document(DOC).text
    start = text.index("سازمان منطقه آزاد ارس") + len("سازمان ")
    w.view.select_range(start, start + len("منطقه آزاد ارس"))
    qtbot.keyClick(w.view, "o")
    assert layer(project) == [("منطقه آزاد ارس", "ORG", "accepted")]
    qtbot.keyClick(w.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert layer(project)[0][0] == "سازمان منطقه آزاد ارس"  # grown by a token at its start
    qtbot.keyClick(w.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert layer(project)[0][0] == "سازمان منطقه آزاد"  # shrunk by a token at its end
    qtbot.keyClick(w.view, "l")  # change the type of the span under the cursor
    assert layer(project)[0][1] == "LOC"
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert layer(project) == []
    for expected in ("سازمان منطقه آزاد", "سازمان منطقه آزاد", "سازمان منطقه آزاد ارس"):
        qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert layer(project)[0][0] == expected
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert layer(project)[0][0] == "سازمان منطقه آزاد"


def test_role_is_set_through_the_controller(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project)
    text = project.document(DOC).text
    start = text.index("محمد تبریزی")
    w.view.select_range(start, start + 11)
    qtbot.keyClick(w.view, "p")
    w.annotation.set_role("source")  # type: ignore[union-attr]
    assert project.document(DOC).layers["sara"].spans[0].role == "source"
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.document(DOC).layers["sara"].spans[0].role is None


def suggest(project: Project, *items: tuple[str, str, float]) -> None:
    text = project.document(DOC).text
    project.replace_suggestions(
        DOC,
        "sara",
        [
            Span(text.index(name), text.index(name) + len(name), label, None, SpanStatus.SUGGESTED, "rules", conf)
            for name, label, conf in items
        ],
    )


def test_accept_reject_and_accept_all_with_undo(qtbot: QtBot, project: Project) -> None:
    suggest(project, ("جلفا", "LOC", 0.9), ("بسیج دانشجویی", "ORG", 0.5), ("آذربایجان شرقی", "LOC", 0.95))
    w = window(qtbot, project)
    qtbot.keyClick(w.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # next suggestion
    first = w.view.span_under_caret()
    assert first is not None and first.status is SpanStatus.SUGGESTED
    qtbot.keyClick(w.view, Qt.Key.Key_Return)
    assert ("بسیج دانشجویی", "ORG", "accepted") in layer(project)
    qtbot.keyClick(w.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_Backspace)
    rejected = [
        x for x in [("جلفا", "LOC", "suggested"), ("آذربایجان شرقی", "LOC", "suggested")] if x not in layer(project)
    ]
    assert len(rejected) == 1
    qtbot.keyClick(w.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # accept all >= 80%
    assert all(status == "accepted" for _, _, status in layer(project))
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the bulk accept
    assert sum(status == "suggested" for _, _, status in layer(project)) == 1
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the rejection
    assert rejected[0] in layer(project)


def test_next_document_and_done(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project)
    assert w.documents.current_id() == DOC
    qtbot.keyClick(w.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert project.document(DOC).status is DocStatus.DONE
    assert w.documents.current_id() == "e1"
    qtbot.keyClick(w.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert w.documents.current_id() == DOC


def test_kill_and_reopen_keeps_every_edit(qtbot: QtBot, project: Project, project_path: Path) -> None:
    w = window(qtbot, project)
    text = project.document(DOC).text
    w.view.select_range(text.index("جلفا"), text.index("جلفا") + 4)
    qtbot.keyClick(w.view, "l")
    # no save step exists: another connection (as after a crash) sees the edit at once
    with Project.open(project_path) as other:
        assert [s.label for s in other.document(DOC).layers["sara"].spans] == ["LOC"]


def test_emoji_before_an_entity_keeps_offsets_after_editing(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project, annotator="imported")
    w.documents.choose("e1")  # «😀😀 محمد تبریزی به جلفا رفت», entities imported as «imported»
    doc = project.document("e1")
    assert [c.cursor.selectedText() for c in w.view.extraSelections()] == ["محمد تبریزی", "جلفا"]
    start = doc.text.index("رفت")
    drag(qtbot, w, start, start + 2)
    qtbot.keyClick(w.view, "e")
    spans = project.document("e1").layers["imported"].spans
    assert [(s.start, s.end, doc.text[s.start : s.end]) for s in spans][-1] == (start, start + 3, "رفت")
    assert spans[0].start == 3  # unchanged: code points, not UTF-16 units


def test_first_line_starting_with_latin_is_right_aligned(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    w = window(qtbot, project)
    block = w.view.document().firstBlock()
    cursor = QTextCursor(w.view.document())
    xs = []
    for position in range(block.length()):
        cursor.setPosition(position)
        xs.append(w.view.cursorRect(cursor).x())
    width = w.view.viewport().width()
    assert max(xs) > width - 30 and min(xs) > width / 3
    cursor.setPosition(0)
    assert w.view.cursorRect(cursor).x() > width / 2  # «date», read first, sits on the right
    w.grab().save(str(tmp_path / "main.png"))


def test_html_in_titles_stays_text(qtbot: QtBot, project: Project) -> None:
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QStyleOptionViewItem

    w = window(qtbot, project)
    rows = w.documents.table
    row = w.documents.ids().index("7")
    title = project.document("7").title
    assert title == "<b>تیتر</b>"
    # What the list draws, not what it stores: a title laid out as HTML would lose the width of its tags.
    option = QStyleOptionViewItem()
    option.initFrom(rows.viewport())
    option.font = rows.font()
    width = rows.itemDelegate().sizeHint(option, rows.model().index(row, 1)).width()  # the title column
    assert width >= QFontMetrics(rows.font()).horizontalAdvance(title)
    w.documents.choose("7")
    assert w.status.textFormat() == Qt.TextFormat.PlainText and w.status.text().startswith("7: ")
    # (every other place a project string can reach: tests/ui/test_plain_text.py)


def test_no_two_actions_share_a_shortcut_or_a_label_key() -> None:
    from annotator.schema import PRESETS, preset

    shortcuts = [spec.shortcut for spec in ACTIONS]
    assert len(shortcuts) == len(set(shortcuts))
    for name in PRESETS:
        keys = {t.key for t in preset(name).types}
        assert not keys & set(shortcuts)
        assert len(keys) == len(preset(name).types)


def test_shift_arrow_extends_by_token(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project)
    text = project.document(DOC).text
    start = text.index("محمد تبریزی")
    w.view.select_range(start, start + 4)
    qtbot.keyClick(w.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)  # left is forward in RTL
    assert w.view.selected_range() == (start, start + len("محمد تبریزی"))


def test_a_human_span_supersedes_overlapping_suggestions_until_undone(qtbot: QtBot, project: Project) -> None:
    suggest(project, ("سازمان منطقه آزاد ارس", "ORG", 0.3))
    w = window(qtbot, project)
    text = project.document(DOC).text
    start = text.index("سازمان منطقه آزاد ارس") + len("سازمان ")
    w.view.select_range(start, start + len("منطقه آزاد ارس"))
    qtbot.keyClick(w.view, "l")
    assert layer(project) == [("منطقه آزاد ارس", "LOC", "accepted")]
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert layer(project) == [("سازمان منطقه آزاد ارس", "ORG", "suggested")]
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert layer(project) == [("منطقه آزاد ارس", "LOC", "accepted")]


def test_new_documents_are_pretagged_in_the_background(qtbot: QtBot, project: Project) -> None:
    from PySide6.QtCore import QSettings

    QSettings().setValue("preferences/auto_pretag", True)
    w = window(qtbot, project)
    assert w.jobs, "opening a new document starts a pre-tagging job"
    # the job may finish while the window is still being shown: wait for its outcome, not its signal
    qtbot.waitUntil(lambda: w.span_list.rowCount() > 0, timeout=30000)
    spans = project.document(DOC).layers["sara"].spans
    assert spans and all(s.status is SpanStatus.SUGGESTED for s in spans)
    assert project.document(DOC).status is DocStatus.PRETAGGED
    assert w.span_list.rowCount() == len(spans)  # the views were reloaded


def test_pretag_the_whole_project_from_the_menu(qtbot: QtBot, project: Project) -> None:
    w = window(qtbot, project)
    job = w.pretag(current_only=False)
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=30000):
        pass
    assert all(project.document(i.id).status is not DocStatus.NEW for i in project.documents())


def test_import_from_the_menu_runs_in_the_background(
    qtbot: QtBot, project: Project, data_dir: Path, monkeypatch: object
) -> None:
    from annotator.importers import ImportOptions
    from ui.dialogs.transfer import ImportDialog

    w = window(qtbot, project)
    request = ([str(data_dir / "arman.conll")], ImportOptions(label_map={"pers": "PER", "event": "EVE"}))
    monkeypatch.setattr(ImportDialog, "ask", classmethod(lambda cls, parent: request))  # type: ignore[attr-defined]
    job = w.import_documents()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=30000):
        pass
    assert [i.id for i in project.documents()][-2:] == ["arman-1", "arman-2"]
    assert w.documents.count() == 6
    # the export dialog is driven for real in tests/ui/test_window_flows.py


def test_a_failed_import_is_shown_and_leaves_nothing(
    qtbot: QtBot, project: Project, tmp_path: Path, monkeypatch: object, message_boxes: MessageBoxes
) -> None:
    from annotator.importers import ImportOptions
    from ui.dialogs.transfer import ImportDialog

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "علی"}\n{"text": \n', encoding="utf-8")
    w = window(qtbot, project)
    before = [i.id for i in project.documents()]
    monkeypatch.setattr(ImportDialog, "ask", classmethod(lambda cls, parent: ([str(bad)], ImportOptions())))  # type: ignore[attr-defined]
    job = w.import_documents()
    assert job is not None
    with qtbot.waitSignal(job.failed, timeout=30000):
        pass
    qtbot.waitUntil(lambda: bool(message_boxes.shown))
    assert f"{bad}:2: malformed JSON" in message_boxes.texts[0]
    assert [i.id for i in project.documents()] == before


def test_preferences_are_stored_and_applied(qtbot: QtBot, project: Project) -> None:
    from ui.dialogs.preferences import PreferencesDialog
    from ui.settings import preference

    w = window(qtbot, project)
    dialog = PreferencesDialog(w)
    qtbot.addWidget(dialog)
    dialog.font_size.setValue(20)
    dialog.threshold.setValue(0.5)
    dialog.retrain_every.setValue(3)
    dialog.save()
    assert preference("font_size") == 20 and preference("retrain_every") == 3
    w._apply_preferences()
    assert w.view.font().pointSize() == 20 and w.annotation.accept_threshold == 0.5  # type: ignore[union-attr]


def test_retrain_after_n_documents_done_and_uncertain_first(qtbot: QtBot, project: Project) -> None:
    from ui.settings import set_preference

    set_preference("retrain_every", 1)
    w = window(qtbot, project)
    text = project.document(DOC).text
    w.view.select_range(text.index("جلفا"), text.index("جلفا") + 4)
    qtbot.keyClick(w.view, "l")
    qtbot.keyClick(w.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert w.jobs, "marking a document done started a background training"
    qtbot.waitUntil(lambda: project.load_model("crf") is not None, timeout=60000)
    # documents whose model suggestions are least confident come first
    for doc_id, confidence in (("e1", 0.95), ("7", 0.4)):
        document = project.document(doc_id)
        first = document.tokens[-1]
        project.replace_suggestions(
            doc_id, "sara", [Span(first.start, first.end, "LOC", None, SpanStatus.SUGGESTED, "crf", confidence)]
        )
    w.actions_["uncertain_first"].setChecked(True)
    order = w.documents.ids()
    assert order[:2] == ["7", "e1"]


def test_schema_editor_validates_and_the_core_keeps_used_labels(
    qtbot: QtBot, project: Project, monkeypatch: object, message_boxes: MessageBoxes
) -> None:
    from ui.dialogs.schema_editor import SchemaEditor

    editor = SchemaEditor(project.schema)
    qtbot.addWidget(editor)
    editor.add_row(None)
    row = editor.table.rowCount() - 1
    editor.table.item(row, 0).setText("LAW")
    editor.table.item(row, 2).setText("w")
    editor.table.item(row, 3).setText("cited, amended")
    schema = editor.schema()
    assert schema.labels[-1] == "LAW" and schema.get("LAW").roles == ("cited", "amended")
    editor.table.item(row, 2).setText("p")  # PER's key
    editor._on_ok()
    assert "key 'p'" in editor.error.text() and editor.result_schema is None

    w = window(qtbot, project)
    text = project.document(DOC).text
    w.view.select_range(text.index("جلفا"), text.index("جلفا") + 4)
    qtbot.keyClick(w.view, "l")
    without_loc = type(schema)("x", tuple(t for t in schema.types if t.name != "LOC"))
    monkeypatch.setattr(SchemaEditor, "edit", classmethod(lambda cls, s, parent: without_loc))  # type: ignore[attr-defined]
    w.edit_schema()
    assert "LOC" in message_boxes.texts[0] and "LOC" in project.schema
    monkeypatch.setattr(SchemaEditor, "edit", classmethod(lambda cls, s, parent: schema))  # type: ignore[attr-defined]
    w.edit_schema()
    assert "LAW" in project.schema and "LAW" in w.label_panel.buttons


def test_imported_documents_are_pretagged_and_a_new_project_opens(
    qtbot: QtBot, project: Project, data_dir: Path, tmp_path: Path, monkeypatch: object
) -> None:
    from annotator.importers import ImportOptions
    from annotator.text.profiles import Profile
    from ui.dialogs.new_project import NewProjectDialog
    from ui.dialogs.transfer import ImportDialog
    from ui.settings import recent_projects, set_preference

    set_preference("auto_pretag", True)
    w = window(qtbot, project)
    qtbot.waitUntil(lambda: w.span_list.rowCount() > 0, timeout=30000)  # the first document, on open
    request = ([str(data_dir / "news.csv")], ImportOptions())
    monkeypatch.setattr(ImportDialog, "ask", classmethod(lambda cls, parent: request))  # type: ignore[attr-defined]
    w.import_documents()
    qtbot.waitUntil(
        lambda: project.has_document("n1") and project.document("n1").status is DocStatus.PRETAGGED, timeout=30000
    )
    # the project's accepted «محمد تبریزی» (PER) and «جلفا» (LOC) came back as gazetteer suggestions
    assert {s.label for s in project.document("n1").layers["sara"].spans} == {"PER", "LOC"}
    target = str(tmp_path / "fresh.barchasb")
    monkeypatch.setattr(NewProjectDialog, "ask", classmethod(lambda cls, parent: (target, "peyma", Profile.LETTERS)))  # type: ignore[attr-defined]
    w.new_project()
    assert recent_projects()[0] == target
    with Project.open(target) as fresh:
        assert fresh.schema.name == "peyma" and fresh.normalization is Profile.LETTERS
    w.replaced_by.close()  # type: ignore[attr-defined]
