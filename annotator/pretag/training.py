"""Training data for the learned tagger (a project layer, CoNLL files) and its evaluation."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.importers.conll import read_conll
from annotator.importers.encoding import read_text
from annotator.metrics import entity_scores
from annotator.model import Document, LayerStatus, Offsets, Span
from annotator.pretag.crf import MODEL_NAME, CrfTagger, Sentence
from annotator.progress import Progress
from annotator.selection import FINISHED, LayerChoiceError, choose_layer
from annotator.store import Project
from annotator.tags import Chunk, Scheme, encode
from annotator.text.profiles import Profile


def tagged_sentences(document: Document, spans: Sequence[Span]) -> list[Sentence]:
    """Words and IOB2 tags per sentence; spans off token edges or overlapping earlier ones are skipped."""
    chunks: list[Chunk] = []
    taken = -1
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        token_range = document.token_range(span.start, span.end)
        if token_range is None or token_range[0] < taken:
            continue
        chunks.append(Chunk(token_range[0], token_range[1], span.label))
        taken = token_range[1]
    words = document.tokens.strings(document.text)
    tags = encode(chunks, len(words), Scheme.IOB2)
    return [(words[a:b], tags[a:b]) for a, b in document.sentence_token_ranges() if b > a]


def project_sentences(project: Project, layer: str | None = None) -> tuple[list[Sentence], str, int]:
    """Sentences of finished documents in the layer (or, if none is finished, of every document
    with accepted spans there); returns them with the layer and the number of documents."""
    chosen = choose_layer(project, layer)
    documents = list(project.iter_documents(None, [chosen]))
    with_layer = [d for d in documents if chosen in d.layers]
    finished = [d for d in with_layer if d.status in FINISHED or d.layers[chosen].status is LayerStatus.DONE]
    use = finished or [d for d in with_layer if d.layers[chosen].accepted()]
    sentences = [s for d in use for s in tagged_sentences(d, d.layers[chosen].accepted())]
    return sentences, chosen, len(use)


def conll_sentences(path: str | Path) -> list[Sentence]:
    """Sentences of a CoNLL file, tokens verbatim, tags as IOB2."""
    path = Path(path)
    documents, _ = read_conll(path, read_text(path), Profile.NONE, sentences_per_doc=10**9)
    out: list[Sentence] = []
    for parsed in documents:
        analysis = parsed.analysis
        assert analysis is not None  # CoNLL documents carry their own tokens
        document = Document(
            parsed.id,
            parsed.title,
            parsed.raw,
            analysis.text,
            analysis.raw_offsets,
            Offsets.of(analysis.tokens),
            Offsets.of(analysis.sentences),
        )
        spans = [Span(e.start, e.end, e.label) for e in parsed.entities]
        out.extend(tagged_sentences(document, spans))
    return out


def train_project(
    project: Project, conll: Sequence[str | Path] = (), layer: str | None = None, progress: Progress | None = None
) -> tuple[CrfTagger, str]:
    """Train on the project's layer plus CoNLL files and store the model; returns it with a summary."""
    sentences: list[Sentence] = []
    summary: list[str] = []
    try:
        own, chosen, n_docs = project_sentences(project, layer)
        sentences.extend(own)
        summary.append(f"{len(own)} sentences from {n_docs} documents of layer {chosen}")
    except LayerChoiceError:
        if not conll:
            raise
    for path in conll:
        extra = conll_sentences(path)
        sentences.extend(extra)
        summary.append(f"{len(extra)} sentences from {path}")
    lexicon = [(text.split(), label, count) for text, label, count in project.lexicon()]
    model = CrfTagger.train(sentences, lexicon=lexicon, progress=progress)
    project.save_model(MODEL_NAME, *model.serialize())
    return model, "; ".join(summary)


def evaluate(model: CrfTagger, test: Sequence[Sentence]) -> dict[str, Any]:
    """The ``evaluate --json`` object: strict scores, per type, training time and tagging speed."""
    started = time.perf_counter()
    predicted = [model.tag(words) for words, _ in test]
    elapsed = time.perf_counter() - started
    overall, per_type = entity_scores([tags for _, tags in test], predicted)
    tokens = sum(len(words) for words, _ in test)
    return {
        "precision": overall.precision,
        "recall": overall.recall,
        "f1": overall.f1,
        "per_type": {label: score.to_json() for label, score in per_type.items()},
        "train_seconds": model.meta.get("train_seconds"),
        "tokens_per_second": tokens / elapsed if elapsed > 0 else None,
    }
