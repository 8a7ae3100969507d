"""Importer tests run against both homes of a project: a file and a server database (``location``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from annotator.schema import preset
from annotator.store import Project


@pytest.fixture
def project(location: str) -> Iterator[Project]:
    """A new project with the combined schema, in a file or on the test server."""
    with Project.create(location, preset("combined")) as p:
        yield p
