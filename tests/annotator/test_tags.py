from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.errors import SpanError
from annotator.tags import Chunk, Scheme, decode, detect_scheme, encode, parse_tag


def test_parse_tag_spellings() -> None:
    assert parse_tag("O") == ("O", None)
    assert parse_tag("B-PER") == ("B", "PER")
    assert parse_tag("I_ORG") == ("I", "ORG")
    assert parse_tag("b-pers") == ("B", "pers")
    assert parse_tag("U-LOC") == ("S", "LOC")
    with pytest.raises(ValueError):
        parse_tag("PER")


def test_decode_stray_inside_starts_an_entity() -> None:
    assert decode(["O", "I-LOC", "I-LOC", "B-LOC", "I-PER"]) == [
        Chunk(1, 3, "LOC"),
        Chunk(3, 4, "LOC"),
        Chunk(4, 5, "PER"),
    ]


def test_detect_scheme() -> None:
    assert detect_scheme(["B-PER", "I-PER", "O"]) == (Scheme.IOB2, 0)
    assert detect_scheme(["I-PER", "I-PER", "B-PER", "O"]) == (Scheme.IOB1, 1)
    assert detect_scheme(["S-PER", "B-LOC", "E-LOC"]) == (Scheme.BIOES, 0)
    assert detect_scheme(["B-PER", "O", "I-LOC"]) == (Scheme.IOB2, 1)


def test_overlap_is_refused_naming_both() -> None:
    with pytest.raises(SpanError, match="overlap"):
        encode([Chunk(0, 2, "PER"), Chunk(1, 3, "LOC")], 3)


@st.composite
def chunked(draw: st.DrawFn) -> tuple[list[Chunk], int]:
    length = draw(st.integers(0, 30))
    chunks: list[Chunk] = []
    i = 0
    while i < length:
        if draw(st.booleans()):
            size = draw(st.integers(1, min(4, length - i)))
            chunks.append(Chunk(i, i + size, draw(st.sampled_from(["PER", "LOC", "ORG"]))))
            i += size
        else:
            i += draw(st.integers(1, 3))
    return chunks, length


@given(chunked(), st.sampled_from(list(Scheme)))
def test_encode_decode_round_trip(case: tuple[list[Chunk], int], scheme: Scheme) -> None:
    chunks, length = case
    tags = encode(chunks, length, scheme)
    assert decode(tags) == chunks
    assert detect_scheme(tags)[0] in (scheme, Scheme.IOB2) or not chunks
