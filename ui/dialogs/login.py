"""Logging in to a team project: the server (a URL, or host, port and database), the user and the password.

One dialog in two uses: File › Open team project… asks for all of it; when the server asks for a password
(none was typed, or it was refused) the same dialog asks for the password only. The password stays in
this process's memory (ui/passwords.py), or goes to the system keyring when the optional ``keyring``
package is installed and "remember" is ticked; it is never put in the URL, the settings or a file.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit, urlunsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QCheckBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from annotator.store.db import is_server
from ui.dialogs import modal, ok_cancel
from ui.i18n import translate
from ui.passwords import is_remembered, keep, keyring_problem
from ui.plain import plain_label, tip

LTR = Qt.LayoutDirection.LeftToRight  # a URL, a host and a password read left to right in a Persian window too
RED = "QLabel { color: #a40000; }"
GREY = "QLabel { color: #555; }"


def url_problem(url: str) -> str:
    """Why ``url`` cannot be a team project's address, in the interface's words (empty: it can)."""
    if not url:
        return translate("LoginDialog", "Type the server's URL.")
    if not is_server(url):
        return translate("LoginDialog", "A team project's URL begins with postgresql://")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        return translate("LoginDialog", "This is not a valid URL.")
    if parts.password is not None or "password=" in parts.query:
        return translate(
            "LoginDialog", "Leave the password out of the URL: the server asks for it, and it is never stored."
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
    place = f"{dbname} @ {host}" if dbname else host
    return user, f"\u200e{place}\u200e"  # marks: "db @ host" reads left to right inside a Persian sentence


def split_url(url: str) -> tuple[str, str, str, str]:
    """Host, port, database and user of a URL (empty where it names none, or cannot be read)."""
    try:
        parts = urlsplit(url)
        port = str(parts.port or "")
    except ValueError:
        return "", "", "", ""
    return unquote(parts.hostname or ""), port, unquote(parts.path.lstrip("/")), unquote(parts.username or "")


def join_url(host: str, port: str, database: str, user: str, query: str = "") -> str:
    """A postgresql:// URL of the parts (each quoted); the query (sslmode=…) kept as it was."""
    netloc = quote(host, safe=".-_:[]") + (f":{port}" if port else "")
    if user:
        netloc = f"{quote(user, safe='')}@{netloc}"
    return urlunsplit(("postgresql", netloc, "/" + quote(database, safe="") if database else "", query, ""))


class LoginDialog(QDialog):
    """The server, the user and the password of a team project (``asking``: only the password, for ``url``)."""

    def __init__(self, parent: QWidget | None = None, url: str = "", *, asking: bool = False, wrong: bool = False):
        super().__init__(parent)
        self.asking = asking
        self.setObjectName("login")
        self.setWindowTitle(
            translate("LoginDialog", "Password") if asking else translate("LoginDialog", "Open team project")
        )
        self.setMinimumWidth(520 if not asking else 440)
        layout = QVBoxLayout(self)
        if asking:
            user, place = describe(url)
            if user:
                text = translate("LoginDialog", "The server {place} asks for the password of {user}.").format(
                    place=place, user=user
                )
            else:
                text = translate("LoginDialog", "The server {place} asks for a password.").format(place=place)
        else:
            text = translate(
                "LoginDialog",
                "The project's PostgreSQL database: its URL, or the host, port and database. The password may be "
                "left empty when ~/.pgpass or PGPASSWORD holds it.",
            )
        intro = plain_label(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.wrong = plain_label(translate("LoginDialog", "The server refused that password. Try again."))
        self.wrong.setObjectName("wrong")
        self.wrong.setStyleSheet(RED)
        self.wrong.setVisible(wrong)
        layout.addWidget(self.wrong)
        form = QFormLayout()
        self.url = self._field("url", url)
        self.url.setPlaceholderText("postgresql://…@…:5432/…")  # the form, in no language
        host, port, database, user = split_url(url)
        self.host = self._field("host", host)
        self.host.setPlaceholderText("127.0.0.1")
        self.port = self._field("port", port)
        self.port.setPlaceholderText("5432")
        self.port.setValidator(QIntValidator(1, 65535, self.port))
        self.database = self._field("database", database)
        self.user = self._field("user", user)
        self.password = self._field("password", "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if not asking:
            form.addRow(translate("LoginDialog", "Server URL"), self.url)
            form.addRow(translate("LoginDialog", "Host"), self.host)
            form.addRow(translate("LoginDialog", "Port"), self.port)
            form.addRow(translate("LoginDialog", "Database"), self.database)
            form.addRow(translate("LoginDialog", "User"), self.user)
        form.addRow(translate("LoginDialog", "Password"), self.password)
        layout.addLayout(form)
        self.remember = QCheckBox(translate("LoginDialog", "Remember the password in the system keyring"))
        self.remember.setObjectName("remember")
        problem = keyring_problem()
        if problem:
            self.remember.setEnabled(False)
            self.remember.setToolTip(tip(problem))
            self.remember.setProperty("why", problem)
        else:
            self.remember.setChecked(is_remembered(url))
            self.remember.setToolTip(
                tip(
                    translate(
                        "LoginDialog", "Unticked, a password stored for this project is deleted from the keyring."
                    )
                )
            )
        layout.addWidget(self.remember)
        self.note = plain_label()
        self.note.setObjectName("note")
        self.note.setStyleSheet(GREY)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.problem = plain_label()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(RED)
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, self._on_ok))
        self.url.textEdited.connect(self._on_url_edited)
        for part in (self.host, self.port, self.database, self.user):
            part.textEdited.connect(self._on_part_edited)
        self.remember.toggled.connect(self._on_remember_toggled)
        self._on_remember_toggled(self.remember.isChecked())
        (self.password if asking or url else self.url).setFocus()

    def _field(self, name: str, text: str) -> QLineEdit:
        field = QLineEdit(text)
        field.setObjectName(name)
        field.setLayoutDirection(LTR)
        return field

    def _on_url_edited(self, url: str) -> None:
        for field, value in zip((self.host, self.port, self.database, self.user), split_url(url.strip()), strict=True):
            field.setText(value)

    def _on_part_edited(self) -> None:
        try:
            query = urlsplit(self.url.text().strip()).query
        except ValueError:
            query = ""
        parts = (self.host.text().strip(), self.port.text().strip(), self.database.text().strip(), self.user.text())
        self.url.setText(join_url(*parts, query=query) if any(parts) else "")

    def _on_remember_toggled(self, on: bool) -> None:
        if on:
            text = translate("LoginDialog", "Kept in the system keyring once the server accepts it; never in a file.")
        else:
            text = translate("LoginDialog", "Kept in memory until Barchasb closes; never written anywhere.")
        if not self.remember.isEnabled():
            text += " " + self.remember.property("why")  # why it cannot be remembered, in view (not only in a tooltip)
        self.note.setText(text)

    def location(self) -> str:
        """The URL as typed (or as the parts made it)."""
        return self.url.text().strip()

    def _on_ok(self) -> None:
        problem = "" if self.asking else url_problem(self.location())
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            self.url.setFocus()
            return
        self.accept()

    def keep_password(self, location: str) -> None:
        """Hand the password typed (if any) and the keyring choice to ui.passwords, for ``location``."""
        remember = self.remember.isChecked() if self.remember.isEnabled() else None
        if self.password.text():
            keep(location, self.password.text(), remember)
        elif remember is not None and not remember and is_remembered(location):
            from ui.passwords import forget_stored

            forget_stored(location)  # "remember" unticked: the stored one goes


class OpenTeamDialog(LoginDialog):
    """File › Open team project…: the server, the user and (optionally) the password."""

    def __init__(self, parent: QWidget | None = None, url: str = "") -> None:
        super().__init__(parent, url)

    @classmethod
    def ask(cls, parent: QWidget | None, url: str = "") -> str | None:
        """The URL typed, or None when cancelled (a password typed is kept for it). Tests patch this."""
        dialog = cls(parent, url)
        if not modal(dialog):
            return None
        location = dialog.location()
        dialog.keep_password(location)
        return location


class PasswordDialog(LoginDialog):
    """The password the server asks for, typed hidden; in memory, or in the keyring when "remember" is ticked."""

    def __init__(self, parent: QWidget | None, url: str, wrong: bool) -> None:
        super().__init__(parent, url, asking=True, wrong=wrong)

    @classmethod
    def ask(cls, parent: QWidget | None, url: str, wrong: bool = False) -> str | None:
        """The password typed, or None when cancelled. Tests patch this or type into it."""
        dialog = cls(parent, url, wrong)
        if not modal(dialog):
            return None
        dialog.keep_password(url)
        return dialog.password.text()
