"""The window in Persian: every word translated, mirrored, Persian digits; the translation file complete."""

from __future__ import annotations

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFontComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from annotator.model import Span, SpanStatus
from annotator.review.agreement import project_agreement
from annotator.store import Project
from tests.ui.test_main_window import DOC, window
from ui.actions import ACTIONS
from ui.i18n import HERE, install
from ui.main_window import MainWindow

# Latin words that are not English to translate: names, formats, keys, symbols, file patterns.
ALLOWED = {
    "F1", "IOB1", "IOB2", "BIOES", "CoNLL", "JSONL", "CSV", "HuggingFace", "English", "DOCSTART", "Alt", "Ctrl",
    "Shift", "Down", "Up", "Left", "Right", "Tab", "Return", "Delete", "Backspace", "PgUp", "PgDown", "Del",
    "barchasb", "export", "gui", "PROJECT", "imported", "auto", "utf-8", "utf-8-sig", "utf-16", "cp1256",
    "conll", "jsonl", "csv", "hf", "hf-disk", "doccano", "label-studio", "webanno-tsv", "arman", "peyma",
    "parstwiner", "pers", "PER", "event", "EVE", "iob1", "iob2", "bioes", "DOCSTART-", "O", "Label", "Studio",
    "CoNLL-2003", "X-", "LOC", "loc", "cc-by-4", "PostgreSQL", "URL", "PGPASSWORD", "postgresql",
}  # fmt: skip
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_\-']*")
PATTERN = re.compile(
    r"\*\.[\w.-]+|\.\w+|[\w.-]+\.barchasb(-package)?|\{\w+\}|%L?n|#[0-9a-fA-F]{6}|(Ctrl|Alt|Shift)(\+\w+)+"
)  # files, fields, colours, keys


@pytest.fixture
def persian(qapp: QApplication) -> Iterator[None]:
    install("fa")
    yield
    install("en")  # every other test reads the window in English


def shown(tooltip: str) -> str:
    """A tooltip's characters as read (ui.plain.tip wraps markup-like text in an escaping paragraph)."""
    return html.unescape(re.sub(r"<[^>]+>", "", tooltip)) if tooltip.startswith("<p ") else tooltip


def texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """Every word a person can read on ``widget`` and its children: (where, text)."""
    for w in [widget, *widget.findChildren(QWidget)]:
        where = f"{type(w).__name__} {w.objectName()}".strip()
        if w.isWindow():
            yield where + " title", w.windowTitle()
        yield where + " tooltip", shown(w.toolTip())
        if isinstance(w, QLabel):
            yield where, w.text()
        if isinstance(w, QAbstractButton):
            yield where, w.text()
        if isinstance(w, QLineEdit):
            yield where + " placeholder", w.placeholderText()
        if isinstance(w, QAbstractSpinBox):
            yield where + " special value", w.specialValueText()
        if isinstance(w, QComboBox) and not isinstance(w, QFontComboBox):  # font names are names
            yield from ((f"{where} item", w.itemText(i)) for i in range(w.count()))
        if isinstance(w, QTabWidget):
            yield from ((f"{where} tab", w.tabText(i)) for i in range(w.count()))
        if isinstance(w, QListWidget):
            yield from ((f"{where} item", w.item(i).text()) for i in range(w.count()))
        if isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            for column in range(model.columnCount(QModelIndex())):
                yield f"{where} header", str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                for row in range(min(model.rowCount(QModelIndex()), 50)):
                    yield f"{where} cell", str(model.index(row, column).data() or "")
                    yield (
                        f"{where} cell tip",
                        shown(str(model.index(row, column).data(Qt.ItemDataRole.ToolTipRole) or "")),
                    )
    if isinstance(widget, QMainWindow):
        for menu_action in widget.menuBar().actions():
            yield "menu", menu_action.text()
            menu = menu_action.menu()
            for action in menu.actions() if menu is not None else ():
                yield f"menu {menu_action.text()}", action.text()
                yield f"menu {menu_action.text()} tip", action.statusTip()


def untranslated(pairs: Iterator[tuple[str, str]], names: set[str]) -> list[str]:
    """Texts that still hold an English word (a Latin word neither allowed nor a name from the project)."""
    found = []
    for where, text in pairs:
        words = set(LATIN.findall(PATTERN.sub(" ", text))) - ALLOWED - names
        if words:
            found.append(f"{where}: {text!r} ({', '.join(sorted(words))})")
    return found


def project_names(project: Project) -> set[str]:
    """Names that come from the project: ids, labels, annotators, sources, file names."""
    names = {project.path.stem, project.path.name, "gold", *project.schema.labels}
    names |= {t.key for t in project.schema.types if t.key} | {r for t in project.schema.types for r in t.roles}
    for info in project.documents():
        names |= {info.id, *info.layers, *LATIN.findall(info.id), *LATIN.findall(info.title)}
        for layer in project.document(info.id).layers.values():
            names |= {s.source for s in layer.spans if s.source}
    names |= {w for t in project.schema.types for w in LATIN.findall(t.description)}  # the schema's own words
    from PySide6.QtGui import QFontDatabase

    names |= {w for family in QFontDatabase.families() for w in LATIN.findall(family)}  # fonts (Preferences)
    return names


def team_project(project: Project) -> Project:
    document = project.document(DOC)
    for word, labels in {"ارس": ("LOC", "LOC", "LOC"), "ایلنا": ("ORG", "PER", "ORG")}.items():
        start = document.text.index(word)
        for name, label in zip(("ali", "sara", "zahra"), labels, strict=True):
            project.add_span(DOC, name, Span(start, start + len(word), label))
    return project


def test_every_view_and_dialog_reads_in_persian(qtbot: QtBot, project: Project, persian: None) -> None:
    team_project(project)
    names = project_names(project) | {"ali", "sara", "zahra", "reviewer"}
    document = project.document(DOC)
    start = document.text.index("ایلنا")
    project.add_span(DOC, "reviewer", Span(start, start + 5, "ORG", status=SpanStatus.SUGGESTED, confidence=0.62))
    w = window(qtbot, project, "reviewer")
    w.documents.choose(DOC)
    assert w.layoutDirection() == Qt.LayoutDirection.RightToLeft  # mirrored
    assert w.menuBar().actions()[0].text() == "پرونده"
    found = untranslated(texts(w), names)
    found += untranslated(iter([("status", w.status.text())]), names)
    assert "۱" in w.status.text() or "۰" in w.status.text()  # counts in Persian digits

    from ui.editor.view import span_tip

    suggestion = next(s for s in w.view.spans if s.status is SpanStatus.SUGGESTED)
    assert span_tip(suggestion).endswith("اطمینان: ۶۲٪")
    found += untranslated(iter([("span tooltip", span_tip(suggestion))]), names)

    w.set_review_mode(True)
    assert w.curation_panel is not None
    found += untranslated(texts(w.curation_panel), names)
    found += untranslated(iter([("status", w.status.text())]), names)

    from ui.dialogs.new_project import NewProjectDialog
    from ui.dialogs.preferences import PreferencesDialog
    from ui.dialogs.schema_editor import SchemaEditor
    from ui.dialogs.server import OpenTeamDialog, PasswordDialog
    from ui.dialogs.shortcuts import ShortcutsDialog
    from ui.dialogs.transfer import ExportDialog, ImportDialog
    from ui.review.agreement_view import AgreementView
    from ui.review.team_view import TeamView

    agreement = AgreementView(w)
    agreement.show_report(project_agreement(project))
    views: list[QWidget] = [
        NewProjectDialog(w),
        PreferencesDialog(w),
        SchemaEditor(project.schema, w),
        ShortcutsDialog(project.schema, w),
        ImportDialog(w),
        ExportDialog(w),
        agreement,
        TeamView(project.progress(), project.documents(), w),
        OpenTeamDialog(w),
        PasswordDialog(w, "postgresql://ali@127.0.0.1:5432/barchasb", wrong=True),
        PasswordDialog(w, "postgresql://127.0.0.1/barchasb", wrong=False),
    ]
    for view in views:
        qtbot.addWidget(view)
        assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
        found += untranslated(texts(view), names)
    assert not found, "untranslated:\n" + "\n".join(found)
    assert len(w.actions_) == len(ACTIONS)


def test_numbers_and_layout_follow_the_language(qapp: QApplication, persian: None) -> None:
    assert QLocale().toString(1234) in ("۱٬۲۳۴", "۱۲۳۴")
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    install("en")
    assert QLocale().toString(1234) == "1234" and qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_english_counts_are_singular_for_one(qtbot: QtBot, project: Project) -> None:
    w = MainWindow(project, "sara")
    qtbot.addWidget(w)
    assert w.tr("%Ln documents", "", 1) == "1 document" and w.tr("%Ln documents", "", 2) == "2 documents"


def test_the_persian_translation_covers_every_string_of_the_window(tmp_path: Path) -> None:
    """lupdate over ui/ finds nothing the .ts lacks, and every Persian entry is finished and keeps its fields."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (HERE.parent).rglob("*.py"))
    lupdate = Path(__import__("PySide6").__file__).parent / "lupdate"
    subprocess.run([str(lupdate), *sources, "-locations", "none", "-ts", str(fresh)], check=True, capture_output=True)
    wanted = {(c.findtext("name"), m.findtext("source")) for c in ET.parse(fresh).getroot() for m in c.iter("message")}
    shipped = ET.parse(HERE / "barchasb_fa.ts").getroot()
    done = {}
    for context in shipped:
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            if translation.get("type") not in ("unfinished", "obsolete", "vanished") and all(forms):
                done[(context.findtext("name"), message.findtext("source"))] = forms
    missing = sorted(f"{c}: {s!r}" for c, s in wanted - done.keys())
    assert not missing, "not translated in ui/i18n/barchasb_fa.ts (run tools/translations.sh):\n" + "\n".join(missing)
    for (context, source), forms in done.items():
        for form in forms:
            fields = set(re.findall(r"\{\w+\}|%n", (source or "").replace("%Ln", "%n")))
            kept = set(re.findall(r"\{\w+\}|%n", form.replace("%Ln", "%n")))  # %Ln: the same count, in Persian digits
            assert fields == kept, f"{context}: {source!r} -> {form!r}"
            english = set(LATIN.findall(PATTERN.sub(" ", form))) - ALLOWED
            assert not english, f"{context}: {source!r} -> {form!r} keeps {english}"


def test_the_screenshot_tool_draws_every_view_in_persian(tmp_path: Path) -> None:
    """tools/screenshots.py (the README's pictures) runs offscreen and writes one picture per view."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, str(root / "tools" / "screenshots.py"), "--lang", "fa", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage

    for view in ("annotating", "suggestions", "curation", "agreement", "team", "export", "preferences"):
        image = QImage(str(tmp_path / f"{view}-fa.png"))
        assert not image.isNull() and image.width() > 300 and image.height() > 200, view


def test_choosing_persian_in_preferences_redraws_the_window_in_persian_at_once(qtbot: QtBot, project: Project) -> None:
    from tests.ui.conftest import when_shown
    from ui.dialogs.preferences import PreferencesDialog
    from ui.settings import preference

    w = window(qtbot, project, "sara")
    w.documents.choose(DOC)

    def choose_persian(dialog: PreferencesDialog) -> None:
        dialog.language.setCurrentIndex(dialog.language.findData("fa"))
        dialog.accept()

    answer = when_shown(PreferencesDialog, choose_persian)
    try:
        w.actions_["preferences"].trigger()
        assert answer.done and preference("language") == "fa"
        replacement = w.replaced_by  # type: ignore[attr-defined]
        qtbot.addWidget(replacement)
        assert not w.isVisible() and replacement.isVisible()
        assert replacement.menuBar().actions()[0].text() == "پرونده"
        assert replacement.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert replacement.annotation.document.id == DOC  # where the user was
        replacement.close()
        replacement.project.close()
    finally:
        install("en")


def test_without_the_persian_translation_the_window_stays_in_english_with_one_line(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A package without barchasb_fa (nor its .ts to build it from) falls back to English, said in one line."""
    import shutil

    import ui.i18n

    shutil.copy(HERE / "barchasb_en.ts", tmp_path / "barchasb_en.ts")  # no .qm: built from the .ts on the spot
    monkeypatch.setattr(ui.i18n, "HERE", tmp_path)
    try:
        assert install("fa") == "en"
        assert (tmp_path / "barchasb_en.qm").is_file()
        assert QCoreApplication.translate("MainWindow", "%Ln documents", None, 1) == "1 document"
        assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
        err = capsys.readouterr().err
        assert err == "barchasb: warning: no fa translation found; the interface is in English\n"
    finally:
        monkeypatch.undo()
        install("en")
