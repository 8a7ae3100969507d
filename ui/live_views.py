"""The window's live views: what other people change appears without a reload, and a lost connection is said.

Changes are gathered for a moment (an import or a burst of edits sends many) and then applied: the
changed documents' rows of the document list, the schema (palette, label keys, colours), gold and the
annotators' layers in curation, and the team view. The layer being edited in the open document is never
replaced under the annotator's cursor. A file's feed only says "something changed": the same views are
read again, each with one query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.errors import BarchasbError
from annotator.model import GOLD, Document
from annotator.store.changes import Change
from ui.live import ChangeListener
from ui.plain import plain_label, tip

if TYPE_CHECKING:
    from ui.main_window import MainWindow

GATHER_MS = 150  # changes that arrive together are applied together
MANY = 50  # more changed documents than this: the list is read again in one query instead of row by row
LOST_STYLE = "QLabel { background: #fde0dc; color: #8a1c12; padding: 0 6px; }"
BACK_STYLE = "QLabel { background: #dff3e0; color: #1e5a22; padding: 0 6px; }"


class LiveViews(QObject):
    """Listens to the window's project and refreshes what the window shows."""

    applied = Signal()  # the gathered changes were read and shown

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        assert window.project is not None
        self.window = window
        self.docs: set[str] = set()
        self.everything = False  # every row (a file's change, a reconnection): redrawn in place where changed
        self.full = False  # the list shown again (which documents are yours changed)
        self.schema = False
        self.gold = False  # the open document's gold may have changed (curating)
        self.layers = False  # someone else's layer of the open document changed (curating)
        self.connection = plain_label()  # permanent: a lost connection stays in view whatever the message
        self.connection.setObjectName("connection")
        self.connection.hide()
        window.statusBar().addPermanentWidget(self.connection)
        self._hide_back = QTimer(self)
        self._hide_back.setSingleShot(True)
        self._hide_back.setInterval(5000)
        self._hide_back.timeout.connect(self.connection.hide)
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self.apply)
        self._stopped = False
        self._schema_shown = window.project.schema.to_json()
        self.listener = ChangeListener(window.project, self)
        self.listener.changed.connect(self._on_listener_changed)
        self.listener.lost.connect(self._on_listener_lost)
        self.listener.restored.connect(self._on_listener_restored)
        self.listener.listening.connect(self._on_listener_listening)

    def start(self) -> None:
        """Start listening (once; the window calls it when its first document is shown)."""
        if not self.listener.running and not self._stopped:
            self.listener.start()

    def stop(self) -> None:
        """End the listener thread (the window is closing)."""
        self._stopped = True
        self._gather.stop()
        self.listener.stop()

    @property
    def lost(self) -> bool:
        """True while the connection is lost (edits are refused)."""
        return self.connection.property("lost") is True

    def _on_listener_changed(self, changes: list[Change]) -> None:
        for change in changes:
            if change.table == "project":
                # A file only says that something was committed (this window's own edits too, since the
                # feed reads the file on a connection of its own): each view compares before it redraws.
                self.everything = self.schema = self.gold = True
            elif change.table == "settings":
                self.schema = self.schema or change.key in (None, "schema")
            elif change.doc_id is None:
                self.everything = True
            else:
                self.docs.add(change.doc_id)
                if change.table == "assignments":
                    self.full = True  # which documents are yours
                if self._open_doc() == change.doc_id and change.table in ("spans", "layers", "decisions"):
                    if change.layer in (GOLD, None):
                        self.gold = True
                    else:
                        self.layers = True
        self._gather.start()

    def _on_listener_lost(self, message: str) -> None:
        self._hide_back.stop()
        self.connection.setProperty("lost", True)
        self.connection.setStyleSheet(LOST_STYLE)
        self.connection.setText(self.tr("connection lost: reconnecting…"))
        self.connection.setToolTip(tip(message))  # the store's words (the server's, even): shown literally
        self.connection.show()

    def _on_listener_restored(self) -> None:
        self.connection.setProperty("lost", False)
        self.connection.setStyleSheet(BACK_STYLE)
        self.connection.setText(self.tr("connected again"))
        self.connection.setToolTip("")
        self.connection.show()
        self._hide_back.start()
        self.everything = self.schema = self.gold = self.layers = True  # what changed meanwhile was not announced
        self._gather.start()

    def _on_listener_listening(self) -> None:
        # The window read the project before the feed opened (on its own thread, later): a commit in between
        # was never announced, so every view compares once with what is stored now.
        self.everything = self.schema = self.gold = self.layers = True
        self._gather.start()

    def _open_doc(self) -> str | None:
        annotation = self.window.annotation
        return None if annotation is None or annotation.document is None else annotation.document.id

    def apply(self) -> None:
        """Refresh what the gathered changes touched; a read that fails waits for the next change or reconnection."""
        docs, everything, full = self.docs, self.everything, self.full
        schema, gold, layers = self.schema, self.gold, self.layers
        self.docs, self.everything, self.full = set(), False, False
        self.schema, self.gold, self.layers = False, False, False
        try:
            if schema:
                self._schema()
            if full:
                self.window.refresh_documents()
            elif everything or len(docs) > MANY:
                self._rows()
            else:
                for doc_id in sorted(docs):
                    if not self._row(doc_id):  # a document the list does not have yet (or no longer)
                        self.window.refresh_documents()
                        break
            if gold or layers:
                self._curation(layers)
            if everything or docs or full:
                self._team()
        except BarchasbError as exc:
            self.window.status.setText(str(exc))
        self.applied.emit()

    def _rows(self) -> None:
        project, window = self.window.project, self.window
        assert project is not None
        if not window.documents.refresh_rows(project.documents(), project.span_counts(window.layer)):
            window.refresh_documents()

    def _row(self, doc_id: str) -> bool:
        project, window = self.window.project, self.window
        assert project is not None
        infos = project.documents(only=doc_id)
        if not infos:
            return False
        counts = project.span_counts(window.layer, only=doc_id).get(doc_id, (0, 0))
        return window.documents.refresh_document(infos[0], *counts)

    def _schema(self) -> None:
        window, project = self.window, self.window.project
        assert project is not None
        schema = project.schema
        if schema.to_json() == self._schema_shown:
            return  # unchanged (a file's feed reports this window's own edits too)
        self._schema_shown = schema.to_json()
        window.label_panel.show_schema(schema)
        annotation = window.annotation
        if annotation is None:
            return
        annotation.schema = schema  # label keys and colours; the spans themselves stay as they are
        window.view.schema = schema
        window.view.set_spans(window.view.spans)
        if annotation.document is not None:
            annotation.span_list.show_spans(annotation.document, annotation.spans, schema)
            annotation.span_list.select_span(window.view.current_span_id)

    def _curation(self, layers: bool) -> None:
        window = self.window
        review, annotation = window.review, window.annotation
        if review is None or not review.active or annotation is None or annotation.document is None:
            return
        assert window.project is not None and window.layer == GOLD
        if layers and self._others_changed(annotation.document):  # an annotator's version changed
            annotation.reload()
            review.document_opened()  # the regions are read again
            return
        # Curating, the layer edited is gold, shared by every curator: someone else's gold is shown at once
        # (an undo of ours that no longer matches is then refused as stale, never applied over theirs).
        # Unchanged (this window's own edit, seen on a file), nothing is redrawn and the region stays chosen.
        if window.project.layer_spans(annotation.document.id, GOLD) != annotation.spans:
            annotation.reload()
            review.refresh()

    def _others_changed(self, shown: Document) -> bool:
        """True when an annotator's layer of the open document is not what the window shows (gold aside)."""
        assert self.window.project is not None
        stored = self.window.project.document(shown.id).layers
        return {name: layer.spans for name, layer in stored.items() if name != GOLD} != {
            name: layer.spans for name, layer in shown.layers.items() if name != GOLD
        }

    def _team(self) -> None:
        window = self.window
        view = window.team_view
        if view is None or not view.isVisible() or window.project is None:
            return
        view.show_progress(window.project.progress(), window.project.documents())  # type: ignore[attr-defined]
