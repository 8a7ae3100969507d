"""Message boxes in plain text, loaded when the first one is shown (start-up does not pay for the dialog classes)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def warn(parent: QWidget | None, text: str) -> None:
    """A warning the user must acknowledge."""
    _show(parent, "warning", text)


def inform(parent: QWidget | None, text: str) -> None:
    """Information the user must acknowledge."""
    _show(parent, "information", text)


def error(parent: QWidget | None, text: str) -> None:
    """An error the user must acknowledge (nothing else can happen first, e.g. at start-up)."""
    _show(parent, "critical", text)


def _show(parent: QWidget | None, kind: str, text: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    icons = {
        "warning": QMessageBox.Icon.Warning,
        "information": QMessageBox.Icon.Information,
        "critical": QMessageBox.Icon.Critical,
    }
    # Not QMessageBox.warning(): it guesses rich text, and the text carries titles, ids and file names.
    from ui.i18n import translate

    title, text = translate("Messages", "Barchasb"), text or translate("Messages", "an unexplained error")
    box = QMessageBox(icons[kind], title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # a path can be copied
    box.setObjectName(f"barchasb-{kind}")
    box.exec()
    box.deleteLater()
