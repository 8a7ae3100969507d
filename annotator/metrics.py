"""Strict entity-level precision, recall and F1, as conlleval computes them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.tags import decode


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 (fractions in 0..1) and the number of gold entities."""

    precision: float
    recall: float
    f1: float
    support: int

    def to_json(self) -> dict[str, Any]:
        """``{"precision", "recall", "f1", "support"}``."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "support": self.support}


def _score(tp: int, fp: int, fn: int) -> Score:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, tp + fn)


def entity_scores(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> tuple[Score, dict[str, Score]]:
    """Micro-averaged and per-type scores: an entity counts only with its type and both boundaries right."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold sentences but {len(predicted)} predicted")
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        if len(g) != len(p):
            raise ValueError("a predicted sentence differs in length from its gold sentence")
        gold_chunks = set(decode(g))
        predicted_chunks = set(decode(p))
        for chunk in gold_chunks & predicted_chunks:
            tp[chunk.label] += 1
        for chunk in predicted_chunks - gold_chunks:
            fp[chunk.label] += 1
        for chunk in gold_chunks - predicted_chunks:
            fn[chunk.label] += 1
    labels = sorted(set(tp) | set(fp) | set(fn))
    per_type = {label: _score(tp[label], fp[label], fn[label]) for label in labels}
    return _score(sum(tp.values()), sum(fp.values()), sum(fn.values())), per_type
