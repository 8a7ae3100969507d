"""Edits on a string that keep an exact map from new positions back to old ones."""

from __future__ import annotations

from bisect import bisect_right
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


def text_position(raw_offsets: Sequence[int], raw_pos: int) -> int:
    """The text position of a raw position (a start or an end): the last at it, else the first after it.

    Characters a replacement adds map to the raw position after it, like the character shown next: the last
    position at a raw position is that character, so an entity next to an expanded ligature (ﷲ → الله) starts
    after all of it and one that ends there covers all of it. Removed characters belong to the kept one before
    them: a position among them maps to the next kept character, or for an end, to just after the one before.
    """
    first_after = bisect_right(raw_offsets, raw_pos)
    if first_after > 0 and raw_offsets[first_after - 1] == raw_pos:
        return first_after - 1
    return min(first_after, len(raw_offsets) - 1)
