"""Shared fixtures; Qt tests run offscreen."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.pgserver import PgServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No network, and no writes to the user's HuggingFace cache (read by `datasets` at import).
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
# The model-signing key and other per-user files: never the user's own ~/.config/barchasb. Both folders
# go when the session ends (each pytest run, mutmut's included, would otherwise leave two behind).
_SCRATCH = tempfile.TemporaryDirectory(prefix="barchasb-tests-")
_SCRATCH_OWNER = os.getpid()
os.environ["HF_HOME"] = os.path.join(_SCRATCH.name, "hf")
os.environ["BARCHASB_CONFIG_DIR"] = os.path.join(_SCRATCH.name, "config")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the folders now: a session that ends in ``os._exit`` (each of mutmut's runs) never reaches atexit."""
    if os.getpid() == _SCRATCH_OWNER:
        _SCRATCH.cleanup()


DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "samples" / "ilna-aras-free-zone.txt"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "p.barchasb"


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


# -- PostgreSQL: a throwaway server for the whole session (tests/pgserver.py) -----------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's PostgreSQL server; skipped (one line) without binaries, a failure under CI=true."""
    import atexit

    from tests.pgserver import HOW_TO_ENABLE, start_server

    required = os.environ.get("CI", "").lower() == "true"
    if os.environ.get("BARCHASB_TEST_SERVER") == "off" and not required:
        pytest.skip("PostgreSQL tests turned off (BARCHASB_TEST_SERVER=off; mutation runs of backend-free code)")
    try:
        server = start_server()
    except Exception as exc:  # a server that cannot start is a failure, never a silent skip
        pytest.fail(f"the throwaway PostgreSQL server did not start: {exc}")
    if server is None:
        if required:
            pytest.fail(f"CI=true needs the PostgreSQL tests: {HOW_TO_ENABLE}")
        pytest.skip(HOW_TO_ENABLE)
    atexit.register(server.stop)  # also after Ctrl+C or an error in teardown
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty database on the session's server (dropped after the test)."""
    url = pg_server.database()
    yield url
    pg_server.drop(url)


@pytest.fixture(params=["file", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a new project goes: a file path, or a fresh PostgreSQL database's URL (dropped after the test)."""
    if request.param == "file":
        yield str(tmp_path / "p.barchasb")
        return
    server: PgServer = request.getfixturevalue("pg_server")
    url = server.database()
    yield url
    server.drop(url)
