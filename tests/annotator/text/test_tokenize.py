from __future__ import annotations

import itertools

import pytest
import regex  # type: ignore[import-untyped]  # an independent grapheme-cluster reference (\X); installed with nltk, used only here
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_two_emoji_in_a_row_are_two_tokens() -> None:
    assert tokenize("😀😀") == [(0, 1), (1, 2)]
    assert words("سلام😀😀ایران") == ["سلام", "😀", "😀", "ایران"]
    assert words("❤️❤️ 👍👍👍") == ["❤️", "❤️", "👍", "👍", "👍"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("👍🏽خوب", ["👍🏽", "خوب"]),  # a skin tone stays with its emoji
        ("👨\u200d👩\u200d👧👍", ["👨\u200d👩\u200d👧", "👍"]),  # a ZWJ sequence is one
        ("🇮🇷🇺🇸", ["🇮🇷", "🇺🇸"]),  # a flag is a pair of regional indicators
        ("1️⃣2️⃣ #️⃣", ["1️⃣", "2️⃣", "#️⃣"]),  # keycaps
        (
            "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f!",
            ["🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "!"],
        ),
        ("👩🏽\u200d💻ایران", ["👩🏽\u200d💻", "ایران"]),
    ],
)
def test_emoji_grapheme_clusters(text: str, expected: list[str]) -> None:
    assert words(text) == expected


EMOJI = [
    "😀", "❤️", "👍🏽", "👨\u200d👩\u200d👧", "👩🏽\u200d💻", "🇮🇷", "🇺🇸", "1️⃣", "#️⃣", "🏳️\u200d🌈", "☕", "✌🏿",
    "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(EMOJI), min_size=1, max_size=8), st.sampled_from(["", "ایران", " ", "a"]))
def test_emoji_tokens_are_the_grapheme_clusters_regex_finds(emoji: list[str], word: str) -> None:
    text = word + "".join(emoji) + word
    clusters = [m.group() for m in regex.finditer(r"\X", "".join(emoji))]
    tokens = [t for t in words(text) if t != word.strip()]
    assert clusters == emoji
    assert tokens == emoji


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
