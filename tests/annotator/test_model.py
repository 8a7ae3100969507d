from __future__ import annotations

from array import array

import pytest

from annotator.errors import SpanError
from annotator.model import DocStatus, Document, Layer, LayerStatus, Offsets, Span, SpanStatus, Token
from annotator.text.pipeline import analyze


def make(raw: str) -> Document:
    a = analyze(raw)
    return Document("d", "t", raw, a.text, a.raw_offsets, a.tokens, a.sentences)  # type: ignore[arg-type]


def test_span_validates_range_and_confidence() -> None:
    with pytest.raises(SpanError):
        Span(3, 3, "PER")
    with pytest.raises(SpanError):
        Span(-1, 2, "PER")
    with pytest.raises(SpanError):
        Span(0, 2, "")
    with pytest.raises(SpanError):
        Span(0, 2, "PER", confidence=1.5)
    assert Span(0, 2, "PER", status="suggested").status is SpanStatus.SUGGESTED


def test_check_span_needs_token_edges() -> None:
    doc = make("😀 محمد تبریزی در ایران‌ها")
    start = doc.text.index("محمد")
    doc.check_span(Span(start, start + len("محمد تبریزی"), "PER"))
    with pytest.raises(SpanError, match="does not align"):
        doc.check_span(Span(start, start + 3, "PER"))
    iran = doc.text.index("ایران")
    with pytest.raises(SpanError, match="does not align"):
        doc.check_span(Span(iran, iran + len("ایران"), "LOC"))
    doc.check_span(Span(iran, iran + len("ایران"), "LOC"), tokens=False)
    with pytest.raises(SpanError, match="past the text"):
        doc.check_span(Span(0, len(doc.text) + 1, "LOC"), tokens=False)


def test_raw_span_uses_the_offset_map() -> None:
    raw = "كتاب  علي\u200cها"
    doc = make(raw)
    assert doc.text == "کتاب علی‌ها"
    s = doc.text.index("علی")
    assert doc.raw_span(s, len(doc.text)) == "علي\u200cها"
    assert doc.raw_span(0, 5) == "كتاب  "


def test_span_bounds_messages_and_defaults() -> None:
    with pytest.raises(SpanError, match=r"^span \[3, 3\) is empty or negative$"):
        Span(3, 3, "PER")
    with pytest.raises(SpanError, match=r"^span \[4, 3\) is empty or negative$"):
        Span(4, 3, "PER")
    with pytest.raises(SpanError, match=r"^span \[0, 2\) has no label$"):
        Span(0, 2, "")
    with pytest.raises(SpanError, match=r"^confidence -0\.1 is outside 0\.\.1$"):
        Span(0, 2, "PER", confidence=-0.1)
    with pytest.raises(ValueError, match="'maybe' is not a valid SpanStatus"):
        Span(0, 2, "PER", status="maybe")  # type: ignore[arg-type]
    edge = Span(0, 1, "PER", confidence=0.0), Span(0, 1, "PER", confidence=1.0)  # both ends of 0..1 are allowed
    assert [s.confidence for s in edge] == [0.0, 1.0]
    span = Span(0, 1, "X")
    assert (span.role, span.status, span.source, span.confidence, span.id) == (
        None,
        SpanStatus.ACCEPTED,
        "human",
        None,
        None,
    )


def test_span_equality_ignores_the_id_and_with_changes_validates() -> None:
    a = Span(2, 5, "PER", id=1)
    assert a == Span(2, 5, "PER", id=7) and hash(a) == hash(Span(2, 5, "PER"))
    assert a != Span(2, 5, "PER", role="head")
    moved = a.with_changes(end=9, status="suggested")
    assert moved == Span(2, 9, "PER", status=SpanStatus.SUGGESTED) and moved.id == 1 and a.end == 5
    with pytest.raises(SpanError, match="empty or negative"):
        a.with_changes(end=2)
    assert Span(1, 4, "LOC", "origin", "suggested", "gazetteer", 0.25).to_json() == {
        "start": 1,
        "end": 4,
        "label": "LOC",
        "role": "origin",
        "status": "suggested",
        "source": "gazetteer",
        "confidence": 0.25,
    }


def test_layer_accepted_leaves_suggestions_out_in_order() -> None:
    spans = (Span(0, 1, "A"), Span(2, 3, "B", status="suggested"), Span(4, 5, "C"))
    layer = Layer("ali", spans=spans)
    assert layer.status is LayerStatus.NEW and Layer("x").spans == ()
    assert layer.accepted() == (spans[0], spans[2])


def test_offsets_behave_as_a_sequence_of_tokens() -> None:
    offsets = Offsets.of([(0, 3), (4, 8), (9, 10)])
    assert Offsets.of(offsets) is offsets
    assert len(offsets) == 3 and len(Offsets.of([])) == 0
    assert offsets[1] == Token(4, 8) and offsets[-1] == Token(9, 10)
    assert isinstance(offsets[1:], Offsets) and list(offsets[1:]) == [Token(4, 8), Token(9, 10)]
    assert list(offsets) == [(0, 3), (4, 8), (9, 10)]
    assert offsets == [(0, 3), (4, 8), (9, 10)] and offsets != [(0, 3), (4, 8)]
    assert offsets == Offsets.of([(0, 3), (4, 8), (9, 10)]) and offsets != Offsets.of([(0, 3), (4, 8), (9, 11)])
    assert offsets != Offsets.of([(0, 3), (4, 9), (9, 10)])  # the ends count too
    assert offsets.__eq__(5) is NotImplemented
    assert hash(offsets) == hash(Offsets.of(list(offsets))) != hash(Offsets.of([(0, 3)]))
    assert repr(Offsets.of([(0, 3), (4, 8)])) == "Offsets([(0, 3), (4, 8)])"
    assert offsets.strings("abc defg h") == ["abc", "defg", "h"]
    assert offsets.within(4, 10) == (1, 3) and offsets.within(0, 8) == (0, 2) and offsets.within(1, 8) == (1, 2)
    assert offsets.within(0, 7) == (0, 1)  # a token cut by the end is not inside
    with pytest.raises(ValueError, match="starts and ends differ in length"):
        Offsets(array("I", [0, 1]), array("I", [1]))


def test_document_checks_its_offset_map_and_finds_token_ranges() -> None:
    doc = make("علی به تهران رفت.")
    assert isinstance(doc.tokens, Offsets) and isinstance(doc.sentences, Offsets)
    assert doc.tokens.strings(doc.text) == ["علی", "به", "تهران", "رفت", "."]
    assert doc.token_range(0, 3) == (0, 1)
    assert doc.token_range(7, 16) == (2, 4)
    assert doc.token_range(0, len(doc.text)) == (0, 5)
    assert doc.token_range(len(doc.text) - 1, len(doc.text)) == (4, 5)
    assert doc.token_range(1, 3) is None and doc.token_range(0, 2) is None and doc.token_range(0, 4) is None
    assert doc.token_range(7, 10) is None and doc.token_range(12, 3) is None
    assert doc.token_range(7, 3) is None  # both edges on tokens, but backwards
    assert doc.token_range(17, 18) is None  # past the last token
    assert doc.sentence_token_ranges() == [(0, 5)]
    two = make("علی رفت. سارا آمد.")
    assert two.sentence_token_ranges() == [(0, 3), (3, 6)]
    with pytest.raises(ValueError, match="document d: offset map has the wrong length"):
        Document("d", "t", "ab", "ab", [0, 1], [(0, 2)], [(0, 2)])
    assert doc.status is DocStatus.NEW and doc.layers == {} and doc.meta == {}


def test_check_span_messages() -> None:
    doc = make("علی به تهران رفت")
    with pytest.raises(SpanError, match=r"^span \[0, 17\) ends past the text \(16 characters\)$"):
        doc.check_span(Span(0, 17, "LOC"))
    doc.check_span(Span(0, 16, "LOC"))  # up to the very end is inside
    with pytest.raises(SpanError, match=r"^span \[1, 3\) «لی» does not align with token boundaries$"):
        doc.check_span(Span(1, 3, "PER"))
