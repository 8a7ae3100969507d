"""Word tokens with offsets, from hazm's tokenizer; ZWNJ stays inside words."""

from __future__ import annotations

import os
import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hazm import WordTokenizer

# Emoji and pictographs (with joiners, variation selectors and skin tones) form tokens of their own.
EMOJI_RUN = re.compile(
    "(?:[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]"
    "[\ufe0f\u200d\U0001f3fb-\U0001f3ff]*)+"
    "(?:\u200d(?:[\U0001f000-\U0001faff\u2600-\u27bf][\ufe0f\U0001f3fb-\U0001f3ff]*)+)*"
)
# hazm cuts digit runs out of their surroundings, so ۱۴۰۲/۰۵/۲۱, ۳٫۵ and 12,500 come back in
# pieces; pieces written without spaces are joined again.
_DIGITS = "0-9\u06f0-\u06f9\u0660-\u0669"
NUMBER_PIECE = re.compile(f"[{_DIGITS}]+(?:[.:٫,٬][{_DIGITS}]+)*")
NUMBER_JOINER = frozenset("/-٫٬,")


@cache
def _hazm_tokenizer() -> WordTokenizer:
    from hazm import WordTokenizer

    # Without verb-part joining hazm never consults its lexicon, so skip loading it (~0.5 s).
    return WordTokenizer(
        words_file=os.devnull,
        join_verb_parts=False,
        join_abbreviations=False,
        separate_emoji=False,
        replace_links=False,
        replace_ids=False,
        replace_emails=False,
        replace_numbers=False,
        replace_hashtags=False,
    )


def tokenize(text: str) -> list[tuple[int, int]]:
    """Return ``[start, end)`` offsets of the word tokens of ``text``, in order."""
    pieces = _hazm_tokenizer().tokenize(text)
    spans: list[tuple[int, int]] = []
    cursor = 0
    find = text.find
    for piece in pieces:
        start = find(piece, cursor)
        if start < 0:  # hazm never rewrites with our settings; guard against a future change
            raise AssertionError(f"hazm token {piece!r} not found after offset {cursor}")
        end = start + len(piece)
        spans.extend(_split_piece(text, start, end))
        cursor = end
    return _join_numbers(text, spans)


def _split_piece(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a hazm token on whitespace it does not know (NBSP, ...) and around emoji."""
    piece = text[start:end]
    if piece.isalnum() or (not _has_space(piece) and EMOJI_RUN.search(piece) is None):
        return [(start, end)]
    out: list[tuple[int, int]] = []
    for word in re.finditer(r"\S+", piece):
        w_start = start + word.start()
        cut = w_start
        for emoji in EMOJI_RUN.finditer(word.group()):
            e_start, e_end = w_start + emoji.start(), w_start + emoji.end()
            if e_start > cut:
                out.append((cut, e_start))
            out.append((e_start, e_end))
            cut = e_end
        if cut < start + word.end():
            out.append((cut, start + word.end()))
    return out


def _has_space(piece: str) -> bool:
    return any(ch.isspace() for ch in piece)


def _join_numbers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rejoin numbers written without spaces: dates, decimals and thousands stay one token."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(spans)
    while i < n:
        start, _end = spans[i]
        j = i
        while (
            j + 2 < n
            and spans[j + 1][0] == spans[j][1]
            and spans[j + 2][0] == spans[j + 1][1]
            and text[spans[j + 1][0] : spans[j + 1][1]] in NUMBER_JOINER
            and NUMBER_PIECE.fullmatch(text, spans[j][0], spans[j][1])
            and NUMBER_PIECE.fullmatch(text, spans[j + 2][0], spans[j + 2][1])
        ):
            j += 2
        out.append((start, spans[j][1]))
        i = j + 1
    return out
