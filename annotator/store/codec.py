"""Compact, non-executable encodings of offset lists for the project file, and rows checked as they are read.

A project file may come from a stranger, so nothing read from it is trusted: a blob inflates only up to
the size its document's text allows (a decompression bomb is refused, not inflated), offsets must lie
inside the text, and a span row must hold the types and statuses Barchasb writes. Every refusal is a
:class:`ProjectCorrupt` naming the field; the project's readers add the file and the document.
"""

from __future__ import annotations

import json
import sys
import zlib
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from annotator.errors import ProjectCorrupt
from annotator.model import DocStatus, Document, Layer, LayerStatus, Offsets, Span, SpanStatus

_BIG_ENDIAN = sys.byteorder == "big"
_INT = 4  # bytes per stored integer


def pack_ints(values: Sequence[int]) -> bytes:
    """Little-endian unsigned 32-bit integers, zlib-compressed."""
    data = array("I", values)
    if _BIG_ENDIAN:
        data.byteswap()
    return zlib.compress(data.tobytes(), 1)


def inflate(blob: object, limit: int, field: str) -> bytes:
    """Decompress a stored blob, refusing more than ``limit`` bytes without ever holding more than that."""
    if type(blob) is not bytes:
        raise ProjectCorrupt(f"{field}: expected a blob, found {_kind(blob)}")
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(blob, limit + 1)  # max_length: the output stops here whatever the input says
    except zlib.error as exc:
        raise ProjectCorrupt(f"{field}: damaged ({exc})") from None
    if len(data) > limit:
        raise ProjectCorrupt(
            f"{field}: inflates to more than the {limit:,} bytes its document allows (a decompression bomb?)"
        )
    if not inflater.eof:
        raise ProjectCorrupt(f"{field}: damaged (the compressed data is cut short)")
    if inflater.unused_data:
        raise ProjectCorrupt(f"{field}: damaged (data after the compressed stream)")
    return data


def unpack_ints(blob: object, limit: int = 2**31, field: str = "blob") -> array[int]:
    """The inverse of :func:`pack_ints`, for at most ``limit`` integers."""
    raw = inflate(blob, limit * _INT, field)
    if len(raw) % _INT:
        raise ProjectCorrupt(f"{field}: damaged ({len(raw)} bytes is not a whole number of integers)")
    data = array("I")
    data.frombytes(raw)
    if _BIG_ENDIAN:
        data.byteswap()
    return data


def pack_offsets(offsets: Offsets) -> bytes:
    """Starts then ends, packed."""
    return pack_ints(offsets.starts + offsets.ends)


def unpack_offsets(blob: object, length: int | None = None, field: str = "offsets") -> Offsets:
    """The inverse of :func:`pack_offsets`; with the text's ``length``: sorted, non-empty and inside the text.

    Tokens and sentences are never empty, so a text of ``length`` characters has at most ``length`` of them.
    """
    flat = unpack_ints(blob, 2**31 if length is None else 2 * length, field)
    if len(flat) % 2:
        raise ProjectCorrupt(f"{field}: damaged (an odd number of offsets)")
    half = len(flat) // 2
    starts, ends = flat[:half], flat[half:]
    if length is not None and half and not _ordered(starts, ends, length):
        raise ProjectCorrupt(f"{field}: offsets out of order or outside the text ({length} characters)")
    return Offsets(starts, ends)


def _ordered(starts: array[int], ends: array[int], length: int) -> bool:
    """Every item is non-empty, follows the one before, and ends inside the text."""
    # vectorised: exports read every document, and a loop over the items cost a sixth of a CoNLL export
    import numpy as np  # loaded with the first document, after the window is painted

    s = np.frombuffer(starts, dtype=np.uint32)
    e = np.frombuffer(ends, dtype=np.uint32)
    return bool(e[-1] <= length and (s < e).all() and (e[:-1] <= s[1:]).all())


def unpack_raw_offsets(blob: object, length: int, raw_length: int, field: str = "raw_offsets") -> array[int]:
    """The offset map of a text of ``length`` characters: exactly ``length + 1`` positions in the raw text."""
    data = unpack_ints(blob, length + 1, field)
    if len(data) != length + 1:
        raise ProjectCorrupt(f"{field}: {len(data)} positions for a text of {length} characters (not {length + 1})")
    if max(data) > raw_length:
        raise ProjectCorrupt(f"{field}: points past the raw text ({raw_length} characters)")
    return data


def text_of(value: object, field: str) -> str:
    """A TEXT column that must hold text (SQLite stores whatever it is given)."""
    if type(value) is not str:
        raise ProjectCorrupt(f"{field}: expected text, found {_kind(value)}")
    return value


def distinct(spans: Iterable[Span]) -> list[Span]:
    """The spans without exact repeats (same start, end, label, role and status), the first of each kept."""
    seen: set[tuple[int, int, str, str | None, SpanStatus]] = set()
    out: list[Span] = []
    for span in spans:
        key = (span.start, span.end, span.label, span.role, span.status)
        if key not in seen:
            seen.add(key)
            out.append(span)
    return out


def integer_of(value: object, field: str) -> int:
    """An INTEGER column that must hold a whole number (SQLite stores whatever it is given)."""
    if type(value) is not int:
        raise ProjectCorrupt(f"{field}: expected a whole number, found {_kind(value)}")
    return value


def layer_status_of(value: object, field: str) -> LayerStatus:
    """A stored layer status, checked against the known ones."""
    try:
        return LayerStatus(value)  # type: ignore[arg-type]  # a stored value may be anything
    except ValueError:
        choices = ", ".join(str(s) for s in LayerStatus)
        raise ProjectCorrupt(f"{field}: unknown status {_show(value)} (expected one of {choices})") from None


def json_object(value: object, field: str) -> dict[str, Any]:
    """A TEXT column holding a JSON object."""
    try:
        data = json.loads(text_of(value, field))
    except (ValueError, RecursionError) as exc:
        raise ProjectCorrupt(f"{field}: not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ProjectCorrupt(f"{field}: expected a JSON object, found {type(data).__name__}")
    return data


_STATUS = {str(status): status for status in SpanStatus}  # stored text → enum, without a call


def span_from_row(row: Sequence[Any]) -> Span:
    """A span from ``id, start, end, label, role, status, source, confidence`` columns, checked."""
    span_id, start, end, label, role, status, source, confidence = row
    status = _STATUS.get(status)
    if (
        status is None
        or type(start) is not int
        or type(end) is not int
        or type(label) is not str
        or type(source) is not str
        or type(span_id) is not int
        or (role is not None and type(role) is not str)
        or (confidence is not None and type(confidence) is not float)
        or not 0 <= start < end
        or not label
        or (confidence is not None and not 0.0 <= confidence <= 1.0)
    ):
        raise ProjectCorrupt(f"span {row[0]!r}: {_bad_span_field(row)}")
    return Span(start, end, label, role, status, source, confidence, span_id)


def _bad_span_field(row: Sequence[Any]) -> str:
    """Which column of a span row is wrong, in words (only called once a row was found bad)."""
    span_id, start, end, label, role, status, source, confidence = row
    if type(span_id) is not int:
        return f"id is {_kind(span_id)}"
    if status not in _STATUS:
        return f"unknown status {_show(status)} (expected one of {', '.join(_STATUS)})"
    for name, value in (("start", start), ("end", end)):
        if type(value) is not int:
            return f"{name} is {_kind(value)}, not an integer"
    if not 0 <= start < end:
        return f"[{start}, {end}) is empty or negative"
    for name, value in (("label", label), ("source", source), ("role", role)):
        if ((value is not None or name != "role") and type(value) is not str) or (name == "label" and not value):
            return f"{name} is {_kind(value)}"
    return f"confidence {_show(confidence)} is not a number from 0 to 1"


def _kind(value: object) -> str:
    if value is None:
        return "empty (NULL)"
    if isinstance(value, bytes):
        return f"a blob of {len(value)} bytes"
    return f"{type(value).__name__} {_show(value)}"


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def stored_document(
    doc_id: str,
    title: str,
    raw_text: object,
    text: object,
    offsets: object,
    tokens: object,
    sentences: object,
    **rest: Any,
) -> Document:
    """A document from its stored text row, checked (a NULL offset map means identity); ``rest``: meta, status."""
    raw_text = text_of(raw_text, "raw_text")
    text = text_of(text, "text")
    length = len(text)
    return Document(
        id=doc_id,
        title=title,
        raw_text=raw_text,
        text=text,
        raw_offsets=range(length + 1) if offsets is None else unpack_raw_offsets(offsets, length, len(raw_text)),
        tokens=unpack_offsets(tokens, length, "tokens"),
        sentences=unpack_offsets(sentences, length, "sentences"),
        **rest,
    )


def stored_count(value: object, field: str) -> int:
    """A stored count, checked."""
    if type(value) is not int or value < 0:
        raise ProjectCorrupt(f"{field}: expected a count, found {value!r:.40}")
    return value


def stored_doc_status(value: object, field: str = "status") -> DocStatus:
    """A stored document status, checked."""
    try:
        return DocStatus(value)  # type: ignore[arg-type]  # a stored value may be anything
    except ValueError:
        choices = ", ".join(str(s) for s in DocStatus)
        raise ProjectCorrupt(f"{field}: unknown status {value!r:.40} (expected one of {choices})") from None


def stored_layer(annotator: object, status: object, spans: list[Span], length: int) -> Layer:
    """A stored layer, checked: a known status and every span inside the text."""
    name = text_of(annotator, "layer name")
    try:
        layer_status = LayerStatus(status)  # type: ignore[arg-type]  # a stored value may be anything
    except ValueError:
        choices = ", ".join(str(s) for s in LayerStatus)
        raise ProjectCorrupt(f"layer {name!r}: unknown status {status!r:.40} (expected one of {choices})") from None
    for span in spans:
        if span.end > length:
            raise ProjectCorrupt(f"layer {name!r}: span {span.id} ends at {span.end}, past the text ({length})")
    return Layer(name, layer_status, tuple(spans))
