"""Start the Qt application on a project, as a named annotator."""

from __future__ import annotations

import getpass
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QInputDialog

from annotator.errors import BarchasbError
from ui.i18n import install, system_language, translate
from ui.main_window import MainWindow
from ui.messages import error
from ui.opening import open_location
from ui.settings import preference, remember_project

CONNECT_TIMEOUT = "10"  # seconds libpq waits for an unreachable server (its default is to wait for ever)


def ask_annotator(settings: QSettings) -> str | None:
    """The remembered annotator name, or ask for one (prefilled with the login name)."""
    name = str(settings.value("annotator", "") or "")
    if name:
        return name
    name, ok = QInputDialog.getText(
        None, translate("App", "Barchasb"), translate("App", "Your annotator name:"), text=getpass.getuser()
    )
    name = name.strip()
    if not ok or not name:
        return None
    settings.setValue("annotator", name)
    return name


def run(
    project_path: str | None, annotator: str | None = None, *, review: bool = False, lang: str | None = None
) -> int:
    """Open the main window on ``project_path`` (a file or a ``postgresql://`` URL) if given, and run the event
    loop; ``lang``: en or fa."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Barchasb")
    app.setOrganizationName("Barchasb")
    sys.excepthook = report_unexpected
    os.environ.setdefault("PGCONNECT_TIMEOUT", CONNECT_TIMEOUT)
    install(lang or str(preference("language")) or system_language())  # before any widget
    settings = QSettings()
    if annotator:
        settings.setValue("annotator", annotator)
    name = annotator or ask_annotator(settings)
    if not name:
        return 1
    project = None
    if project_path:
        project = open_location(None, project_path)  # asks for a password when the server wants one
        if project is None:
            return 1
        remember_project(str(project.path))
    window = MainWindow(project, name)
    if review:
        window.set_review_mode(True)
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    window.show()
    code = app.exec()
    settings.setValue("window/geometry", window.saveGeometry())
    close_windows()
    return int(code)


def close_windows() -> None:
    """Delete every main window (and so its dialogs and views) now, then close their projects.

    Left to the interpreter's exit, Qt and Python each deleted some objects, and an object could be
    deleted by both: a crash on quit. Deleting while Python still holds each window makes Qt the only
    one that deletes, in order.
    """
    import shiboken6

    windows = [widget for widget in QApplication.topLevelWidgets() if isinstance(widget, MainWindow)]
    projects = [window.project for window in windows if window.project is not None]
    for window in windows:
        window.close()  # ends its background jobs
        shiboken6.delete(window)
    for project in projects:  # a window opened through File > Open has a project of its own
        project.close()


_showing = False


def report_unexpected(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """An exception no code caught (a bug): its traceback goes to a log, the user reads one line."""
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if isinstance(exc, BarchasbError) and str(exc).strip():
        # the core's own refusal (a connection lost while a view read the project): its message, no log
        if not _showing:
            _showing = True
            try:
                error(QApplication.activeWindow(), str(exc))
            finally:
                _showing = False
        return
    path = Path(QSettings().fileName()).parent / "errors.log"  # beside the settings
    log: Path | None = path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as out:
            out.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            out.write("".join(traceback.format_exception(kind, exc, tb)))
    except OSError:
        log = None
    if _showing:  # one box at a time: an error repeated on every paint would pile boxes up
        return
    _showing = True
    try:
        where = "\n" + translate("App", "The details are in {log}.").format(log=log) if log else ""
        message = translate("App", "unexpected error: {error}").format(error=f"{kind.__name__}: {exc}")
        error(QApplication.activeWindow(), message + where)
    finally:
        _showing = False
