"""Long work off the GUI thread, with a progress dialog and a cancel button."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.progress import Progress
from annotator.store import Project

Work = Callable[[Project, Progress], Any]


class Cancelled(Exception):
    """Raised inside the work when the user pressed cancel."""


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path, work: Work) -> None:
        super().__init__()
        self.path = path
        self.work = work
        self.cancelled = False

    @Slot()
    def run(self) -> None:
        # A connection of its own: SQLite connections belong to one thread; WAL lets both work.
        try:
            with Project.open(self.path) as project:
                result = self.work(project, self._progress)
        except Cancelled:
            self.failed.emit("")
        except Exception as exc:
            self.failed.emit(str(exc))
        else:
            self.succeeded.emit(result)

    def _progress(self, done: int, total: int) -> None:
        if self.cancelled:
            raise Cancelled
        self.progressed.emit(done, total)


class Job(QObject):
    """One background job; ``finished`` carries the result, ``failed`` a message (empty when cancelled)."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget, title: str, path: Path, work: Work, *, dialog: bool = True) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self.worker = _Worker(path, work)
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        self.worker.succeeded.connect(self._on_worker_succeeded)
        self.worker.failed.connect(self._on_worker_failed)
        self.progress: QProgressDialog | None = None
        if dialog:
            self.progress = QProgressDialog(title, "Cancel", 0, 0, parent)
            self.progress.setMinimumDuration(300)
            self.progress.canceled.connect(self.cancel)
            self.worker.progressed.connect(self._on_worker_progressed)

    def start(self) -> Job:
        """Run the work; returns self."""
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self.worker.cancelled = True

    def wait(self) -> None:
        """Block until the worker thread has ended."""
        self._thread.quit()
        self._thread.wait()

    def _on_worker_progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        if self.progress is not None:
            self.progress.reset()

    def _on_worker_succeeded(self, result: object) -> None:
        self._finish()
        self.finished.emit(result)

    def _on_worker_failed(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)
