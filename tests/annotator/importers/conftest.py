from __future__ import annotations

from pathlib import Path

import pytest

from annotator.schema import preset
from annotator.store import Project


@pytest.fixture
def project(project_path: Path) -> Project:
    p = Project.create(project_path, preset("combined"))
    yield p
    p.close()
