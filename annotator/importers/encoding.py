"""Decode input files: UTF-8 (with or without BOM), UTF-16 (BOM), Windows-1256, or a named codec."""

from __future__ import annotations

import codecs
from pathlib import Path

from annotator.errors import InputError

_ARABIC_BLOCK = range(0x0600, 0x0700)


def read_text(path: Path, encoding: str = "auto") -> str:
    """The file's text; ``auto`` detects the encoding, anything else is a Python codec name."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(path)) from None
    return decode_bytes(data, str(path), encoding)


def decode_bytes(data: bytes, origin: str, encoding: str = "auto") -> str:
    """Decode ``data``; ``origin`` names the input in error messages."""
    if encoding != "auto":
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", origin) from None
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid {encoding} at byte {exc.start}", origin) from None
    return _detect(data, origin)


def _detect(data: bytes, origin: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", origin)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", origin)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    if b"\x00" in data[:4096]:
        raise InputError(
            "looks like UTF-16 without a byte-order mark; pass --encoding utf-16-le or utf-16-be", origin
        )
    text = data.decode("cp1256", errors="replace")
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if ord(ch) in _ARABIC_BLOCK)
    if letters and arabic / len(letters) >= 0.5 and "\ufffd" not in text:
        return text
    raise InputError(
        f"cannot detect the encoding (not UTF-8: bad byte at {utf8_error}; not Persian Windows-1256); "
        "pass --encoding NAME",
        origin,
    )


def _strict(data: bytes, encoding: str, origin: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid {encoding} at byte {exc.start}", origin) from None
