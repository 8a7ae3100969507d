"""The learned tagger: a CRF (python-crfsuite) over Persian features, trained on the project."""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import pycrfsuite

from annotator.pretag.features import GROUPS, FeatureExtractor, entity_rates
from annotator.pretag.gazetteer import Gazetteer
from annotator.progress import Progress
from annotator.tags import Chunk, Scheme, decode, encode
from annotator.text.normalize import canonical

MODEL_NAME = "crf"
DEFAULT_GROUPS = tuple(GROUPS)
# Averaged perceptron, 10 epochs: chosen on ParsTwiNER dev (train -> dev F1 0.737, L-BFGS with
# c2=0.1 and 150 iterations 0.72) and about five times faster to train.
ALGORITHM = "ap"
DEFAULT_PARAMS: dict[str, Any] = {
    "max_iterations": 10,
    "feature.possible_transitions": True,
}
FOLDS = 5
MEMORY_CONSISTENCY = 0.9  # remember a training entity when at least this share of its occurrences are it

Sentence = tuple[list[str], list[str]]  # words and their IOB tags


def memory_of(sentences: Sequence[Sentence]) -> list[tuple[list[str], str]]:
    """Training entities whose text is (nearly) always that entity: ``(tokens, label)``."""
    labels: dict[tuple[str, ...], Counter[str]] = {}
    for words, tags in sentences:
        keys = [canonical(w) for w in words]
        for c in decode(tags):
            labels.setdefault(tuple(keys[c.first : c.last]), Counter())[c.label] += 1
    longest = max((len(k) for k in labels), default=0)
    seen: Counter[tuple[str, ...]] = Counter()
    for words, _ in sentences:
        keys = [canonical(w) for w in words]
        for n in range(1, longest + 1):
            for i in range(len(keys) - n + 1):
                key = tuple(keys[i : i + n])
                if key in labels:
                    seen[key] += 1
    out: list[tuple[list[str], str]] = []
    for key, counts in labels.items():
        label, count = counts.most_common(1)[0]
        if count >= MEMORY_CONSISTENCY * seen[key]:
            out.append((list(key), label))
    return sorted(out)


def entities_of(sentences: Sequence[Sentence]) -> list[tuple[list[str], str, int]]:
    """Gazetteer entries ``(tokens, label, 1)`` for every entity in tagged sentences."""
    out: list[tuple[list[str], str, int]] = []
    for words, tags in sentences:
        out.extend((words[c.first : c.last], c.label, 1) for c in decode(tags))
    return out


class _Trainer(pycrfsuite.Trainer):  # type: ignore[misc]
    """Reports L-BFGS iterations to a progress callback, printing nothing."""

    progress: Progress | None = None
    iterations = 0

    stop: BaseException | None = None

    def message(self, message: str) -> None:
        # pycrfsuite only dispatches its events when verbose (and then prints them)
        if self.logparser.feed(message) == "iteration" and self.progress and self.stop is None:
            try:
                self.progress(int(self.logparser.last_iteration.get("num", 0)), self.iterations)
            except Exception as exc:
                self.stop = exc


class CrfTagger:
    """A trained CRF with the knowledge its features need (the gazetteer entries)."""

    def __init__(self, data: bytes, meta: dict[str, Any]) -> None:
        self.data = data
        self.meta = meta
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(data)
        self._lock = threading.Lock()  # one crfsuite tagger holds one sentence at a time; jobs may share it
        gazetteer = Gazetteer()
        gazetteer.update((tokens, label, count) for tokens, label, count in meta.get("gazetteer", []))
        vocabulary = meta.get("vocabulary")
        self.features = FeatureExtractor(
            meta["groups"], gazetteer.bio, frozenset(vocabulary) if vocabulary else None, meta.get("rates")
        )
        self._memory = Gazetteer()
        self._memory.update((tokens, label, 1) for tokens, label in meta.get("memory", []))

    @classmethod
    def train(
        cls,
        sentences: Sequence[Sentence],
        *,
        groups: Sequence[str] = DEFAULT_GROUPS,
        params: dict[str, Any] | None = None,
        lexicon: Sequence[tuple[Sequence[str], str, int]] = (),
        progress: Progress | None = None,
    ) -> CrfTagger:
        """Train on tagged sentences. The gazetteer and entity-rate features of each training sentence
        come from the other folds only, so the model does not learn to trust them blindly."""
        if not sentences:
            raise ValueError("no training sentences")
        settings = {**DEFAULT_PARAMS, **(params or {})}
        trainer = _Trainer(algorithm=ALGORITHM, verbose=False)
        trainer.progress = progress
        trainer.iterations = int(settings["max_iterations"])
        started = time.perf_counter()
        use_knowledge = "gazetteer" in groups
        jackknife = use_knowledge or "rate" in groups
        folds = FOLDS if jackknife and len(sentences) >= FOLDS else 1
        for k in range(folds):
            rest = [s for i, s in enumerate(sentences) if i % folds != k] if folds > 1 else []
            gazetteer = Gazetteer()
            gazetteer.update(lexicon)
            gazetteer.update(entities_of(rest))
            vocabulary = frozenset(canonical(w) for words, _ in rest for w in words) if rest else None
            extractor = FeatureExtractor(groups, gazetteer.bio, vocabulary, entity_rates(rest) if rest else None)
            for i, (words, tags) in enumerate(sentences):
                if folds == 1 or i % folds == k:
                    # BIOES marks entity ends explicitly, which suits a CRF better than IOB2
                    trainer.append(extractor.sequence(words), encode(decode(tags), len(tags), Scheme.BIOES))
        trainer.set_params(settings)
        handle, path = tempfile.mkstemp(suffix=".crfsuite")
        os.close(handle)
        try:
            trainer.train(path)
            if trainer.stop is not None:  # e.g. the user pressed cancel: nothing is returned or saved
                raise trainer.stop
            if progress:
                progress(trainer.iterations, trainer.iterations)
            with open(path, "rb") as model:
                data = model.read()
        finally:
            os.unlink(path)
        full = Gazetteer()
        full.update(lexicon)
        full.update(entities_of(sentences))
        meta = {
            "groups": list(groups),
            "params": settings,
            "gazetteer": [list(entry) for entry in full.entries()] if use_knowledge else [],
            "memory": memory_of(sentences) if use_knowledge else [],
            "vocabulary": sorted({canonical(w) for words, _ in sentences for w in words}) if use_knowledge else [],
            "rates": entity_rates(sentences) if "rate" in groups else {},
            "sentences": len(sentences),
            "tokens": sum(len(w) for w, _ in sentences),
            "train_seconds": time.perf_counter() - started,
            "labels": sorted({c.label for _, tags in sentences for c in decode(tags)}),
        }
        return cls(data, meta)

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB2 tags for one sentence."""
        if not words:
            return []
        features = self.features.sequence(words)
        with self._lock:
            chunks = decode(self._tagger.tag(features))
        chunks += [chunk for chunk, _ in self._remembered(words, chunks)]
        return encode(chunks, len(words), Scheme.IOB2)

    def chunks(self, words: Sequence[str]) -> list[tuple[Chunk, float]]:
        """Entities in one sentence with a confidence: the least CRF marginal of their tags, or, for
        an entity the CRF missed but training always had, the memory's confidence."""
        if not words:
            return []
        features = self.features.sequence(words)
        with self._lock:
            self._tagger.set(features)
            tags = self._tagger.tag()
            marginal = self._tagger.marginal
            found = [
                (chunk, min(marginal(tags[i], i) for i in range(chunk.first, chunk.last))) for chunk in decode(tags)
            ]
        return sorted(found + self._remembered(words, [chunk for chunk, _ in found]))

    def _remembered(self, words: Sequence[str], chunks: Sequence[Chunk]) -> list[tuple[Chunk, float]]:
        """Consistent training entities on tokens the CRF left outside any entity."""
        taken = {i for chunk in chunks for i in range(chunk.first, chunk.last)}
        return [
            (Chunk(m.first, m.last, m.label), MEMORY_CONSISTENCY)
            for m in self._memory.find(words)
            if not taken.intersection(range(m.first, m.last))
        ]

    def serialize(self) -> tuple[str, bytes]:
        """``(meta JSON, model bytes)`` for the project file."""
        return json.dumps(self.meta, ensure_ascii=False), self.data

    @classmethod
    def deserialize(cls, meta: str, data: bytes) -> CrfTagger:
        """The inverse of :meth:`serialize`."""
        return cls(data, json.loads(meta))


@lru_cache(maxsize=2)
def load_tagger(meta: str, data: bytes) -> CrfTagger:
    """A stored model, built once while it stays the project's model.

    Pre-tagging each document as it is opened would otherwise rebuild the model every time (about
    0.1 s for one trained on 200k tokens, ten times the tagging of an article), and start its word
    feature caches cold."""
    return CrfTagger.deserialize(meta, data)
