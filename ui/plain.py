"""Untrusted strings (titles, ids, sources, descriptions, names, file names) shown as plain text, never HTML.

Qt guesses: a label, tooltip or message box whose text looks like markup (``Qt.mightBeRichText``) is
rendered as HTML, so a document title ``<img src="file:///...">`` would load a file. Labels and boxes are
set to plain text; a tooltip has no such switch, so its text is escaped and wrapped in markup that Qt
then renders as exactly the characters given.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui
from PySide6.QtWidgets import QLabel, QWidget


def tip(text: str) -> str:
    """A tooltip that shows ``text`` literally: unchanged when Qt would take it as plain, else escaped."""
    if not GuiQt.mightBeRichText(text):
        return text
    return '<p style="white-space:pre">' + html.escape(text) + "</p>"  # pre: one line, as a plain tooltip is


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never renders its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def menu_text(text: str) -> str:
    """Text for a menu entry or button: '&' shown as itself, not taken as a mnemonic."""
    return text.replace("&", "&&")
