from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from annotator.importers import ImportOptions, import_paths
from annotator.schema import preset
from annotator.store import Project
from tests.conftest import SAMPLE


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> None:
    """QSettings in a temporary folder: tests never touch the user's preferences."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("BarchasbTests")
    QSettings().setValue("preferences/auto_pretag", False)  # tests that want it switch it on


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal box would wait forever offscreen: fail the test instead (tests that expect one patch it)."""
    from PySide6.QtWidgets import QMessageBox

    def unexpected(*args: object) -> None:
        raise AssertionError(f"unexpected message box: {args[2] if len(args) > 2 else args}")

    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, unexpected)


@pytest.fixture
def project(project_path: Path, data_dir: Path) -> Project:
    p = Project.create(project_path, preset("combined"))
    import_paths(p, [SAMPLE, data_dir / "mixed.jsonl"], ImportOptions())
    yield p
    p.close()
