"""Code-point offsets (the core's unit) to Qt's UTF-16 positions and back."""

from __future__ import annotations

from bisect import bisect_right


class Utf16Map:
    """Converts between Python code points and UTF-16 code units for one text."""

    def __init__(self, text: str) -> None:
        # Code-point positions of characters outside the BMP: each takes two UTF-16 units.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, position: int) -> int:
        """The UTF-16 position of code-point ``position``."""
        if not self._astral:
            return position
        return position + bisect_right(self._astral, position - 1)

    def from_qt(self, position: int) -> int:
        """The code-point position of UTF-16 ``position`` (inside a pair: the pair's start)."""
        if not self._astral:
            return position
        return position - bisect_right(self._astral_qt, position - 2)
