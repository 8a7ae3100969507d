"""The document's spans in reading order: label, role, text, source, confidence."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.model import Document, Span, SpanStatus
from annotator.schema import Schema
from ui.i18n import QT_TRANSLATE_NOOP, percent, translate
from ui.table_model import RowsModel, fit_rows, select_row, text_width

COLUMNS = (
    QT_TRANSLATE_NOOP("SpanModel", "label"),
    QT_TRANSLATE_NOOP("SpanModel", "role"),
    QT_TRANSLATE_NOOP("SpanModel", "text"),
    QT_TRANSLATE_NOOP("SpanModel", "source"),
    QT_TRANSLATE_NOOP("SpanModel", "confidence"),
)


class SpanModel(RowsModel):
    """A thin adapter over the layer's spans: the view asks only for the rows it paints."""

    def __init__(self) -> None:
        super().__init__()
        self.headers = [
            translate("SpanModel", c) for c in COLUMNS
        ]  # the columns exist before any span: the view sizes them once
        self.text = ""
        self.colors: dict[str, str] = {}

    @property
    def spans(self) -> tuple[Span, ...]:
        """The layer's spans, in reading order."""
        return tuple(self.rows)

    def set_spans(self, text: str, spans: tuple[Span, ...], schema: Schema) -> None:
        self.text = text
        self.colors = {t.name: t.color for t in schema.types}
        self.reset(spans, self.headers)  # already in reading order (the layer read and the patches keep it)

    def cell(self, span: Span, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return span.label
            if column == 1:
                return span.role or ""
            if column == 2:
                return self.text[span.start : span.end]
            if column == 3:
                return span.source or ""
            return "" if span.confidence is None else percent(span.confidence)
        suggested = span.status is SpanStatus.SUGGESTED
        # Suggestions look lighter, as in the editor: a paler label, grey text (no italics in Persian).
        if role == Qt.ItemDataRole.BackgroundRole and column == 0 and span.label in self.colors:
            color = QColor(self.colors[span.label])
            if suggested:
                color.setAlpha(90)
            return color
        if role == Qt.ItemDataRole.ForegroundRole and suggested and column:
            return QColor("#666666")
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("SpanModel", "suggested") if suggested else translate("SpanModel", "accepted")
        return None


class SpanList(QTableView):
    """Synced both ways with the editor: clicking a row selects the span, the editor selects the row."""

    span_activated = Signal(int)  # span id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = SpanModel()
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        # Fixed widths: sizing columns to their contents would read every row on each edit.
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((48, 44, 0, 92, 72)):
            if width:
                header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the entity's text
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # only the entity's text gives way, never a label
        fit_rows(self)  # tall enough for the madda of «آ» and marks below
        self._widths: tuple[int, ...] = ()
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._quiet = False

    def show_spans(self, document: Document, spans: tuple[Span, ...], schema: Schema) -> None:
        """Show a layer's spans."""
        self._quiet = True
        self.model_.set_spans(document.text, spans, schema)
        self._quiet = False
        self._fit_columns(spans, schema)

    def _fit_columns(self, spans: tuple[Span, ...], schema: Schema) -> None:
        """Label, role, source and confidence wide enough for every value they can hold (the text takes the rest).

        Computed from the schema and the few distinct sources, not from each row's size hint: a layer
        of thousands of spans is not measured row by row on each edit.
        """
        headers = self.model_.headers
        widths = (
            text_width(self, [headers[0], *(t.name for t in schema.types)]),
            text_width(self, [headers[1], *(r for t in schema.types for r in t.roles)]),
            0,
            text_width(self, [headers[3], *{s.source or "" for s in spans}], minimum=60),
            text_width(self, [headers[4], percent(1.0)]),
        )
        if widths == self._widths:
            return
        self._widths = widths
        header = self.horizontalHeader()
        for column, width in enumerate(widths):
            if width:
                header.resizeSection(column, width)

    def rowCount(self) -> int:
        """Rows shown (one per span)."""
        return self.model_.rowCount()

    def cell(self, row: int, column: int) -> str:
        """The text of one cell."""
        return str(self.model_.data(self.model_.index(row, column)))

    def select_span(self, span_id: int | None) -> None:
        """Highlight the row of ``span_id`` without echoing a signal."""
        self._quiet = True
        rows = [row for row, span in enumerate(self.model_.spans) if span_id is not None and span.id == span_id]
        select_row(self, rows[0] if rows else None)  # not selectRow(): it selects nothing right to left
        self._quiet = False

    def _on_selection_changed(self) -> None:
        rows = sorted({index.row() for index in self.selectionModel().selectedIndexes()})
        if rows and not self._quiet:
            span_id = self.model_.spans[rows[0]].id
            if span_id is not None:
                self.span_activated.emit(span_id)
