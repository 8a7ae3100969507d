from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text.lexicon import default_lexicon, default_verbs
from annotator.text.normalize import normalize
from annotator.text.zwnj import readings, restore
from tests.annotator.text.test_normalize import check_map
from tests.conftest import DATA

ZWNJ = "\u200c"


def _rows(path: Path) -> list[list[str]]:
    return [
        line.split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


HAND = [(row[0], row[1]) for row in _rows(DATA / "zwnj_hand.tsv")]
GENERATED = [(row[0], row[1], row[2]) for row in _rows(DATA / "zwnj_generated.tsv")]


@pytest.mark.parametrize(("glued", "expected"), HAND, ids=[g for g, _ in HAND])
def test_hand_picked_words(glued: str, expected: str) -> None:
    assert normalize(glued).text == expected


def test_the_list_has_at_least_300_cases_of_every_kind() -> None:
    sections = {section for section, _, _ in GENERATED}
    assert len(HAND) + len(GENERATED) >= 300
    assert {"verbs", "corpus", "lookalike"} <= sections
    assert sum(1 for _, glued, expected in GENERATED if glued == expected) >= 50


def test_precision_and_recall_on_the_generated_list() -> None:
    changed = right = needed = 0
    wrong: list[tuple[str, str]] = []
    for _, glued, expected in GENERATED:
        out = normalize(glued).text
        needed += glued != expected
        if out != glued:
            changed += 1
            right += out == expected
            if out != expected:
                wrong.append((glued, out))
    assert right / changed >= 0.995, wrong
    assert right / needed >= 0.9


def test_lookalikes_never_change() -> None:
    for section, glued, expected in GENERATED:
        if section == "lookalike":
            assert normalize(glued).text == glued == expected


@pytest.mark.parametrize("glued", ["نامهای", "خانهای", "حرفهای"])
def test_undecidable_words_are_left_alone_with_their_two_readings(glued: str) -> None:
    assert len(set(readings(glued, default_lexicon(), default_verbs()))) == 2
    assert restore(glued) is None


def test_in_running_text_the_offset_map_stays_exact() -> None:
    raw = "او میتواند در خانهام بماند؛ رسانهای  بینظیر و نامهای که میشود خواند."
    result = normalize(raw)
    assert result.text == "او می‌تواند در خانه‌ام بماند؛ رسانه‌ای بی‌نظیر و نامهای که می‌شود خواند."
    check_map(raw, result.text, result.raw_offsets)
    start = result.text.index("خانه‌ام")
    end = start + len("خانه‌ام")
    assert raw[result.raw_offsets[start] : result.raw_offsets[end]] == "خانهام"


def test_a_word_hazm_lists_bare_is_only_read_as_a_verb_or_a_listed_compound() -> None:
    # «فیلتر» and «کلانتری» are in hazm's list without a part of speech; no تر is read into them
    for word in ("فیلتر", "کلانتری", "شوشتری", "میمونی", "اسرائیلیات", "الخیام"):
        assert restore(word) is None, word


LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=LETTERS, min_size=4, max_size=9), st.sampled_from(["", "می", "نمی", "بی"]))
def test_restoration_only_ever_adds_zwnj(word: str, prefix: str) -> None:
    fixed = restore(prefix + word)
    assert fixed is None or (fixed.replace(ZWNJ, "") == prefix + word and ZWNJ in fixed)
