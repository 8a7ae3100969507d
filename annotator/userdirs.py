"""The user's own configuration folder (per user, never inside a project)."""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_ENV = "BARCHASB_CONFIG_DIR"  # tests and portable installs point it elsewhere


def config_dir() -> Path:
    """``$BARCHASB_CONFIG_DIR``, else ``$XDG_CONFIG_HOME/barchasb``, else ``~/.config/barchasb`` (not created)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CONFIG_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".config"  # the spec ignores relative
    return base / "barchasb"
