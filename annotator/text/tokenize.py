"""Word tokens with offsets, from hazm's tokenizer; ZWNJ stays inside words."""

from __future__ import annotations

import os
import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hazm import WordTokenizer

# One emoji grapheme cluster (UTS #51, the parts a tokenizer needs): a flag (two regional
# indicators), a keycap (1️⃣), a tag sequence (🏴 + tags, the Scottish flag), or a pictograph with
# its variation selector and skin tone, joined by ZWJ to more (👨‍👩‍👧). Each is one token, and two
# emoji in a row are two tokens.
_PICTO = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2934\u2935"
    "\u2b00-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001f1e5\U0001f200-\U0001faff"
)
_RI = "[\U0001f1e6-\U0001f1ff]"
_ELEMENT = f"[{_PICTO}][\ufe0e\ufe0f]?[\U0001f3fb-\U0001f3ff]?"
EMOJI_CLUSTER = re.compile(
    f"{_RI}{_RI}"
    f"|\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"
    f"|[0-9#*]\ufe0f?\u20e3"
    f"|{_ELEMENT}(?:\u200d{_ELEMENT})*"
    f"|{_RI}"
)
EMOJI_HINT = re.compile(f"[{_PICTO}\U0001f1e6-\U0001f1ff\u20e3]")
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
    spans = _join_numbers(text, spans)
    if EMOJI_HINT.search(text) is None:
        return spans
    return _emoji_tokens(text, spans)


def _split_piece(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a hazm token on whitespace it does not know (NBSP, ...)."""
    piece = text[start:end]
    if piece.isalnum() or not _has_space(piece):
        return [(start, end)]
    return [(start + word.start(), start + word.end()) for word in re.finditer(r"\S+", piece)]


def _emoji_tokens(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Make every emoji cluster exactly one token; the rest of the tokens it touched stay tokens."""
    clusters = [m.span() for m in EMOJI_CLUSTER.finditer(text)]
    if not clusters:
        return spans
    out: list[tuple[int, int]] = list(clusters)
    k = 0
    for start, end in spans:
        while k < len(clusters) and clusters[k][1] <= start:
            k += 1
        cut = start
        j = k
        while j < len(clusters) and clusters[j][0] < end:
            if clusters[j][0] > cut:
                out.append((cut, clusters[j][0]))
            cut = max(cut, clusters[j][1])
            j += 1
        if cut < end:
            out.append((cut, end))
    return sorted(out)


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
