from __future__ import annotations

import random
import time

from annotator.pretag.gazetteer import Gazetteer, Match


def test_longest_match_on_token_boundaries() -> None:
    g = Gazetteer()
    g.add(["سازمان", "ملل"], "ORG")
    g.add(["سازمان", "ملل", "متحد"], "ORG")
    g.add(["ملل"], "LOC")
    words = ["دبیرکل", "سازمان", "ملل", "متحد", "گفت"]
    assert [(m.first, m.last, m.label) for m in g.find(words)] == [(1, 4, "ORG")]
    assert [(m.first, m.last) for m in g.find(["سازمان", "ملل", "گفت"])] == [(0, 2)]


def test_never_inside_a_word_and_clitics_are_decided() -> None:
    g = Gazetteer()
    g.add(["ایران"], "LOC")
    assert g.find(["ایرانی"]) == []  # a derived word (nationality), not the place
    assert g.find(["ایرانیان"]) == []
    assert [m.label for m in g.find(["ایران\u200cها"])] == ["LOC"]  # plural after ZWNJ stays the name
    assert [m.label for m in g.find(["ایران\u200cمان"])] == ["LOC"]
    assert g.find(["ایران\u200cشناسی"]) == []  # a ZWNJ compound is another word


def test_arabic_letters_and_counts() -> None:
    g = Gazetteer()
    g.add(["علي"], "PER", 3)
    g.add(["علی"], "LOC", 1)
    (match,) = g.find(["علی"])
    assert match == Match(0, 1, "PER", 3, 0.75)
    assert g.bio(["آقای", "علی", "آمد"]) == ["", "B-PER", ""]
    assert g.size == 1 and g.entries() == [(("علی",), "LOC", 1), (("علی",), "PER", 3)]


def test_fast_with_100k_entries() -> None:
    rng = random.Random(3)
    letters = "ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی"
    g = Gazetteer()
    for _ in range(100_000):
        g.add(["".join(rng.choices(letters, k=rng.randint(3, 7))) for _ in range(rng.randint(1, 3))], "LOC")
    words = ["".join(rng.choices(letters, k=rng.randint(2, 6))) for _ in range(50_000)]
    start = time.perf_counter()
    g.find(words)
    assert g.size > 90_000
    assert time.perf_counter() - start < 30  # a smoke bound only; the benchmark measures speed
