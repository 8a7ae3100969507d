"""Compact, non-executable encodings of offset lists for the project file."""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Sequence
from typing import Any

from annotator.model import Offsets, Span, SpanStatus

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


def pack_offsets(offsets: Offsets) -> bytes:
    """Starts then ends, packed."""
    return pack_ints(offsets.starts + offsets.ends)


def unpack_offsets(blob: bytes) -> Offsets:
    """The inverse of :func:`pack_offsets`."""
    flat = unpack_ints(blob)
    half = len(flat) // 2
    return Offsets(flat[:half], flat[half:])


_STATUS = {str(status): status for status in SpanStatus}  # stored text → enum, without a call


def span_from_row(row: Sequence[Any]) -> Span:
    """A span from ``id, start, end, label, role, status, source, confidence`` columns."""
    span_id, start, end, label, role, status, source, confidence = row
    return Span(start, end, label, role, _STATUS[status], source, confidence, span_id)
