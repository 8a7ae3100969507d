from __future__ import annotations

import pytest

from annotator.model import Document
from annotator.pretag.rules import rule_spans
from annotator.schema import preset
from annotator.text.pipeline import analyze

LABELS = frozenset(preset("peyma").labels)

# Each sentence with every rule entity it contains (label, text), written as news agencies write them.
CASES = [
    ("جلسه روز ۱۲ آبان ۱۴۰۴ در تهران برگزار شد.", [("DAT", "۱۲ آبان ۱۴۰۴")]),
    ("جلسه روز 12 آبان 1404 در تهران برگزار شد.", [("DAT", "12 آبان 1404")]),
    ("این قانون در تاریخ 1404/08/12 تصویب شد.", [("DAT", "1404/08/12")]),
    ("این قانون در تاریخ ۱۴۰۴/۰۸/۱۲ تصویب شد.", [("DAT", "۱۴۰۴/۰۸/۱۲")]),
    ("گزارش ۲۰۲۵-۱۱-۰۷ منتشر شد.", [("DAT", "۲۰۲۵-۱۱-۰۷")]),
    ("گزارش 2025-11-07 منتشر شد.", [("DAT", "2025-11-07")]),
    ("نشست در ۷ نوامبر ۲۰۲۵ در ژنو برگزار می‌شود.", [("DAT", "۷ نوامبر ۲۰۲۵")]),
    ("پنجشنبه ۱۵ آبان ماه مراسم برگزار شد.", [("DAT", "پنجشنبه ۱۵ آبان ماه")]),
    ("بودجه سال ۱۴۰۴ به مجلس رفت.", [("DAT", "سال ۱۴۰۴")]),
    ("قرارداد در اسفند ۱۴۰۳ امضا شد.", [("DAT", "اسفند ۱۴۰۳")]),
    ("مراسم اول محرم برگزار شد.", [("DAT", "اول محرم")]),
    ("مسابقه ساعت ۱۸:۳۰ آغاز می‌شود.", [("TIM", "ساعت ۱۸:۳۰")]),
    ("مسابقه ساعت 18:30 آغاز می‌شود.", [("TIM", "ساعت 18:30")]),
    ("قطار ساعت ۶ صبح حرکت کرد.", [("TIM", "ساعت ۶ صبح")]),
    ("جلسه ساعت ده و سی دقیقه تمام شد.", [("TIM", "ساعت ده و سی دقیقه")]),
    ("قیمت هر کیلو ۱۰۵ هزار تومان شد.", [("MON", "۱۰۵ هزار تومان")]),
    ("قیمت هر کیلو 105 هزار تومان شد.", [("MON", "105 هزار تومان")]),
    ("دولت ۵ میلیارد ریال اختصاص داد.", [("MON", "۵ میلیارد ریال")]),
    ("هر بشکه ۲۰ دلار ارزان شد.", [("MON", "۲۰ دلار")]),
    (
        "وام دو میلیون و پانصد هزار تومانی نیست؛ دو میلیون و پانصد هزار تومان است.",
        [("MON", "دو میلیون و پانصد هزار تومان")],
    ),
    ("صادرات به ۳٫۵ میلیارد دلار رسید.", [("MON", "۳٫۵ میلیارد دلار")]),
    ("قیمت سکه به $2,500 رسید.", [("MON", "$2,500")]),
    ("تورم به ۳۸٫۵ درصد رسید.", [("PCT", "۳۸٫۵ درصد")]),
    ("تورم به 38.5 درصد رسید.", [("PCT", "38.5 درصد")]),
    ("نرخ بیکاری ۱۲٪ اعلام شد.", [("PCT", "۱۲٪")]),
    ("نرخ بیکاری 12% اعلام شد.", [("PCT", "12%")]),
    ("بیست درصد سهام فروخته شد.", [("PCT", "بیست درصد")]),
    (
        "در ۱۰ دی ۱۴۰۳ ساعت ۹:۱۵ بانک مرکزی اعلام کرد نرخ سود ۲۳ درصد و سقف وام ۲۰۰ میلیون تومان است.",
        [("DAT", "۱۰ دی ۱۴۰۳"), ("TIM", "ساعت ۹:۱۵"), ("PCT", "۲۳ درصد"), ("MON", "۲۰۰ میلیون تومان")],
    ),
    ("او گفت که دو نفر در این حادثه زخمی شدند.", []),
    ("کتاب مهر و ماه در دی‌ماه منتشر شد.", []),
]


def document(text: str) -> Document:
    a = analyze(text)
    return Document("d", "t", text, a.text, a.raw_offsets, a.tokens, a.sentences)  # type: ignore[arg-type]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_rules_find_every_date_time_money_and_percentage(sentence: str, expected: list[tuple[str, str]]) -> None:
    doc = document(sentence)
    found = sorted((s.label, doc.text[s.start : s.end]) for s in rule_spans(doc, LABELS))
    assert found == sorted(expected)


def test_only_labels_the_schema_has() -> None:
    doc = document("تورم به ۳۸٫۵ درصد رسید.")
    assert rule_spans(doc, frozenset(preset("arman").labels)) == []


def test_suggestions_carry_source_and_confidence() -> None:
    (span,) = rule_spans(document("تورم به ۱۲٪ رسید."), LABELS)
    assert span.status == "suggested" and span.source == "rules" and 0 < (span.confidence or 0) <= 1
