"""The cue tagger ends an organisation where its name ends, not in the verb phrase after it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.importers import ImportOptions, import_paths
from annotator.pretag.cues import cue_spans
from annotator.pretag.features import first_names
from annotator.pretag.pipeline import pretag
from annotator.schema import preset
from annotator.store import Project
from annotator.text.lexicon import default_lexicon
from annotator.text.pipeline import analyze

LABELS = frozenset(("PER", "ORG", "LOC"))


def orgs(sentence: str) -> list[str]:
    """The cue tagger's organisations in one sentence, tokenised as an import does it."""
    analysis = analyze(sentence)
    words = [analysis.text[s:e] for s, e in analysis.tokens]
    found = cue_spans(words, LABELS, first_names(), default_lexicon().pos)
    return [" ".join(words[a:b]) for a, b, label, _ in found if label == "ORG"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a light verb after the name: its noun is no part of the name
        ("بانک مرکزی اعلام کرد نرخ تورم به ۳۸ درصد رسید.", ["بانک مرکزی"]),
        ("شرکت توتال امضا کرد.", ["شرکت توتال"]),
        ("خبرگزاری فارس گزارش داد.", ["خبرگزاری فارس"]),
        ("باشگاه پرسپولیس قهرمان شد.", ["باشگاه پرسپولیس"]),
        ("مجمع تشخیص مصلحت نظام تشکیل جلسه داد.", ["مجمع تشخیص مصلحت نظام"]),
        # a Latin name, then Persian words: the script switch ends it
        ("شرکت Samsung قصد دارد کارخانه‌ای در ویتنام بسازد.", ["شرکت Samsung"]),
        ("شرکت Tesla Motors قصد دارد خودروی جدیدی تولید کند.", ["شرکت Tesla Motors"]),
        # a predicate's noun or an object noun past the first word ends the name
        ("وزارت علوم تأمین بودجه این طرح را بر عهده دارد.", ["وزارت علوم"]),
        ("سازمان ملل متحد خواستار آتش‌بس شد.", ["سازمان ملل متحد"]),
        ("بانک جهانی پیش‌بینی رشد اقتصادی ایران را کاهش داد.", ["بانک جهانی"]),
        ("وزارت نفت قرارداد جدیدی امضا کرد.", ["وزارت نفت"]),
        ("حزب اعتماد ملی بیانیه صادر کرد.", ["حزب اعتماد ملی"]),
        # after a place the name is over
        ("شورای شهر تهران بودجه سال آینده را تصویب کرد.", ["شورای شهر تهران"]),
        ("شرکت ملی نفت ایران قراردادی امضا کرد.", ["شرکت ملی نفت ایران"]),
        # the object before «خود را»
        ("شرکت هواپیمایی ماهان پروازهای خود را لغو کرد.", ["شرکت هواپیمایی ماهان"]),
    ],
)
def test_an_organisation_stops_where_its_name_ends(sentence: str, expected: list[str]) -> None:
    assert orgs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "این شرکت اعلام کرد که سود سهام را افزایش می‌دهد.",
        "مدیرعامل شرکت گفت که تولید ادامه دارد.",
        "در این شرکت ۳۰۰ نفر کار می‌کنند.",
        "خیلی‌ها در انتخابات شرکت نکردند.",
        "سپاه در رزمایش شرکت کرد و باشگاه بماند تا با تیم دیگری بازی کند.",
    ],
)
def test_a_head_alone_is_no_organisation(sentence: str) -> None:
    assert orgs(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # what was right before stays right
        ("سازمان تأمین اجتماعی اعلام کرد حقوق‌ها افزایش می‌یابد.", ["سازمان تأمین اجتماعی"]),
        ("بانک مرکزی جمهوری اسلامی ایران نرخ ارز را اعلام کرد.", ["بانک مرکزی جمهوری اسلامی ایران"]),
        ("دانشگاه علوم پزشکی تهران رتبه نخست را کسب کرد.", ["دانشگاه علوم پزشکی تهران"]),
        ("سازمان فن آوری اطلاعات راه‌اندازی شد.", ["سازمان فن آوری اطلاعات"]),
        ("سازمان حفاظت محیط زیست در استان تهران هشدار داد.", ["سازمان حفاظت محیط زیست"]),
        ("مجلس دهم در حال کار است.", ["مجلس دهم"]),
        ("شورای نگهبان داریم که نظارت کند.", ["شورای نگهبان"]),
        ("سازمان گشت ارشاد فعالیت خود را متوقف کرد.", ["سازمان گشت ارشاد"]),
        ("کمیسیون امنیت ملی مجلس امروز تشکیل جلسه داد.", ["کمیسیون امنیت ملی مجلس"]),
    ],
)
def test_whole_names_are_kept(sentence: str, expected: list[str]) -> None:
    assert orgs(sentence) == expected


NEWS = """بانک مرکزی اعلام کرد نرخ تورم در مهرماه به ۳۸ درصد رسیده است.

شرکت Samsung قصد دارد کارخانه‌ای در ویتنام بسازد. این شرکت اعلام کرد که سود را افزایش می‌دهد.

وزارت علوم تأمین بودجه این طرح را بر عهده دارد.
"""


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = Project.create(tmp_path / "p.barchasb", preset("combined"))
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    import_paths(p, [tmp_path / "news.txt"], ImportOptions())
    yield p
    p.close()


def test_pretag_stores_the_names_alone(project: Project) -> None:
    pretag(project, annotator="auto", taggers=["cues"])
    doc = project.document("news")
    found = [(doc.text[s.start : s.end], s.label, s.source) for s in doc.layers["auto"].spans]
    assert found == [
        ("بانک مرکزی", "ORG", "cues"),
        ("شرکت Samsung", "ORG", "cues"),
        ("وزارت علوم", "ORG", "cues"),
    ]
