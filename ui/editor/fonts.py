"""A font that has Persian glyphs, preferring the ones made for Persian."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontInfo

# Noto Sans before DejaVu Sans: the Noto Arabic fonts have no Latin, and Noto Sans is drawn to sit beside them.
PREFERRED = (
    "Vazirmatn",
    "Vazir",
    "Noto Naskh Arabic",
    "Noto Sans Arabic",
    "Noto Naskh Arabic UI",
    "Noto Sans",
    "DejaVu Sans",
)


def persian_font(size: int = 14, family: str | None = None) -> QFont:
    """The requested family, then :data:`PREFERRED`, in order: Qt takes the first installed one.

    A list, not a lookup of the installed families: that lookup costs milliseconds at start-up, and
    the list also lets a glyph missing from one family come from the next.
    """
    font = QFont()
    font.setFamilies([*((family,) if family else ()), *PREFERRED])
    font.setPointSize(size)
    return font


def installed_family(font: QFont) -> str:
    """The family Qt actually draws ``font`` with."""
    return QFontInfo(font).family()
