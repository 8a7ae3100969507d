"""Where a project lives, as the window sees it: a file path or a team server URL, opened with a password if asked."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from PySide6.QtWidgets import QWidget

from annotator.errors import BarchasbError, PasswordRequired
from annotator.store import Project
from annotator.store.db import is_server, server_url
from ui.messages import error, warn
from ui.passwords import accepted, forget, keep, password_for


def location_key(location: str) -> str:
    """How a location is remembered: a server URL exactly as typed, a file as an absolute path."""
    url = server_url(location)
    return url if url is not None else os.path.abspath(location)


def open_location(parent: QWidget | None, location: str) -> Project | None:
    """Open a project file or a team project's URL; asks for the password while the server refuses one.

    None when the person cancelled, or when it cannot be opened (said in a box first).
    """
    location = location.strip()
    key = location_key(location)
    password = password_for(key)
    while True:
        try:
            project = Project.open(key, password=password)
        except PasswordRequired as exc:
            forget(key)
            from ui.dialogs.login import PasswordDialog

            password = PasswordDialog.ask(parent, key, wrong=exc.wrong)
            if password is None:
                return None
            continue
        except BarchasbError as exc:
            (error if parent is None else warn)(parent, str(exc))
            return None
        if password is not None:
            keep(key, password)  # for this window's background jobs and reconnections
        problem = accepted(key)  # into the system keyring, or out of it, as the person chose
        if problem:
            from ui.i18n import translate

            warn(
                parent,
                translate("Passwords", "The keyring could not store the password: {problem}").format(problem=problem),
            )
        return project


def open_job_project(location: str) -> Project:
    """A background job's own connection to the window's project (with the password typed for it, if any)."""
    return Project.open(location, password=password_for(location_key(location)))


def project_name(project: Project) -> str:
    """The project as a title names it: a file's name, or a team project's database and host."""
    shown = str(project.path)
    if not is_server(shown):
        return project.path.name
    try:
        host = urlsplit(shown).hostname or "localhost"
    except ValueError:
        host = ""
    return f"{project.path.name} @ {host}" if host else project.path.name
