"""The right-to-left document editor: token-snapping selection, label keys, highlights."""

from __future__ import annotations

from bisect import bisect_left, insort
from typing import TYPE_CHECKING, cast

from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from annotator.editing import snap, span_at, token_at
from annotator.model import Document, Span, SpanStatus
from annotator.schema import Schema
from ui.editor.fonts import persian_font
from ui.editor.keyboard import label_key
from ui.editor.positions import Utf16Map
from ui.i18n import percent, translate
from ui.plain import tip

if TYPE_CHECKING:  # only annotations here: start-up skips loading these classes
    from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QPaintEvent, QResizeEvent, QTextCharFormat
    from PySide6.QtWidgets import QTextEdit

ZWNJ = "\u200c"


class DocumentView(QPlainTextEdit):
    """Shows one document right to left and its layer's spans; selection snaps to tokens.

    Positions leave this widget as code points (the core's unit); Qt's UTF-16 positions stay inside.
    """

    label_key_pressed = Signal(str)
    selection_changed_to = Signal(int, int)  # code-point range, empty when nothing is selected
    first_painted = Signal()  # the window is on screen: slower work may start
    current_span_changed = Signal(object)  # span id, or None: a click chose the span under the pointer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFont(persian_font())
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.document_: Document | None = None
        self.spans: tuple[Span, ...] = ()
        self.schema: Schema | None = None
        self.char_mode = False
        self.show_zwnj = False
        self.current_span_id: int | None = None
        self._positions = Utf16Map("")
        # A highlight per span id, in draw order; an edit rebuilds only what it changed
        # (5,000 cursors take ~100 ms to build).
        self._highlights: dict[int, tuple[Span, bool, QTextEdit.ExtraSelection]] = {}
        self._order: list[tuple[bool, int, int, int]] = []
        self._shown: tuple[int, int] = (0, 0)  # the code-point range whose highlights Qt holds
        self._painted = False
        self.selectionChanged.connect(self._on_selection_changed)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # -- content ---------------------------------------------------------------------------

    def show_document(self, document: Document, schema: Schema, layer: str | None = None) -> None:
        """Display ``document``; spans come from ``layer`` (default: its first layer)."""
        self.document_ = document
        self.schema = schema
        self._highlights.clear()
        self._positions = Utf16Map(document.text)
        self.setPlainText(document.text)
        option = self.document().defaultTextOption()
        # A paragraph starting with Latin or digits is laid out right to left only when the
        # document's text option says so; the widget's layout direction is not enough.
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        chosen = layer or next(iter(document.layers), "")
        self.set_spans(document.layers[chosen].spans if chosen in document.layers else ())

    def set_spans(self, spans: tuple[Span, ...]) -> None:
        """Redraw the highlights for these spans."""
        self.spans = spans
        if self.current_span_id is not None and all(s.id != self.current_span_id for s in spans):
            self.current_span_id = None
        old = self._highlights
        self._highlights = {}
        for span in spans:
            current = span.id == self.current_span_id
            known = old.get(span.id or 0)
            reuse = known is not None and known[0] == span and known[0].id == span.id and known[1] == current
            self._highlights[span.id or 0] = known if reuse else (span, current, self._selection(span))  # type: ignore[assignment]
        self._order = sorted(_draw_key(span) for span, _, _ in self._highlights.values())
        self._redraw()

    def patch_spans(self, spans: tuple[Span, ...], removed: set[int], upserted: tuple[Span, ...]) -> None:
        """Like :meth:`set_spans` after an edit that removed and upserted only these spans."""
        self.spans = spans
        for span_id in removed | {s.id or 0 for s in upserted}:
            known = self._highlights.pop(span_id, None)
            if known is not None:
                key = _draw_key(known[0])
                del self._order[bisect_left(self._order, key)]
        for span in upserted:
            self._highlights[span.id or 0] = (span, span.id == self.current_span_id, self._selection(span))
            insort(self._order, _draw_key(span))
        self._redraw()

    def _redraw(self) -> None:
        # Qt checks every extra selection against every visible line when it paints, so it gets
        # only the spans on and around the screen (thousands would cost ~10 ms per key press).
        start, end = self._shown = self._visible_range()
        self.setExtraSelections(
            [self._highlights[key[3]][2] for key in self._order if key[2] < end and key[2] - key[1] > start]
        )
        self.viewport().update()

    def _visible_range(self) -> tuple[int, int]:
        """Code points of the blocks on screen, with a screenful of margin on either side."""
        if self.document_ is None:
            return 0, 0
        height = self.viewport().height()
        top = self.cursorForPosition(QPoint(0, -height)).block()
        bottom = self.cursorForPosition(QPoint(self.viewport().width(), 2 * height)).block()
        first = self._positions.from_qt(top.position())
        last = self._positions.from_qt(bottom.position() + bottom.length())
        return first, last

    def _on_scrolled(self, _: int) -> None:
        start, end = self._visible_range()
        if start < self._shown[0] or end > self._shown[1]:
            self._redraw()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.document_ is not None:
            self._redraw()

    def _selection(self, span: Span) -> QTextEdit.ExtraSelection:
        selection = QtWidgets.QTextEdit.ExtraSelection()
        cursor = QtGui.QTextCursor(self.document())
        cursor.setPosition(self._positions.to_qt(span.start))
        cursor.setPosition(self._positions.to_qt(span.end), QtGui.QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        color = self.schema.get(span.label).color if self.schema and span.label in self.schema else "#cccccc"
        selection.format = span_format(color, span.status is SpanStatus.SUGGESTED, span.id == self.current_span_id)
        return selection

    # -- positions and selection -----------------------------------------------------------

    def qt_range(self, start: int, end: int) -> tuple[int, int]:
        """UTF-16 positions of a code-point range of the shown document."""
        return self._positions.to_qt(start), self._positions.to_qt(end)

    def selected_range(self) -> tuple[int, int] | None:
        """The selection in code points, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._positions.from_qt(cursor.selectionStart()), self._positions.from_qt(cursor.selectionEnd())

    def caret(self) -> int:
        """The caret position in code points."""
        return self._positions.from_qt(self.textCursor().position())

    def select_range(self, start: int, end: int) -> None:
        """Select ``[start, end)`` (code points) and scroll it into view."""
        cursor = self.textCursor()
        a, b = self.qt_range(start, end)
        cursor.setPosition(a)
        cursor.setPosition(b, QtGui.QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def span_under_caret(self) -> Span | None:
        """The current span, else the span at the caret or selection start."""
        for span in self.spans:
            if span.id is not None and span.id == self.current_span_id:
                return span
        selected = self.selected_range()
        return span_at(self.spans, selected[0] if selected else self.caret())

    def focus_span(self, span: Span) -> None:
        """Make ``span`` current and select it."""
        self.current_span_id = span.id
        self.select_range(span.start, span.end)
        self.set_spans(self.spans)

    def _snap_selection(self) -> None:
        if self.document_ is None or self.char_mode:
            return
        selected = self.selected_range()
        if selected is None:
            return
        snapped = snap(self.document_, *selected)
        if snapped is not None and snapped != selected:
            self.select_range(*snapped)

    def _on_selection_changed(self) -> None:
        selected = self.selected_range() or (self.caret(), self.caret())
        self.selection_changed_to.emit(*selected)

    # -- mouse and keyboard ----------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            if self.textCursor().hasSelection():
                self._snap_selection()
            else:
                span = span_at(self.spans, self.caret())
                self.current_span_id = span.id if span else None
                self.set_spans(self.spans)
                self.current_span_changed.emit(self.current_span_id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.document_ is None or self.char_mode:
            super().mouseDoubleClickEvent(event)
            return
        position = self._positions.from_qt(self.cursorForPosition(event.position().toPoint()).position())
        token = token_at(self.document_, position)
        if token is not None:
            self.select_range(*token)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = event.key()
        if (
            modifiers == Qt.KeyboardModifier.ShiftModifier
            and key in (Qt.Key.Key_Left, Qt.Key.Key_Right)
            and not self.char_mode
            and self._extend_by_token(key == Qt.Key.Key_Left)
        ):
            return
        text = event.text()
        if (
            self.schema is not None
            and modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
            and len(text) == 1
            and (key_text := label_key(text, {t.key for t in self.schema.types if t.key}, shifted=bool(modifiers)))
            is not None
        ):
            self.label_key_pressed.emit(key_text)
            return
        super().keyPressEvent(event)

    def _extend_by_token(self, visual_left: bool) -> bool:
        """Shift+arrow grows the selection by a whole token; in right-to-left text, left is forward."""
        if self.document_ is None:
            return False
        forward = visual_left  # the document is laid out right to left
        selected = self.selected_range() or token_at(self.document_, self.caret())
        if selected is None:
            return False
        start, end = selected
        tokens = self.document_.tokens
        if forward:
            index = tokens.within(end, len(self.document_.text))[0]
            if index >= len(tokens):
                return True
            end = tokens.ends[index]
        else:
            index = tokens.within(0, start)[1] - 1
            if index < 0:
                return True
            start = tokens.starts[index]
        self.select_range(start, end)
        return True

    # -- hover and drawing -----------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event = cast("QHelpEvent", event)  # what Qt sends with ToolTip
            position = self._positions.from_qt(self.cursorForPosition(help_event.pos()).position())
            span = span_at(self.spans, position)
            if span is not None:
                # a source from a merged package is a stranger's string: shown literally, never as HTML
                QtWidgets.QToolTip.showText(help_event.globalPos(), tip(span_tip(span)), self)
            else:
                QtWidgets.QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
        if not self.show_zwnj or self.document_ is None:
            return
        painter = QtGui.QPainter(self.viewport())
        painter.setPen(QtGui.QPen(QColor("#d62728"), 1.5))
        cursor = QtGui.QTextCursor(self.document())
        text = self.document_.text
        start = self._positions.from_qt(self.cursorForPosition(QPoint(0, 0)).position())
        limit = self.viewport().height()
        index = text.find(ZWNJ, max(start - 2000, 0))
        while index >= 0:
            cursor.setPosition(self._positions.to_qt(index))
            rect = self.cursorRect(cursor)
            if rect.top() > limit:
                break
            if rect.bottom() >= 0:
                painter.drawLine(rect.left(), rect.top() + 2, rect.left(), rect.bottom() - 2)
            index = text.find(ZWNJ, index + 1)
        painter.end()


def _draw_key(span: Span) -> tuple[bool, int, int, int]:
    # suggestions first, so accepted spans are drawn over them; longer spans under shorter ones
    return span.status is not SpanStatus.SUGGESTED, span.start - span.end, span.start, span.id or 0


def span_format(color: str, suggested: bool, current: bool = False) -> QTextCharFormat:
    """Backgrounds and underlines only: bold or size changes would move letters inside joined words."""
    fmt = QtGui.QTextCharFormat()
    fill = QColor(color)
    if suggested:
        fill.setAlpha(70)
        fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor(color).darker(170))
    if current:
        fill = fill.darker(125)
        fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor("#202020"))
    fmt.setBackground(fill)
    return fmt


def span_tip(span: Span) -> str:
    """The hover text of a span: label, role, status, source and confidence (plain text)."""
    parts = [span.label]
    if span.role:
        parts.append(translate("DocumentView", "role: {role}").format(role=span.role))
    if span.status is SpanStatus.SUGGESTED:
        parts.append(translate("DocumentView", "suggested"))
    parts.append(translate("DocumentView", "source: {source}").format(source=span.source))
    if span.confidence is not None:
        parts.append(translate("DocumentView", "confidence: {percent}").format(percent=percent(span.confidence)))
    return " · ".join(parts)
