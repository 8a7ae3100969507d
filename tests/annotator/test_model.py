from __future__ import annotations

import pytest

from annotator.errors import SpanError
from annotator.model import Document, Span, SpanStatus
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
