"""Importer tests run against both homes of a project: a file and a server database.

A server test's project is not a new database each time: one database per normalization holds a new
project, put back to how it was made before each test (snapshots.py), which takes a fraction of the time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from annotator.schema import preset
from annotator.store import Project
from annotator.text.profiles import Profile
from tests.annotator.importers.snapshots import Snapshot

if TYPE_CHECKING:
    from tests.pgserver import PgServer


class ServerProjects:
    """New combined-schema projects on the test server, one database per normalization, reset per use."""

    def __init__(self, server: PgServer) -> None:
        self.server = server
        self.made: dict[Profile, Snapshot] = {}

    def fresh(self, normalization: Profile) -> str:
        snapshot = self.made.get(normalization)
        if snapshot is None:
            url = self.server.database()
            Project.create(url, preset("combined"), normalization).close()
            snapshot = self.made[normalization] = Snapshot(url)
        return snapshot.restore()

    def close(self) -> None:
        for snapshot in self.made.values():
            snapshot.close()


@pytest.fixture(scope="package")
def server_projects(pg_server: PgServer) -> Iterator[ServerProjects]:
    made = ServerProjects(pg_server)
    yield made
    made.close()


@pytest.fixture(params=["file", "postgresql"])
def new_project(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., Project]]:
    """Makes the test's project (combined schema): a new file, or a new project on the test server."""
    opened: list[Project] = []

    def make(normalization: Profile = Profile.STANDARD) -> Project:
        if request.param == "file":
            project = Project.create(tmp_path / f"p{len(opened) or ''}.barchasb", preset("combined"), normalization)
        else:
            assert not opened, "one server project per test"
            server: ServerProjects = request.getfixturevalue("server_projects")
            project = Project.open(server.fresh(normalization))
        opened.append(project)
        return project

    yield make
    for project in opened:
        project.close()


@pytest.fixture
def project(new_project: Callable[..., Project]) -> Project:
    """A new project with the combined schema and standard normalization, in a file or on the test server."""
    return new_project()
