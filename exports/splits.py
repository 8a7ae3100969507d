"""Train/validation/test splits by document: seeded, stable as documents are added."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from annotator.errors import ExportError

SPLIT_NAMES = {1: ("train",), 2: ("train", "test"), 3: ("train", "validation", "test")}


def parse_split(spec: str) -> list[float]:
    """``0.8,0.1,0.1`` → fractions (one to three, each in (0, 1], summing to 1; no nan or inf)."""
    try:
        parts = [float(p) for p in spec.split(",")]
    except ValueError:
        raise ExportError(f"--split: expected fractions like 0.8,0.1,0.1, got {spec!r}") from None
    if not 1 <= len(parts) <= 3 or not all(0 < p <= 1 for p in parts) or abs(sum(parts) - 1) > 1e-6:
        raise ExportError(f"--split: one to three positive fractions that sum to 1, got {spec!r}")
    return parts


def split_names(fractions: Sequence[float]) -> tuple[str, ...]:
    """The split names for this many fractions: train[, validation], test."""
    return SPLIT_NAMES[len(fractions)]


def _draw(doc_id: str, seed: int) -> float:
    digest = hashlib.sha256(f"{seed}\x1f{doc_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign(doc_ids: Sequence[str], fractions: Sequence[float], seed: int) -> dict[str, str]:
    """Split name per document.

    Each document's place depends only on its id and the seed, so adding documents never
    moves existing ones. When there are at least as many documents as splits, an empty split
    takes the document drawn nearest to it from a split that can spare one (this can only
    happen in very small projects). With fewer documents than splits, train is filled first,
    then validation: ``dataset["train"]`` always exists.
    """
    names = split_names(fractions)
    bounds: list[float] = []
    total = 0.0
    for fraction in fractions:
        total += fraction
        bounds.append(total)
    draws = {doc_id: _draw(doc_id, seed) for doc_id in doc_ids}
    if len(set(doc_ids)) < len(names):
        return {doc_id: names[i] for i, doc_id in enumerate(sorted(set(doc_ids), key=lambda d: (draws[d], d)))}
    index = {doc_id: next((i for i, b in enumerate(bounds) if u < b), len(bounds) - 1) for doc_id, u in draws.items()}
    if len(doc_ids) >= len(names):
        for empty in range(len(names)):
            counts = [0] * len(names)
            for i in index.values():
                counts[i] += 1
            if counts[empty]:
                continue
            low = bounds[empty - 1] if empty else 0.0
            high = bounds[empty]
            donors = [d for d in doc_ids if counts[index[d]] > 1]
            nearest = min(donors, key=lambda d: (min(abs(draws[d] - low), abs(draws[d] - high)), d))
            index[nearest] = empty
    return {doc_id: names[i] for doc_id, i in index.items()}
