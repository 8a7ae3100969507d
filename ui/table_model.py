"""A read-only table over a sequence of rows: views ask only for the cells they paint."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Subclasses set :attr:`rows` and :attr:`headers` through :meth:`reset` and answer :meth:`cell`."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: Sequence[Any] = ()
        self.headers: list[str] = []

    def reset(self, rows: Sequence[Any], headers: Sequence[str]) -> None:
        """Show other rows (and columns)."""
        self.beginResetModel()
        self.rows, self.headers = rows, list(headers)
        self.endResetModel()

    def cell(self, row: Any, column: int, role: int) -> Any:
        """What a cell shows for ``role`` (None: nothing); text is always plain, never HTML."""
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.cell(self.rows[index.row()], index.column(), role) if index.isValid() else None
