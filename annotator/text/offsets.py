"""Edits on a string that keep an exact map from new positions back to old ones."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace ``old[start:end]`` by ``replacement``."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, list[int]]:
    """Apply sorted, non-overlapping edits; return the new text and its map to ``text``.

    The map has ``len(new) + 1`` entries, is non-decreasing, starts at 0 and ends at
    ``len(text)``. Characters a replacement adds beyond the ones it replaces map to the end
    of the replaced range, and deleted characters belong to the text before them.
    """
    if not edits:
        return text, list(range(len(text) + 1))
    parts: list[str] = []
    positions: list[int] = []
    cursor = 0
    for start, end, replacement in edits:
        if start < cursor or end < start:
            raise ValueError(f"edits overlap or are unsorted at {start}")
        parts.append(text[cursor:start])
        positions.extend(range(cursor, start))
        parts.append(replacement)
        width = end - start
        positions.extend(start + min(k, width) for k in range(len(replacement)))
        cursor = end
    parts.append(text[cursor:])
    positions.extend(range(cursor, len(text) + 1))
    return "".join(parts), positions


def compose(outer: Sequence[int], inner: Sequence[int]) -> list[int]:
    """Map through ``outer`` (newest to middle) then ``inner`` (middle to oldest)."""
    return [inner[p] for p in outer]


def text_position(raw_offsets: Sequence[int], raw_pos: int, *, end: bool = False) -> int:
    """The text position of a raw position: the first at or after it, or for an end the last at it.

    An end inside removed characters stays after the kept character before them (the removed ones
    belong to it), and an end after a character expanded into several covers all of them.
    """
    first_after = min(bisect_left(raw_offsets, raw_pos), len(raw_offsets) - 1)
    if end and raw_offsets[first_after] == raw_pos:
        return bisect_right(raw_offsets, raw_pos) - 1
    return first_after
