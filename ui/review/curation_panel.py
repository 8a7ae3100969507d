"""The curation panel: the document's regions of disagreement, and every annotator's version of one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotator.model import Span
from annotator.review.curation import ReviewRegion
from ui.i18n import number, word
from ui.plain import plain_label
from ui.table_model import PERSIAN, RowsModel, fit_rows, select_row, text_width

# One pale colour per annotator row, so the same person is recognisable from region to region.
ANNOTATOR_COLORS = ("#e3f2fd", "#fce4ec", "#e8f5e9", "#fff3e0", "#ede7f6", "#e0f7fa", "#f9fbe7", "#efebe9")


def describe(text: str, spans: Sequence[Span], offset: int = 0) -> str:
    """``text (LABEL)`` for each span (``text`` starts at document offset ``offset``), or a dash for none.

    The Persian text comes first, so the line is laid out right to left with the label after it.
    """
    return "، ".join(f"{text[s.start - offset : s.end - offset]} ({s.label})" for s in spans) or "—"


def _brief(text: str, start: int, end: int, spans: Sequence[Span]) -> str:
    """The label of a span covering the whole region, else ``text (LABEL)``; a dash for none."""
    if len(spans) == 1 and (spans[0].start, spans[0].end) == (start, end):
        return spans[0].label
    return describe(text, spans)


def _item(text: str, *, rtl: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if rtl:
        item.setTextAlignment(PERSIAN)
    return item


class RegionModel(RowsModel):
    """The regions as a model: a document with thousands of them redraws only the visible rows."""

    UNSETTLED = QColor("#fff8e1")

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.names: list[str] = []

    def set_regions(self, text: str, items: Sequence[ReviewRegion], names: Sequence[str]) -> None:
        self.text, self.names = text, list(names)
        self.reset(items, [self.tr("state"), self.tr("kind"), self.tr("text"), *names])

    def cell(self, item: ReviewRegion, column: int, role: int) -> Any:
        region = item.region
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.tr("✓ none") if item.no_entity else "✓" if item.resolved else "•"
            if column == 1:
                return word(region.kind or "agreed")
            if column == 2:
                return self.text[region.start : region.end]
            # every annotator's marks on the document, a column each
            return _brief(self.text, region.start, region.end, region.versions.get(self.names[column - 3], ()))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(PERSIAN)
        if role == Qt.ItemDataRole.BackgroundRole:
            if column >= 3:
                return QColor(ANNOTATOR_COLORS[(column - 3) % len(ANNOTATOR_COLORS)])
            return None if item.resolved else self.UNSETTLED
        return None


class CurationPanel(QWidget):
    """Regions in reading order with their state; the versions of the chosen one, one row per annotator."""

    region_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = plain_label()  # annotator names come from packages
        # two rows: the five actions on one overflowed at the width curation gives the panel, and the one
        # hidden behind the » was «Mark reviewed, go to next»
        self.toolbar = QToolBar()  # moving between regions and deciding one
        self.document_toolbar = QToolBar()  # the document as a whole
        self.region_model = RegionModel()
        self.regions = QTableView()
        self.regions.setModel(self.region_model)
        self.versions = QTableWidget(0, 2)
        self.versions.setHorizontalHeaderLabels([self.tr("annotator"), self.tr("version")])
        for table in (self.regions, self.versions):
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            table.horizontalHeader().setStretchLastSection(True)
            table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the editor
        for table in (self.regions, self.versions):
            fit_rows(table)  # one line per row, tall enough for the madda of «آ»
            table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.versions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.regions.setMinimumHeight(150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.document_toolbar)
        layout.addWidget(self.regions, 3)
        layout.addWidget(QLabel(self.tr("Versions (Alt+number takes one; Alt+0: no entity here)")))
        layout.addWidget(self.versions)
        self.regions.selectionModel().currentRowChanged.connect(self._on_regions_current_row_changed)
        self._text = ""
        self._quiet = False  # choosing a row from the code, not the user

    def show_regions(self, text: str, items: Sequence[ReviewRegion], names: Sequence[str]) -> None:
        """List the regions; the summary says how many are settled and by whom the document was annotated."""
        self._text = text
        self.regions.blockSignals(True)
        self.regions.selectionModel().blockSignals(True)
        self.region_model.set_regions(text, items, names)
        self._fit_columns(len(names))
        self._fit_versions(len(names))
        self.regions.selectionModel().blockSignals(False)
        self.regions.blockSignals(False)
        settled = sum(1 for item in items if item.resolved)
        who = self.tr(", ").join(names) or self.tr("nobody")
        settled_text = self.tr("{settled} of %Ln regions settled", "", len(items)).format(settled=number(settled))
        self.summary.setText(
            self.tr("Curating gold · annotators: {who} · {settled}").format(who=who, settled=settled_text)
        )

    def _fit_versions(self, annotators: int) -> None:
        """The versions table as tall as a row per annotator and gold: the regions take the rest of the height
        (with a fixed share, the regions of a whole article scrolled four at a time above empty version rows)."""
        table = self.versions
        rows = min(annotators, 9) + 1  # beyond Alt+9 the list scrolls
        header = table.horizontalHeader().sizeHint().height()
        table.setFixedHeight(header + rows * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth())

    def _fit_columns(self, annotators: int) -> None:
        """Each column as wide as its widest cell among the first rows (a long one elides in the middle)."""
        model, view = self.region_model, self.regions
        sample = range(min(model.rowCount(), 300))  # thousands of regions are not measured one by one
        for column in range(3 + annotators):
            texts = [str(model.headerData(column, Qt.Orientation.Horizontal))]
            texts += [str(model.index(r, column).data() or "") for r in sample]
            view.setColumnWidth(column, min(text_width(view, texts, minimum=36), 240))

    def select(self, row: int | None) -> None:
        """Highlight one region's row (without emitting region_chosen).

        The table hears of the change: with the selection model's signals blocked it never repainted, so the
        previous row stayed highlighted on screen beside the new one.
        """
        self._quiet = True
        try:
            select_row(self.regions, row)  # not selectRow(): it selects nothing right to left
        finally:
            self._quiet = False

    def show_versions(self, item: ReviewRegion | None, names: Sequence[str]) -> None:
        """One row per annotator with what they marked in the region, then gold."""
        if item is None:
            self.versions.setRowCount(0)
            return
        self.versions.setRowCount(len(names) + 1)
        for row, name in enumerate(names):
            key = f"Alt+{row + 1}  {name}" if row < 9 else name  # the key as the keyboard writes it
            cells = (_item(key), _item(describe(self._text, item.region.versions.get(name, ())), rtl=True))
            for column, cell in enumerate(cells):
                cell.setBackground(QColor(ANNOTATOR_COLORS[row % len(ANNOTATOR_COLORS)]))
                self.versions.setItem(row, column, cell)
        gold = self.tr("no entity here (decided)") if item.no_entity else describe(self._text, item.gold)
        self.versions.setItem(len(names), 0, _item(self.tr("gold")))
        self.versions.setItem(len(names), 1, _item(gold, rtl=True))

    def _on_regions_current_row_changed(self, current: QModelIndex, _: QModelIndex) -> None:
        if current.isValid() and not self._quiet:
            self.region_chosen.emit(current.row())
