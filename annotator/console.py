"""Output helpers for the command line and for messages people read."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

# C0 and C1 controls, DEL, bidi embeddings/overrides/isolates, line and paragraph separators, lone surrogates.
# ZWNJ (U+200C) and ZWJ (U+200D) belong to Persian and emoji text and are kept.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def counted(n: int, noun: str, plural: str = "") -> str:
    """``1 document``, ``2 documents``: a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def print_json(value: Any) -> None:
    """One JSON value on one line of standard output, Persian kept readable (not \\u-escaped)."""
    json.dump(value, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def first_unprintable(text: str) -> str | None:
    """The first control, bidi or separator character of ``text`` as an escape (``\\x1b``), or None."""
    match = _UNPRINTABLE.search(text)
    return printable(match.group()) if match else None


def printable(text: str) -> str:
    """``text`` with control, bidi and separator characters shown as escapes (``\\x1b``, ``\\u202e``)."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return {9: "\\t", 10: "\\n", 13: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return _UNPRINTABLE.sub(escape, text)


def printable_lines(text: str) -> str:
    """``text`` made printable line by line: its own ``\\n`` stay line breaks, everything else is escaped."""
    return "\n".join(printable(line) for line in text.split("\n"))
