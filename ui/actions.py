"""Every user action in one table: id, menu text, shortcut. Menus, toolbar and the shortcuts dialog read it."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ui.i18n import QT_TRANSLATE_NOOP, number, translate


class ActionSpec(NamedTuple):
    """One action: where it lives in the menus and how it is reached from the keyboard (texts in English)."""

    id: str
    text: str
    shortcut: str
    menu: str
    tip: str = ""


TAKE = QT_TRANSLATE_NOOP("Actions", "Take annotator {n}'s version")

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", QT_TRANSLATE_NOOP("Actions", "&New project…"), "Ctrl+N", "File"),
    ActionSpec("open", QT_TRANSLATE_NOOP("Actions", "&Open project…"), "Ctrl+O", "File"),
    ActionSpec(
        "open_team",
        QT_TRANSLATE_NOOP("Actions", "Open &team project…"),
        "Ctrl+Shift+O",
        "File",
        QT_TRANSLATE_NOOP("Actions", "Open a project on a PostgreSQL server by its URL"),
    ),
    ActionSpec("import", QT_TRANSLATE_NOOP("Actions", "&Import documents…"), "Ctrl+I", "File"),
    ActionSpec("export", QT_TRANSLATE_NOOP("Actions", "&Export…"), "Ctrl+E", "File"),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), "Ctrl+Q", "File"),
    ActionSpec("undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), "Ctrl+Z", "Edit"),
    ActionSpec("redo", QT_TRANSLATE_NOOP("Actions", "&Redo"), "Ctrl+Shift+Z", "Edit"),
    ActionSpec(
        "delete",
        QT_TRANSLATE_NOOP("Actions", "&Delete span"),
        "Delete",
        "Edit",
        QT_TRANSLATE_NOOP("Actions", "Remove the span under the cursor"),
    ),
    ActionSpec(
        "accept",
        QT_TRANSLATE_NOOP("Actions", "&Accept suggestion"),
        "Return",
        "Edit",
        QT_TRANSLATE_NOOP("Actions", "Accept the suggestion under the cursor"),
    ),
    ActionSpec(
        "reject",
        QT_TRANSLATE_NOOP("Actions", "Re&ject suggestion"),
        "Backspace",
        "Edit",
        QT_TRANSLATE_NOOP("Actions", "Reject the suggestion (remembered)"),
    ),
    ActionSpec(
        "accept_all", QT_TRANSLATE_NOOP("Actions", "Accept all suggestions at or above %"), "Ctrl+Return", "Edit"
    ),
    ActionSpec(
        "role",
        QT_TRANSLATE_NOOP("Actions", "Set &role…"),
        "Ctrl+R",
        "Edit",
        QT_TRANSLATE_NOOP("Actions", "Choose the role of the span under the cursor"),
    ),
    # Right is the start edge in right-to-left text, Left the end edge; Shift grows.
    ActionSpec(
        "grow_start",
        QT_TRANSLATE_NOOP("Actions", "Grow at start by a token"),
        "Alt+Shift+Right",
        "Span",
        QT_TRANSLATE_NOOP("Actions", "One token earlier"),
    ),
    ActionSpec("shrink_start", QT_TRANSLATE_NOOP("Actions", "Shrink at start by a token"), "Alt+Right", "Span"),
    ActionSpec(
        "grow_end",
        QT_TRANSLATE_NOOP("Actions", "Grow at end by a token"),
        "Alt+Shift+Left",
        "Span",
        QT_TRANSLATE_NOOP("Actions", "One token later"),
    ),
    ActionSpec("shrink_end", QT_TRANSLATE_NOOP("Actions", "Shrink at end by a token"), "Alt+Left", "Span"),
    ActionSpec("next_span", QT_TRANSLATE_NOOP("Actions", "Next span"), "Tab", "Go"),
    ActionSpec("previous_span", QT_TRANSLATE_NOOP("Actions", "Previous span"), "Shift+Tab", "Go"),
    ActionSpec("next_suggestion", QT_TRANSLATE_NOOP("Actions", "Next suggestion"), "Ctrl+Tab", "Go"),
    ActionSpec("previous_suggestion", QT_TRANSLATE_NOOP("Actions", "Previous suggestion"), "Ctrl+Shift+Tab", "Go"),
    ActionSpec("next_document", QT_TRANSLATE_NOOP("Actions", "Next document"), "Ctrl+PgDown", "Go"),
    ActionSpec("previous_document", QT_TRANSLATE_NOOP("Actions", "Previous document"), "Ctrl+PgUp", "Go"),
    ActionSpec("done_next", QT_TRANSLATE_NOOP("Actions", "Mark done, go to next"), "Ctrl+D", "Go"),
    ActionSpec(
        "pretag_document",
        QT_TRANSLATE_NOOP("Actions", "Pre-tag this document"),
        "Ctrl+P",
        "Tools",
        QT_TRANSLATE_NOOP("Actions", "Rules, cues, gazetteer, model"),
    ),
    ActionSpec("pretag_project", QT_TRANSLATE_NOOP("Actions", "Pre-tag every document"), "Ctrl+Shift+P", "Tools"),
    ActionSpec("train", QT_TRANSLATE_NOOP("Actions", "Train the model on finished documents"), "Ctrl+Shift+T", "Tools"),
    ActionSpec("preferences", QT_TRANSLATE_NOOP("Actions", "Preferences…"), "Ctrl+,", "Tools"),
    ActionSpec(
        "schema",
        QT_TRANSLATE_NOOP("Actions", "Label schema…"),
        "Ctrl+Shift+L",
        "Tools",
        QT_TRANSLATE_NOOP("Actions", "Types, colours, keys, roles"),
    ),
    ActionSpec(
        "uncertain_first",
        QT_TRANSLATE_NOOP("Actions", "Most uncertain first"),
        "Ctrl+U",
        "View",
        QT_TRANSLATE_NOOP("Actions", "Order documents by model doubt"),
    ),
    ActionSpec(
        "char_mode",
        QT_TRANSLATE_NOOP("Actions", "Character mode"),
        "Ctrl+M",
        "View",
        QT_TRANSLATE_NOOP("Actions", "Select inside tokens"),
    ),
    ActionSpec(
        "show_zwnj",
        QT_TRANSLATE_NOOP("Actions", "Show ZWNJ"),
        "Ctrl+J",
        "View",
        QT_TRANSLATE_NOOP("Actions", "Mark every zero-width non-joiner"),
    ),
    ActionSpec(
        "history",
        QT_TRANSLATE_NOOP("Actions", "Document history"),
        "Ctrl+Shift+H",
        "View",
        QT_TRANSLATE_NOOP("Actions", "Who changed which span, when (a team project's audit trail)"),
    ),
    ActionSpec(
        "team",
        QT_TRANSLATE_NOOP("Actions", "Team progress…"),
        "Ctrl+Shift+M",
        "Review",
        QT_TRANSLATE_NOOP("Actions", "Who has done what"),
    ),
    ActionSpec(
        "package",
        QT_TRANSLATE_NOOP("Actions", "Package my annotations…"),
        "Ctrl+Shift+K",
        "Review",
        QT_TRANSLATE_NOOP("Actions", "A file for the reviewer"),
    ),
    ActionSpec(
        "merge",
        QT_TRANSLATE_NOOP("Actions", "Merge annotators' packages…"),
        "Ctrl+Shift+J",
        "Review",
        QT_TRANSLATE_NOOP("Actions", "Add the team's layers"),
    ),
    ActionSpec(
        "agreement",
        QT_TRANSLATE_NOOP("Actions", "Agreement report…"),
        "Ctrl+Shift+G",
        "Review",
        QT_TRANSLATE_NOOP("Actions", "Span F1, κ and α between annotators"),
    ),
    ActionSpec(
        "review_mode",
        QT_TRANSLATE_NOOP("Actions", "Curate gold"),
        "Ctrl+Shift+R",
        "Review",
        QT_TRANSLATE_NOOP("Actions", "Edit the gold layer; settle disagreements"),
    ),
    ActionSpec(
        "accept_agreed",
        QT_TRANSLATE_NOOP("Actions", "Accept agreed spans"),
        "Alt+A",
        "Review",
        QT_TRANSLATE_NOOP("Actions", "Everything the annotators agree on"),
    ),
    ActionSpec("next_disagreement", QT_TRANSLATE_NOOP("Actions", "Next disagreement"), "Alt+Down", "Review"),
    ActionSpec("previous_disagreement", QT_TRANSLATE_NOOP("Actions", "Previous disagreement"), "Alt+Up", "Review"),
    *(ActionSpec(f"take_{n}", TAKE.format(n=n), f"Alt+{n}", "Review") for n in range(1, 10)),
    ActionSpec(
        "no_entity",
        QT_TRANSLATE_NOOP("Actions", "No entity here"),
        "Alt+0",
        "Review",
        QT_TRANSLATE_NOOP("Actions", "A decision, remembered"),
    ),
    ActionSpec("reviewed_next", QT_TRANSLATE_NOOP("Actions", "Mark reviewed, go to next"), "Ctrl+Shift+D", "Review"),
    ActionSpec("shortcuts", QT_TRANSLATE_NOOP("Actions", "Keyboard shortcuts"), "F1", "Help"),
)

# Menu titles in the menu bar's order; ActionSpec.menu is the key.
MENUS = {
    "File": QT_TRANSLATE_NOOP("Actions", "File"),
    "Edit": QT_TRANSLATE_NOOP("Actions", "Edit"),
    "Span": QT_TRANSLATE_NOOP("Actions", "Span"),
    "Go": QT_TRANSLATE_NOOP("Actions", "Go"),
    "Tools": QT_TRANSLATE_NOOP("Actions", "Tools"),
    "View": QT_TRANSLATE_NOOP("Actions", "View"),
    "Review": QT_TRANSLATE_NOOP("Actions", "Review"),
    "Help": QT_TRANSLATE_NOOP("Actions", "Help"),
}

REVIEW_ONLY = (
    "accept_agreed",
    "next_disagreement",
    "previous_disagreement",
    "no_entity",
    "reviewed_next",
    *(f"take_{n}" for n in range(1, 10)),
)


def action_text(spec: ActionSpec) -> str:
    """The action's menu text in the interface's language (with its ``&`` mnemonic)."""
    if spec.id.startswith("take_"):
        return translate("Actions", TAKE).format(n=number(int(spec.id.removeprefix("take_"))))
    return translate("Actions", spec.text)


def menu_title(menu: str) -> str:
    """A menu's title in the interface's language."""
    return translate("Actions", MENUS[menu])


def build_actions(parent: QWidget) -> dict[str, QAction]:
    """QActions for the table, owned by ``parent``."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(parent)  # the (text, parent) overload makes PySide load QIcon to rule it out
        action.setText(action_text(spec))
        action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            action.setStatusTip(translate("Actions", spec.tip))
            action.setToolTip(translate("Actions", spec.tip))
        action.setObjectName(spec.id)
        actions[spec.id] = action
    actions["char_mode"].setCheckable(True)
    actions["show_zwnj"].setCheckable(True)
    actions["uncertain_first"].setCheckable(True)
    actions["review_mode"].setCheckable(True)
    actions["history"].setCheckable(True)
    for name in REVIEW_ONLY:
        actions[name].setEnabled(False)
    return actions
