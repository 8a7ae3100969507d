"""Every user action in one table: id, menu text, shortcut. Menus, toolbar and the shortcuts dialog read it."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class ActionSpec(NamedTuple):
    """One action: where it lives in the menus and how it is reached from the keyboard."""

    id: str
    text: str
    shortcut: str
    menu: str
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "&New project…", "Ctrl+N", "File"),
    ActionSpec("open", "&Open project…", "Ctrl+O", "File"),
    ActionSpec("import", "&Import documents…", "Ctrl+I", "File"),
    ActionSpec("export", "&Export…", "Ctrl+E", "File"),
    ActionSpec("quit", "&Quit", "Ctrl+Q", "File"),
    ActionSpec("undo", "&Undo", "Ctrl+Z", "Edit"),
    ActionSpec("redo", "&Redo", "Ctrl+Shift+Z", "Edit"),
    ActionSpec("delete", "&Delete span", "Delete", "Edit", "Remove the span under the cursor"),
    ActionSpec("accept", "&Accept suggestion", "Return", "Edit", "Accept the suggestion under the cursor"),
    ActionSpec("reject", "Re&ject suggestion", "Backspace", "Edit", "Reject the suggestion (remembered)"),
    ActionSpec("accept_all", "Accept all suggestions above %", "Ctrl+Return", "Edit"),
    ActionSpec("role", "Set &role…", "Ctrl+R", "Edit", "Choose the role of the span under the cursor"),
    # Right is the start edge in right-to-left text, Left the end edge; Shift grows.
    ActionSpec("grow_start", "Grow at start by a token", "Alt+Shift+Right", "Span", "One token earlier"),
    ActionSpec("shrink_start", "Shrink at start by a token", "Alt+Right", "Span"),
    ActionSpec("grow_end", "Grow at end by a token", "Alt+Shift+Left", "Span", "One token later"),
    ActionSpec("shrink_end", "Shrink at end by a token", "Alt+Left", "Span"),
    ActionSpec("next_span", "Next span", "Tab", "Go"),
    ActionSpec("previous_span", "Previous span", "Shift+Tab", "Go"),
    ActionSpec("next_suggestion", "Next suggestion", "Ctrl+Tab", "Go"),
    ActionSpec("previous_suggestion", "Previous suggestion", "Ctrl+Shift+Tab", "Go"),
    ActionSpec("next_document", "Next document", "Ctrl+PgDown", "Go"),
    ActionSpec("previous_document", "Previous document", "Ctrl+PgUp", "Go"),
    ActionSpec("done_next", "Mark done, go to next", "Ctrl+D", "Go"),
    ActionSpec("pretag_document", "Pre-tag this document", "Ctrl+P", "Tools", "Rules, cues, gazetteer, model"),
    ActionSpec("pretag_project", "Pre-tag every document", "Ctrl+Shift+P", "Tools"),
    ActionSpec("train", "Train the model on finished documents", "Ctrl+Shift+T", "Tools"),
    ActionSpec("preferences", "Preferences…", "Ctrl+,", "Tools"),
    ActionSpec("schema", "Label schema…", "Ctrl+Shift+L", "Tools", "Types, colours, keys, roles"),
    ActionSpec("uncertain_first", "Most uncertain first", "Ctrl+U", "View", "Order documents by model doubt"),
    ActionSpec("char_mode", "Character mode", "Ctrl+M", "View", "Select inside tokens"),
    ActionSpec("show_zwnj", "Show ZWNJ", "Ctrl+J", "View", "Mark every zero-width non-joiner"),
    ActionSpec("team", "Team progress…", "Ctrl+Shift+M", "Review", "Who has done what"),
    ActionSpec("package", "Package my annotations…", "Ctrl+Shift+K", "Review", "A file for the reviewer"),
    ActionSpec("merge", "Merge annotators' packages…", "Ctrl+Shift+J", "Review", "Add the team's layers"),
    ActionSpec("agreement", "Agreement report…", "Ctrl+Shift+G", "Review", "Span F1, κ and α between annotators"),
    ActionSpec("review_mode", "Curate gold", "Ctrl+Shift+R", "Review", "Edit the gold layer; settle disagreements"),
    ActionSpec("accept_agreed", "Accept agreed spans", "Alt+A", "Review", "Everything the annotators agree on"),
    ActionSpec("next_disagreement", "Next disagreement", "Alt+Down", "Review"),
    ActionSpec("previous_disagreement", "Previous disagreement", "Alt+Up", "Review"),
    *(ActionSpec(f"take_{n}", f"Take annotator {n}'s version", f"Alt+{n}", "Review") for n in range(1, 10)),
    ActionSpec("no_entity", "No entity here", "Alt+0", "Review", "A decision, remembered"),
    ActionSpec("reviewed_next", "Mark reviewed, go to next", "Ctrl+Shift+D", "Review"),
    ActionSpec("shortcuts", "Keyboard shortcuts", "F1", "Help"),
)

REVIEW_ONLY = (
    "accept_agreed",
    "next_disagreement",
    "previous_disagreement",
    "no_entity",
    "reviewed_next",
    *(f"take_{n}" for n in range(1, 10)),
)


def build_actions(parent: QWidget) -> dict[str, QAction]:
    """QActions for the table, owned by ``parent``."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(parent)  # the (text, parent) overload makes PySide load QIcon to rule it out
        action.setText(spec.text)
        action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            action.setStatusTip(spec.tip)
        action.setObjectName(spec.id)
        actions[spec.id] = action
    actions["char_mode"].setCheckable(True)
    actions["show_zwnj"].setCheckable(True)
    actions["uncertain_first"].setCheckable(True)
    actions["review_mode"].setCheckable(True)
    for name in REVIEW_ONLY:
        actions[name].setEnabled(False)
    return actions
