"""Synthetic annotated documents for the review tests; projects go where ``location`` puts them (file or server)."""

from __future__ import annotations

import random

from annotator.model import Document, Layer, LayerStatus, Span
from tests.exports.conftest import new_location  # noqa: F401  (the fixture, for a second project of the same kind)

LABELS = ["PER", "ORG", "LOC"]


def words_document(doc_id: str, n_tokens: int, layers: dict[str, list[Span]] | None = None) -> Document:
    """A document of ``n_tokens`` Persian-looking words, one space apart, with the given layers."""
    words = [("کلمه" if i % 3 else "ایران‌زمین")[: 2 + i % 4] for i in range(n_tokens)]
    text = " ".join(words)
    tokens, at = [], 0
    for word in words:
        tokens.append((at, at + len(word)))
        at += len(word) + 1
    return Document(
        id=doc_id,
        title=doc_id,
        raw_text=text,
        text=text,
        raw_offsets=range(len(text) + 1),
        tokens=tokens,
        sentences=[(0, len(text))],
        layers={name: Layer(name, LayerStatus.IN_PROGRESS, tuple(spans)) for name, spans in (layers or {}).items()},
    )


def token_span(document: Document, first: int, last: int, label: str) -> Span:
    """A span over tokens ``[first, last)``."""
    return Span(document.tokens[first].start, document.tokens[last - 1].end, label)


def random_layers(
    rng: random.Random, document: Document, annotators: list[str], *, base: float = 0.12
) -> dict[str, list[Span]]:
    """Non-overlapping random spans: a shared base that each annotator copies, shifts, relabels or drops."""
    n = len(document.tokens)
    shared: list[tuple[int, int, str]] = []
    i = 0
    while i < n:
        if rng.random() < base:
            length = rng.choice([1, 1, 2, 3])
            shared.append((i, min(n, i + length), rng.choice(LABELS)))
            i += length + 1
        else:
            i += 1
    layers: dict[str, list[Span]] = {}
    for name in annotators:
        spans: list[Span] = []
        last_end = 0
        for first, last, label in shared:
            roll = rng.random()
            if roll < 0.1:
                continue
            if roll < 0.2:
                label = rng.choice(LABELS)
            elif roll < 0.3 and last - first > 1:
                last -= 1
            elif roll < 0.35 and first > last_end:
                first -= 1
            spans.append(token_span(document, first, last, label))
            last_end = last
        layers[name] = spans
    return layers
