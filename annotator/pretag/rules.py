"""Rules for entities that have a form: dates, times, money and percentages."""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotator.model import Document, Span, SpanStatus

SOURCE = "rules"
CONFIDENCE = 0.9

_D = "[0-9\u06f0-\u06f9\u0660-\u0669]"
_NUM = f"{_D}+(?:[.,\u066b\u066c/]{_D}+)*"
_B = "(?<![\\w\u200c])"  # not inside a word
_E = "(?![\\w\u200c])"

_UNITS = "یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده سیزده چهارده پانزده شانزده هفده هجده نوزده".split()
_TENS = "بیست سی چهل پنجاه شصت هفتاد هشتاد نود".split()
_HUNDREDS = "صد یکصد دویست سیصد چهارصد پانصد ششصد هفتصد هشتصد نهصد".split()
_SCALES = "هزار میلیون میلیارد بیلیون تریلیون".split()
_WORD = "|".join(sorted(_UNITS + _TENS + _HUNDREDS + ["نیم"], key=len, reverse=True))
_SCALE = "|".join(_SCALES)
# 105 | ۳٫۵ میلیون | دو میلیون و پانصد هزار | ۱۰ هزار و ۵۰۰
_AMOUNT = (
    f"(?:{_NUM}|(?:{_WORD}))(?:\\s+(?:{_SCALE}))?"
    f"(?:\\s+و\\s+(?:{_NUM}|(?:{_WORD}))(?:\\s+(?:{_SCALE}))?)*"
    f"|(?:{_SCALE})\\b"
)
_CURRENCY = "تومان|تومن|ریال|دلار|یورو|پوند|درهم|لیر|روبل|یوان|ین|دینار|فرانک|روپیه|بیت‌کوین|سکه"
_JALALI = "فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند"
_GREGORIAN = "ژانویه|ژانویهٔ|فوریه|مارس|آوریل|مه|می|ژوئن|ژوئیه|جولای|اوت|آگوست|سپتامبر|اکتبر|نوامبر|دسامبر"
_HIJRI = "محرم|صفر|ربیع‌الاول|ربیع‌الثانی|جمادی‌الاول|جمادی‌الثانی|رجب|شعبان|رمضان|شوال|ذی‌القعده|ذی‌الحجه"
_MONTH = f"(?:{_JALALI}|{_GREGORIAN}|{_HIJRI})"
_WEEKDAY = "(?:شنبه|یکشنبه|یک‌شنبه|دوشنبه|سه‌شنبه|چهارشنبه|پنجشنبه|پنج‌شنبه|جمعه)"
_DAY = f"(?:{_D}{{1,2}}|اول|سوم|(?:{_WORD})(?:م|ام)?)"
_YEAR = f"{_D}{{2,4}}"

PATTERNS: dict[str, re.Pattern[str]] = {
    "DAT": re.compile(
        f"{_B}(?:{_WEEKDAY}\\s*،?\\s+)?"
        f"(?:{_DAY}\\s+{_MONTH}(?:\\s+ماه)?(?:\\s+(?:سال\\s+)?{_YEAR})?"  # ۱۲ آبان (ماه) ۱۴۰۴
        f"|{_MONTH}(?:\\s+ماه)?\\s+(?:سال\\s+)?{_D}{{4}}"  # آبان ۱۴۰۴
        f"|{_D}{{4}}[/\\-]{_D}{{1,2}}[/\\-]{_D}{{1,2}}"  # 1404/08/12, ۲۰۲۵-۱۱-۰۷
        f"|{_D}{{1,2}}[/\\-]{_D}{{1,2}}[/\\-]{_D}{{4}}"  # 07/11/2025
        f"|سال\\s+{_D}{{4}}(?:\\s+(?:هجری\\s+)?(?:شمسی|خورشیدی|قمری|میلادی))?"  # سال ۱۴۰۴
        f"){_E}"
    ),
    "TIM": re.compile(
        f"{_B}(?:ساعت\\s+)?{_D}{{1,2}}:{_D}{{2}}(?::{_D}{{2}})?(?:\\s+(?:صبح|ظهر|بعدازظهر|بعد‌ازظهر|عصر|شب|بامداد))?{_E}"
        f"|{_B}ساعت\\s+(?:{_D}{{1,2}}|{_WORD})(?:\\s+و\\s+(?:{_D}{{1,2}}|{_WORD})\\s+دقیقه)?"
        f"(?:\\s+(?:صبح|ظهر|بعدازظهر|بعد‌ازظهر|عصر|شب|بامداد))?{_E}"
    ),
    "MON": re.compile(
        f"{_B}(?:{_AMOUNT})\\s+(?:{_CURRENCY})(?:\\s+(?:آمریکا|اروپا))?{_E}|[$€£]\\s?{_NUM}(?:\\s+(?:{_SCALE}))?{_E}"
    ),
    "PCT": re.compile(f"{_B}(?:{_AMOUNT})\\s*(?:درصد|%|٪){_E}|{_B}(?:{_AMOUNT})\\s*(?:درصد|%|٪)|[%٪]{_NUM}{_E}"),
}


def rule_spans(document: Document, labels: Iterable[str]) -> list[Span]:
    """Suggestions for the rule labels the schema has, snapped to whole tokens."""
    out: list[Span] = []
    for label, pattern in PATTERNS.items():
        if label not in labels:
            continue
        for match in pattern.finditer(document.text):
            span = _snap(document, match.start(), match.end())
            if span is not None:
                out.append(Span(span[0], span[1], label, None, SpanStatus.SUGGESTED, SOURCE, CONFIDENCE))
    return out


def _snap(document: Document, start: int, end: int) -> tuple[int, int] | None:
    """The match as whole tokens; None when it cuts a word."""
    first, last = document.tokens.within(start, end)
    if first >= last:
        return None
    s, e = document.tokens.starts[first], document.tokens.ends[last - 1]
    if s != start or e != end:
        return None
    return s, e
