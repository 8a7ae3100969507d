"""The main window: document list beside the document view (composition only)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter, QWidget

from annotator.store import Project
from ui.editor.view import DocumentView


class MainWindow(QMainWindow):
    """One open project."""

    def __init__(self, project: Project | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.documents = QListWidget()
        self.documents.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.view = DocumentView()
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.documents)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([760, 300])
        self.setCentralWidget(splitter)
        self.status = QLabel()
        self.statusBar().addWidget(self.status)
        self.resize(1100, 700)
        self.documents.currentItemChanged.connect(self._on_documents_current_changed)
        self._load()

    def _load(self) -> None:
        if self.project is None:
            self.setWindowTitle("Barchasb")
            self.status.setText("No project open: barchasb gui PROJECT.barchasb")
            return
        self.setWindowTitle(f"Barchasb — {self.project.path.name}")
        infos = self.project.documents()
        for info in infos:
            item = QListWidgetItem()
            item.setText(f"{info.title}\n{info.id} · {info.tokens} tokens · {info.status}")
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.documents.addItem(item)
        self.status.setText(f"{len(infos)} documents, {sum(i.tokens for i in infos)} tokens")
        if infos:
            self.documents.setCurrentRow(0)

    def _on_documents_current_changed(self, current: QListWidgetItem | None) -> None:
        if current is None or self.project is None:
            return
        document = self.project.document(current.data(Qt.ItemDataRole.UserRole))
        self.view.show_document(document, self.project.schema)
