"""Undo and redo in the window while someone else writes the same project: refused, never over their work."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.model import Span, SpanStatus
from annotator.store import Project
from tests.ui.test_main_window import DOC, window
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NAME = "منطقه آزاد ارس"


def stored(path: Path) -> list[tuple[object, ...]]:
    """Every span in the file with its layer, read through a connection of its own."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            'SELECT s.id, l.annotator, s.start, s."end", s.label FROM spans s JOIN layers l ON s.layer = l.id '
            "ORDER BY s.id"
        ).fetchall()
    finally:
        conn.close()


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The warnings the window shows (instead of a modal box that would wait offscreen)."""
    messages: list[str] = []
    monkeypatch.setattr("ui.annotation.warn", lambda parent, text: messages.append(text))
    return messages


def opened(qtbot: QtBot, project: Project, annotator: str = "sara") -> MainWindow:
    """The window with its first document open (it opens after the first paint, later on a busy machine)."""
    w = window(qtbot, project, annotator)
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)
    return w


def label_add_relabel_delete(qtbot: QtBot, project: Project) -> tuple[MainWindow, int, int]:
    w = opened(qtbot, project, "ali")
    text = project.document(DOC).text
    start = text.index(NAME)
    w.view.select_range(start, start + len(NAME))
    qtbot.keyClick(w.view, "l")
    assert [r[4] for r in stored(project.path) if r[1] == "ali"] == ["LOC"]
    qtbot.keyClick(w.view, "o")  # relabel the span under the caret
    assert [r[4] for r in stored(project.path) if r[1] == "ali"] == ["ORG"]
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert [r for r in stored(project.path) if r[1] == "ali"] == []
    return w, start, start + len(NAME)


def test_the_reported_scenario_never_touches_the_other_annotators_span(
    qtbot: QtBot, project: Project, shown: list[str]
) -> None:
    w, start, end = label_add_relabel_delete(qtbot, project)
    with Project.open(project.path) as other:  # process B, its own layer
        theirs = other.add_span(DOC, "sara", Span(start, end, "LOC"))
    stack = w.annotation.undo_stack  # type: ignore[union-attr]
    expected_ali = [None, "ORG", "LOC", None]
    for want in expected_ali[1:]:
        qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)
        ali = [r[4] for r in stored(project.path) if r[1] == "ali"]
        assert ali == ([want] if want else [])
    for want in ("LOC", "ORG"):
        qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL | SHIFT)
        assert [r[4] for r in stored(project.path) if r[1] == "ali"] == [want]
    assert (theirs.id, "sara", start, end, "LOC") in stored(project.path)
    assert theirs.id not in {r[0] for r in stored(project.path) if r[1] == "ali"}
    assert stack.index() == 2 and shown == []


def test_an_undo_over_a_change_made_elsewhere_is_refused_and_the_stack_stays_true(
    qtbot: QtBot, project: Project, shown: list[str]
) -> None:
    w, _, _ = label_add_relabel_delete(qtbot, project)
    stack = w.annotation.undo_stack  # type: ignore[union-attr]
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)  # the ORG span is back
    (span_id,) = [r[0] for r in stored(project.path) if r[1] == "ali"]
    with Project.open(project.path) as other:  # another window of the same annotator relabels it
        other.update_span(int(span_id), label="PER")  # type: ignore[call-overload]
    index = stack.index()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)  # would turn it back into LOC over the PER
    assert len(shown) == 1 and "changed elsewhere" in shown[0]
    assert stack.index() == index and stack.canUndo()  # the refused step is still shown as done
    assert [r[4] for r in stored(project.path) if r[1] == "ali"] == ["PER"]
    assert [s.label for s in w.view.spans] == ["PER"]  # the window shows what the file holds
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL | SHIFT)  # redo of the delete: the span is no longer ORG
    assert len(shown) == 2 and stack.index() == index
    assert [r[4] for r in stored(project.path) if r[1] == "ali"] == ["PER"]


def test_a_second_process_changing_the_span_makes_the_undo_refuse(
    qtbot: QtBot, project: Project, shown: list[str]
) -> None:
    w, start, end = label_add_relabel_delete(qtbot, project)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    script = textwrap.dedent(
        """
        import sys
        from annotator.model import Span, SpanStatus
        from annotator.store import Project
        path, doc, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        with Project.open(path) as p:
            (mine,) = p.layer_spans(doc, "ali")
            p.remove_span(mine.id)
            p.add_span(doc, "sara", Span(start, end, "LOC"))
        """
    )
    args = [sys.executable, "-c", script, str(project.path), DOC, str(start), str(end)]
    subprocess.run(args, check=True, timeout=60)
    before = stored(project.path)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    assert len(shown) == 1 and "removed elsewhere" in shown[0]
    assert stored(project.path) == before  # sara's span kept its label and offsets
    assert w.view.spans == ()


def test_an_edit_while_another_process_writes_says_busy_and_leaves_nothing(
    qtbot: QtBot, project: Project, shown: list[str]
) -> None:
    w = opened(qtbot, project, "ali")
    text = project.document(DOC).text
    start = text.index(NAME)
    holder = sqlite3.connect(project.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        w.view.select_range(start, start + len(NAME))
        qtbot.keyClick(w.view, "l")
        assert len(shown) == 1 and "busy" in shown[0]
        assert w.annotation.undo_stack.count() == 0  # type: ignore[union-attr]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [r for r in stored(project.path) if r[1] == "ali"] == []
    w.view.select_range(start, start + len(NAME))
    qtbot.keyClick(w.view, "l")
    assert [r[4] for r in stored(project.path) if r[1] == "ali"] == ["LOC"]


def test_accepting_a_suggestion_a_background_job_replaced_is_refused_without_a_duplicate(
    qtbot: QtBot, project: Project, shown: list[str]
) -> None:
    from tests.ui.test_main_window import suggest

    suggest(project, ("جلفا", "LOC", 0.9))
    w = opened(qtbot, project)  # sara's layer, with the suggestion on screen
    qtbot.keyClick(w.view, Qt.Key.Key_Tab, CTRL)
    seen = w.view.span_under_caret()
    assert seen is not None and seen.label == "LOC"
    with Project.open(project.path) as job:  # a pre-tagging job on its own connection replaces the suggestions
        suggest(job, ("جلفا", "ORG", 0.7))
    qtbot.keyClick(w.view, Qt.Key.Key_Return)  # accept what the window still shows
    assert len(shown) == 1 and "removed elsewhere" in shown[0]
    with Project.open(project.path) as reader:
        suggestions = [s for s in reader.layer_spans(DOC, "sara") if s.status is SpanStatus.SUGGESTED]
    assert [s.label for s in suggestions] == ["ORG"] and suggestions[0].id != seen.id
    assert [s for s in w.view.spans if s.status is SpanStatus.SUGGESTED] == suggestions
    assert w.annotation.undo_stack.count() == 0  # type: ignore[union-attr]
