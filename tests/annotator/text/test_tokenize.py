from __future__ import annotations

import itertools

from hypothesis import given, settings

from annotator.text.pipeline import analyze
from annotator.text.profiles import Profile
from annotator.text.tokenize import tokenize
from tests.annotator.text.test_normalize import texts

ZWNJ = "\u200c"


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def test_zwnj_stays_inside_words() -> None:
    assert words("کتاب‌ها را می‌خوانم") == ["کتاب‌ها", "را", "می‌خوانم"]


def test_punctuation_is_split_but_numbers_stay_whole() -> None:
    text = "در ۱۴۰۲/۰۵/۲۱ ساعت 18:30، نرخ 3.5 درصد و ۳٫۵ بود. (سلام)"
    assert words(text) == [
        "در",
        "۱۴۰۲/۰۵/۲۱",
        "ساعت",
        "18:30",
        "،",
        "نرخ",
        "3.5",
        "درصد",
        "و",
        "۳٫۵",
        "بود",
        ".",
        "(",
        "سلام",
        ")",
    ]


def test_dates_with_hyphens_and_slashes_are_one_token() -> None:
    assert words("2025-11-07 و 1404/08/12 و ۲۰۲۵-۱۱-۰۷") == ["2025-11-07", "و", "1404/08/12", "و", "۲۰۲۵-۱۱-۰۷"]


def test_a_lone_slash_between_words_is_split() -> None:
    assert words("ایران/عراق") == ["ایران", "/", "عراق"]


def test_emoji_is_a_token_of_its_own() -> None:
    assert words("😀ایران 👨\u200d👩\u200d👧ب") == ["😀", "ایران", "👨\u200d👩\u200d👧", "ب"]


def test_no_break_space_separates_words() -> None:
    assert words("سلام\u00a0دنیا") == ["سلام", "دنیا"]


def test_arabic_letters_and_latin() -> None:
    assert words("علي با iPhone 15 آمد") == ["علي", "با", "iPhone", "15", "آمد"]


@settings(max_examples=400, deadline=None)
@given(texts, texts)
def test_tokens_are_ordered_substrings_and_lose_nothing(a: str, b: str) -> None:
    for profile in Profile:
        result = analyze(a + b, profile)
        text, tokens = result.text, result.tokens
        previous = 0
        covered = [False] * len(text)
        for start, end in tokens:
            assert previous <= start < end <= len(text)
            piece = text[start:end]
            assert piece == piece.strip() and not any(c.isspace() for c in piece)
            for i in range(start, end):
                covered[i] = True
            previous = end
        # nothing but whitespace lies outside tokens
        assert all(covered[i] or text[i].isspace() for i in range(len(text)))
        # a ZWNJ between two letters is never a token edge
        for i, char in enumerate(text):
            if char == ZWNJ and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha():
                assert any(s < i and e > i + 1 for s, e in tokens), (text, i)
        # sentences partition the tokens
        if tokens:
            starts = {s for s, _ in tokens}
            ends = {e for _, e in tokens}
            sentences = result.sentences
            assert sentences[0][0] == tokens[0][0] and sentences[-1][1] == tokens[-1][1]
            for (s, e), (s2, _) in itertools.pairwise(sentences):
                assert s in starts and e in ends and e <= s2
                assert s2 == min(t for t in starts if t >= e)
        else:
            assert result.sentences == []
