"""Label keys on a Persian keyboard: the letter a key types there stands for the Latin letter printed on it."""

from __future__ import annotations

from collections.abc import Collection

# The standard Persian layout (ISIRI 9147, xkb "ir", Windows and macOS "Persian - Standard"), unshifted:
# the letter each key types, to the Latin letter of the same key on a US keyboard.
PERSIAN_TO_LATIN = dict(
    zip(
        "ضصثقفغعهخحجچشسیبلاتنمکگظطزرذدپو",
        "qwertyuiop[]asdfghjkl;'zxcvbnm,",
        strict=True,
    )
)
PERSIAN_TO_LATIN["ي"] = "d"  # older layouts type the Arabic yeh on the same key
PERSIAN_TO_LATIN["ك"] = ";"  # ... and the Arabic kaf


def label_key(text: str, keys: Collection[str], shifted: bool = False) -> str | None:
    """The schema key ``text`` stands for: itself when it is one, else (unshifted) the key at the same place on a
    US keyboard, so a label key works whichever of Persian and English the keyboard is set to; None for neither."""
    if text in keys:
        return text
    latin = None if shifted else PERSIAN_TO_LATIN.get(text)
    return latin if latin is not None and latin in keys else None
