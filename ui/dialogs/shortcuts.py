"""The keyboard shortcuts: the action table and the schema's label keys."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.schema import Schema
from ui.actions import ACTIONS, action_text
from ui.dialogs import close_button, modal
from ui.table_model import fit_rows


class ShortcutsDialog(QDialog):
    """A read-only table of every shortcut."""

    def __init__(
        self, schema: Schema | None, parent: QWidget | None = None, actions: Mapping[str, QAction] | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        # the window's own actions when given: their text carries what the table cannot (the accept-all threshold)
        rows = [
            (spec.shortcut, _plain(actions[spec.id].text() if actions and spec.id in actions else action_text(spec)))
            for spec in ACTIONS
        ]  # keys as printed on them
        if schema is not None:
            label, described = self.tr("Label {name}"), self.tr("Label {name} ({description})")
            rows += [
                (
                    t.key or "—",
                    described.format(name=t.name, description=t.description)
                    if t.description
                    else label.format(name=t.name),
                )
                for t in schema.types
            ]
        rows += [("Shift+Left / Shift+Right", self.tr("Extend the selection by a token (left is forward)"))]
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([self.tr("key"), self.tr("action")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # a list to read, not to change
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)  # row numbers say nothing here (and were Latin in Persian)
        fit_rows(table)  # the madda of «آ» and marks below stay inside their row
        for row, (key, text) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(key))
            table.setItem(row, 1, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)  # no empty strip beside the actions
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(close_button(self))
        self.table = table
        self.resize(560, 640)

    @classmethod
    def show_for(
        cls, schema: Schema | None, parent: QWidget | None, actions: Mapping[str, QAction] | None = None
    ) -> None:
        """Show the table until the user closes it (F1)."""
        modal(cls(schema, parent, actions))


def _plain(text: str) -> str:
    """A menu text without its mnemonic marks ('&&' is a literal '&')."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
