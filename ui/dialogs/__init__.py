"""Dialogs of the main window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget


def modal(dialog: QDialog) -> bool:
    """Run ``dialog`` modally; True when accepted. It is deleted once control returns to the event loop.

    Read its fields right after this returns. A dialog left alive under its parent window was deleted
    twice at exit (by its parent, and again when Python dropped the last reference to it): the crash on
    quit after the schema editor had been opened.
    """
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def ok_cancel(dialog: QDialog, on_ok: Callable[[], None] | None = None) -> QDialogButtonBox:
    """OK and Cancel wired to the dialog; OK goes to ``on_ok`` when the dialog checks its fields first."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def close_button(window: QWidget) -> QDialogButtonBox:
    """A Close button for a window that only shows (Escape closes it too)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(window.close)
    return buttons
