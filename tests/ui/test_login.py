"""The login dialog on the real throwaway server: the server by URL or by its parts, the password in memory or,
when asked, in a real keyring backend (an in-memory one, keyring's own API); never in the settings."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from annotator.store import Project
from tests.annotator.store.test_window_calls import role_url
from tests.ui.conftest import when_shown
from tests.ui.test_main_window import window
from tests.ui.test_team_server import other_window, press
from ui import passwords
from ui.dialogs.login import LoginDialog, OpenTeamDialog, PasswordDialog, join_url, split_url
from ui.main_window import MainWindow
from ui.opening import open_location

SECRET = "login-secret-7"
WAIT = 10_000


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps its passwords in this process (the system's would need a desktop session)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.stored.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.stored[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.stored.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


@pytest.fixture
def login_url(pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """A team member's URL whose password no environment variable or ~/.pgpass gives."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    monkeypatch.setattr(passwords, "_typed", {})  # a new session: nothing typed yet
    monkeypatch.setattr(passwords, "_refused", set())
    return role_url(pg_url, SECRET)


def settings_text() -> str:
    path = Path(QSettings().fileName())
    return path.read_text(encoding="utf-8") if path.exists() else ""


def open_team(qtbot: QtBot, w: MainWindow, fill: object) -> MainWindow:
    answer = when_shown(OpenTeamDialog, fill)  # type: ignore[arg-type]
    w.actions_["open_team"].trigger()
    qtbot.waitUntil(lambda: answer.done, timeout=WAIT)
    new = other_window(w)
    qtbot.addWidget(new)
    return new


def test_the_url_and_its_parts_follow_each_other(qtbot: QtBot, ring: MemoryKeyring) -> None:
    dialog = LoginDialog(None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.url, "postgresql://sara@db.example.org:6543/team?sslmode=require")
    parts = [dialog.host.text(), dialog.port.text(), dialog.database.text(), dialog.user.text()]
    assert parts == ["db.example.org", "6543", "team", "sara"]
    dialog.user.selectAll()
    qtbot.keyClicks(dialog.user, "ali reza")
    assert dialog.url.text() == "postgresql://ali%20reza@db.example.org:6543/team?sslmode=require"
    assert split_url(join_url("h", "", "d b", "")) == ("h", "", "d b", "")
    dialog.url.clear()
    qtbot.keyClicks(dialog.url, "postgresql://sara:pw@db/team")
    press(dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.problem.text() == "Leave the password out of the URL: the server asks for it, and it is never stored."
    assert dialog.password.echoMode().name == "Password"


def test_a_login_by_host_port_database_and_user_with_remember_goes_to_the_keyring_not_the_settings(
    qtbot: QtBot, project: Project, login_url: str, ring: MemoryKeyring
) -> None:
    host, port, database, user = split_url(login_url)
    w = window(qtbot, project)

    def fill(dialog: OpenTeamDialog) -> None:
        assert dialog.remember.isEnabled()
        for field, text in ((dialog.host, host), (dialog.port, port), (dialog.database, database)):
            qtbot.keyClicks(field, text)
        qtbot.keyClicks(dialog.user, user)
        qtbot.keyClicks(dialog.password, SECRET)
        qtbot.mouseClick(dialog.remember, Qt.MouseButton.LeftButton, pos=dialog.remember.rect().center())
        assert dialog.note.text() == "Kept in the system keyring once the server accepts it; never in a file."
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    new = open_team(qtbot, w, fill)
    assert new.project is not None and str(new.project.path) == login_url
    assert ring.stored == {("Barchasb", login_url): SECRET}
    assert SECRET not in settings_text() and login_url in settings_text()
    assert new.roles.label.text() == f"{user} · annotator · blind round"
    # Barchasb starts again: the keyring answers the server, no dialog
    passwords._typed.clear()
    asked = when_shown(PasswordDialog, lambda d: press(d, QDialogButtonBox.StandardButton.Cancel))
    opened = open_location(None, login_url)
    assert opened is not None and not asked.done
    opened.close()
    asked.timer.stop()


def test_unticking_remember_deletes_the_stored_password(
    qtbot: QtBot, project: Project, login_url: str, ring: MemoryKeyring
) -> None:
    ring.set_password("Barchasb", login_url, "an-old-wrong-one")
    QSettings().setValue(passwords.REMEMBERED, [login_url])
    w = window(qtbot, project)
    seen: list[tuple[bool, bool]] = []

    def answer(dialog: PasswordDialog) -> None:  # the stored one was refused: asked again, remember still ticked
        seen.append((dialog.wrong.isVisibleTo(dialog), dialog.remember.isChecked()))
        dialog.remember.click()
        qtbot.keyClicks(dialog.password, SECRET)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    asked = when_shown(PasswordDialog, answer)
    w.open_project(login_url)
    assert seen == [(True, True)] and asked.done
    new = other_window(w)
    qtbot.addWidget(new)
    assert ring.stored == {} and passwords.remembered_locations() == []
    assert SECRET not in settings_text()


def test_a_wrong_password_is_never_stored_and_the_right_one_replaces_it(
    qtbot: QtBot, project: Project, login_url: str, ring: MemoryKeyring
) -> None:
    w = window(qtbot, project)
    answers: list[str] = []

    def answer(dialog: PasswordDialog) -> None:
        answers.append(dialog.password.text())
        qtbot.keyClicks(dialog.password, SECRET)
        if not dialog.remember.isChecked():
            dialog.remember.click()
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    def fill(dialog: OpenTeamDialog) -> None:
        qtbot.keyClicks(dialog.url, login_url)
        qtbot.keyClicks(dialog.password, "wrong-one")
        dialog.remember.click()
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    asked = when_shown(PasswordDialog, answer)
    new = open_team(qtbot, w, fill)
    assert asked.done and answers == [""]  # asked again, empty: the refused one is not shown back
    assert new.project is not None
    assert ring.stored == {("Barchasb", login_url): SECRET}


def test_without_the_keyring_package_or_a_keyring_remember_is_off_and_says_why(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, ring: MemoryKeyring
) -> None:
    keyring.set_keyring(fail.Keyring())
    dialog = LoginDialog(None)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    assert dialog.remember.toolTip() == "No system keyring was found, so the password can only be kept in memory."
    monkeypatch.setitem(sys.modules, "keyring", None)  # as if it were not installed: `import keyring` fails
    dialog = LoginDialog(None, "postgresql://sara@db/team", asking=True)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()
    assert "pip install 'barchasb[keyring]'" in dialog.remember.toolTip()
    assert dialog.note.text() == (
        "Kept in memory until Barchasb closes; never written anywhere. Install the optional keyring package "
        "(pip install 'barchasb[keyring]') to remember passwords."
    )
    assert passwords.password_for("postgresql://sara@db/team") is None
    assert not QApplication.activeModalWidget()
