from __future__ import annotations

from annotator.editing import neighbour, resize, snap, span_at, token_at
from annotator.model import Document, Span, SpanStatus
from annotator.text.pipeline import analyze

TEXT = "😀 محمد تبریزی در ایران‌ها گفت."


def doc() -> Document:
    a = analyze(TEXT)
    return Document("d", "t", TEXT, a.text, a.raw_offsets, a.tokens, a.sentences)  # type: ignore[arg-type]


def test_snap_extends_to_whole_tokens_and_keeps_zwnj_words_whole() -> None:
    d = doc()
    s = d.text.index("مد")  # inside «محمد»
    e = d.text.index("تبر") + 2  # inside «تبریزی»
    assert snap(d, s, e) == (d.text.index("محمد"), d.text.index("تبریزی") + len("تبریزی"))
    assert snap(d, e, s) == snap(d, s, e)
    zw = d.text.index("\u200c")
    assert snap(d, zw, zw + 1) == (d.text.index("ایران"), d.text.index("ها") + 2)
    space = d.text.index(" در")
    assert snap(d, space, space + 1) is None


def test_token_at_and_resize() -> None:
    d = doc()
    assert token_at(d, d.text.index("بریزی")) == (d.text.index("تبریزی"), d.text.index("تبریزی") + 6)
    name = Span(d.text.index("تبریزی"), d.text.index("تبریزی") + 6, "PER")
    assert resize(d, name, "start", 1) == (d.text.index("محمد"), name.end)
    assert resize(d, name, "end", 1) == (name.start, d.text.index("در") + 2)
    assert resize(d, name, "end", -1) is None
    assert resize(d, Span(0, 1, "PER"), "start", 1) is None


def test_span_at_and_neighbours() -> None:
    spans = [
        Span(2, 13, "PER"),
        Span(2, 6, "PER", status=SpanStatus.SUGGESTED),
        Span(17, 26, "LOC", status=SpanStatus.SUGGESTED),
    ]
    assert span_at(spans, 3) == spans[0]
    assert span_at(spans, 14) is None
    assert neighbour(spans, 0, True) == spans[1]
    assert neighbour(spans, 2, True) == spans[2]
    assert neighbour(spans, 17, True) == spans[1]  # wraps around
    assert neighbour(spans, 17, False) == spans[0]
    assert neighbour(spans, 0, True, suggestions_only=True) == spans[1]
    assert neighbour([], 0, True) is None
