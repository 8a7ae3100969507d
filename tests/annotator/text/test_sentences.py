from __future__ import annotations

from annotator.text.pipeline import analyze


def sentences(raw: str) -> list[str]:
    result = analyze(raw)
    return [result.text[s:e] for s, e in result.sentences]


def test_hazm_rule_and_line_breaks() -> None:
    assert sentences("جمله اول است. جمله دوم است! سوم؟ چهارم\nپنجم") == [
        "جمله اول است.",
        "جمله دوم است!",
        "سوم؟",
        "چهارم",
        "پنجم",
    ]


def test_title_abbreviation_does_not_end_a_sentence() -> None:
    assert sentences("به گفته دکتر. علی‌پور این طرح اجرا شد.") == ["به گفته دکتر. علی‌پور این طرح اجرا شد."]


def test_decimal_point_does_not_end_a_sentence() -> None:
    assert sentences("نرخ 3.5 درصد شد. پایان") == ["نرخ 3.5 درصد شد.", "پایان"]


def test_empty_paragraphs_make_no_sentences() -> None:
    result = analyze("\n\n  \n\u00a0\n", "none")
    assert result.tokens == [] and result.sentences == []


def test_sample_article_title_line_is_a_sentence(sample_text: str) -> None:
    assert sentences(sample_text)[0] == "date 2025-11-07 خبرگزاری کار ایران"
