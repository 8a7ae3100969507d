"""Team server dialogs, by their older module name: the login dialog in ui/dialogs/login.py is both of them now."""

from __future__ import annotations

from ui.dialogs.login import LoginDialog, OpenTeamDialog, PasswordDialog, describe, url_problem

__all__ = ["LoginDialog", "OpenTeamDialog", "PasswordDialog", "describe", "url_problem"]
