"""Normalization profiles that keep an exact map from displayed text back to raw input."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from annotator.text.lexicon import ZWNJ, Lexicon, default_lexicon
from annotator.text.offsets import Edit, apply_edits, compose
from annotator.text.profiles import Profile
from annotator.text.zwnj import DEGREE_SUFFIXES, PLURAL_SUFFIXES, restore


class Normalized(NamedTuple):
    """Displayed text and, for each of its positions (and its end), the raw position."""

    text: str
    raw_offsets: list[int]


# Length-preserving: Arabic letter forms and Arabic-Indic digits to their Persian forms.
LETTER_TABLE = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي → ی
        "\u0649": "\u06cc",  # ى → ی
        "\u0643": "\u06a9",  # ك → ک
        "\u06d5": "\u0647",  # ە → ه
        "\u06be": "\u0647",  # ھ → ه
        "\u06c1": "\u0647",  # ہ → ه
        **{chr(0x0660 + d): chr(0x06F0 + d) for d in range(10)},
    }
)

_SPACES = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Invisible or decorative: tatweel, harakat, superscript alef, LRM/RLM, soft hyphen, BOM, ZWSP.
_DROPPED = "\u0640\u064b-\u065f\u0670\u200e\u200f\u00ad\ufeff\u200b"
_GAP = f"[{_SPACES}{_DROPPED}\u200c\r\n]"
# Only runs that need an edit: two or more gap characters, one unusual gap character, or a
# gap at either end of the text. A lone space, newline or ZWNJ inside the text is left alone.
GAP_RUN = re.compile(rf"{_GAP}{{2,}}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000{_DROPPED}\r]|\A{_GAP}|{_GAP}\Z")
# Arabic presentation forms (ﻻ, ﷲ, ﺑ ...) from old PDFs and fonts: replaced by their letters.
PRESENTATION_FORM = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
PERSIAN_WORD = re.compile(f"[{_LETTER}]+")
_LETTER_CHAR = re.compile(f"[{_LETTER}]")

VERB_PREFIXES = frozenset({"می", "نمی"})
SUFFIXES = frozenset(PLURAL_SUFFIXES + DEGREE_SUFFIXES)


@lru_cache(maxsize=500_000)
def canonical(word: str) -> str:
    """A word folded for lookups (features, gazetteers): Persian letters and digits, no tatweel."""
    return word.translate(LETTER_TABLE).replace("\u0640", "")


def normalize(raw: str, profile: Profile | str = Profile.STANDARD) -> Normalized:
    """Normalize ``raw`` under ``profile`` and return the text with its raw offset map."""
    profile = Profile(profile)
    if profile is Profile.NONE:
        return Normalized(raw, list(range(len(raw) + 1)))
    letters = raw.translate(LETTER_TABLE)
    if profile is Profile.LETTERS:
        return Normalized(letters, list(range(len(raw) + 1)))
    spaced, spaced_map = apply_edits(letters, sorted(_gap_edits(letters) + _form_edits(letters)))
    joined, joined_map = apply_edits(spaced, list(_zwnj_edits(spaced, default_lexicon())))
    if len(joined_map) == len(spaced) + 1 and joined == spaced:
        return Normalized(joined, spaced_map)
    return Normalized(joined, compose(joined_map, spaced_map))


def _gap_edits(text: str) -> list[Edit]:
    """Collapse whitespace runs, drop invisible marks, tidy line breaks and stray ZWNJ."""
    edits: list[Edit] = []
    size = len(text)
    for match in GAP_RUN.finditer(text):
        start, end = match.span()
        run = match.group()
        if start == 0 or end == size:
            replacement = ""
        elif "\n" in run or "\r" in run:
            breaks = run.replace("\r\n", "\n").replace("\r", "\n").count("\n")
            replacement = "\n\n" if breaks > 1 else "\n"
        elif any(ch in run for ch in " \t\u00a0\u1680\u202f\u205f\u3000") or _has_unicode_space(run):
            replacement = " "
        elif ZWNJ in run:
            replacement = ZWNJ
        else:
            replacement = ""
        if replacement != run:
            edits.append(Edit(start, end, replacement))
    return edits


def _form_edits(text: str) -> list[Edit]:
    """Presentation forms to ordinary letters (which may be longer: ﻻ → لا)."""
    edits: list[Edit] = []
    for match in PRESENTATION_FORM.finditer(text):
        letters = unicodedata.normalize("NFKC", match.group()).translate(LETTER_TABLE)
        edits.append(Edit(match.start(), match.end(), letters))
    return edits


def _has_unicode_space(run: str) -> bool:
    return any("\u2000" <= ch <= "\u200a" for ch in run)


def _zwnj_edits(text: str, lexicon: Lexicon) -> list[Edit]:
    """Join ``می``/``نمی`` and plural/degree suffixes with ZWNJ; restore ZWNJ in glued words (zwnj.py)."""
    edits: list[Edit] = []
    last = -1
    previous_word = ""
    previous_end = -2
    for match in PERSIAN_WORD.finditer(text):
        start, end = match.span()
        word = match.group()
        after = text[end] if end < len(text) else ""
        before_word_char = text[start - 1] if start > 0 else ""
        if (
            word in SUFFIXES
            and previous_end == start - 1
            and text[previous_end] == " "
            and after != ZWNJ
            and not _continues_word(after)
            and _suffix_fits(previous_word, word, lexicon)
            and previous_end > last
        ):
            edits.append(Edit(previous_end, start, ZWNJ))
            last = start
        elif (
            word in VERB_PREFIXES
            and after == " "
            and before_word_char != ZWNJ
            and end + 1 < len(text)
            and _LETTER_CHAR.match(text, end + 1)
        ):
            edits.append(Edit(end, end + 1, ZWNJ))
            last = end + 1
        elif len(word) >= 4 and after != ZWNJ and before_word_char != ZWNJ and start > last:
            fixed = restore(word)
            if fixed:
                offset = start
                for part in fixed.split(ZWNJ)[:-1]:
                    offset += len(part)
                    edits.append(Edit(offset, offset, ZWNJ))
                last = end
        previous_word, previous_end = word, end
    return edits


def _continues_word(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == ZWNJ)


def _suffix_fits(stem: str, suffix: str, lexicon: Lexicon) -> bool:
    if suffix in DEGREE_SUFFIXES:
        return lexicon.is_adjective(stem)
    return len(stem) >= 2
