"""Passwords a person typed for a team server: in this process's memory, or in the system keyring when asked.

Keyed by the project's location (the URL as typed, which never holds a password). The window's own
connection and every background job's connection read it from here. A password is never written to the
settings, a file or a log. With the optional ``keyring`` package and "remember" ticked, it goes to the
system's keyring once the server has accepted it; unticked, a stored one is deleted. Only the URLs whose
password is in the keyring are listed in the settings, so a project never stored there never wakes the
keyring (which may ask to be unlocked).
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QSettings

SERVICE = "Barchasb"  # the keyring's service name; the user name is the project's URL
REMEMBERED = "team/remembered"  # settings key: URLs whose password is in the keyring (never a password)

_typed: dict[str, str] = {}
_choice: dict[str, bool] = {}  # "remember" as ticked for a location, until the server answers
_refused: set[str] = set()  # a keyring password the server refused: not offered again this session


def password_for(location: str) -> str | None:
    """The password for ``location``: typed in this session, else remembered in the keyring (None: libpq decides)."""
    if location in _typed:
        return _typed[location]
    if location in _refused or location not in remembered_locations():
        return None
    ring = _keyring()
    if ring is None:
        return None
    from keyring.errors import KeyringError

    try:
        found = ring.get_password(SERVICE, location)
    except (KeyringError, OSError):  # locked, or its service is not running: the password is simply asked for
        return None
    return None if found is None else str(found)


def keep(location: str, password: str, remember: bool | None = None) -> None:
    """Remember ``password`` for ``location`` until the application ends; ``remember``: the keyring choice made."""
    _typed[location] = password
    _refused.discard(location)
    if remember is not None:
        _choice[location] = remember


def forget(location: str) -> None:
    """Drop the password of ``location`` (it was refused)."""
    _typed.pop(location, None)
    _choice.pop(location, None)
    if location in remembered_locations():
        _refused.add(location)


def forget_stored(location: str) -> str:
    """Delete the keyring's password of ``location`` ("remember" unticked); why it could not be (empty: done)."""
    _refused.discard(location)
    if location not in remembered_locations():
        return ""  # never stored: the keyring is not woken
    ring = _keyring()
    if ring is not None:
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            with contextlib.suppress(PasswordDeleteError):  # none was stored
                ring.delete_password(SERVICE, location)
        except (KeyringError, OSError) as exc:
            return str(exc) or type(exc).__name__
    _list([url for url in remembered_locations() if url != location])
    return ""


def accepted(location: str) -> str:
    """The server accepted the password of ``location``: store it in the keyring or delete it, as chosen.

    Returns why the keyring could not do it (empty: done, or nothing to do).
    """
    choice = _choice.pop(location, None)
    password = _typed.get(location)
    if choice is None:
        return ""
    if not choice or not password:
        return forget_stored(location)
    ring = _keyring()
    if ring is None:
        return ""
    from keyring.errors import KeyringError

    try:
        ring.set_password(SERVICE, location, password)
    except (KeyringError, OSError) as exc:
        return str(exc) or type(exc).__name__
    _refused.discard(location)
    _list([*(url for url in remembered_locations() if url != location), location])
    return ""


def is_remembered(location: str) -> bool:
    """True when the keyring holds a password for ``location`` (as far as the settings know)."""
    return location in remembered_locations()


def remembered_locations() -> list[str]:
    """The URLs whose password is in the keyring."""
    value = QSettings().value(REMEMBERED, [])
    if isinstance(value, str):
        return [value]  # QSettings gives a list of one as the string itself
    return [str(url) for url in value] if isinstance(value, list) else []


def keyring_problem() -> str:
    """Why "remember" cannot be offered (the interface's words), or empty when a usable keyring is there."""
    from ui.i18n import translate

    try:
        import keyring
    except ImportError:
        return translate("Passwords", "Install the optional keyring package ({command}) to remember passwords.").format(
            command="pip install 'barchasb[keyring]'"
        )
    if _usable(keyring.get_keyring()):
        return ""
    return translate("Passwords", "No system keyring was found, so the password can only be kept in memory.")


def _keyring() -> Any:
    try:
        import keyring
    except ImportError:
        return None
    ring = keyring.get_keyring()
    return ring if _usable(ring) else None


def _usable(ring: object) -> bool:
    from keyring.backends import fail, null

    return not isinstance(ring, fail.Keyring | null.Keyring)


def _list(locations: list[str]) -> None:
    QSettings().setValue(REMEMBERED, locations)
