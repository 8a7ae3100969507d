"""Other people's changes, read off the GUI thread: a listener on the project's change feed, and the connection's state.

The listener owns a :class:`~annotator.store.changes.ChangeFeed` on a thread of its own. It polls with a
short timeout (so it stops quickly), sends what changed to the window as a signal, and when the feed's
connection is lost it says so and connects again with growing pauses, never on the GUI thread. While the
connection is lost, edits are refused before they reach the store (the window never waits on a network
that is gone); :func:`connection_problem` is what the undoable commands ask.
"""

from __future__ import annotations

import contextlib
import threading
import weakref

from PySide6.QtCore import QObject, QThread, Signal, Slot

from annotator.errors import BarchasbError
from annotator.store import Project
from annotator.store.changes import Change, ChangeFeed

POLL = 0.25  # seconds one poll waits: how long stopping the listener can take
FIRST_RETRY = 0.5  # seconds before the first reconnection attempt, doubled after each failure
LAST_RETRY = 15.0

_lost: weakref.WeakKeyDictionary[Project, str] = weakref.WeakKeyDictionary()


def connection_problem(project: Project) -> str | None:
    """Why ``project``'s connection cannot take an edit now (None: it can)."""
    return _lost.get(project)


class _Listener(QObject):
    changed = Signal(list)  # list[Change] made by others
    lost = Signal(str)  # the store's message
    restored = Signal()
    listening = Signal()  # the feed is open: what others committed before it was not announced

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.stopping = threading.Event()

    @Slot()
    def run(self) -> None:
        feed: ChangeFeed | None = None
        lost, pause, first = False, FIRST_RETRY, True
        while not self.stopping.is_set():
            if feed is None:
                try:
                    feed = self.project.listen()
                except Exception as exc:  # on this thread an escaped error would end the app
                    if not lost:
                        lost = True
                        self.lost.emit(_said(exc))
                    self.stopping.wait(pause)  # woken at once by stop()
                    pause = min(pause * 2, LAST_RETRY)
                    continue
                if lost:
                    lost, pause = False, FIRST_RETRY
                    self.restored.emit()
                elif first:
                    self.listening.emit()
                first = False
            try:
                changes = feed.poll(POLL)
            except Exception as exc:  # the feed's connection is gone: so, most likely, is the window's
                with contextlib.suppress(Exception):
                    feed.close()
                feed = None
                lost = True
                self.lost.emit(_said(exc))
                continue
            others = [change for change in changes if not change.mine]
            if others and not self.stopping.is_set():
                self.changed.emit(others)
        if feed is not None:
            with contextlib.suppress(Exception):
                feed.close()


def _said(exc: Exception) -> str:
    """The store's message as it is; anything else named by its type (a bug, but never a traceback)."""
    text = str(exc).strip()
    return text if isinstance(exc, BarchasbError) and text else f"{type(exc).__name__}: {text}"


class ChangeListener(QObject):
    """The window's side of the listener: ``changed`` (others' changes), ``lost`` and ``restored``."""

    changed = Signal(list)
    lost = Signal(str)
    restored = Signal()
    listening = Signal()

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._thread = QThread(self)
        self._worker = _Listener(project)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.changed.connect(self.changed)
        self._worker.lost.connect(self._on_worker_lost)
        self._worker.restored.connect(self._on_worker_restored)
        self._worker.listening.connect(self.listening)

    @property
    def running(self) -> bool:
        return self._thread.isRunning()

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def stop(self) -> None:
        """End the thread and close its feed (returns once it has ended)."""
        self._worker.stopping.set()
        self._thread.quit()
        self._thread.wait()
        _lost.pop(self.project, None)

    def _on_worker_lost(self, message: str) -> None:
        _lost[self.project] = message
        self.lost.emit(message)

    def _on_worker_restored(self) -> None:
        _lost.pop(self.project, None)
        self.restored.emit()


__all__ = ["Change", "ChangeListener", "connection_problem"]
