"""A read-only right-to-left view of one document with its entity highlights."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from annotator.model import Document, SpanStatus
from annotator.schema import Schema
from ui.editor.fonts import persian_font
from ui.editor.positions import Utf16Map


class DocumentView(QPlainTextEdit):
    """Shows a document right to left; highlights are drawn as backgrounds, never as bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(persian_font())
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.document_: Document | None = None
        self._positions = Utf16Map("")

    def show_document(self, document: Document, schema: Schema, layer: str | None = None) -> None:
        """Display ``document`` with the spans of ``layer`` (default: its first layer)."""
        self.document_ = document
        self._positions = Utf16Map(document.text)
        self.setPlainText(document.text)
        option = self.document().defaultTextOption()
        # A paragraph starting with Latin or digits is still laid out right to left only when
        # the document's text option says so; the widget's layout direction is not enough.
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        chosen = layer or next(iter(document.layers), "")
        selections: list[QTextEdit.ExtraSelection] = []
        if chosen in document.layers:
            for span in document.layers[chosen].spans:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._positions.to_qt(span.start))
                cursor.setPosition(self._positions.to_qt(span.end), QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = _span_format(
                    schema.get(span.label).color if span.label in schema else "#cccccc",
                    span.status is SpanStatus.SUGGESTED,
                )
                selections.append(selection)
        self.setExtraSelections(selections)

    def qt_range(self, start: int, end: int) -> tuple[int, int]:
        """UTF-16 positions of a code-point range of the shown document."""
        return self._positions.to_qt(start), self._positions.to_qt(end)


def _span_format(color: str, suggested: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fill = QColor(color)
    if suggested:
        fill.setAlpha(90)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor(color).darker(160))
    fmt.setBackground(fill)
    return fmt
