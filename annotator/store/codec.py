"""Compact, non-executable encodings of offset lists for the project file."""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Sequence

_BIG_ENDIAN = sys.byteorder == "big"


def pack_ints(values: Sequence[int]) -> bytes:
    """Little-endian unsigned 32-bit integers, zlib-compressed."""
    data = array("I", values)
    if _BIG_ENDIAN:
        data.byteswap()
    return zlib.compress(data.tobytes(), 1)


def unpack_ints(blob: bytes) -> array[int]:
    """The inverse of :func:`pack_ints`."""
    data = array("I")
    data.frombytes(zlib.decompress(blob))
    if _BIG_ENDIAN:
        data.byteswap()
    return data


def pack_pairs(pairs: Sequence[tuple[int, int]]) -> bytes:
    """``[(start, end), ...]`` flattened and packed."""
    return pack_ints([v for pair in pairs for v in pair])


def unpack_pairs(blob: bytes) -> list[tuple[int, int]]:
    """The inverse of :func:`pack_pairs`."""
    flat = unpack_ints(blob)
    return list(zip(flat[0::2], flat[1::2], strict=True))
