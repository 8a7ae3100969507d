"""A read-only table over a sequence of rows (views ask only for the cells they paint), and how tables fit text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

Index = QModelIndex | QPersistentModelIndex
# Persian text sits on the right in either interface direction (Absolute: not mirrored in a right-to-left one).
PERSIAN = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter


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


# Letters and marks that reach highest and lowest: the madda of «آ», hamza below «إ», harakat, Latin accents.
TALL = "آإأؤئۀ ژ ًٌٍَُِّْٰٓ ÉÅÇ gjpqy|"
CELL_PADDING = 3  # pixels above and below the ink, inside the grid line


def row_height(font: QFont) -> int:
    """A table row tall enough for a line of ``font`` with every Persian mark, laid out in the cell's middle."""
    metrics = QFontMetrics(font)
    ink = metrics.tightBoundingRect(TALL)
    line = metrics.height()
    # the cell centres a line of height `line`; ink reaches ink.top() above and ink.bottom() below the baseline
    above = -ink.top() - metrics.ascent()
    below = ink.bottom() - metrics.descent()
    return line + 2 * max(above, below, 0) + 2 * CELL_PADDING


def fit_rows(view: QTableView) -> None:
    """One line per row, as tall as the view's font needs (the default cuts Persian marks above and below)."""
    view.setWordWrap(False)
    header = view.verticalHeader()
    header.setMinimumSectionSize(1)
    header.setDefaultSectionSize(row_height(view.font()))
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)


def text_width(view: QAbstractItemView, texts: Iterable[str], minimum: int = 0) -> int:
    """A column width that shows the widest of ``texts`` whole, with the style's cell margins."""
    metrics = QFontMetrics(view.font())
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 8
    return max([minimum, *(metrics.horizontalAdvance(t) + margin for t in texts)])


def select_row(view: QAbstractItemView, row: int | None, column: int = 0) -> None:
    """Make ``row`` the one current, selected row (None: no row), without Qt's selectRow().

    In a right-to-left table, selectRow() looks for the first column past the viewport's last pixel,
    finds none, and selects nothing.
    """
    selection = view.selectionModel()
    if row is None or not 0 <= row < view.model().rowCount():
        selection.clear()
        return
    index = view.model().index(row, column)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    selection.setCurrentIndex(index, flags)
    view.scrollTo(index)


def table_height(view: QTableView) -> int:
    """The height that shows every row of ``view`` and its header, with no empty space below them."""
    rows = sum(view.rowHeight(r) for r in range(view.model().rowCount()))
    header = view.horizontalHeader().sizeHint().height() if view.horizontalHeader().isVisible() else 0
    scroll = (
        view.horizontalScrollBar().sizeHint().height()
        if view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOn
        else 0
    )
    return rows + header + scroll + 2 * view.frameWidth()
