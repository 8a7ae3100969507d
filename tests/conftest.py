"""Shared fixtures; Qt tests run offscreen."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No network, and no writes to the user's HuggingFace cache (read by `datasets` at import).
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["HF_HOME"] = tempfile.mkdtemp(prefix="barchasb-hf-")
# The model-signing key and other per-user files: never the user's own ~/.config/barchasb.
os.environ["BARCHASB_CONFIG_DIR"] = tempfile.mkdtemp(prefix="barchasb-config-")

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
