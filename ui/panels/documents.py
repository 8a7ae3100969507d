"""The project's documents as a sortable table: assignment mark, title, status, entities, suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from annotator.model import DocStatus
from annotator.store import DocumentInfo
from ui.i18n import QT_TRANSLATE_NOOP, number, translate, word
from ui.plain import plain_label, tip
from ui.table_model import PERSIAN, RowsModel, fit_rows

COLUMNS = (
    QT_TRANSLATE_NOOP("DocumentModel", "★"),
    QT_TRANSLATE_NOOP("DocumentModel", "title"),
    QT_TRANSLATE_NOOP("DocumentModel", "status"),
    QT_TRANSLATE_NOOP("DocumentModel", "entities"),
    QT_TRANSLATE_NOOP("DocumentModel", "sugg."),
)
HEADER_TIPS = (
    QT_TRANSLATE_NOOP("DocumentModel", "assigned to you"),
    QT_TRANSLATE_NOOP("DocumentModel", "title (the id and layers in its tooltip)"),
    QT_TRANSLATE_NOOP("DocumentModel", "where the document is in the workflow"),
    QT_TRANSLATE_NOOP("DocumentModel", "entities in your layer"),
    QT_TRANSLATE_NOOP("DocumentModel", "open suggestions in your layer"),
)
MARK, TITLE, STATUS, ENTITIES, SUGGESTIONS = range(len(COLUMNS))
SORT = Qt.ItemDataRole.UserRole + 1  # what a column sorts by (numbers as numbers, status in workflow order)
ORDER = {status: n for n, status in enumerate(DocStatus)}
# a person's edit moves a document on from these (the store does the same: annotator/store/edits.py)
UNTOUCHED = (DocStatus.NEW, DocStatus.PRETAGGED)


@dataclass(slots=True)
class DocumentRow:
    """One document as the table shows it."""

    info: DocumentInfo
    entities: int
    suggestions: int
    mine: bool


class DocumentModel(RowsModel):
    """A thin adapter over the document rows; the view asks only for the cells it paints."""

    def __init__(self) -> None:
        super().__init__()
        self.headers = [translate("DocumentModel", c) for c in COLUMNS]
        self.rows: list[DocumentRow] = []
        self._where: dict[str, int] = {}

    def set_rows(self, rows: list[DocumentRow]) -> None:
        self.reset(rows, [translate("DocumentModel", c) for c in COLUMNS])
        self._where = {row.info.id: n for n, row in enumerate(rows)}

    def row_of(self, doc_id: str) -> int | None:
        """The source row of ``doc_id``."""
        return self._where.get(doc_id)

    def update(self, doc_id: str, status: DocStatus | None, entities: int, suggestions: int) -> None:
        """New counts (and status) for one document, redrawn in place."""
        n = self._where.get(doc_id)
        if n is None:
            return
        row = self.rows[n]
        if status is not None:
            row.info = row.info._replace(status=status)
        row.entities, row.suggestions = entities, suggestions
        self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))

    def replace(self, info: DocumentInfo, entities: int, suggestions: int) -> bool:
        """One document's row as read again (status, layers, counts); False when it is not in the table."""
        n = self._where.get(info.id)
        if n is None:
            return False
        row = self.rows[n]
        row.info, row.entities, row.suggestions = info, entities, suggestions
        self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return translate("DocumentModel", HEADER_TIPS[section])
        return super().headerData(section, orientation, role)

    def cell(self, row: DocumentRow, column: int, role: int) -> Any:
        info = row.info
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                "★" if row.mine else "",
                info.title,
                word(info.status),
                number(row.entities),
                number(row.suggestions),
            )[column]
        if role == SORT:
            return (row.mine, info.title.casefold(), ORDER[info.status], row.entities, row.suggestions)[column]
        if role == Qt.ItemDataRole.UserRole:
            return info.id
        if role == Qt.ItemDataRole.ToolTipRole:
            layers = ", ".join(info.layers) or "—"
            text = translate("DocumentModel", "{title}\nid: {id} · {tokens} · layers: {layers}").format(
                title=info.title,
                id=info.id,
                tokens=translate("DocumentModel", "%Ln tokens", "", info.tokens),
                layers=layers,
            )
            return tip(text)  # titles and ids are the project's strings: shown literally
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == TITLE:  # Persian titles sit on the right, whatever the interface's direction
                return int(PERSIAN)
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class DocumentFilter(QSortFilterProxyModel):
    """Keeps the rows whose title or id holds the filter text (and only yours, when asked)."""

    def __init__(self) -> None:
        super().__init__()
        self.needle = ""
        self.only: set[str] | None = None
        self.setSortRole(SORT)

    def set_filter(self, needle: str, only: set[str] | None) -> None:
        self.beginFilterChange()
        self.needle, self.only = fold(needle), only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, DocumentModel)
        info = model.rows[source_row].info
        if self.only is not None and info.id not in self.only:
            return False
        return not self.needle or self.needle in fold(info.title) or self.needle in fold(info.id)


# Spellings a Persian reader takes for the same text: Arabic letter forms (ي ك), three sets of digits, tatweel and
# short vowels, and a ZWNJ typed as a space or left out.
_FOLD = str.maketrans(
    {
        **{ord(c): p for c, p in zip("يىكەھہ", "ییکههه", strict=True)},
        **{0x0660 + d: str(d) for d in range(10)},
        **{0x06F0 + d: str(d) for d in range(10)},
        **{c: None for c in (0x0640, 0x0670, *range(0x064B, 0x0660))},
        0x200C: " ",
    }
)


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """``text`` as the filter compares it: one spelling per letter and digit, ZWNJ as a space, spaces single."""
    return " ".join(text.translate(_FOLD).casefold().split())


class DocumentTable(QTableView):
    """A table whose title column takes the width the others leave, so nothing scrolls sideways."""

    def __init__(self) -> None:
        super().__init__()
        self.horizontalHeader().sectionResized.connect(self._on_header_section_resized)

    def fit_title(self) -> None:
        """Give the title column what the viewport has left after the other columns."""
        header = self.horizontalHeader()
        if header.count() <= TITLE:
            return
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != TITLE)
        width = max(self.viewport().width() - others, header.minimumSectionSize())
        if header.sectionSize(TITLE) != width:
            header.resizeSection(TITLE, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_title()

    def _on_header_section_resized(self, section: int, _: int, __: int) -> None:
        if section != TITLE:
            self.fit_title()


class DocumentList(QWidget):
    """A filterable, sortable table; emits the id of the chosen document."""

    document_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("filter by title or id"))
        self.filter.setClearButtonEnabled(True)
        self.model_ = DocumentModel()
        self.proxy = DocumentFilter()
        self.proxy.setSourceModel(self.model_)
        self.table = DocumentTable()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a title's start and end both say something
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the title gives way
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSortIndicatorClearable(True)  # a third click goes back to the project's order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setMinimumSectionSize(8)
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Fixed)  # the rest of the width (DocumentTable)
        header.setHighlightSections(False)
        fit_rows(self.table)
        self.summary = plain_label()
        self.only_mine = QCheckBox(self.tr("only documents assigned to me (★)"))
        self.only_mine.hide()  # shown once the project assigns documents
        self._mine: set[str] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.only_mine)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.only_mine.toggled.connect(lambda _: self._on_filter_text_changed(self.filter.text()))
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)

    def show_documents(
        self, infos: list[DocumentInfo], counts: dict[str, tuple[int, int]], mine: set[str] | None = None
    ) -> None:
        """Fill the table; ``counts`` maps a document id to (entities, suggestions); ``mine``: assigned to you."""
        current = self.current_id()
        self._mine = set(mine or ())
        self.only_mine.setVisible(bool(self._mine))
        rows = [DocumentRow(info, *counts.get(info.id, (0, 0)), info.id in self._mine) for info in infos]
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.model_.set_rows(rows)
        self._on_filter_text_changed(self.filter.text())
        if current is not None:
            self._select(current)
        selection.blockSignals(False)
        self._summarize()

    def update_document(self, doc_id: str, entities: int, suggestions: int, edited: bool = False) -> None:
        """New counts for one document; ``edited``: a person edited it (new or pre-tagged becomes in progress)."""
        n = self.model_.row_of(doc_id)
        if n is None:
            return
        status = self.model_.rows[n].info.status
        moved = edited and status in UNTOUCHED
        self.model_.update(doc_id, DocStatus.IN_PROGRESS if moved else None, entities, suggestions)
        if moved:
            self._summarize()

    def set_status(self, doc_id: str, status: DocStatus) -> None:
        """One document's status changed."""
        n = self.model_.row_of(doc_id)
        if n is not None:
            row = self.model_.rows[n]
            self.model_.update(doc_id, status, row.entities, row.suggestions)
            self._summarize()

    def refresh_document(self, info: DocumentInfo, entities: int, suggestions: int) -> bool:
        """One document as another client left it, redrawn in place; False when the table has no such row."""
        if not self.model_.replace(info, entities, suggestions):
            return False
        self._summarize()
        return True

    def refresh_rows(self, infos: list[DocumentInfo], counts: dict[str, tuple[int, int]]) -> bool:
        """Redraw the rows whose status, layers or counts changed, in place (the order, selection and scroll
        stay); False when the documents themselves differ (added or removed): then the list is shown again."""
        rows = self.model_.rows
        if len(infos) != len(rows) or any(self.model_.row_of(info.id) is None for info in infos):
            return False
        for info in infos:
            row = rows[self.model_.row_of(info.id) or 0]
            entities, suggestions = counts.get(info.id, (0, 0))
            if row.info != info or (row.entities, row.suggestions) != (entities, suggestions):
                self.model_.replace(info, entities, suggestions)
        self._summarize()
        return True

    def current_id(self) -> str | None:
        """The chosen document's id."""
        index = self.table.currentIndex()
        return str(index.data(Qt.ItemDataRole.UserRole)) if index.isValid() else None

    def choose(self, doc_id: str) -> None:
        """Make ``doc_id`` current (emits document_chosen)."""
        self._select(doc_id)

    def choose_first(self) -> None:
        """Make the first shown document current (emits document_chosen)."""
        if self.proxy.rowCount():
            self._select_row(0)

    def step(self, offset: int) -> None:
        """Move to the next (+1) or previous (-1) shown document."""
        row = self.table.currentIndex().row()
        if 0 <= row + offset < self.proxy.rowCount():
            self._select_row(row + offset)

    def count(self) -> int:
        """How many documents are shown (after the filter)."""
        return self.proxy.rowCount()

    def ids(self) -> list[str]:
        """The shown documents' ids, in the shown order."""
        return [str(self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole)) for r in range(self.proxy.rowCount())]

    def cells(self, doc_id: str) -> list[str]:
        """What the row of ``doc_id`` shows, column by column."""
        n = self.model_.row_of(doc_id)
        if n is None:
            return []
        return [str(self.model_.index(n, c).data()) for c in range(len(COLUMNS))]

    def _select(self, doc_id: str) -> None:
        n = self.model_.row_of(doc_id)
        if n is not None:
            index = self.proxy.mapFromSource(self.model_.index(n, 0))
            if index.isValid():
                self._select_row(index.row())

    def _select_row(self, row: int) -> None:
        # not selectRow(): a right-to-left table looks for column 0 past its last pixel and selects nothing
        flags = (
            self.table.selectionModel().SelectionFlag.ClearAndSelect | self.table.selectionModel().SelectionFlag.Rows
        )
        index = self.proxy.index(row, TITLE)
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _summarize(self) -> None:
        infos = [row.info for row in self.model_.rows]
        done = sum(1 for i in infos if i.status in (DocStatus.DONE, DocStatus.REVIEWED))
        tokens = self.tr("%Ln tokens", "", sum(i.tokens for i in infos))
        self.summary.setText(
            self.tr("{done}/{total} done · {tokens}").format(done=number(done), total=number(len(infos)), tokens=tokens)
        )

    def _on_filter_text_changed(self, text: str) -> None:
        only = self._mine if self.only_mine.isChecked() and self._mine else None
        self.proxy.set_filter(text, only)

    def _on_table_current_row_changed(self, current: QModelIndex, _: QModelIndex) -> None:
        if current.isValid():
            self.document_chosen.emit(str(current.data(Qt.ItemDataRole.UserRole)))
