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
        except (LookupError, ValueError):  # ValueError: a name with a NUL byte
            raise InputError(f"unknown encoding {encoding!r}", origin) from None
        try:
            text = data.decode(encoding)
        except LookupError:  # rot13, base64, zlib...: codecs, but not text encodings
            raise InputError(f"{encoding!r} is not a text encoding (try utf-8, utf-16 or cp1256)", origin) from None
        except UnicodeError as exc:
            where = (
                f" at byte {exc.start}{_line_of(data, exc.start, encoding)}"
                if isinstance(exc, UnicodeDecodeError)
                else ""
            )
            raise InputError(f"not valid {encoding}{where}", origin) from None
        return _no_surrogates(text, origin)
    return _detect(data, origin)


def _detect(data: bytes, origin: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", origin)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", origin)
    utf16 = _utf16_without_bom(data)  # before UTF-8: UTF-16 Persian can be valid (nonsense) UTF-8
    if utf16:
        return _strict(data, utf16, origin)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = f"{exc.start}{_line_of(data, exc.start, 'utf-8')}"
    text = data.decode("cp1256", errors="replace")
    if _plausible_persian(text):
        return text
    raise InputError(
        f"cannot detect the encoding (not UTF-8: bad byte at {utf8_error}; not Persian Windows-1256); "
        "pass --encoding NAME",
        origin,
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 Persian has 0x06 (Arabic block) or 0x00 (ASCII) as nearly every high byte."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    for name, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        typical = sum(1 for b in high if b in (0x00, 0x06, 0x20))
        if typical >= 0.9 * len(high) and high.count(0x06):
            return name
    return None


def _plausible_persian(text: str) -> bool:
    """Windows-1256 decodes any bytes; accept it only for text that reads like Persian."""
    if not text or "\ufffd" in text:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if ord(ch) in _ARABIC_BLOCK)
    spaces = sum(1 for ch in text if ch.isspace())
    usual = sum(1 for ch in text if ord(ch) in _ARABIC_BLOCK or ch.isascii() or ch == "\u200c")
    return (
        bool(letters)
        and arabic >= 0.25 * len(letters)  # a CoNLL file's Latin tags (B-pers, I-org) can be half its letters
        and usual >= 0.95 * len(text)
        and (len(text) < 20 or spaces >= 0.03 * len(text))
    )


def _strict(data: bytes, encoding: str, origin: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid {encoding} at byte {exc.start}{_line_of(data, exc.start, encoding)}", origin
        ) from None


def _line_of(data: bytes, start: int, encoding: str) -> str:
    """`` (line N)``: where a bad byte is, for a person looking at the file in an editor."""
    line = data[:start].decode(encoding, errors="replace").count("\n") + 1
    return f" (line {line})"


def _no_surrogates(text: str, origin: str) -> str:
    """Codecs like utf-7 or unicode_escape can produce lone surrogates, which no file or database can store."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise InputError(
            f"the decoded text has a lone surrogate (\\u{ord(text[exc.start]):04x})", origin, line
        ) from None
    return text
