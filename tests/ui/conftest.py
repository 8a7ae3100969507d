from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.importers import ImportOptions, import_paths
from annotator.model import Span
from annotator.schema import preset
from annotator.store import Project
from tests.conftest import SAMPLE


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> None:
    """QSettings in a temporary folder: tests never touch the user's preferences."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("BarchasbTests")
    QSettings().setValue("preferences/auto_pretag", False)  # tests that want it switch it on


@dataclass
class ShownBox:
    """One message box as the user saw it."""

    text: str
    text_format: Qt.TextFormat
    icon: QMessageBox.Icon
    image: QImage


class MessageBoxes:
    """Every message box shown during a test, recorded and then answered as a person would."""

    def __init__(self) -> None:
        self.shown: list[ShownBox] = []
        self.expected = False
        self.answer: QMessageBox.StandardButton | None = None  # None: the box's escape button (OK, No, Cancel)

    @property
    def texts(self) -> list[str]:
        return [box.text for box in self.shown]

    def watch(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible() or box.property("seen"):
            return
        box.setProperty("seen", True)
        self.shown.append(ShownBox(box.text(), box.textFormat(), box.icon(), box.grab().toImage()))
        button = box.button(self.answer) if self.answer is not None else box.escapeButton()
        if button is None:
            button = box.defaultButton() or box.buttons()[0]
        button.click()


@pytest.fixture(autouse=True)
def message_box_watch(qapp: QApplication) -> MessageBoxes:
    """A modal box would wait forever offscreen: each one is answered, and fails a test that did not expect it."""
    boxes = MessageBoxes()
    timer = QTimer()
    timer.timeout.connect(boxes.watch)
    timer.start(10)
    yield boxes
    timer.stop()
    if boxes.shown and not boxes.expected:
        pytest.fail(f"unexpected message box: {boxes.texts}")


@pytest.fixture
def message_boxes(message_box_watch: MessageBoxes) -> MessageBoxes:
    """The message boxes a test expects to be shown (each recorded with its text, format and image)."""
    message_box_watch.expected = True
    return message_box_watch


@pytest.fixture
def project(project_path: Path, data_dir: Path) -> Project:
    p = Project.create(project_path, preset("combined"))
    import_paths(p, [SAMPLE, data_dir / "mixed.jsonl"], ImportOptions())
    yield p
    p.close()


class ModalAnswer:
    """Answers the next modal dialog of a class, as a person would, from a timer (the dialog's exec waits)."""

    def __init__(self, kind: type, handler: Callable[[Any], None]) -> None:
        self.kind = kind
        self.handler = handler
        self.dialogs: list[Any] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._watch)
        self.timer.start(10)

    @property
    def done(self) -> bool:
        return bool(self.dialogs)

    def _watch(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, self.kind) and dialog.isVisible():
            self.timer.stop()
            self.dialogs.append(dialog)
            self.handler(dialog)


def when_shown(kind: type, handler: Callable[[Any], None]) -> ModalAnswer:
    """Run ``handler`` on the next modal dialog of class ``kind`` once it is on screen."""
    return ModalAnswer(kind, handler)


DOC = SAMPLE.stem  # the sample article's document id
WORDS = {  # word → label per annotator (None: that annotator did not mark it)
    "ارس": ("LOC", "LOC", "LOC"),
    "ایلنا": ("ORG", "PER", "ORG"),
    "محمد تبریزی": ("PER", "PER", None),
}
NAMES = ("ali", "sara", "zahra")


@pytest.fixture
def team(project: Project) -> Project:
    """Three annotators on the sample: agreed, type and boundary regions."""
    document = project.document(DOC)
    for word, labels in WORDS.items():
        start = document.text.index(word)
        for name, label in zip(NAMES, labels, strict=True):
            if label is not None:
                end = start + (4 if name == "sara" and word == "محمد تبریزی" else len(word))
                project.add_span(DOC, name, Span(start, end, label))
    return project
