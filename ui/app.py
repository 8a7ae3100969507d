"""Start the Qt application on a project."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.errors import BarchasbError
from annotator.store import Project
from ui.main_window import MainWindow


def run(project_path: str | None) -> int:
    """Open the main window (on ``project_path`` if given) and run the event loop."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Barchasb")
    app.setOrganizationName("Barchasb")
    project = None
    if project_path:
        try:
            project = Project.open(Path(project_path))
        except BarchasbError as exc:
            QMessageBox.critical(None, "Barchasb", str(exc))
            return 1
    window = MainWindow(project)
    window.show()
    code = app.exec()
    if project is not None:
        project.close()
    return int(code)
