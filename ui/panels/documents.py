"""The project's documents: title, status, entity and suggestion counts, a filter, progress."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.store import DocumentInfo
from ui.i18n import number, word
from ui.plain import plain_label


class DocumentList(QWidget):
    """A filterable list; emits the id of the chosen document."""

    document_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("filter"))
        self.list = QListWidget()
        self.list.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.summary = plain_label()
        self.only_mine = QCheckBox(self.tr("only documents assigned to me (★)"))
        self.only_mine.hide()  # shown once the project assigns documents
        self._mine: set[str] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.only_mine)
        layout.addWidget(self.list)
        layout.addWidget(self.summary)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.only_mine.toggled.connect(lambda _: self._on_filter_text_changed(self.filter.text()))
        self.list.currentItemChanged.connect(self._on_list_current_changed)

    def show_documents(
        self, infos: list[DocumentInfo], counts: dict[str, tuple[int, int]], mine: set[str] | None = None
    ) -> None:
        """Fill the list; ``counts`` maps a document id to (entities, suggestions); ``mine``: assigned to you."""
        current = self.current_id()
        self._mine = set(mine or ())
        self.only_mine.setVisible(bool(self._mine))
        self.list.blockSignals(True)
        self.list.clear()
        for info in infos:
            entities, suggestions = counts.get(info.id, (0, 0))
            assigned = "★ " if mine and info.id in mine else ""
            layers = f" · {', '.join(info.layers)}" if info.layers else ""
            line = self.tr("{id} · {status} · {entities} · {suggestions}").format(
                id=info.id,
                status=word(info.status),
                entities=self.tr("%Ln entities", "", entities),
                suggestions=self.tr("%Ln suggestions", "", suggestions),
            )
            item = QListWidgetItem(f"{assigned}{info.title}\n{line}{layers}")
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.list.addItem(item)
            if info.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        done = sum(1 for i in infos if str(i.status) in ("done", "reviewed"))
        tokens = self.tr("%Ln tokens", "", sum(i.tokens for i in infos))
        self.summary.setText(
            self.tr("{done}/{total} done · {tokens}").format(done=number(done), total=number(len(infos)), tokens=tokens)
        )
        self._on_filter_text_changed(self.filter.text())

    def current_id(self) -> str | None:
        """The chosen document's id."""
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def choose(self, doc_id: str) -> None:
        """Make ``doc_id`` current (emits document_chosen)."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == doc_id:
                self.list.setCurrentRow(row)
                return

    def step(self, offset: int) -> None:
        """Move to the next (+1) or previous (-1) visible document."""
        row = self.list.currentRow()
        while 0 <= row + offset < self.list.count():
            row += offset
            if not self.list.item(row).isHidden():
                self.list.setCurrentRow(row)
                return

    def _on_filter_text_changed(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(needle) and needle not in item.text().casefold()
            if self.only_mine.isChecked() and self._mine:
                hidden = hidden or item.data(Qt.ItemDataRole.UserRole) not in self._mine
            item.setHidden(hidden)

    def _on_list_current_changed(self, current: QListWidgetItem | None) -> None:
        if current is not None:
            self.document_chosen.emit(str(current.data(Qt.ItemDataRole.UserRole)))
