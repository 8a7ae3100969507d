"""Normalization profiles, apart from the normalizer so that opening a project does not load it."""

from __future__ import annotations

from enum import StrEnum


class Profile(StrEnum):
    """How far the displayed text may differ from the raw input."""

    NONE = "none"
    LETTERS = "letters"
    STANDARD = "standard"
