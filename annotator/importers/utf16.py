"""Offsets for tools written in JavaScript or Java (doccano, INCEpTION): UTF-16 code units at the file boundary.

Inside Barchasb every offset counts code points. A character beyond U+FFFF (an emoji, 𝐀) is one
code point but two UTF-16 units, so each one shifts every later UTF-16 offset by one.
"""

from __future__ import annotations

from array import array


class Utf16:
    """Both ways between code point offsets and UTF-16 offsets of one text."""

    __slots__ = ("_to_points", "_to_units", "length")

    def __init__(self, text: str) -> None:
        units = array("I", [0])
        points = array("i", [0])
        total = 0
        for index, char in enumerate(text, 1):
            if ord(char) > 0xFFFF:
                total += 2
                points.append(-1)  # the middle of a surrogate pair: no character starts there
            else:
                total += 1
            units.append(total)
            points.append(index)
        self._to_units = units
        self._to_points = points
        self.length = total

    def units(self, point: int) -> int:
        """The UTF-16 offset of code point offset ``point``."""
        return self._to_units[point]

    def point(self, unit: int) -> int | None:
        """The code point offset at UTF-16 offset ``unit``; None when outside the text or inside a surrogate pair."""
        if not 0 <= unit < len(self._to_points):
            return None
        value = self._to_points[unit]
        return None if value < 0 else value
