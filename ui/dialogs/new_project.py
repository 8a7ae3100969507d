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


class NewProjectDialog(QDialog):
    """The three choices `barchasb new` takes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New project")
        self.path = QLineEdit()
        browse = QPushButton("…")
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        self.schema = QComboBox()
        self.schema.addItems(list(PRESETS))
        self.schema.setCurrentText("combined")
        self.normalize = QComboBox()
        self.normalize.addItems([str(p) for p in Profile])
        self.normalize.setCurrentText(str(Profile.STANDARD))
        form = QFormLayout(self)
        form.addRow("File", row)
        form.addRow("Label schema", self.schema)
        form.addRow("Normalization", self.normalize)
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
        return path, dialog.schema.currentText(), Profile(dialog.normalize.currentText())

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", "", "Barchasb projects (*.barchasb)")
        if path:
            self.path.setText(path)
