from __future__ import annotations

import random
from collections import Counter

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


def test_100k_entries_find_exactly_the_planted_names() -> None:
    rng = random.Random(3)
    letters = "ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی"
    g = Gazetteer()
    reference: dict[tuple[str, ...], Counter[str]] = {}
    for _ in range(100_000):
        tokens = tuple("".join(rng.choices(letters, k=rng.randint(3, 7))) for _ in range(rng.randint(1, 3)))
        label = rng.choice(["LOC", "ORG", "PER"])
        g.add(tokens, label)
        reference.setdefault(tokens, Counter())[label] += 1
    assert g.size == len(reference)
    # Filler words carry a Latin letter no entry has; between them, entries whose top label is clear.
    clear = [t for t, labels in reference.items() if len(labels) == 1 or len(set(labels.values())) == len(labels)]
    words: list[str] = []
    expected: list[Match] = []
    for _ in range(2_000):
        words.extend("".join(rng.choices(letters, k=rng.randint(2, 6))) + "x" for _ in range(rng.randint(1, 20)))
        tokens = rng.choice(clear)
        label, count = reference[tokens].most_common(1)[0]
        expected.append(Match(len(words), len(words) + len(tokens), label, count, count / reference[tokens].total()))
        clitic = rng.random() < 0.2  # «…‌ها» after the name keeps the match on the same tokens
        words.extend([*tokens[:-1], tokens[-1] + ("\u200cها" if clitic else "")])
    words.append("پایانx")
    assert g.find(words) == expected
