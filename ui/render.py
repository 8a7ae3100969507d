"""Render an annotated document to a PNG, as the editor shows it (works without a screen)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from annotator.store import Project


def render(project_path: str, doc_id: str, out: str, layer: str | None = None, width: int = 900) -> Path:
    """Draw ``doc_id`` with ``layer``'s spans (default: its first layer) into ``out``."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui.editor.view import DocumentView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with Project.open(project_path) as project:
        document = project.document(doc_id)
        view = DocumentView()
        view.setVerticalScrollBarPolicy(view.verticalScrollBarPolicy().ScrollBarAlwaysOff)
        # No caret: a focused editor draws one (with a direction tick in mixed text) even at width 0.
        view.setCursorWidth(0)
        view.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.resize(width, 200)
        view.show_document(document, project.schema, layer)
        view.show()
        app.processEvents()
        height = 0.0
        block = view.document().firstBlock()
        while block.isValid():
            height += view.blockBoundingRect(block).height()
            block = block.next()
        view.resize(width, min(max(int(height) + 2 * view.frameWidth() + 16, 120), 30000))
        app.processEvents()
        target = Path(out)
        if not view.grab().save(str(target)):
            raise OSError(f"{target}: could not write the image")
        view.close()
    return target
