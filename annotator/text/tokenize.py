"""Word tokens with offsets, from hazm's tokenizer; ZWNJ stays inside words, a web address is one token."""

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


# Web forms hazm cuts at every . : / and digit run: each address, e-mail, @mention and #hashtag is one
# token. A bare domain (irna.ir, t.me/x, no scheme or www.) needs a top-level domain from this list:
# file names (readme.md, app.py), code (log.info) and a Latin sentence missing its space (ended.In)
# stay as they were.
BARE_TLDS = (
    "com net org biz edu gov mil app dev io ai co me tv cc ws fm ly gl gd be xyz news online site blog"
    " ir uk de fr ru ca au eu nl ch dk fi cz gr pt br mx jp cn kr"
    " af tj iq ae tr sa qa kw om bh lb sy jo eg az ge kz uz tm pk"
).split()
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
# An emoji is never part of a web form, nor is the digit, # or * that starts a keycap (1️⃣).
_NO_KEYCAP = "(?![0-9#*]\ufe0f?\u20e3)"
_WORD = f"(?:{_NO_KEYCAP}(?:[^\\W{_PICTO}]|[{_MARKS}]))"
# What may follow the host: not spaces, quotes, angle brackets, Persian punctuation or emoji (a tweet
# often glues one to its t.co link). Letters of any script may: fa.wikipedia.org/wiki/ایران.
_URL_CHAR = f'(?:{_NO_KEYCAP}[^\\s<>"«»،؛؟{_PICTO}\U0001f1e6-\U0001f1ff\ufe0e\ufe0f\u20e3\u200d])'
_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# A host is not the tail or head of a longer Latin name, nor tied to a word by ZWNJ; a Persian word
# typed without a space (سایتwww.irna.ir، ایمیلinfo@x.ir) is a word of its own.
_ARABIC_SCRIPT = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe"
_NON_ARABIC_WORD = f"[^\\W{_ARABIC_SCRIPT}]"
_HOST_END = f"(?!{_NON_ARABIC_WORD}|[\u200c@-]|\\.[A-Za-z0-9])"  # the last label really is the last one
_BEFORE_HOST = f"(?<!{_NON_ARABIC_WORD}|[\u200c.@-])"
_SCHEME_URL = f"(?<!\u200c)(?:https?|ftps?)://{_URL_CHAR}+"
_HOST_URL = (
    f"{_BEFORE_HOST}(?:www\\d{{0,3}}\\.(?:{_LABEL}\\.)+[A-Za-z]{{2,}}|(?:{_LABEL}\\.)+(?:{'|'.join(BARE_TLDS)}))"
    f"{_HOST_END}(?::(?:{_NO_KEYCAP}[0-9]){{1,5}})?(?:{_NO_KEYCAP}[/?#]{_URL_CHAR}*)?"
)
_EMAIL = (
    f"(?<!{_NON_ARABIC_WORD}|[\u200c.+%-])[A-Za-z0-9_](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_])?"
    f"@(?:{_LABEL}\\.)+[A-Za-z]{{2,}}{_HOST_END}"
)
_MENTION = f"(?<![\\w@.])@{_WORD}+(?:(?:\\.|\u200c+){_WORD}+)*"
# A hashtag has a letter (#۱۴۰۴ alone is a number) and keeps its ZWNJ and _ inside: #مهسا_امینی.
_HASHTAG = f"(?<![\\w&#])#(?=[\\d_\u200c{_MARKS}]*[^\\W\\d_{_PICTO}]){_WORD}+(?:\u200c+{_WORD}+)*"
WEB_TOKEN = re.compile(f"(?P<url>{_SCHEME_URL}|{_HOST_URL})|{_EMAIL}|{_MENTION}|{_HASHTAG}", re.IGNORECASE)
# Every web token holds one of these, so WEB_TOKEN only searches the unspaced runs around them. Each
# branch starts with a literal, so re scans for the four characters in C (a search for WEB_TOKEN
# over all the text costs more than hazm's tokenizer).
WEB_ANCHOR = re.compile(r":(?=//)|@|#|\.(?=[A-Za-z])")
_SPACE = re.compile(r"\s")
# Sentence punctuation, quotes and closing brackets after an address belong to the sentence.
URL_TRAILING = frozenset(".,:;!?'\"*)]}>…٫٬")


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
    if WEB_ANCHOR.search(text) is not None:
        spans = _overlay(spans, web_tokens(text))
    if EMOJI_HINT.search(text) is None:
        return spans
    return _overlay(spans, [m.span() for m in EMOJI_CLUSTER.finditer(text)])


def web_tokens(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each web address, e-mail address, @mention and #hashtag in ``text``."""
    out: list[tuple[int, int]] = []
    done = 0
    for anchor in WEB_ANCHOR.finditer(text):
        at = anchor.start()
        if at < done:
            continue
        first = at
        while first > done and not text[first - 1].isspace():
            first -= 1
        space = _SPACE.search(text, at)
        last = len(text) if space is None else space.start()
        # Lookbehinds see the text before ``first``; what lies after ``last`` is a space.
        for match in WEB_TOKEN.finditer(text, first, last):
            start, end = match.span()
            if match.lastgroup == "url":
                end = _url_end(text, start, end)
                if text[start:end].endswith("://"):
                    continue
            out.append((start, end))
        done = last
    return out


def _url_end(text: str, start: int, end: int) -> int:
    """Drop the punctuation that ends the sentence, not the address: ``www.isna.ir.`` or ``(irna.ir)``."""
    # A closing bracket stays while the address opened one: wiki/Tehran_(city).
    opened = {")": text.count("(", start, end), "]": text.count("[", start, end)}
    closed = {")": text.count(")", start, end), "]": text.count("]", start, end)}
    while end > start:
        last = text[end - 1]
        if last in closed:
            if opened[last] >= closed[last]:
                break
            closed[last] -= 1
        elif last not in URL_TRAILING:
            break
        end -= 1
    return end


def _split_piece(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a hazm token on whitespace it does not know (NBSP, ...)."""
    piece = text[start:end]
    if piece.isalnum() or not _has_space(piece):
        return [(start, end)]
    return [(start + word.start(), start + word.end()) for word in re.finditer(r"\S+", piece)]


def _overlay(spans: list[tuple[int, int]], units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Make each of ``units`` (ordered, disjoint) exactly one token; what else they touch stays tokens."""
    if not units:
        return spans
    out: list[tuple[int, int]] = list(units)
    k = 0
    for start, end in spans:
        while k < len(units) and units[k][1] <= start:
            k += 1
        cut = start
        j = k
        while j < len(units) and units[j][0] < end:
            if units[j][0] > cut:
                out.append((cut, units[j][0]))
            cut = max(cut, units[j][1])
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
