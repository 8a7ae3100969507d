"""Start the Qt application on a project, as a named annotator."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from annotator.errors import BarchasbError
from annotator.store import Project
from ui.main_window import MainWindow
from ui.settings import remember_project


def ask_annotator(settings: QSettings) -> str | None:
    """The remembered annotator name, or ask for one (prefilled with the login name)."""
    name = str(settings.value("annotator", "") or "")
    if name:
        return name
    name, ok = QInputDialog.getText(None, "Barchasb", "Your annotator name:", text=getpass.getuser())
    name = name.strip()
    if not ok or not name:
        return None
    settings.setValue("annotator", name)
    return name


def run(project_path: str | None, annotator: str | None = None, *, review: bool = False) -> int:
    """Open the main window (on ``project_path`` if given) and run the event loop."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Barchasb")
    app.setOrganizationName("Barchasb")
    settings = QSettings()
    if annotator:
        settings.setValue("annotator", annotator)
    name = annotator or ask_annotator(settings)
    if not name:
        return 1
    project = None
    if project_path:
        try:
            project = Project.open(Path(project_path))
        except BarchasbError as exc:
            QMessageBox.critical(None, "Barchasb", str(exc))
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
    if project is not None:
        project.close()
    return int(code)
