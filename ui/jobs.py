"""Long work off the GUI thread, with a progress dialog and a cancel button."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.errors import BarchasbError
from annotator.progress import Progress
from annotator.store import Project
from ui.i18n import translate

Work = Callable[[Project, Progress], Any]


class Cancelled(Exception):
    """Raised inside the work when the user pressed cancel."""


def failure_message(title: str, exc: BaseException) -> str:
    """What the user reads when work fails: the core's message as it is; anything else named, never empty."""
    text = str(exc).strip()
    if isinstance(exc, BarchasbError) and text:
        return text
    what = title.rstrip("…. ").lower() or translate("Job", "the work")
    # A bug, not a refusal: say so, with the exception's type, so a report can name it.
    error = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return translate("Job", "{work} failed: {error}").format(work=what, error=error)


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, title: str, path: Path, work: Work) -> None:
        super().__init__()
        self.title = title
        self.path = path
        self.work = work
        self.cancel_requested = False

    @Slot()
    def run(self) -> None:
        # A connection of its own: SQLite connections belong to one thread; WAL lets both work. A server
        # project's connection uses the password typed for the window, if any (held in memory only).
        from ui.opening import open_job_project

        try:
            with open_job_project(str(self.path)) as project:
                result = self.work(project, self._progress)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # every failure reaches the window as a message, never a traceback
            self.failed.emit(failure_message(self.title, exc))
        else:
            self.succeeded.emit(result)

    def _progress(self, done: int, total: int) -> None:
        # Once everything is done (and committed) a late cancel changes nothing: report success, not a cancel.
        if self.cancel_requested and done < total:
            raise Cancelled
        self.progressed.emit(done, total)


class Job(QObject):
    """One background job: exactly one of ``finished`` (the result), ``failed`` (a message) or ``cancelled``."""

    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal(str)  # the job's title
    ended = Signal()  # after any of the three

    def __init__(self, parent: QWidget, title: str, path: Path, work: Work, *, dialog: bool = True) -> None:
        super().__init__(parent)
        self.title = title
        self._thread = QThread(self)
        self.worker = _Worker(title, path, work)
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        self.worker.succeeded.connect(self._on_worker_succeeded)
        self.worker.failed.connect(self._on_worker_failed)
        self.worker.cancelled.connect(self._on_worker_cancelled)
        self._running = False
        self.progress: QProgressDialog | None = None
        if dialog:
            self.progress = QProgressDialog(title, translate("Job", "Cancel"), 0, 0, parent)
            self.progress.setMinimumDuration(300)
            self.progress.canceled.connect(self.cancel)
            self.worker.progressed.connect(self._on_worker_progressed)

    @property
    def running(self) -> bool:
        """True from :meth:`start` until the outcome was signalled."""
        return self._running

    def start(self) -> Job:
        """Run the work; returns self."""
        self._running = True
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report (an import then leaves nothing behind)."""
        self.worker.cancel_requested = True

    def wait(self) -> None:
        """Block until the worker thread has ended."""
        self._thread.quit()
        self._thread.wait()

    def _on_worker_progressed(self, done: int, total: int) -> None:
        if self.progress is not None and self._running:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self._running = False
        if self.progress is not None:
            self.progress.reset()
            self.progress.hide()
            self.progress.deleteLater()  # a dialog per job would otherwise pile up under the window
            self.progress = None

    def _on_worker_succeeded(self, result: object) -> None:
        self._finish()
        self.finished.emit(result)
        self.ended.emit()

    def _on_worker_failed(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)
        self.ended.emit()

    def _on_worker_cancelled(self) -> None:
        self._finish()
        self.cancelled.emit(self.title)
        self.ended.emit()
