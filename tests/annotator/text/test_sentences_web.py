from __future__ import annotations

import pytest

from annotator.text.pipeline import analyze
from annotator.text.sentences import split_sentences


def sentences(raw: str) -> list[str]:
    result = analyze(raw)
    return [result.text[s:e] for s, e in result.sentences]


@pytest.mark.parametrize(
    "text",
    [
        "خبر را در https://www.irna.ir/news/85012345/a.b.html بخوانید.",
        "خبر را در www.isna.ir بخوانید.",
        "نشانی news.irna.ir/fa/1404.08.12 است.",
        "جست‌وجو در https://x.ir/search?q=تهران&p=2&r=3.5 را ببینید.",
        "با info@mail.example.co.uk و @ali.reza تماس بگیرید.",
    ],
)
def test_a_period_inside_a_web_form_does_not_end_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


def test_a_period_after_an_address_ends_the_sentence() -> None:
    assert sentences("خبر در www.isna.ir. جمله بعد") == ["خبر در www.isna.ir.", "جمله بعد"]
    assert sentences("ایمیل: info@example.ir. بعدی!") == ["ایمیل: info@example.ir.", "بعدی!"]
    assert sentences("آدرس (https://x.ir/a)! بعدی") == ["آدرس (https://x.ir/a)!", "بعدی"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an address, mention or hashtag ending in a title's letters is not the title «Dr.» or «م.»
        ("پیوند https://example.com/Dr. جمله بعد", ["پیوند https://example.com/Dr.", "جمله بعد"]),
        ("از @Mr. جمله بعد", ["از @Mr.", "جمله بعد"]),
        ("با هشتگ #ایران_م. جمله بعد", ["با هشتگ #ایران_م.", "جمله بعد"]),
        ("با #سید. جمله بعد", ["با #سید.", "جمله بعد"]),
    ],
)
def test_an_address_ending_like_an_abbreviation_still_ends_the_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_abbreviations_as_words_still_do_not_end_a_sentence() -> None:
    assert sentences("به گفته دکتر. علی‌پور و Dr. Smith در www.isna.ir آمد.") == [
        "به گفته دکتر. علی‌پور و Dr. Smith در www.isna.ir آمد."
    ]


def test_sentences_from_tokens_a_reader_gave() -> None:
    text = "از Dr. X"  # tokens as a CoNLL file might give them: «Dr.» is one token
    assert split_sentences(text, [(0, 2), (3, 6), (7, 8)]) == [(0, 8)]
    assert split_sentences(text, [(0, 2), (3, 5), (5, 6), (7, 8)]) == [(0, 8)]
