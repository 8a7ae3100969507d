"""Preferences and remembered state in QSettings (preferences apart from window geometry)."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from annotator.store.db import server_url

RECENT = "recent_projects"


def recent_projects() -> list[str]:
    """Most recently opened projects first (file paths and team server URLs)."""
    stored = QSettings().value(RECENT, [])
    return [str(p) for p in (stored if isinstance(stored, list) else [stored]) if p]


def remember_project(path: str) -> None:
    """Put ``path`` first in the recent projects (ten at most): a file as an absolute path (it opens from any
    folder), a server URL exactly as typed (a URL never holds a password: opening refuses one)."""
    path = server_url(path) or os.path.abspath(path)
    QSettings().setValue(RECENT, [path, *(p for p in recent_projects() if p != path)][:10])


DEFAULTS: dict[str, object] = {
    "preferences/auto_pretag": True,  # pre-tag a new document in the background when first opened
    "preferences/retrain_every": 10,  # retrain the model after this many documents marked done (0: never)
    "preferences/accept_threshold": 0.9,  # "accept all" takes those at or above this (chosen with assist_bench)
    "preferences/font_family": "",  # empty: the first installed of Vazirmatn, Noto Naskh/Sans Arabic
    "preferences/font_size": 14,
    "preferences/review_min_agree": 0,  # curation pre-accepts spans this many annotators share (0: all of them)
    "preferences/language": "",  # the interface's: "en", "fa", or empty to follow the system's locale
}


def preference(key: str) -> object:
    """A preference, typed like its default."""
    default = DEFAULTS[f"preferences/{key}"]
    return QSettings().value(f"preferences/{key}", default, type=type(default))


def set_preference(key: str, value: object) -> None:
    """Store a preference."""
    if f"preferences/{key}" not in DEFAULTS:
        raise KeyError(key)
    QSettings().setValue(f"preferences/{key}", value)


def auto_pretag() -> bool:
    """Pre-tag a new document in the background when it is first opened (on by default)."""
    return bool(preference("auto_pretag"))
