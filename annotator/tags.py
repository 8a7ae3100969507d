"""Tag schemes (IOB1, IOB2, BIOES): spans over tokens to tags and back."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from annotator.errors import SpanError

TAG = re.compile(r"(?:O|((?i:[bieslu]))[-_](\S(?:.*\S)?))")


class Scheme(StrEnum):
    """A named tagging scheme."""

    IOB1 = "iob1"
    IOB2 = "iob2"
    BIOES = "bioes"


class Chunk(NamedTuple):
    """An entity over tokens ``[first, last)``."""

    first: int
    last: int
    label: str


@lru_cache(maxsize=4096)
def parse_tag(tag: str) -> tuple[str, str | None]:
    """``B-PER`` / ``B_PER`` / ``O`` → (prefix, label); BILOU's L/U read as E/S. Raises ValueError."""
    match = TAG.fullmatch(tag)
    if match is None:
        raise ValueError(f"{tag!r} is not a tag (expected O, B-X, I-X, E-X or S-X)")
    if match.group(1) is None:
        return "O", None
    prefix = match.group(1).upper()
    return {"L": "E", "U": "S"}.get(prefix, prefix), match.group(2)


def decode(tags: Sequence[str]) -> list[Chunk]:
    """Read chunks from tags of any scheme, the way conlleval does.

    An ``I-X`` after ``O`` or after another type starts an entity (IOB1, and IOB2 slips);
    ``B-X`` always starts one; ``E-X``/``S-X`` close one.
    """
    chunks: list[Chunk] = []
    start: int | None = None
    current: str | None = None
    for i, tag in enumerate(tags):
        prefix, label = parse_tag(tag)
        if start is not None and (prefix in ("O", "B", "S") or label != current):
            chunks.append(Chunk(start, i, current or ""))
            start, current = None, None
        if prefix == "O":
            continue
        if start is None:
            start, current = i, label
        if prefix in ("E", "S"):
            chunks.append(Chunk(start, i + 1, current or ""))
            start, current = None, None
    if start is not None:
        chunks.append(Chunk(start, len(tags), current or ""))
    return chunks


def encode(chunks: Sequence[Chunk], length: int, scheme: Scheme = Scheme.IOB2) -> list[str]:
    """Write chunks as tags; raises :class:`SpanError` naming overlapping chunks."""
    tags = ["O"] * length
    owner: list[Chunk | None] = [None] * length
    for chunk in sorted(chunks):
        if not 0 <= chunk.first < chunk.last <= length:
            raise SpanError(f"chunk {chunk} lies outside {length} tokens")
        for i in range(chunk.first, chunk.last):
            if owner[i] is not None:
                raise SpanError(f"entities overlap: {owner[i]} and {chunk}")
            owner[i] = chunk
    scheme = Scheme(scheme)
    ends = {chunk.last: chunk.label for chunk in chunks}
    for first, last, label in chunks:
        for i in range(first, last):
            if scheme is Scheme.BIOES:
                prefix = "S" if last - first == 1 else "B" if i == first else "E" if i == last - 1 else "I"
            elif scheme is Scheme.IOB2:
                prefix = "B" if i == first else "I"
            else:  # IOB1: B- only where the entity touches a previous one of the same type
                prefix = "B" if i == first and ends.get(first) == label else "I"
            tags[i] = f"{prefix}-{label}"
    return tags


def encode_units(chunks: Sequence[Chunk], units: Sequence[tuple[int, int]], length: int, scheme: Scheme) -> list[str]:
    """Tags for a document cut into units (sentences) that no chunk crosses, as if each were encoded alone."""
    tags = encode(chunks, length, scheme)
    if Scheme(scheme) is Scheme.IOB1:
        starts = {chunk.first for chunk in chunks}
        for first, _ in units:
            if first in starts and tags[first].startswith("B-"):
                tags[first] = "I-" + tags[first][2:]  # nothing touches it within its own unit
    return tags


def detect_scheme(tags: Sequence[str]) -> tuple[Scheme, int]:
    """Guess the scheme of a tag column; also count ``I-`` tags that start an entity."""
    starts_with_i = 0
    starts_with_b = 0
    bioes = False
    previous: tuple[str, str | None] = ("O", None)
    for tag in tags:
        prefix, label = parse_tag(tag)
        if prefix in ("E", "S"):
            bioes = True
        if prefix == "I" and (previous[0] in ("O", "E", "S") or previous[1] != label):
            starts_with_i += 1
        if prefix == "B" and (previous[0] in ("O", "E", "S") or previous[1] != label):
            starts_with_b += 1
        previous = (prefix, label)
    if bioes:
        return Scheme.BIOES, starts_with_i
    if starts_with_i and not starts_with_b:
        return Scheme.IOB1, starts_with_i
    return Scheme.IOB2, starts_with_i
