"""HuggingFace-style rows: ``tokens`` as words with ``ner_tags`` (WikiANN, ``Dataset.to_json``), maybe a ``text``.

Without ``text`` the words are joined by spaces; with it (our own ``hf`` export's rows) each word is
found in the text in order. Entities come from ``spans`` objects (code points into the text) when the
row has them, else from the tag names. Class ids without their names cannot be read: the file does
not say which id is which label.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annotator.errors import InputError
from annotator.importers.records import Entity
from annotator.tags import decode, parse_tag
from annotator.text.pipeline import Analysis

TAG_FIELDS = ("ner_tags", "tags", "labels")
# WikiANN's ClassLabel names on the HuggingFace hub (every language): its rows, with their "langs", carry ids only
WIKIANN_NAMES = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")

Fail = Callable[[str], InputError]


def is_word_list(value: Any) -> bool:
    """True for ``["word", ...]`` (a row's words), not ``[[start, end], ...]`` (our JSONL's token offsets)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def word_analysis(words: list[str], text: str | None, fail: Fail) -> Analysis:
    """Text, token offsets and sentences of a row's words; a line break between two words starts a sentence."""
    for number, word in enumerate(words, 1):
        if not word.strip():
            raise fail(f'"tokens": token {number} is empty or only spaces')
    if text is None:
        text = " ".join(words)
    tokens: list[tuple[int, int]] = []
    position = 0
    for number, word in enumerate(words, 1):
        start = text.find(word, position)
        if start < 0:
            shown = text[position : position + 40]
            raise fail(f'"tokens": token {number} «{word}» is not in the text after character {position} («{shown}»)')
        tokens.append((start, start + len(word)))
        position = start + len(word)
    sentences: list[tuple[int, int]] = []
    first = 0
    for index in range(1, len(tokens) + 1):
        if index == len(tokens) or "\n" in text[tokens[index - 1][1] : tokens[index][0]]:
            sentences.append((tokens[first][0], tokens[index - 1][1]))
            first = index
    return Analysis(text, list(range(len(text) + 1)), tokens, sentences)


def tag_entities(item: dict[str, Any], analysis: Analysis, fail: Fail, lineno: int | None) -> list[Entity] | None:
    """Entities from the row's tag names (None when it has no tag column)."""
    key = next((k for k in TAG_FIELDS if k in item), None)
    if key is None:
        return None
    tags = item[key]
    if not isinstance(tags, list) or len(tags) != len(analysis.tokens):
        count = len(tags) if isinstance(tags, list) else "not a list"
        raise fail(f'"{key}" must hold one tag per token ({len(analysis.tokens)} tokens, {count} tags)')
    if _wikiann_ids(item, tags):
        tags = [WIKIANN_NAMES[t] for t in tags]
    if any(isinstance(t, int) and not isinstance(t, bool) for t in tags):
        raise fail(
            f'"{key}" holds class ids (0, 1, 2, ...) and the file does not name them; write the tag names '
            'instead, e.g. with datasets: ds.map(lambda r: {"ner_tags": [names[i] for i in r["ner_tags"]]}) '
            'where names = ds.features["ner_tags"].feature.names'
        )
    for number, tag in enumerate(tags, 1):
        if not isinstance(tag, str):
            raise fail(f'"{key}": tag {number} must be a string, got {tag!r}')
        try:
            parse_tag(tag)
        except ValueError as exc:
            raise fail(f'"{key}": tag {number}: {exc}') from None
    out: list[Entity] = []
    described: list[str] = []
    for sentence_start, sentence_end in analysis.sentences:
        indexes = [i for i, (s, e) in enumerate(analysis.tokens) if s >= sentence_start and e <= sentence_end]
        for chunk in decode([tags[i] for i in indexes]):
            first, last = indexes[chunk.first], indexes[chunk.last - 1]
            out.append(Entity(analysis.tokens[first][0], analysis.tokens[last][1], chunk.label, None, lineno))
            words = [analysis.text[s:e] for s, e in analysis.tokens[first : last + 1]]
            described.append(f"{chunk.label}: {' '.join(words)}")
    spans = item.get("spans")
    if isinstance(spans, list) and spans and all(isinstance(v, str) for v in spans) and spans != described:
        raise fail(f'the tags give the entities {described}, but "spans" says {spans}')
    return out


def _wikiann_ids(item: dict[str, Any], tags: list[Any]) -> bool:
    """A WikiANN row (it has ``langs``) with class ids, which are WikiANN's own, in range."""
    return (
        isinstance(item.get("langs"), list)
        and bool(tags)
        and all(isinstance(t, int) and not isinstance(t, bool) and 0 <= t < len(WIKIANN_NAMES) for t in tags)
    )
