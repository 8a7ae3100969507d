"""Marking a document done while suggestions are open: accept those at or above the threshold, leave them, or stay."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.model import SpanStatus
from ui.annotation import Annotation
from ui.i18n import percent, translate


def settle_open_suggestions(parent: QWidget, annotation: Annotation) -> bool:
    """Ask what to do with the open suggestions (none: nothing asked); False when the user cancels."""
    suggested = [s for s in annotation.spans if s.status is SpanStatus.SUGGESTED]
    if not suggested:
        return True
    threshold = annotation.accept_threshold
    above = sum(1 for s in suggested if (1.0 if s.confidence is None else s.confidence) >= threshold)
    share = percent(threshold)
    text = translate(
        "OpenSuggestions",
        "%n suggestions are still open in this document. Open suggestions stay out of exports and training.",
        "",
        len(suggested),
    )
    detail = translate("OpenSuggestions", "%n of them are at or above {percent}.", "", above).format(percent=share)
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("OpenSuggestions", "Mark done"),
        f"{text}\n{detail}",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    accept = box.button(QMessageBox.StandardButton.Yes)
    accept.setText(translate("OpenSuggestions", "Accept those at or above {percent}, mark done").format(percent=share))
    accept.setEnabled(above > 0)
    box.button(QMessageBox.StandardButton.No).setText(translate("OpenSuggestions", "Leave them open, mark done"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel if above == 0 else QMessageBox.StandardButton.Yes)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.setObjectName("barchasb-question")
    answer = box.exec()
    box.deleteLater()
    if answer == QMessageBox.StandardButton.Cancel:
        return False
    if answer == QMessageBox.StandardButton.Yes:
        annotation.accept_all()  # one undoable step, like Ctrl+Return
    return True
