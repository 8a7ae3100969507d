"""Friction an annotator met in an afternoon (issue #15, items 1–14), each driven as a person would."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QTableWidget,
)
from pytestqt.qtbot import QtBot

from annotator.cli import build_parser
from annotator.model import DocStatus, LayerStatus, Span, SpanStatus
from annotator.store import Project
from exports import ExportOptions
from tests.conftest import ROOT
from tests.ui.conftest import MessageBoxes, when_shown
from tests.ui.test_main_window import DOC, suggest, window
from ui.main_window import MainWindow


def ctrl(qtbot: QtBot, w: MainWindow, key: Qt.Key | str, shift: bool = False) -> None:
    if not w.isActiveWindow():  # a dialog just closed: shortcuts reach only the active window
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
        w.view.setFocus()
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, key, modifiers)


def alt(qtbot: QtBot, w: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(w.view, key, Qt.KeyboardModifier.AltModifier)


def button(dialog: object, which: QDialogButtonBox.StandardButton) -> object:
    box = dialog.findChild(QDialogButtonBox)  # type: ignore[attr-defined]
    assert box is not None, "the dialog has a button box"
    found = box.button(which)
    assert found is not None, f"the dialog has a {which} button"
    return found


def opened(qtbot: QtBot, project: Project, annotator: str = "sara") -> MainWindow:
    w = window(qtbot, project, annotator)
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)
    return w


# -- 1. the export dialog ---------------------------------------------------------------------------


def test_export_dialog_defaults_are_the_command_lines(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    w = opened(qtbot, project)
    seen: dict[str, object] = {}

    def look(dialog: object) -> None:
        try:
            qtbot.keyClicks(dialog.out, str(tmp_path / "out"))  # type: ignore[attr-defined]
            seen["options"] = dialog.request()  # type: ignore[attr-defined]
            seen["layers"] = [dialog.layer.itemText(i) for i in range(dialog.layer.count())]  # type: ignore[attr-defined]
        finally:  # closed whatever happened: a dialog left open would wait forever
            dialog.reject()  # type: ignore[attr-defined]

    from ui.dialogs.transfer import ExportDialog

    answer = when_shown(ExportDialog, look)
    ctrl(qtbot, w, Qt.Key.Key_E)
    assert answer.done
    options = seen["options"]
    assert isinstance(options, ExportOptions)
    cli = build_parser().parse_args(["export", str(project.path), "--format", options.format, "--out", "x"])
    # every choice is what `barchasb export` does when given only a format and a target
    assert options == ExportOptions(options.format, tmp_path / "out")
    chosen = (str(options.scheme), options.sep, options.layout, options.seed)
    assert chosen == (cli.scheme, cli.sep, cli.layout, cli.seed)
    layers = sorted({name for info in project.documents() for name in info.layers})
    assert seen["layers"][1:] == layers  # a list of the layers there are, after the automatic choice


def test_export_errors_are_in_the_windows_words_and_keep_what_was_typed(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    text = project.document(DOC).text
    start = text.index("جلفا")
    project.add_span(DOC, "sara", Span(start, start + 4, "LOC"))  # a second layer beside «imported»: no obvious one
    w = opened(qtbot, project)
    target = str(tmp_path / "out")
    from ui.dialogs.transfer import ExportDialog

    shown: list[tuple[str, str, str, str]] = []

    def first(dialog: ExportDialog) -> None:
        dialog.format.setCurrentText("conll")
        qtbot.keyClicks(dialog.out, target)
        button(dialog, QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]
        # several layers and no gold: the dialog says so in its own words and stays open
        shown.append((dialog.error.text(), dialog.out.text(), "", ""))
        assert dialog.isVisible()
        dialog.layer.setCurrentText("sara")
        dialog.split.setCurrentIndex(dialog.split.findData("keep"))  # no document has a split: the export refuses
        button(dialog, QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]

    def again(dialog: ExportDialog) -> None:
        try:
            fields = (dialog.error.text(), dialog.out.text(), dialog.layer.currentText(), dialog.split.currentData())
            shown.append(fields)
        finally:
            dialog.reject()

    answer = when_shown(ExportDialog, first)
    ctrl(qtbot, w, Qt.Key.Key_E)
    assert answer.done
    back = when_shown(ExportDialog, again)
    qtbot.waitUntil(lambda: back.done, timeout=20_000)
    (ambiguous, typed, _, _), (refused, kept, layer, split) = shown
    assert "imported" in ambiguous and "sara" in ambiguous and "Layer" in ambiguous and "--" not in ambiguous
    assert typed == target
    # the export's refusal sends the user back to the dialog, with everything as they left it
    assert "Split" in refused and "--" not in refused and "no split of their own" in refused
    assert (kept, layer, split) == (target, "sara", "keep")
    assert not (tmp_path / "out").exists()


# -- 2. preferences ---------------------------------------------------------------------------------


def test_preferences_ok_without_changes_changes_nothing(qtbot: QtBot, project: Project) -> None:
    w = opened(qtbot, project)
    font = w.view.font().family()
    from ui.dialogs.preferences import PreferencesDialog

    answer = when_shown(PreferencesDialog, lambda d: button(d, QDialogButtonBox.StandardButton.Ok).click())
    ctrl(qtbot, w, ",")
    assert answer.done
    settings = QSettings()
    assert not settings.value("preferences/font_family")  # still empty: the automatic Persian font
    assert not any(settings.contains(f"preferences/{k}") for k in ("font_size", "accept_threshold", "retrain_every"))
    assert w.view.font().family() == font


def test_preferences_keep_a_chosen_font_and_can_go_back_to_automatic(qtbot: QtBot, project: Project) -> None:
    w = opened(qtbot, project)
    from ui.dialogs.preferences import PreferencesDialog

    def choose(dialog: PreferencesDialog) -> None:
        dialog.font_family.setCurrentIndex(dialog.font_family.findText("DejaVu Sans"))
        button(dialog, QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]

    answer = when_shown(PreferencesDialog, choose)
    ctrl(qtbot, w, ",")
    assert answer.done and QSettings().value("preferences/font_family") == "DejaVu Sans"
    assert w.view.font().family() == "DejaVu Sans"

    def automatic(dialog: PreferencesDialog) -> None:
        assert dialog.font_family.currentText() == "DejaVu Sans"
        dialog.font_family.setCurrentIndex(0)
        button(dialog, QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]

    answer = when_shown(PreferencesDialog, automatic)
    ctrl(qtbot, w, ",")
    assert answer.done and QSettings().value("preferences/font_family") == ""
    assert w.view.font().family() != "DejaVu Sans"


# -- 3. counts and status follow every edit ---------------------------------------------------------


def test_document_list_counts_and_status_follow_every_edit(qtbot: QtBot, project: Project) -> None:
    suggest(project, ("جلفا", "LOC", 0.9), ("بسیج دانشجویی", "ORG", 0.5), ("آذربایجان شرقی", "LOC", 0.95))
    w = opened(qtbot, project)
    docs = w.documents
    assert docs.cells(DOC)[2:] == ["pretagged", "0", "3"]
    ctrl(qtbot, w, Qt.Key.Key_Tab)  # the first suggestion
    qtbot.keyClick(w.view, Qt.Key.Key_Return)  # accepted
    ctrl(qtbot, w, Qt.Key.Key_Tab)
    qtbot.keyClick(w.view, Qt.Key.Key_Backspace)  # rejected
    assert docs.cells(DOC)[2:] == ["in progress", "1", "1"]
    assert "1 entity" in w.status.text() and "1 suggestion" in w.status.text()
    assert str(project.document(DOC).status) == "in_progress"
    ctrl(qtbot, w, Qt.Key.Key_Z)  # the rejection undone
    assert docs.cells(DOC)[3:] == ["1", "2"]
    ctrl(qtbot, w, Qt.Key.Key_Return)  # accept all above the threshold
    spans = w.annotation.spans  # type: ignore[union-attr]
    suggested = sum(1 for s in spans if s.status is SpanStatus.SUGGESTED)
    assert docs.cells(DOC)[3:] == [str(len(spans) - suggested), str(suggested)] and suggested < 2


# -- 4. the document list is a table ----------------------------------------------------------------


def test_document_list_is_a_sortable_table_that_fits_its_panel(qtbot: QtBot, project: Project) -> None:
    project.add_span("e1", "sara", Span(0, 2, "PER"))
    project.assign([DOC], ["sara"])
    w = opened(qtbot, project)
    docs = w.documents
    table = docs.table
    assert isinstance(table, QTableView)
    model = table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["★", "title", "status", "entities", "sugg."]
    assert table.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert docs.cells(DOC)[0] == "★" and docs.cells("e1")[0] == ""
    qtbot.wait(10)
    assert table.horizontalScrollBar().maximum() == 0  # no sideways scrolling at the window's size
    header = table.horizontalHeader()
    for column in range(1, model.columnCount()):
        assert header.sectionSize(column) > 0 and not header.isSectionHidden(column)
    right = header.sectionViewportPosition(model.columnCount() - 1) + header.sectionSize(model.columnCount() - 1)
    left = min(header.sectionViewportPosition(c) for c in range(model.columnCount()))
    assert left >= 0 and right <= table.viewport().width()
    # a click on the header sorts, a second click the other way
    entities = header.sectionViewportPosition(3) + header.sectionSize(3) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(entities, 5))
    order = docs.ids()
    counts = [int(docs.cells(i)[3]) for i in order]
    assert counts == sorted(counts) or counts == sorted(counts, reverse=True)
    assert counts != [int(docs.cells(i)[3]) for i in [info.id for info in project.documents()]] or len(set(counts)) == 1
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(entities, 5))
    again = [int(docs.cells(i)[3]) for i in docs.ids()]
    assert again == counts[::-1] != counts  # the other way round
    # the filter still works on titles and ids, and the keyboard still walks the shown order
    qtbot.keyClicks(docs.filter, "e1")
    assert docs.ids() == ["e1"]
    docs.filter.clear()
    docs.choose(docs.ids()[0])
    ctrl(qtbot, w, Qt.Key.Key_PageDown)
    assert docs.current_id() == docs.ids()[1]


# -- 5. no clipped Persian in table cells ------------------------------------------------------------


def cells_that_do_not_fit(view: QTableView, elided: tuple[int, ...] = ()) -> list[str]:
    """Every visible cell whose text (with marks above and below) would be cut by its rectangle."""
    from PySide6.QtGui import QFont, QFontMetrics

    model = view.model()
    bad = []
    margin = view.style().pixelMetric(view.style().PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    for row in range(model.rowCount()):
        if view.isRowHidden(row):
            continue
        for column in range(model.columnCount()):
            if view.isColumnHidden(column):
                continue
            index = model.index(row, column)
            text = index.data()
            if not text:
                continue
            font = index.data(Qt.ItemDataRole.FontRole)
            metrics = QFontMetrics(font if isinstance(font, QFont) else view.font())
            rect = view.visualRect(index)
            ink = metrics.tightBoundingRect(str(text))
            # a line laid out in the middle of the cell: where its ink reaches above and below
            baseline = rect.top() + (rect.height() - metrics.height()) / 2 + metrics.ascent()
            if baseline + ink.top() < rect.top() or baseline + ink.bottom() > rect.bottom() + 1:
                bad.append(f"{text!r} row {row} col {column}: height {rect.height()} < ink {ink.height()}")
            if column not in elided and metrics.horizontalAdvance(str(text)) + 2 * margin > rect.width():
                bad.append(f"{text!r} row {row} col {column}: width {rect.width()}")
    return bad


@pytest.fixture(params=["ltr", "rtl"])
def direction(request: pytest.FixtureRequest) -> Iterator[Qt.LayoutDirection]:
    chosen = Qt.LayoutDirection.RightToLeft if request.param == "rtl" else Qt.LayoutDirection.LeftToRight
    QApplication.setLayoutDirection(chosen)
    yield chosen
    QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_persian_text_is_never_clipped_in_table_cells(
    qtbot: QtBot, team: Project, direction: Qt.LayoutDirection, tmp_path: Path
) -> None:
    text = team.document(DOC).text
    for word, label, role in (("آزاد", "LOC", None), ("آذربایجان", "LOC", None), ("محمد تبریزی", "PER", "subject")):
        start = text.index(word)
        for name in ("ali", "sara"):
            if not any(s.start < start + len(word) and start < s.end for s in team.layer_spans(DOC, name)):
                team.add_span(DOC, name, Span(start, start + len(word), label if name == "ali" else "ORG", role))
    w = opened(qtbot, team, "sara")
    assert w.layoutDirection() == direction
    w.documents.choose(DOC)
    assert not cells_that_do_not_fit(w.span_list), "span list"
    assert not cells_that_do_not_fit(w.documents.table, elided=(1,)), "document list"
    w.set_review_mode(True)
    alt(qtbot, w, Qt.Key.Key_Down)
    panel = w.curation_panel
    assert panel is not None
    assert panel.region_model.rowCount() >= 3
    assert not cells_that_do_not_fit(panel.regions), "curation regions"
    assert not cells_that_do_not_fit(panel.versions), "curation versions"
    w.grab().save(str(tmp_path / f"curation-{direction.name}.png"))
    w.show_agreement()
    qtbot.waitUntil(lambda: w.agreement_view is not None, timeout=20_000)
    view = w.agreement_view
    view.tabs.setCurrentWidget(view.disagreements)  # type: ignore[attr-defined]
    qtbot.wait(10)
    assert not cells_that_do_not_fit(view.disagreements, elided=(0,)), "disagreements"  # type: ignore[attr-defined]
    w.show_team()
    team_view = w.team_view
    qtbot.wait(10)
    assert not cells_that_do_not_fit(team_view.totals), "team totals"  # type: ignore[attr-defined]
    assert not cells_that_do_not_fit(team_view.grid, elided=(0,)), "team grid"  # type: ignore[attr-defined]


# -- 6. recent projects ------------------------------------------------------------------------------


def test_recent_projects_are_stored_as_absolute_paths(
    qtbot: QtBot, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.settings import recent_projects

    w = opened(qtbot, project)
    monkeypatch.chdir(project.path.parent)
    w.open_project(project.path.name)  # as typed on a command line, relative to where it ran
    replacement = w.replaced_by  # type: ignore[attr-defined]
    qtbot.addWidget(replacement)
    assert Path(recent_projects()[0]).is_absolute()
    assert Path(recent_projects()[0]).resolve() == project.path.resolve()
    monkeypatch.chdir(tmp_path.parent)  # from another folder, the entry still opens the project
    assert Path(recent_projects()[0]).is_file()


# -- 7. curation: one selected row --------------------------------------------------------------------


def test_after_taking_a_version_and_moving_on_only_one_row_looks_selected(qtbot: QtBot, team: Project) -> None:
    w = opened(qtbot, team, "reviewer")
    w.documents.choose(DOC)
    w.set_review_mode(True)
    panel = w.curation_panel
    assert panel is not None
    alt(qtbot, w, Qt.Key.Key_Down)
    alt(qtbot, w, Qt.Key.Key_3)  # zahra's version into gold
    rect = w.span_list.visualRect(w.span_list.model().index(1, 2))  # the gold span just taken, clicked in the list
    qtbot.mouseClick(w.span_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.view.current_span_id is not None
    alt(qtbot, w, Qt.Key.Key_Down)
    region = w.review.items[w.review.current].region  # type: ignore[union-attr,index]
    assert [i.row() for i in panel.regions.selectionModel().selectedRows()] == [w.review.current]  # type: ignore[union-attr]
    assert not panel.versions.selectionModel().selectedRows()
    # the span list shows the gold span of the current region, or nothing: never the region left behind
    rows = [i.row() for i in w.span_list.selectionModel().selectedRows()]
    spans = w.span_list.model_.spans
    assert all(spans[r].start < region.end and region.start < spans[r].end for r in rows)
    current = w.view.current_span_id
    assert current is None or any(
        s.id == current and s.start < region.end and region.start < s.end
        for s in w.annotation.spans  # type: ignore[union-attr]
    )


# -- 8. Ctrl+D with open suggestions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "done", "open_left"),
    [
        (None, False, 3),  # the box's escape button: cancel, nothing changes
        ("leave", True, 3),
        ("accept", True, 1),
    ],
)
def test_marking_done_with_open_suggestions_asks(
    qtbot: QtBot, project: Project, message_boxes: MessageBoxes, answer: str | None, done: bool, open_left: int
) -> None:
    from PySide6.QtWidgets import QMessageBox

    suggest(project, ("جلفا", "LOC", 0.9), ("بسیج دانشجویی", "ORG", 0.5), ("آذربایجان شرقی", "LOC", 0.95))
    w = opened(qtbot, project)
    message_boxes.answer = {
        None: None,
        "leave": QMessageBox.StandardButton.No,
        "accept": QMessageBox.StandardButton.Yes,
    }[answer]
    ctrl(qtbot, w, Qt.Key.Key_D)
    assert len(message_boxes.shown) == 1
    assert "3 suggestions" in message_boxes.texts[0] and "90%" in message_boxes.texts[0]
    spans = project.layer_spans(DOC, "sara")
    assert sum(1 for s in spans if s.status is SpanStatus.SUGGESTED) == open_left
    layer = project.document(DOC).layers["sara"]
    assert (layer.status is LayerStatus.DONE) == done
    assert (project.document(DOC).status is DocStatus.DONE) == done
    assert (w.documents.current_id() != DOC) == done


def test_marking_done_without_open_suggestions_does_not_ask(qtbot: QtBot, project: Project) -> None:
    w = opened(qtbot, project)
    ctrl(qtbot, w, Qt.Key.Key_D)
    assert project.document(DOC).status is DocStatus.DONE


# -- 9. Tab and the span list --------------------------------------------------------------------------


def test_tab_moves_the_span_lists_selection_and_a_click_moves_the_editor(qtbot: QtBot, project: Project) -> None:
    text = project.document(DOC).text
    for word, label in (("ایلنا", "ORG"), ("جلفا", "LOC"), ("ارس", "LOC")):
        start = text.index(word)
        project.add_span(DOC, "sara", Span(start, start + len(word), label))
    w = opened(qtbot, project)
    spans = w.span_list.model_.spans

    def selected_row() -> list[int]:
        return [i.row() for i in w.span_list.selectionModel().selectedRows()]

    for expected in range(3):
        qtbot.keyClick(w.view, Qt.Key.Key_Tab)
        assert w.view.current_span_id == spans[expected].id
        assert selected_row() == [expected]
    qtbot.keyClick(w.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert selected_row() == [1] and w.view.current_span_id == spans[1].id
    # and back: a click on a row makes that span the editor's, and Tab goes on from there
    rect = w.span_list.visualRect(w.span_list.model().index(0, 2))
    qtbot.mouseClick(w.span_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.view.current_span_id == spans[0].id and w.view.selected_range() == (spans[0].start, spans[0].end)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Tab)
    assert w.view.current_span_id == spans[1].id and selected_row() == [1]


# -- 10. the shortcut list ------------------------------------------------------------------------------


def test_the_shortcut_list_names_the_accept_all_threshold(qtbot: QtBot, project: Project) -> None:
    from ui.dialogs.preferences import PreferencesDialog
    from ui.dialogs.shortcuts import ShortcutsDialog

    w = opened(qtbot, project)
    texts: list[list[str]] = []

    def read(dialog: ShortcutsDialog) -> None:
        table = dialog.table
        texts.append([table.item(r, 1).text() for r in range(table.rowCount())])
        dialog.close()

    answer = when_shown(ShortcutsDialog, read)
    qtbot.keyClick(w.view, Qt.Key.Key_F1)
    assert answer.done
    assert "Accept all suggestions at or above 90%" in texts[0]
    assert not any(t.endswith(" %") or "above %" in t for t in texts[0])

    def lower(dialog: PreferencesDialog) -> None:
        dialog.threshold.setValue(0.8)
        button(dialog, QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]

    answer = when_shown(PreferencesDialog, lower)
    ctrl(qtbot, w, ",")
    assert answer.done
    answer = when_shown(ShortcutsDialog, read)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w.view, Qt.Key.Key_F1)
    assert answer.done and "Accept all suggestions at or above 80%" in texts[1]
    assert w.actions_["accept_all"].text().replace("&", "") == "Accept all suggestions at or above 80%"


# -- 11. team progress, Close buttons, the empty window's status line ------------------------------------


def test_team_progress_shows_every_row_and_both_views_close(qtbot: QtBot, team: Project) -> None:
    team.add_span(DOC, "omid", Span(0, 4, "DAT"))  # a fourth annotator
    w = opened(qtbot, team, "reviewer")
    ctrl(qtbot, w, Qt.Key.Key_M, shift=True)
    view = w.team_view
    assert view is not None and view.isVisible()
    qtbot.wait(10)
    totals: QTableWidget = view.totals  # type: ignore[attr-defined]
    n = totals.rowCount()
    assert n == len({name for info in team.documents() for name in info.layers}) >= 4
    rows = sum(totals.rowHeight(r) for r in range(n))
    inside = totals.viewport().height()
    assert rows <= inside < rows + totals.rowHeight(0)  # every row shown, no empty space below them
    assert totals.verticalScrollBar().maximum() == 0
    qtbot.mouseClick(button(view, QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    assert not view.isVisible()
    ctrl(qtbot, w, Qt.Key.Key_G, shift=True)
    qtbot.waitUntil(lambda: w.agreement_view is not None, timeout=20_000)
    agreement = w.agreement_view
    assert agreement is not None and agreement.isVisible()
    qtbot.mouseClick(button(agreement, QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    assert not agreement.isVisible()


def test_the_empty_windows_status_line_gives_no_shell_command(qtbot: QtBot) -> None:
    w = MainWindow(None)
    qtbot.addWidget(w)
    text = w.status.text()
    assert "No project open" in text and "barchasb" not in text and "PROJECT" not in text
    assert "Ctrl+O" in text or "Open" in text


# -- 12. character mode in the status bar ----------------------------------------------------------------


def test_character_mode_is_shown_in_the_status_bar(qtbot: QtBot, project: Project) -> None:
    w = opened(qtbot, project)

    def indicator() -> list[QLabel]:
        return [
            label
            for label in w.statusBar().findChildren(QLabel)
            if label.isVisible() and "character mode" in label.text().lower()
        ]

    assert not indicator()
    ctrl(qtbot, w, Qt.Key.Key_M)
    assert w.view.char_mode and len(indicator()) == 1
    w.status.setText("something else happened")  # a message does not hide the mode
    assert len(indicator()) == 1
    ctrl(qtbot, w, Qt.Key.Key_M)
    assert not w.view.char_mode and not indicator()


# -- 13. a render never draws the caret -----------------------------------------------------------------


def first_ink_band(image: QImage) -> tuple[int, int]:
    """Height and width of the first band of dark pixels from the top (past the frame)."""
    rows: list[list[int]] = []
    for y in range(3, min(image.height(), 120)):
        dark = [x for x in range(3, image.width() - 3) if image.pixelColor(x, y).lightness() < 140]
        if dark:
            rows.append(dark)
        elif rows:
            break
    xs = [x for row in rows for x in row]
    return len(rows), (max(xs) - min(xs) + 1) if xs else 0


def test_a_render_shows_no_caret(project: Project, project_path: Path, tmp_path: Path) -> None:
    from annotator.cli import main

    out = tmp_path / "doc.png"
    assert main(["render", str(project_path), DOC, "--out", str(out), "--width", "600"]) == 0
    height, width = first_ink_band(QImage(str(out)))
    assert height >= 8 and width >= 100, f"a small mark above the first line ({width}×{height} px): the caret"


# -- 14. make run without a display ---------------------------------------------------------------------


def test_without_a_display_the_run_check_says_how_to_get_xvfb() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PATH"] = os.environ.get("PATH", "/usr/bin:/bin")
    result = subprocess.run(
        [str(ROOT / "tools" / "system-deps.sh"), "gui"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "xvfb-run make run" in result.stderr and "apt-get install xvfb" in result.stderr
    assert result.stdout == ""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "apt-get install xvfb" in readme
