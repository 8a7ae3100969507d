from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text.normalize import LETTER_TABLE, normalize
from annotator.text.profiles import Profile
from tests.conftest import SAMPLE

ZWNJ = "\u200c"
GAP = set(" \t\u00a0\u2002\u3000\r\n" + ZWNJ + "\u0640\u064b\u064e\u0651\u0652\u0670\u200e\u200f\u00ad\ufeff\u200b")


def check_map(raw: str, text: str, offsets: list[int]) -> None:
    """The offset map is monotonic and exact, and nothing but gaps is lost."""
    assert len(offsets) == len(text) + 1
    assert offsets[-1] == len(raw)
    assert all(a <= b for a, b in itertools.pairwise(offsets))
    assert set(raw[: offsets[0]]) <= GAP

    def solid(s: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKC", s).translate(LETTER_TABLE) if c not in GAP)

    assert solid(raw) == solid(text)
    for p, char in enumerate(text):
        piece = raw[offsets[p] : offsets[p + 1]]
        if any("\ufb50" <= c <= "\ufefe" for c in raw[max(offsets[p] - 1, 0) : offsets[p] + 1]):
            continue  # an expanded presentation form: checked as a whole above
        kept = "".join(c for c in piece.translate(LETTER_TABLE) if c not in GAP)
        if char in GAP:
            assert kept == "", (p, char, piece)
        else:
            assert kept == char.translate(LETTER_TABLE), (p, char, piece)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("كتاب يك", "کتاب یک"),
        ("ى ە ھ", "ی ه ه"),
        ("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"),
        ("من می روم", "من می‌روم"),
        ("او نمی داند", "او نمی‌داند"),
        ("کتاب ها را", "کتاب‌ها را"),
        ("کتاب های خوب", "کتاب‌های خوب"),
        ("بزرگ تر و بزرگ ترین", "بزرگ‌تر و بزرگ‌ترین"),
        ("همکاری تمامقد", "همکاری تمام‌قد"),
        ("مأموریتهای منطقه", "مأموریت‌های منطقه"),
        ("رسانهای میتواند", "رسانه‌ای می‌تواند"),
        ("آنها نمیدانم میشود", "آن‌ها نمی‌دانم می‌شود"),
        ("کاری بینظیر در خانهام", "کاری بی‌نظیر در خانه‌ام"),
        ("کار فرهنگیاش", "کار فرهنگی‌اش"),
        ("میدان میلیون میهن بیمار بیست بیشتر مهمانی", "میدان میلیون میهن بیمار بیست بیشتر مهمانی"),
        ("نامهای رسید", "نامهای رسید"),
        ("a  b\t\tc", "a b c"),
        ("  سلام  ", "سلام"),
        ("سطر\r\n\r\n\r\n\u00a0\r\nسطر", "سطر\n\nسطر"),
        ("محـمّد", "محمد"),
        ("ایران\u200c\u200cها", "ایران\u200cها"),
        ("ایران \u200cها", "ایران\u200cها"),
        ("\u200fسلام\u200e", "سلام"),
        ("ﻻ ﷲ ﺑﺎﻧﻚ", "لا الله بانک"),
    ],
)
def test_standard_examples(raw: str, text: str) -> None:
    result = normalize(raw, Profile.STANDARD)
    assert result.text == text
    check_map(raw, result.text, result.raw_offsets)


@pytest.mark.parametrize(
    "kept",
    ["1402/05/21", "۱۴۰۲/۰۵/۲۱", "2025-11-07", "۳٫۵", "3.5", "18:30", "۱۸:۳۰", "12,500", "۱۲٪"],
)
def test_dates_decimals_and_times_are_never_split(kept: str) -> None:
    assert normalize(f"در {kept} بود", Profile.STANDARD).text == f"در {kept} بود"


def test_letters_profile_preserves_length_and_positions() -> None:
    raw = "علي  در كرمان\u200c"
    result = normalize(raw, Profile.LETTERS)
    assert result.text == "علی  در کرمان\u200c"
    assert result.raw_offsets == list(range(len(raw) + 1))


def test_none_profile_is_identity() -> None:
    raw = "علي  می روم"
    assert normalize(raw, Profile.NONE).text == raw


def test_words_ending_like_suffixes_are_left_alone() -> None:
    # دفتر ends in «تر» but is a word; «پیراهن» is a noun, so «تر» after it is the adjective "wet".
    assert normalize("دفتر و پیراهن تر", Profile.STANDARD).text == "دفتر و پیراهن تر"


def test_sample_article() -> None:
    raw = SAMPLE.read_text(encoding="utf-8")
    result = normalize(raw, Profile.STANDARD)
    check_map(raw, result.text, result.raw_offsets)
    assert result.text.startswith("date 2025-11-07 خبرگزاری کار ایران\n")
    assert "تمام\u200cقد" in result.text and "مأموریت\u200cهای" in result.text
    assert "  " not in result.text and "\u00a0" not in result.text
    assert "\n\n\n" not in result.text
    start = result.text.index("محمد تبریزی")
    end = start + len("محمد تبریزی")
    assert raw[result.raw_offsets[start] : result.raw_offsets[end]] == "محمد تبریزی"


ALPHABET = st.sampled_from(
    list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأؤئ")
    + list("يكىە")
    + list("abcXYZ")
    + list("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣")
    + [ZWNJ, " ", " ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u0640", "\u064e", "\u0651", "\u200f", "\ufeff"]
    + list("./:-،؟!٫")
    + ["😀", "👨\u200d👩\u200d👧", "🇮🇷", "می ", " ها", " تر", " ترین", "ﻻ"]
    + ["میتواند", "خانهام", "رسانهای", "نامهای", "بینظیر", "همهی", "برمیگردد", "شدهاند", "کتابها"]
)
texts = st.lists(ALPHABET, max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from(list(Profile)))
def test_offset_map_is_monotonic_and_exact(raw: str, profile: Profile) -> None:
    result = normalize(raw, profile)
    check_map(raw, result.text, result.raw_offsets)
    if profile is not Profile.STANDARD:
        assert len(result.text) == len(raw)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_standard_is_idempotent_on_letters(raw: str) -> None:
    once = normalize(raw, Profile.STANDARD).text
    assert normalize(once, Profile.LETTERS).text == once
    assert unicodedata.is_normalized("NFC", once) or not unicodedata.is_normalized("NFC", raw)
