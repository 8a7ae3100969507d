from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.importers.utf16 import Utf16


def test_an_emoji_counts_two_units() -> None:
    text = "😀 علی 👍🏽 x"
    offsets = Utf16(text)
    assert [offsets.units(i) for i in range(len(text) + 1)] == [0, 2, 3, 4, 5, 6, 7, 9, 11, 12, 13]
    assert offsets.point(2) == 1 and offsets.point(1) is None and offsets.point(13) == 10
    assert offsets.point(14) is None and offsets.point(-1) is None


@settings(max_examples=200, derandomize=True)
@given(st.text(alphabet=st.sampled_from("ab ی‌ك😀𝐀\u200c")))
def test_agrees_with_javascript_string_length(text: str) -> None:
    offsets = Utf16(text)
    for i in range(len(text) + 1):
        unit = len(text[:i].encode("utf-16-le")) // 2
        assert offsets.units(i) == unit and offsets.point(unit) == i
    assert offsets.length == len(text.encode("utf-16-le")) // 2
