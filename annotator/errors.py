"""Typed errors raised by the core; the CLI and the UI turn them into messages."""

from __future__ import annotations


class BarchasbError(Exception):
    """Base class of every error the core raises on purpose."""


class SpanError(BarchasbError):
    """A span is out of range, empty, misaligned or carries an unknown label."""


class SchemaError(BarchasbError):
    """A label schema is malformed or a label is not in it."""


class ProjectError(BarchasbError):
    """A project file cannot be created, opened or changed."""


class DocumentNotFound(ProjectError):
    """No document with the given id exists in the project."""


class InputError(BarchasbError):
    """Bad input to an importer; names the file and, where known, the line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        where = path or ""
        if path and line is not None:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class ExportError(BarchasbError):
    """An export cannot be written as asked (no such layer, spans CoNLL cannot carry, ...)."""


class ProjectBusy(ProjectError):
    """Another process holds the project's write lock for longer than we wait."""


class StaleEdit(ProjectError):
    """An edit was refused: the row is no longer in the state the edit expected (someone else changed it)."""


class PasswordRequired(ProjectError):
    """The server asks for a password: none was given (``wrong`` False) or the one given was refused (True)."""

    def __init__(self, message: str, *, wrong: bool = False) -> None:
        self.wrong = wrong
        super().__init__(message)


class ProjectCorrupt(ProjectError):
    """The project file holds data Barchasb never writes (damaged or crafted); the message names the field."""


class ModelUntrusted(ProjectError):
    """A stored model was not written by this installation (unsigned or altered), so it is never loaded."""


class ConfigError(BarchasbError):
    """The user's configuration folder, or a file in it, cannot be used."""


class NotAllowed(ProjectError):
    """The server refused an action the user's project role does not allow (the message says who and what)."""
