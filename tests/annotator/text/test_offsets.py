from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text.normalize import normalize
from annotator.text.offsets import text_position
from annotator.text.profiles import Profile


def displayed(raw: str, start: int, end: int) -> str:
    """The displayed text of the raw range [start, end) under the standard profile."""
    result = normalize(raw, Profile.STANDARD)
    offsets = result.raw_offsets
    return result.text[text_position(offsets, start) : text_position(offsets, end)]


def test_an_end_inside_a_removed_tatweel_keeps_the_letter_before_it() -> None:
    raw = "علـــی رضا"  # the kashida inside the first word is removed from the displayed text
    assert normalize(raw, Profile.STANDARD).text == "علی رضا"
    for end in (2, 3, 4, 5):
        assert displayed(raw, 0, end) == "عل"
    assert displayed(raw, 0, 6) == "علی"


def test_a_start_inside_removed_characters_moves_to_the_next_kept_one() -> None:
    raw = "علـــی رضا"
    assert displayed(raw, 3, 6) == "ی"
    assert displayed(raw, 5, 6) == "ی"


def test_an_end_after_an_expanded_ligature_covers_all_of_it() -> None:
    raw = "ﷲ اکبر"  # one raw character, four displayed ones
    assert normalize(raw, Profile.STANDARD).text == "الله اکبر"
    assert displayed(raw, 0, 1) == "الله"
    assert displayed(raw, 2, 6) == "اکبر"
    assert displayed(raw, 1, 6) == " اکبر"  # from the space after it: never inside the expanded word
    assert displayed("سلام ﷲ", 5, 6) == "الله"


def test_exact_positions_map_to_themselves_on_an_identity_map() -> None:
    offsets = list(range(6))
    assert [text_position(offsets, p) for p in range(6)] == list(range(6))
    assert [text_position(offsets, p) for p in range(1, 6)] == list(range(1, 6))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet="علیرضاـ\u200c\u064a\u0643 ﷲﻻ\r\n", max_size=24))
def test_every_raw_position_maps_to_the_character_shown_for_it(raw: str) -> None:
    """A displayed position that is the last at its raw position (not a character a replacement added) maps
    back to itself exactly; any other raw position maps to the next such one."""
    offsets = normalize(raw, Profile.STANDARD).raw_offsets
    own = [p for p in range(len(offsets)) if p + 1 == len(offsets) or offsets[p + 1] != offsets[p]]
    for p in own:
        assert text_position(offsets, offsets[p]) == p
    for raw_pos in range(len(raw) + 1):
        mapped = text_position(offsets, raw_pos)
        assert mapped in own and offsets[mapped] >= raw_pos
        assert mapped == min(p for p in own if offsets[p] >= raw_pos)


def test_a_raw_position_past_the_end_maps_to_the_end() -> None:
    offsets = [0, 1, 5, 6]
    assert text_position(offsets, 7) == text_position(offsets, 6) == 3
