"""What the user's project role lets the window do on a team server: who is logged in, and what is switched off.

The database decides (pg_roles.py); the window only spares the person a refusal by disabling what their
role can never do, menus, toolbar and shortcuts alike (a disabled action's shortcut does nothing). When
the server still refuses (the role changed meanwhile), its plain sentence is shown and nothing changes.
A file project has one user who may do everything: nothing is shown or disabled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject

from annotator.errors import BarchasbError
from annotator.store import Project
from annotator.store.changes import Change
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.plain import plain_label

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ROLE_WORDS = {
    "annotator": QT_TRANSLATE_NOOP("Roles", "annotator"),
    "curator": QT_TRANSLATE_NOOP("Roles", "curator"),
    "manager": QT_TRANSLATE_NOOP("Roles", "manager"),
}
NOT_FOR = {  # why an action is off for a role (the server would refuse it)
    "annotator": QT_TRANSLATE_NOOP("Roles", "An annotator may not do this: ask the project's manager."),
    "curator": QT_TRANSLATE_NOOP("Roles", "A curator may not do this: ask the project's manager."),
}
BLIND = QT_TRANSLATE_NOOP("Roles", "Blind round: other layers are hidden until the manager closes the round.")
# Actions a role can never do. Annotators write only their own layer of their documents: no schema,
# import, export, curation (gold), merging others' layers or storing a model. Curators write gold,
# decisions and models, but neither the schema nor imports, and have no layer of their own to pre-tag or
# mark done (they mark documents reviewed).
DENIED = {
    "annotator": ("schema", "import", "export", "review_mode", "merge", "train"),
    "curator": ("schema", "import", "pretag_document", "pretag_project", "done_next"),
}
HIDDEN_IN_BLIND_ROUND = ("agreement",)  # the team's agreement compares layers an annotator may not read yet
STYLE = "QLabel { background: #e4ecf7; color: #1d3a5f; padding: 0 6px; }"


class Standing(NamedTuple):
    """Who is logged in to a server project, their project role (None: not on the team), and the round."""

    user: str
    role: str | None
    blind: bool

    def denied(self) -> tuple[str, ...]:
        """The actions this standing can never do."""
        denied = DENIED.get(self.role or "annotator", ())  # someone off the team may do nothing a manager does
        if self.role == "annotator" and self.blind:
            denied += HIDDEN_IN_BLIND_ROUND
        return denied

    @property
    def sees_others(self) -> bool:
        """False while a blind round hides other layers, gold and the team's agreement from this user."""
        return not (self.blind and self.role in ("annotator", None))


def standing(project: Project | None) -> Standing | None:
    """The logged-in user's standing on ``project``; None for a file (or no project)."""
    if project is None:
        return None
    from annotator.store import team

    who = team.whoami(project)
    if who is None:
        return None
    user, role = who
    try:
        blind = team.round_open(project)
    except BarchasbError:
        blind = True  # unreadable: assume the stricter case
    return Standing(user, role, blind)


def layer_of(project: Project | None, annotator: str) -> str:
    """The layer the window edits: an annotator on a server edits the layer of their login, whatever name was given."""
    found = standing(project)
    if found is None or found.role not in ("annotator", None):
        return annotator
    return found.user


def role_word(role: str | None) -> str:
    """A project role in the interface's words."""
    if role is None:
        return translate("Roles", "not on the team")
    return translate("Roles", ROLE_WORDS.get(role, role))


class RoleGuard(QObject):
    """Shows the user and role in the status bar and disables what the role cannot do; follows the round."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.standing = standing(window.project)
        self.label = plain_label()
        self.label.setObjectName("standing")
        self.label.setStyleSheet(STYLE)
        self.label.hide()
        self._tips = {name: action.toolTip() for name, action in window.actions_.items()}
        window.statusBar().addPermanentWidget(self.label)
        if self.standing is None:
            return
        self.apply()
        if window.live is not None:
            window.live.listener.changed.connect(self._on_listener_changed)
        window.actions_["review_mode"].toggled.connect(self._on_review_mode_toggled)
        if self.standing.role == "curator" and window.annotation is not None:
            window.set_review_mode(True)  # a curator writes gold only: the editor edits gold from the start

    def allows(self, action: str) -> bool:
        """True when the user's role may use ``action`` (always on a file)."""
        return self.standing is None or action not in self.standing.denied()

    def apply(self) -> None:
        """Show the standing and switch the actions on or off for it."""
        found = self.standing
        if found is None:
            return
        text = translate("Roles", "{user} · {role}").format(user=found.user, role=role_word(found.role))
        if not found.sees_others:
            text += " · " + translate("Roles", "blind round")
        self.label.setText(text)
        self.label.setToolTip(translate("Roles", BLIND) if not found.sees_others else "")
        self.label.show()
        denied = found.denied()
        why = translate("Roles", NOT_FOR.get(found.role or "annotator", NOT_FOR["annotator"]))
        for name, action in self.window.actions_.items():
            if name in denied:
                action.setEnabled(False)
                reason = (
                    translate("Roles", BLIND)
                    if name in HIDDEN_IN_BLIND_ROUND and name not in DENIED.get(found.role or "annotator", ())
                    else why
                )
                action.setToolTip(reason)
                action.setStatusTip(reason)
            elif name in self._tips and name in HIDDEN_IN_BLIND_ROUND and not action.isEnabled():
                action.setEnabled(True)  # the round was closed
                action.setToolTip(self._tips[name])
                action.setStatusTip(self._tips[name])
        if found.role == "curator":
            self.window.actions_["review_mode"].setEnabled(False)  # always curating: their own layer is not theirs
            self.window.actions_["review_mode"].setToolTip(translate("Roles", "A curator edits the gold layer."))

    def _on_review_mode_toggled(self, on: bool) -> None:
        # Curation reached another way (`barchasb gui --review`): an annotator goes back to their own layer.
        if on and not self.allows("review_mode"):
            self.window.set_review_mode(False)
            self.window.status.setText(self.window.actions_["review_mode"].toolTip())

    def _on_listener_changed(self, changes: list[Change]) -> None:
        if self.standing is None or not any(c.table in ("settings", "project") for c in changes):
            return
        try:
            from annotator.store import team

            assert self.window.project is not None
            blind = team.round_open(self.window.project)
        except BarchasbError:
            return  # the connection's state is said by the live views
        if blind != self.standing.blind:
            self.standing = self.standing._replace(blind=blind)
            self.apply()
