"""The open document's history, newest first: who changed which span, when, before and after (the audit trail).

Read from a server project's audit log (written by the database's own triggers, store/audit.py), again
whenever the change feed says the document changed. A file keeps no log: the panel says so.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from annotator.errors import BarchasbError
from annotator.store.audit import AuditEntry
from annotator.store.changes import Change
from annotator.store.db import is_server
from ui.i18n import QT_TRANSLATE_NOOP, digits, translate, word
from ui.plain import plain_label
from ui.roles import BLIND

if TYPE_CHECKING:
    from ui.main_window import MainWindow

LIMIT = 500  # the newest changes shown; `barchasb log --doc` has them all
LRM, RLM = "\u200e", "\u200f"  # Qt ignores the isolates (U+2066..2069); these marks it follows
REFRESH_MS = 200  # changes that arrive together are read together
WHAT = {
    ("spans", "insert"): QT_TRANSLATE_NOOP("History", "added a span to {layer}"),
    ("spans", "update"): QT_TRANSLATE_NOOP("History", "changed a span of {layer}"),
    ("spans", "delete"): QT_TRANSLATE_NOOP("History", "removed a span from {layer}"),
    ("layers", "insert"): QT_TRANSLATE_NOOP("History", "started the layer {layer}"),
    ("layers", "update"): QT_TRANSLATE_NOOP("History", "changed the layer {layer}"),
    ("layers", "delete"): QT_TRANSLATE_NOOP("History", "removed the layer {layer}"),
    ("documents", "insert"): QT_TRANSLATE_NOOP("History", "imported the document"),
    ("documents", "update"): QT_TRANSLATE_NOOP("History", "changed the document"),
    ("documents", "delete"): QT_TRANSLATE_NOOP("History", "removed the document"),
    ("assignments", "insert"): QT_TRANSLATE_NOOP("History", "assigned the document to {layer}"),
    ("assignments", "delete"): QT_TRANSLATE_NOOP("History", "took the document from {layer}"),
    ("decisions", "insert"): QT_TRANSLATE_NOOP("History", "recorded a curation decision"),
    ("decisions", "update"): QT_TRANSLATE_NOOP("History", "changed a curation decision"),
    ("decisions", "delete"): QT_TRANSLATE_NOOP("History", "removed a curation decision"),
}
FIELDS = {  # the columns a document's, layer's or decision's change shows
    "status": QT_TRANSLATE_NOOP("History", "status"),
    "title": QT_TRANSLATE_NOOP("History", "title"),
    "decision": QT_TRANSLATE_NOOP("History", "decision"),
    "annotator": QT_TRANSLATE_NOOP("History", "annotator"),
    "label": QT_TRANSLATE_NOOP("History", "label"),
    "source": QT_TRANSLATE_NOOP("History", "source"),
}
NEEDS_SERVER = QT_TRANSLATE_NOOP(
    "History",
    "The history of a document needs a team server project: a project file keeps no record of who changed what.",
)
COLUMNS = (
    QT_TRANSLATE_NOOP("History", "When"),
    QT_TRANSLATE_NOOP("History", "Who"),
    QT_TRANSLATE_NOOP("History", "What"),
    QT_TRANSLATE_NOOP("History", "Before"),
    QT_TRANSLATE_NOOP("History", "After"),
)


def when(at: str) -> str:
    """An audit time (UTC) in local time, to the second, in the interface's digits."""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return at
    return LRM + digits(moment.strftime("%Y-%m-%d %H:%M:%S"))  # a date and time read left to right in Persian too


def _mark() -> str:
    """The mark of the interface's direction: neutral characters next to it take that direction."""
    from PySide6.QtGui import QGuiApplication

    return RLM if QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft else LRM


def layer_words(layer: str | None) -> str:
    """A layer's name as the history says it (gold in the interface's words)."""
    if layer is None:
        return ""
    return translate("History", "gold") if layer == "gold" else layer


def span_words(row: dict[str, Any] | None, text: str) -> str:
    """A span row as a person reads it: label (role), the words it covers, its place, and a suggestion's state."""
    if row is None:
        return ""
    start, end = row.get("start"), row.get("end")
    covered = text[start:end] if isinstance(start, int) and isinstance(end, int) and 0 <= start < end else ""
    label = str(row.get("label") or "")
    if row.get("role"):
        label += f" ({row['role']})"
    parts = [label]
    if covered:
        # No quotes: Qt mirrors a closing « » after a Persian word. The mark keeps the place in the line's direction.
        parts.append(covered + _mark())
    parts.append(digits(f"{start}–{end}"))
    status = str(row.get("status") or "")
    if status and status != "accepted":
        parts.append(word(status))
    return " · ".join(parts)


def field_word(name: str) -> str:
    """A column of a changed row in the interface's words (one never named here: as it is)."""
    return translate("History", FIELDS[name]) if name in FIELDS else name


def fields_words(before: dict[str, Any] | None, after: dict[str, Any] | None) -> tuple[str, str]:
    """What changed in a row other than a span: the changed fields' values before and after."""
    if before is not None and after is not None:
        keys = [k for k in after if before.get(k) != after[k] and k not in ("updated_at", "rowid", "id", "doc")]
    else:
        keys = [k for k in ("status", "title", "decision") if k in (after or before or {})]

    def show(row: dict[str, Any] | None) -> str:
        if row is None:
            return ""
        return ", ".join(f"{field_word(k)}: {word(row.get(k))}" for k in keys if k in row and k != "text")

    return show(before), show(after)


def entry_words(entry: AuditEntry, text: str) -> tuple[str, str, str, str, str]:
    """One audit entry as the panel's five columns: when, who, what, before, after."""
    template = WHAT.get((entry.table, entry.action))
    layer = layer_words(entry.layer)
    what = f"{entry.action} {entry.table}" if template is None else translate("History", template).format(layer=layer)
    if entry.table == "spans":
        before, after = span_words(entry.before, text), span_words(entry.after, text)
    else:
        before, after = fields_words(entry.before, entry.after)
    return when(entry.at), entry.who, what, before, after


class HistoryPanel(QWidget):
    """The table of one document's changes, with a line above it for what it cannot show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.note = plain_label()
        self.note.setObjectName("history-note")
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.note)
        self.table = QTreeWidget()
        self.table.setObjectName("history")
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setColumnCount(len(COLUMNS))
        self.table.setHeaderLabels([translate("History", c) for c in COLUMNS])
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 90)
        self.table.setColumnWidth(2, 200)
        self.table.setColumnWidth(3, 170)
        layout.addWidget(self.table, 1)

    def say(self, text: str) -> None:
        """A line above the table (empty: none)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def show_entries(self, entries: list[AuditEntry], text: str) -> None:
        """``entries`` newest first (given oldest first, as the store reads them)."""
        self.table.clear()
        for entry in reversed(entries):
            item = QTreeWidgetItem([*entry_words(entry, text)])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            self.table.addTopLevelItem(item)

    def rows(self) -> list[list[str]]:
        """What the table shows, row by row (the screen's text)."""
        items = [self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount())]
        return [[item.text(c) for c in range(len(COLUMNS))] for item in items if item is not None]


class HistoryDock(QDockWidget):
    """The history panel docked in the window; View › Document history (Ctrl+Shift+H) shows and hides it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(translate("History", "Document history"), window)
        self.setObjectName("history-dock")
        self.window_ = window
        self.panel = HistoryPanel(self)
        self.setWidget(self.panel)
        self.shown_doc: str | None = None
        self._sized = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()
        action = window.actions_["history"]
        action.toggled.connect(self.setVisible)
        self.visibilityChanged.connect(self._on_visibility_changed)
        window.documents.document_chosen.connect(self._on_documents_document_chosen)
        if window.annotation is not None:
            window.annotation.changed.connect(self._timer.start)
        if window.live is not None:
            window.live.listener.changed.connect(self._on_listener_changed)

    def _on_visibility_changed(self, visible: bool) -> None:
        action = self.window_.actions_["history"]
        if self.isVisible() != action.isChecked() and not self.window_.isMinimized():
            action.setChecked(self.isVisible())
        if visible:
            if not self._sized:  # the text keeps most of the height
                self._sized = True
                self.window_.resizeDocks([self], [220], Qt.Orientation.Vertical)
            self.refresh()

    def _on_documents_document_chosen(self, doc_id: str) -> None:
        if self.isVisible():
            self._timer.start()  # after the document opened

    def _on_listener_changed(self, changes: list[Change]) -> None:
        doc = self._open_doc()
        if doc is not None and any(c.doc_id in (doc, None) and c.table != "settings" for c in changes):
            self._timer.start()

    def _open_doc(self) -> str | None:
        annotation = self.window_.annotation
        return None if annotation is None or annotation.document is None else annotation.document.id

    def refresh(self) -> None:
        """Read the open document's history again (when the panel is in view)."""
        if not self.isVisible():
            return
        window, panel = self.window_, self.panel
        project = window.project
        if project is None or not is_server(project.path):
            panel.show_entries([], "")
            panel.table.hide()
            panel.say(translate("History", NEEDS_SERVER))
            return
        panel.table.show()
        doc = self._open_doc()
        if doc is None:
            panel.show_entries([], "")
            panel.say(translate("History", "Open a document to see its history."))
            return
        from annotator.store.audit import audit_log

        try:
            entries = audit_log(project, doc_id=doc, limit=LIMIT)
        except BarchasbError as exc:
            panel.say(str(exc))
            return
        annotation = window.annotation
        assert annotation is not None and annotation.document is not None
        panel.show_entries(entries, annotation.document.text)
        self.shown_doc = doc
        panel.say(self._note(entries))

    def _note(self, entries: list[AuditEntry]) -> str:
        guard = getattr(self.window_, "roles", None)
        found = None if guard is None else guard.standing
        notes = []
        if not entries:
            notes.append(translate("History", "No change of this document was recorded yet."))
        if found is not None and found.role in ("annotator", None):
            notes.append(translate("History", "An annotator's history shows their own changes only."))
            if not found.sees_others:
                notes.append(translate("Roles", BLIND))
        return " ".join(notes)
