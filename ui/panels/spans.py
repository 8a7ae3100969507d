"""The document's spans in reading order: label, role, text, source, confidence."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QWidget

from annotator.model import Document, Span, SpanStatus
from annotator.schema import Schema

COLUMNS = ("label", "role", "text", "source", "confidence")


class SpanList(QTableWidget):
    """Synced both ways with the editor: clicking a row selects the span, the editor selects the row."""

    span_activated = Signal(int)  # span id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self._ids: list[int] = []
        self.itemSelectionChanged.connect(self._on_self_selection_changed)

    def show_spans(self, document: Document, spans: tuple[Span, ...], schema: Schema) -> None:
        """Fill the table (plain-text items: nothing here is ever read as HTML)."""
        self.blockSignals(True)
        ordered = sorted(spans, key=lambda s: (s.start, s.end))
        self.setRowCount(len(ordered))
        self._ids = [s.id or 0 for s in ordered]
        for row, span in enumerate(ordered):
            values = (
                span.label,
                span.role or "",
                document.text[span.start : span.end],
                span.source + (" (suggested)" if span.status is SpanStatus.SUGGESTED else ""),
                "" if span.confidence is None else f"{span.confidence:.0%}",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0 and span.label in schema:
                    item.setBackground(QColor(schema.get(span.label).color))
                self.setItem(row, column, item)
        self.blockSignals(False)

    def select_span(self, span_id: int | None) -> None:
        """Highlight the row of ``span_id`` without echoing a signal."""
        self.blockSignals(True)
        self.clearSelection()
        if span_id in self._ids:
            self.selectRow(self._ids.index(span_id))
        self.blockSignals(False)

    def _on_self_selection_changed(self) -> None:
        rows = {index.row() for index in self.selectedIndexes()}
        if rows:
            self.span_activated.emit(self._ids[min(rows)])
