"""Team server dialogs: open a project on PostgreSQL by its URL, and the password the server asks for."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from annotator.store.db import is_server
from ui.dialogs import modal, ok_cancel
from ui.plain import plain_label

LTR = Qt.LayoutDirection.LeftToRight  # a URL reads left to right in a Persian window too


class OpenTeamDialog(QDialog):
    """A libpq URL, checked before it is tried (the password stays out of it)."""

    def __init__(self, parent: QWidget | None = None, url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open team project"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "The project's PostgreSQL database, as a URL. The password is asked for when the server wants "
                "one (or comes from ~/.pgpass or PGPASSWORD); never put it in the URL."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.url = QLineEdit(url)
        self.url.setObjectName("url")
        self.url.setLayoutDirection(LTR)
        self.url.setPlaceholderText("postgresql://…@…:5432/…")  # the form, in no language
        form.addRow(self.tr("Server URL"), self.url)
        layout.addLayout(form)
        self.problem = plain_label()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { color: #a40000; }")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, self._on_ok))

    @classmethod
    def ask(cls, parent: QWidget | None, url: str = "") -> str | None:
        """The URL typed, or None when cancelled. Tests patch this."""
        dialog = cls(parent, url)
        if not modal(dialog):
            return None
        return dialog.url.text().strip()

    def _on_ok(self) -> None:
        problem = url_problem(self.url.text().strip())
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            self.url.setFocus()
            return
        self.accept()


def url_problem(url: str) -> str:
    """Why ``url`` cannot be a team project's address, in the interface's words (empty: it can)."""
    from ui.i18n import translate

    if not url:
        return translate("OpenTeamDialog", "Type the server's URL.")
    if not is_server(url):
        return translate("OpenTeamDialog", "A team project's URL begins with postgresql://")
    try:
        parts = urlsplit(url)
    except ValueError:
        return translate("OpenTeamDialog", "This is not a valid URL.")
    if parts.password is not None or "password=" in parts.query:
        return translate(
            "OpenTeamDialog", "Leave the password out of the URL: the server asks for it, and it is never stored."
        )
    return ""


def describe(url: str) -> tuple[str, str]:
    """The user and the place (database @ host) a URL names, for the password question."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
    except ValueError:
        return "", url
    user = unquote(parts.username or "")
    dbname = unquote(parts.path.lstrip("/"))
    return user, f"{dbname} @ {host}" if dbname else host


class PasswordDialog(QDialog):
    """The password for one server connection, typed hidden; held in memory by the caller only."""

    def __init__(self, parent: QWidget | None, url: str, wrong: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Password"))
        self.setMinimumWidth(420)
        user, place = describe(url)
        layout = QVBoxLayout(self)
        if user:
            question = self.tr("The server {place} asks for the password of {user}.").format(place=place, user=user)
        else:
            question = self.tr("The server {place} asks for a password.").format(place=place)
        text = plain_label(question)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.wrong = plain_label(self.tr("The server refused that password. Try again."))
        self.wrong.setObjectName("wrong")
        self.wrong.setStyleSheet("QLabel { color: #a40000; }")
        self.wrong.setVisible(wrong)
        layout.addWidget(self.wrong)
        form = QFormLayout()
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setLayoutDirection(LTR)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        note = plain_label(self.tr("Kept in memory until Barchasb closes; never written anywhere."))
        note.setStyleSheet("QLabel { color: #555; }")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(ok_cancel(self))
        self.password.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, url: str, wrong: bool = False) -> str | None:
        """The password typed, or None when cancelled. Tests patch this or type into it."""
        dialog = cls(parent, url, wrong)
        if not modal(dialog):
            return None
        return dialog.password.text()
