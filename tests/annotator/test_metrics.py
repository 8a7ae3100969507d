from __future__ import annotations

import random

import pytest
from seqeval.metrics import classification_report, f1_score, precision_score, recall_score

from annotator.metrics import entity_scores

TAGS = ["O", "O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "I-ORG", "B-ORG"]


def random_tags(rng: random.Random, n: int) -> list[list[str]]:
    return [[rng.choice(TAGS) for _ in range(rng.randint(1, 12))] for _ in range(n)]


@pytest.mark.parametrize("seed", range(20))
def test_matches_seqeval_conlleval_mode_on_random_tags(seed: int) -> None:
    rng = random.Random(seed)
    gold = random_tags(rng, 30)
    predicted = [[t if rng.random() < 0.7 else rng.choice(TAGS) for t in sentence] for sentence in gold]
    overall, per_type = entity_scores(gold, predicted)
    assert overall.precision == pytest.approx(precision_score(gold, predicted))
    assert overall.recall == pytest.approx(recall_score(gold, predicted))
    assert overall.f1 == pytest.approx(f1_score(gold, predicted))
    report = classification_report(gold, predicted, output_dict=True, zero_division=0)
    for label, score in per_type.items():
        if label in report:
            assert score.f1 == pytest.approx(report[label]["f1-score"])
            assert score.support == report[label]["support"]


def test_hand_made_case() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG", "I-ORG"]]
    predicted = [["B-PER", "I-PER", "O", "B-ORG"], ["B-ORG", "I-ORG", "O"]]
    overall, per_type = entity_scores(gold, predicted)
    # one of three predicted entities is exactly right; one of three gold entities is found
    assert (overall.precision, overall.recall) == (pytest.approx(1 / 3), pytest.approx(1 / 3))
    assert per_type["PER"].f1 == 1.0 and per_type["LOC"].recall == 0.0 and per_type["ORG"].precision == 0.0
