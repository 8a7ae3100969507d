"""Output helpers for the command line and for messages people read."""

from __future__ import annotations

import json
import sys
from typing import Any


def counted(n: int, noun: str, plural: str = "") -> str:
    """``1 document``, ``2 documents``: a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def print_json(value: Any) -> None:
    """One JSON value on one line of standard output, Persian kept readable (not \\u-escaped)."""
    json.dump(value, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
