"""Create a project: where, which label schema, which normalization."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from annotator.schema import PRESETS
from annotator.text.profiles import Profile
from ui.dialogs import modal, ok_cancel
from ui.i18n import word

TYPICAL_PATH = "/home/annotator/projects/news-2025.barchasb"


class NewProjectDialog(QDialog):
    """The three choices `barchasb new` takes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New project"))
        self.path = QLineEdit()
        # a whole path in view (the field was a hundred pixels wide: a typed path scrolled out of sight)
        self.path.setMinimumWidth(self.path.fontMetrics().horizontalAdvance(TYPICAL_PATH))
        browse = QPushButton("…")
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        self.schema = QComboBox()
        for name in PRESETS:  # the item's data is the preset's name, its text the interface's word for it
            self.schema.addItem(word(name), name)
        self.schema.setCurrentIndex(self.schema.findData("combined"))
        self.normalize = QComboBox()
        for profile in Profile:
            self.normalize.addItem(word(profile), str(profile))
        self.normalize.setCurrentIndex(self.normalize.findData(str(Profile.STANDARD)))
        form = QFormLayout(self)
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Label schema"), self.schema)
        form.addRow(self.tr("Normalization"), self.normalize)
        form.addRow(ok_cancel(self))
        browse.clicked.connect(self._on_browse_clicked)

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[str, str, Profile] | None:
        """``(path, schema preset, profile)``, or None when cancelled. Tests patch this."""
        dialog = cls(parent)
        if not modal(dialog) or not dialog.path.text().strip():
            return None
        path = dialog.path.text().strip()
        if not path.endswith(".barchasb"):
            path += ".barchasb"
        return path, str(dialog.schema.currentData()), Profile(str(dialog.normalize.currentData()))

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New project"), "", self.tr("Barchasb projects (*.barchasb)")
        )
        if path:
            self.path.setText(path)
