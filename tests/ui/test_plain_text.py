"""Strings from project files and packages are shown as their characters, never rendered as HTML."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QLabel, QToolTip
from pytestqt.qtbot import QtBot

from annotator.importers import ImportOptions, import_paths
from annotator.model import Span, SpanStatus
from annotator.review.package import write_package
from annotator.schema import EntityType, Schema, preset
from annotator.store import Project
from tests.ui.conftest import MessageBoxes
from tests.ui.test_main_window import window

# An image that would load a local file and stretch the tooltip, and markup that would turn bold.
EVIL = '<img src="file:///etc/hostname" width=900><b>x</b>'
TEXT = "علی به تبریز رفت و تبریز را دید."


def displayed(text: str) -> str:
    """What Qt shows for a tooltip or auto-format label holding ``text``: rich text when it guesses so."""
    if not GuiQt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def shown_tooltip() -> QLabel:
    """The label Qt uses to show the current tooltip."""
    labels = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()]
    assert labels, "no tooltip is shown"
    label = labels[0]
    assert isinstance(label, QLabel)
    return label


MARKUP_LABEL = "<b>LAW</b>"  # the schema allows any label without spaces or controls


def hostile_schema() -> Schema:
    schema = preset("combined")
    types = tuple(replace(t, description=EVIL) if t.name == "PER" else t for t in schema.types)
    return Schema(schema.name, (*types, EntityType(MARKUP_LABEL, "#aabbcc", "w")))


@pytest.fixture
def hostile(tmp_path: Path) -> Project:
    """A project whose document id and title, span source, description and annotator name are markup."""
    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps({"id": EVIL, "title": EVIL, "text": TEXT}, ensure_ascii=False) + "\n", "utf-8")
    project = Project.create(tmp_path / "hostile.barchasb", hostile_schema())
    import_paths(project, [source], ImportOptions())
    tabriz = TEXT.index("تبریز")
    project.replace_suggestions(EVIL, "sara", [Span(0, 3, "PER", None, SpanStatus.SUGGESTED, EVIL, 0.7)])
    for name in ("ali", EVIL):
        project.add_span(EVIL, name, Span(tabriz, tabriz + 5, "LOC" if name == "ali" else "ORG"))
    yield project
    project.close()


def test_every_place_a_hostile_string_reaches_shows_it_literally(
    qtbot: QtBot, hostile: Project, tmp_path: Path, message_boxes: MessageBoxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window(qtbot, hostile, "sara")
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)

    # the status line names the document by its id
    assert w.status.textFormat() == Qt.TextFormat.PlainText and w.status.text().startswith(EVIL)

    # the palette's tooltip is the label's description, else its name
    assert displayed(w.label_panel.buttons["PER"].toolTip()) == EVIL
    assert displayed(w.label_panel.buttons[MARKUP_LABEL].toolTip()) == MARKUP_LABEL

    # hovering the suggestion shows its source (from a stranger's package)
    cursor = QTextCursor(w.view.document())
    cursor.setPosition(1)
    point = w.view.cursorRect(cursor).center()
    QApplication.sendEvent(w.view, QHelpEvent(QEvent.Type.ToolTip, point, w.view.viewport().mapToGlobal(point)))
    tip = shown_tooltip()
    assert f"source: {EVIL}" in displayed(tip.text())
    assert tip.sizeHint().width() < 600  # no 900-pixel image was laid out
    tip.grab().save(str(tmp_path / "tooltip.png"))
    QToolTip.hideText()

    # the agreement view: annotator names in its summary and its heatmap's tooltips
    job = w.show_agreement()
    assert job is not None
    qtbot.waitUntil(lambda: w.agreement_view is not None and w.agreement_view.isVisible(), timeout=10_000)
    view = w.agreement_view
    assert view.summary.textFormat() == Qt.TextFormat.PlainText and EVIL in view.summary.text()  # type: ignore[union-attr]
    tips = [view.heatmap.item(r, c).toolTip() for r in range(2) for c in range(2) if r != c]  # type: ignore[union-attr]
    assert all(displayed(t).startswith(("ali ~ " + EVIL, EVIL + " ~ ali")) for t in tips)
    view.close()  # type: ignore[union-attr]

    # curation: the panel's summary names the annotators
    w.set_review_mode(True)
    panel = w.curation_panel
    assert panel is not None and panel.summary.textFormat() == Qt.TextFormat.PlainText
    assert EVIL in panel.summary.text()
    w.set_review_mode(False)

    # a refused merge names the package's document by its title, in a message box
    other = Project.create(tmp_path / "other.barchasb", hostile_schema())
    foreign = tmp_path / "foreign.jsonl"
    foreign.write_text(json.dumps({"id": "f", "title": EVIL, "text": "سند دیگری"}, ensure_ascii=False) + "\n", "utf-8")
    import_paths(other, [foreign], ImportOptions())
    other.add_span("f", "zahra", Span(0, 3, "LOC"))
    package = tmp_path / "zahra.barchasb-package"
    write_package(other, "zahra", package)
    other.close()
    from ui.review.exchange import ExchangeDialogs

    monkeypatch.setattr(ExchangeDialogs, "merge_request", classmethod(lambda cls, parent: ([str(package)], False)))
    w.merge_packages()
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=10_000)
    refused = message_boxes.shown[-1]
    assert refused.text_format == Qt.TextFormat.PlainText and f"«{EVIL}»" in refused.text
    refused.image.save(str(tmp_path / "refused-merge.png"))

    # an import error names the file, whose name is markup too
    bad = tmp_path / "<b>bad<i>.jsonl"
    bad.write_text('{"text": \n', encoding="utf-8")
    from ui.dialogs.transfer import ImportDialog

    monkeypatch.setattr(ImportDialog, "ask", classmethod(lambda cls, parent: ([str(bad)], ImportOptions())))
    w.import_documents()
    qtbot.waitUntil(lambda: len(message_boxes.shown) == 2, timeout=10_000)
    failed = message_boxes.shown[-1]
    assert failed.text_format == Qt.TextFormat.PlainText and str(bad) in failed.text


def test_labels_and_message_boxes_are_plain_whatever_they_hold(qtbot: QtBot, message_boxes: MessageBoxes) -> None:
    from ui.dialogs.schema_editor import SchemaEditor
    from ui.messages import error, inform, warn
    from ui.plain import plain_label, tip

    for show in (warn, inform, error):
        show(None, EVIL)
    assert [b.text for b in message_boxes.shown] == [EVIL] * 3
    assert all(b.text_format == Qt.TextFormat.PlainText for b in message_boxes.shown)
    assert plain_label(EVIL).textFormat() == Qt.TextFormat.PlainText
    assert displayed(tip(EVIL)) == EVIL and displayed(tip("a < b\nc")) == "a < b\nc"
    assert tip("PER · source: human") == "PER · source: human"  # what Qt takes as plain stays as it is
    editor = SchemaEditor(hostile_schema())
    qtbot.addWidget(editor)
    assert editor.error.textFormat() == Qt.TextFormat.PlainText


def test_a_recent_project_with_an_ampersand_is_listed_and_opened_by_its_real_path(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    from ui.settings import remember_project

    other = tmp_path / "R&D <b>news<i>.barchasb"
    Project.create(other, preset("combined")).close()
    remember_project(str(other))
    w = window(qtbot, project)
    file_menu = w.menuBar().actions()[0].menu()
    recent = next(a for a in file_menu.actions() if a.text() == "Recent projects").menu()  # type: ignore[union-attr]
    entry = recent.actions()[0]  # type: ignore[union-attr]
    assert entry.iconText() == str(other)  # what a menu shows: the "&" itself, not a mnemonic
    entry.trigger()
    assert w.replaced_by.project.path == other  # type: ignore[attr-defined]
    w.replaced_by.close()  # type: ignore[attr-defined]
    w.replaced_by.project.close()  # type: ignore[attr-defined]
