"""Output helpers shared by the command-line modules."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(value: Any) -> None:
    """One JSON value on one line of standard output, Persian kept readable (not \\u-escaped)."""
    json.dump(value, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
