"""Tag schemes: exact tag sequences per scheme, checked by hand and against seqeval's conventions."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB1, IOB2, IOBES, Entities, Token

from annotator.errors import SpanError
from annotator.tags import Chunk, Scheme, decode, detect_scheme, encode, encode_units, parse_tag

SEQEVAL_SCHEME: dict[Scheme, type[Token]] = {Scheme.IOB1: IOB1, Scheme.IOB2: IOB2, Scheme.BIOES: IOBES}

# One case with every situation a scheme has to tell apart: a one-token entity, two entities of one type
# touching, a gap, a long entity and a one-token entity of another type touching it.
CHUNKS = [Chunk(0, 1, "PER"), Chunk(1, 3, "PER"), Chunk(4, 7, "LOC"), Chunk(7, 8, "ORG")]
EXPECTED = {
    Scheme.IOB2: ["B-PER", "B-PER", "I-PER", "O", "B-LOC", "I-LOC", "I-LOC", "B-ORG"],
    Scheme.IOB1: ["I-PER", "B-PER", "I-PER", "O", "I-LOC", "I-LOC", "I-LOC", "I-ORG"],
    Scheme.BIOES: ["S-PER", "B-PER", "E-PER", "O", "B-LOC", "I-LOC", "E-LOC", "S-ORG"],
}


def test_parse_tag_spellings() -> None:
    assert parse_tag("O") == ("O", None)
    assert parse_tag("B-PER") == ("B", "PER")
    assert parse_tag("I_ORG") == ("I", "ORG")
    assert parse_tag("b-pers") == ("B", "pers")
    assert parse_tag("e-LOC") == ("E", "LOC")
    assert parse_tag("S-LOC") == ("S", "LOC")
    assert parse_tag("U-LOC") == ("S", "LOC")  # BILOU's unit
    assert parse_tag("L-LOC") == ("E", "LOC")  # BILOU's last
    assert parse_tag("B-NAT-ADJ") == ("B", "NAT-ADJ")  # only the first separator splits
    assert parse_tag("I-Foo Bar") == ("I", "Foo Bar")


@pytest.mark.parametrize("tag", ["PER", "o", "X-PER", "B-", "B-PER ", " B-PER", "B PER", "BPER", ""])
def test_parse_tag_refuses_what_is_not_a_tag(tag: str) -> None:
    with pytest.raises(ValueError, match="is not a tag"):
        parse_tag(tag)


@pytest.mark.parametrize("scheme", list(Scheme))
def test_encode_writes_the_exact_tags_of_each_scheme(scheme: Scheme) -> None:
    assert encode(CHUNKS, 9, scheme) == [*EXPECTED[scheme], "O"]
    assert encode(list(reversed(CHUNKS)), 8, scheme) == EXPECTED[scheme]  # the order given does not matter
    assert encode(CHUNKS, 8, str(scheme)) == EXPECTED[scheme]  # type: ignore[arg-type]  # a plain string works


def test_encode_defaults_to_iob2_and_writes_o_where_no_entity_is() -> None:
    assert encode(CHUNKS, 8) == EXPECTED[Scheme.IOB2]
    assert encode([], 3) == ["O", "O", "O"]
    assert encode([], 0) == []


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        ([Chunk(0, 2, "PER")], ["B-PER", "E-PER"]),
        ([Chunk(0, 4, "PER")], ["B-PER", "I-PER", "I-PER", "E-PER"]),
        ([Chunk(1, 2, "PER")], ["O", "S-PER"]),
        ([Chunk(0, 1, "PER"), Chunk(1, 2, "PER")], ["S-PER", "S-PER"]),
    ],
)
def test_bioes_closes_every_entity(chunks: list[Chunk], expected: list[str]) -> None:
    assert encode(chunks, len(expected), Scheme.BIOES) == expected


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        ([Chunk(0, 2, "PER"), Chunk(2, 3, "LOC")], ["I-PER", "I-PER", "I-LOC"]),  # another type: no B-
        ([Chunk(0, 2, "PER"), Chunk(2, 4, "PER")], ["I-PER", "I-PER", "B-PER", "I-PER"]),
        ([Chunk(0, 1, "PER"), Chunk(2, 3, "PER")], ["I-PER", "O", "I-PER"]),  # a gap: no B-
    ],
)
def test_iob1_writes_b_only_between_touching_entities_of_one_type(chunks: list[Chunk], expected: list[str]) -> None:
    assert encode(chunks, len(expected), Scheme.IOB1) == expected


def test_overlap_is_refused_naming_both() -> None:
    with pytest.raises(SpanError, match=r"entities overlap: Chunk\(first=0, last=2, label='PER'\) and Chunk\(first=1"):
        encode([Chunk(1, 3, "LOC"), Chunk(0, 2, "PER")], 3)
    with pytest.raises(SpanError, match="entities overlap"):
        encode([Chunk(0, 2, "PER"), Chunk(0, 2, "PER")], 3)  # the same chunk twice


@pytest.mark.parametrize("chunk", [Chunk(0, 0, "PER"), Chunk(-1, 1, "PER"), Chunk(2, 1, "PER"), Chunk(2, 4, "PER")])
def test_chunks_outside_the_tokens_are_refused(chunk: Chunk) -> None:
    with pytest.raises(SpanError, match=r"lies outside 3 tokens"):
        encode([chunk], 3)


def test_chunks_at_both_edges_are_inside() -> None:
    assert encode([Chunk(0, 1, "A"), Chunk(2, 3, "B")], 3, Scheme.BIOES) == ["S-A", "O", "S-B"]
    assert encode([Chunk(0, 3, "A")], 3, Scheme.BIOES) == ["B-A", "I-A", "E-A"]


def test_encode_units_restarts_iob1_at_each_unit() -> None:
    chunks = [Chunk(0, 2, "PER"), Chunk(2, 3, "PER"), Chunk(3, 4, "PER")]
    units = [(0, 2), (2, 4)]
    assert encode(chunks, 4, Scheme.IOB1) == ["I-PER", "I-PER", "B-PER", "B-PER"]
    # «2-3» starts its own unit, so nothing touches it there; «3-4» still touches «2-3»
    assert encode_units(chunks, units, 4, Scheme.IOB1) == ["I-PER", "I-PER", "I-PER", "B-PER"]
    for scheme in (Scheme.IOB2, Scheme.BIOES):
        assert encode_units(chunks, units, 4, scheme) == encode(chunks, 4, scheme)
    assert encode_units(chunks, units, 4, "iob1") == ["I-PER", "I-PER", "I-PER", "B-PER"]  # type: ignore[arg-type]


def test_decode_stray_inside_starts_an_entity() -> None:
    assert decode(["O", "I-LOC", "I-LOC", "B-LOC", "I-PER"]) == [
        Chunk(1, 3, "LOC"),
        Chunk(3, 4, "LOC"),
        Chunk(4, 5, "PER"),
    ]


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (EXPECTED[Scheme.BIOES], CHUNKS),
        (["B-PER", "E-PER", "I-PER"], [Chunk(0, 2, "PER"), Chunk(2, 3, "PER")]),  # E- closes: I- after it starts one
        (["S-PER", "I-PER", "E-PER"], [Chunk(0, 1, "PER"), Chunk(1, 3, "PER")]),
        (["B-PER", "S-PER"], [Chunk(0, 1, "PER"), Chunk(1, 2, "PER")]),
        (["I-PER", "E-LOC"], [Chunk(0, 1, "PER"), Chunk(1, 2, "LOC")]),
        (["B-PER", "I-PER"], [Chunk(0, 2, "PER")]),  # an open entity is closed at the end
        (["B-PER", "O"], [Chunk(0, 1, "PER")]),
        (["U-PER", "B-LOC", "L-LOC"], [Chunk(0, 1, "PER"), Chunk(1, 3, "LOC")]),  # BILOU
        (["O", "O"], []),
        ([], []),
    ],
)
def test_decode_reads_bioes_and_bilou(tags: list[str], expected: list[Chunk]) -> None:
    assert decode(tags) == expected


def test_detect_scheme() -> None:
    assert detect_scheme(["B-PER", "I-PER", "O"]) == (Scheme.IOB2, 0)
    assert detect_scheme(["I-PER", "I-PER", "B-PER", "O"]) == (Scheme.IOB1, 1)
    assert detect_scheme(["S-PER", "B-LOC", "E-LOC"]) == (Scheme.BIOES, 0)
    assert detect_scheme(["B-PER", "O", "I-LOC"]) == (Scheme.IOB2, 1)


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ([], (Scheme.IOB2, 0)),
        (["O", "O"], (Scheme.IOB2, 0)),
        (["I-PER"], (Scheme.IOB1, 1)),
        (["I-PER", "I-LOC"], (Scheme.IOB1, 2)),  # a change of type starts an entity
        (["B-PER", "I-LOC"], (Scheme.IOB2, 1)),
        (["I-PER", "B-PER", "O", "I-LOC"], (Scheme.IOB1, 2)),  # IOB1's B- continues a touching entity
        (["I-PER", "O", "B-LOC"], (Scheme.IOB2, 1)),  # a B- starting an entity: IOB2 with a slip
        (["I-PER", "B-LOC"], (Scheme.IOB2, 1)),  # B- after another type starts an entity too
        (["I-E", "B-E"], (Scheme.IOB1, 1)),  # a label may be called E: the prefix decides, not the name
        (["B-PER", "B-PER"], (Scheme.IOB2, 0)),
        (["E-PER"], (Scheme.BIOES, 0)),
        (["S-PER", "I-PER"], (Scheme.BIOES, 1)),  # I- after S- starts an entity
        (["B-PER", "E-PER", "I-PER"], (Scheme.BIOES, 1)),  # I- after E- starts an entity
        (["U-PER", "B-LOC", "L-LOC"], (Scheme.BIOES, 0)),
    ],
)
def test_detect_scheme_counts_inside_tags_that_start_an_entity(tags: list[str], expected: tuple[Scheme, int]) -> None:
    assert detect_scheme(tags) == expected


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


@settings(max_examples=300, derandomize=True)
@given(chunked(), st.sampled_from(list(Scheme)))
def test_encode_decode_round_trip(case: tuple[list[Chunk], int], scheme: Scheme) -> None:
    chunks, length = case
    tags = encode(chunks, length, scheme)
    assert decode(tags) == chunks
    # an IOB1 chunk starts with I- unless it touches one of its type; IOB2 and BIOES never start with I-
    touching = sum(1 for a, b in pairwise(chunks) if a.last == b.first and a.label == b.label)
    stray = len(chunks) - touching if scheme is Scheme.IOB1 else 0
    assert detect_scheme(tags) == (scheme if chunks else Scheme.IOB2, stray)


@settings(max_examples=300, derandomize=True)
@given(chunked(), st.sampled_from(list(Scheme)))
def test_encoded_tags_are_valid_in_seqeval_strict_mode(case: tuple[list[Chunk], int], scheme: Scheme) -> None:
    """seqeval's strict mode reads only well-formed entities of a scheme: every chunk must come back."""
    chunks, length = case
    tags = encode(chunks, length, scheme)
    (found,) = Entities([tags], SEQEVAL_SCHEME[scheme]).entities
    assert [(e.start, e.end, e.tag) for e in found] == [tuple(c) for c in chunks]


TAGS = st.lists(st.sampled_from(["O", *(f"{p}-{t}" for p in "BIES" for t in ("PER", "LOC"))]), max_size=25)


@settings(max_examples=500, derandomize=True)
@given(TAGS)
def test_decode_chunks_any_tags_as_conlleval_does(tags: list[str]) -> None:
    """Reading ill-formed sequences too: seqeval's default (conlleval) chunking is the reference."""
    expected = [Chunk(start, end + 1, label) for label, start, end in get_entities(tags)]
    assert decode(tags) == sorted(expected)
