"""A font that has Persian glyphs, preferring the ones made for Persian."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

PREFERRED = ("Vazirmatn", "Vazir", "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Naskh Arabic UI", "DejaVu Sans")


def persian_font(size: int = 14, family: str | None = None) -> QFont:
    """The requested family if installed, else the first installed of :data:`PREFERRED`."""
    installed = set(QFontDatabase.families())
    for name in ((family,) if family else ()) + PREFERRED:
        if name in installed:
            font = QFont(name)
            font.setPointSize(size)
            return font
    font = QFont()
    font.setPointSize(size)
    return font
