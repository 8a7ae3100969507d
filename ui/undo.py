"""An undo stack whose index always says what the project holds, even when the core refuses a step."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack


class EditStack(QUndoStack):
    """Undo and redo that put the index back when a command reports a ``refusal`` (it changed nothing).

    A command (see :mod:`ui.commands`) catches the core's error in ``redo``/``undo`` and keeps it in
    ``refusal``; a refused new edit marks itself obsolete so that Qt never adds it. Qt has already moved
    the index by then, so the stack moves it back through ``_restore_only``, which calls nothing.
    """

    refused = Signal(str)  # the core's message for a step that changed nothing

    def push(self, cmd: QUndoCommand) -> None:
        super().push(cmd)
        self._report(cmd)

    def undo(self) -> None:
        if not self.canUndo():
            return
        command = self.command(self.index() - 1)
        super().undo()
        if getattr(command, "refusal", None) is not None:
            command._restore_only = True  # type: ignore[attr-defined]
            super().redo()  # the step is still done
            self._report(command)

    def redo(self) -> None:
        if not self.canRedo():
            return
        command = self.command(self.index())
        super().redo()
        if getattr(command, "refusal", None) is not None:
            command._restore_only = True  # type: ignore[attr-defined]
            super().undo()  # the step is still undone
            self._report(command)

    def _report(self, command: QUndoCommand) -> None:
        refusal = getattr(command, "refusal", None)
        if refusal is not None:
            command.refusal = None  # type: ignore[attr-defined]
            self.refused.emit(str(refusal) or type(refusal).__name__)
