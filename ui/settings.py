"""Preferences and remembered state in QSettings (preferences apart from window geometry)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

RECENT = "recent_projects"


def recent_projects() -> list[str]:
    """Most recently opened project files first."""
    stored = QSettings().value(RECENT, [])
    return [str(p) for p in (stored if isinstance(stored, list) else [stored]) if p]


def remember_project(path: str) -> None:
    """Put ``path`` first in the recent projects (ten at most)."""
    QSettings().setValue(RECENT, [path, *(p for p in recent_projects() if p != path)][:10])


def auto_pretag() -> bool:
    """Pre-tag a new document in the background when it is first opened (on by default)."""
    return bool(QSettings().value("preferences/auto_pretag", True, type=bool))
