"""Who has done what: each annotator's totals, and a document × annotator grid of states."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QDialog, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from annotator.model import LayerStatus
from annotator.review.team import COLUMNS, summarize
from annotator.store import DocumentInfo
from annotator.store.review import LayerProgress
from ui.dialogs import close_button
from ui.i18n import layer_name, number, word
from ui.plain import plain_label
from ui.table_model import PERSIAN, fit_rows, table_height

STATE_COLORS = {"done": "#c8e6c9", "in progress": "#fff9c4", "assigned": "#eceff1"}


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # plain text
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def state(row: LayerProgress) -> str:
    """How a person reads one (document, annotator) pair."""
    if row.status is LayerStatus.DONE:
        return "done"
    if row.status is LayerStatus.IN_PROGRESS or row.accepted:
        return "in progress"
    return "assigned" if row.assigned else ""


class TeamView(QDialog):
    """The team's progress, read from the project when opened (and again when someone changes it)."""

    def __init__(self, rows: Sequence[LayerProgress], documents: Sequence[DocumentInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Team progress"))
        self.resize(760, 520)
        self.summary = plain_label()
        self.totals = QTableWidget()
        self.grid = QTableWidget()
        for table in (self.totals, self.grid):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.horizontalHeader().setStretchLastSection(True)
            fit_rows(table)
            table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # the totals show every annotator, no more and no less: the grid below takes the rest
        self.totals.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.totals)
        layout.addWidget(self.grid, 1)
        layout.addWidget(close_button(self))
        self.show_progress(rows, documents)

    def show_progress(self, rows: Sequence[LayerProgress], documents: Sequence[DocumentInfo]) -> None:
        """Fill both tables and the summary (keeping where the grid is scrolled to)."""
        scrolled = self.grid.verticalScrollBar().value()
        people = summarize(rows)
        self.totals.clear()
        self.totals.setRowCount(len(people))
        self.totals.setColumnCount(1 + len(COLUMNS))
        self.totals.setHorizontalHeaderLabels([self.tr("annotator"), *(word(c) for c in COLUMNS)])
        for r, (name, counts) in enumerate(people.items()):
            for c, text in enumerate([layer_name(name), *(number(counts[key]) for key in COLUMNS)]):
                self.totals.setItem(r, c, _cell(text))
        names = list(people)
        self.grid.clear()
        self.grid.setRowCount(len(documents))
        self.grid.setColumnCount(2 + len(names))
        self.grid.setHorizontalHeaderLabels([self.tr("document"), self.tr("status"), *map(layer_name, names)])
        where = {info.id: r for r, info in enumerate(documents)}
        for r, info in enumerate(documents):
            title = _cell(info.title)
            title.setTextAlignment(PERSIAN)
            self.grid.setItem(r, 0, title)
            self.grid.setItem(r, 1, _cell(word(info.status)))
        for row in rows:
            if row.doc_id not in where:  # a document added between the two reads: the next refresh shows it
                continue
            text = state(row)
            shown = word(text.replace(" ", "_")) if text else ""
            cell = _cell(f"{shown} ({number(row.accepted)})" if row.accepted else shown)
            if text:
                cell.setBackground(QColor(STATE_COLORS[text]))
            self.grid.setItem(where[row.doc_id], 2 + names.index(row.annotator), cell)
        self.totals.resizeColumnsToContents()
        self.grid.resizeColumnsToContents()
        self.grid.setColumnWidth(0, min(self.grid.columnWidth(0), 260))  # a long title gives way
        self.totals.setFixedHeight(table_height(self.totals))
        self.grid.verticalScrollBar().setValue(scrolled)
        reviewed = sum(1 for info in documents if str(info.status) == "reviewed")
        summary = self.tr("%Ln documents, {reviewed} reviewed", "", len(documents)).format(reviewed=number(reviewed))
        self.summary.setText(summary)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.totals.setFixedHeight(table_height(self.totals))  # rows measured with the style's font, once shown
