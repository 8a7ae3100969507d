"""The keyboard shortcuts: the action table and the schema's label keys."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from annotator.schema import Schema
from ui.actions import ACTIONS
from ui.dialogs import modal


class ShortcutsDialog(QDialog):
    """A read-only table of every shortcut."""

    def __init__(self, schema: Schema | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = [(spec.shortcut, spec.text.replace("&", "")) for spec in ACTIONS]
        if schema is not None:
            rows += [
                (t.key or "—", f"Label {t.name} ({t.description})" if t.description else f"Label {t.name}")
                for t in schema.types
            ]
        rows += [("Shift+Left / Shift+Right", "Extend the selection by a token (left is forward)")]
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels(["key", "action"])
        for row, (key, text) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(key))
            table.setItem(row, 1, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        self.table = table
        self.resize(560, 640)

    @classmethod
    def show_for(cls, schema: Schema | None, parent: QWidget | None) -> None:
        """Show the table until the user closes it (F1)."""
        modal(cls(schema, parent))
