"""Who has done what: each annotator's totals, and a document × annotator grid of states."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QDialog, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from annotator.model import LayerStatus
from annotator.review.team import COLUMNS, summarize
from annotator.store import DocumentInfo
from annotator.store.review import LayerProgress
from ui.i18n import number, word
from ui.plain import plain_label

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
    """The team's progress, read from the project when opened."""

    def __init__(self, rows: Sequence[LayerProgress], documents: Sequence[DocumentInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Team progress"))
        self.resize(760, 520)
        people = summarize(rows)
        self.totals = QTableWidget(len(people), 1 + len(COLUMNS))
        self.totals.setHorizontalHeaderLabels([self.tr("annotator"), *(word(c) for c in COLUMNS)])
        for r, (name, counts) in enumerate(people.items()):
            for c, text in enumerate([name, *(number(counts[key]) for key in COLUMNS)]):
                self.totals.setItem(r, c, _cell(text))
        names = list(people)
        self.grid = QTableWidget(len(documents), 2 + len(names))
        self.grid.setHorizontalHeaderLabels([self.tr("document"), self.tr("status"), *names])
        where = {info.id: r for r, info in enumerate(documents)}
        for r, info in enumerate(documents):
            title = _cell(info.title)
            title.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.setItem(r, 0, title)
            self.grid.setItem(r, 1, _cell(word(info.status)))
        for row in rows:
            text = state(row)
            shown = word(text.replace(" ", "_")) if text else ""
            cell = _cell(f"{shown} ({number(row.accepted)})" if row.accepted else shown)
            if text:
                cell.setBackground(QColor(STATE_COLORS[text]))
            self.grid.setItem(where[row.doc_id], 2 + names.index(row.annotator), cell)
        for table in (self.totals, self.grid):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.horizontalHeader().setStretchLastSection(True)
        reviewed = sum(1 for info in documents if str(info.status) == "reviewed")
        layout = QVBoxLayout(self)
        summary = self.tr("%Ln documents, {reviewed} reviewed", "", len(documents)).format(reviewed=number(reviewed))
        layout.addWidget(plain_label(summary))
        layout.addWidget(self.totals, 1)
        layout.addWidget(self.grid, 3)
