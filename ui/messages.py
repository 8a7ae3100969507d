"""Message boxes, loaded when the first one is shown (start-up does not pay for the dialog classes)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def warn(parent: QWidget | None, text: str) -> None:
    """A warning the user must acknowledge (plain text)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, "Barchasb", text)


def inform(parent: QWidget | None, text: str) -> None:
    """Information the user must acknowledge (plain text)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, "Barchasb", text)
