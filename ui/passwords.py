"""Passwords a person typed for a team server: in this process's memory only, never in settings, files or logs.

Keyed by the project's location (the URL as typed, which never holds a password). The window's own
connection and every background job's connection read it from here. A later keyring would sit behind
the same two calls.
"""

from __future__ import annotations

_typed: dict[str, str] = {}


def password_for(location: str) -> str | None:
    """The password typed for ``location`` in this session (None: libpq's own places decide)."""
    return _typed.get(location)


def keep(location: str, password: str) -> None:
    """Remember ``password`` for ``location`` until the application ends."""
    _typed[location] = password


def forget(location: str) -> None:
    """Drop the password of ``location`` (it was refused)."""
    _typed.pop(location, None)
