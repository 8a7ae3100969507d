"""How long work reports where it is: a callback of (done, total), from the core to any front end."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
