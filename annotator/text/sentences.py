"""Sentence boundaries: hazm's end-of-sentence rule, plus every line break."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

# hazm's SentenceTokenizer rule: a run of . ! ? ؟ followed by a space or a newline.
NEWLINE = re.compile("\n")
SENTENCE_END = re.compile(r"([!.?⸮؟]+)[ \n]+")
# A title or a single letter before a full stop is an abbreviation, not a sentence end, when it is a
# word of its own: the end of an address (x.ir/Dr.), a mention (@ali_m.) or a hashtag (#ج.) is not.
ABBREVIATIONS = frozenset(
    {"دکتر", "مهندس", "آقای", "خانم", "استاد", "سید", "ج", "ص", "ع", "ره", "ق", "م", "ه", "ش", "Dr", "Mr", "Mrs", "Ms"}
)


def split_sentences(text: str, tokens: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Group ``tokens`` into sentences and return each sentence's ``[start, end)``.

    Every token belongs to exactly one sentence, so sentence edges are token edges.
    """
    if not tokens:
        return []
    breaks = sorted(set(_ends(text, tokens)).union(m.start() for m in NEWLINE.finditer(text)))
    sentences: list[tuple[int, int]] = []
    first, previous_end = tokens[0]
    b = 0
    for start, end in tokens[1:]:
        while b < len(breaks) and breaks[b] < previous_end:
            b += 1
        if b < len(breaks) and breaks[b] <= start:
            sentences.append((first, previous_end))
            first = start
        previous_end = end
    sentences.append((first, previous_end))
    return sentences


def _ends(text: str, tokens: Sequence[tuple[int, int]]) -> list[int]:
    """Positions right after sentence-final punctuation that is not an abbreviation."""
    out: list[int] = []
    for match in SENTENCE_END.finditer(text):
        stop = match.end(1)
        punct_start = match.start(1)
        word_start = punct_start
        while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "\u200c"):
            word_start -= 1
        if (
            match.group(1) == "."
            and text[word_start:punct_start] in ABBREVIATIONS
            and _starts_token(tokens, word_start)
        ):
            continue
        out.append(stop)
    return out


def _starts_token(tokens: Sequence[tuple[int, int]], offset: int) -> bool:
    """True when a token starts at ``offset``."""
    i = bisect_left(tokens, offset, key=lambda token: token[0])
    return i < len(tokens) and tokens[i][0] == offset
