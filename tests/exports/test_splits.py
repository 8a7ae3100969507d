from __future__ import annotations

import pytest

from annotator.errors import ExportError
from exports.splits import assign, parse_split


def test_parse_split() -> None:
    assert parse_split("0.8,0.1,0.1") == [0.8, 0.1, 0.1]
    assert parse_split("1") == [1.0]
    for bad in ("0.5,0.4", "x", "0.5,0.5,0,0", "1.2,-0.2"):
        with pytest.raises(ExportError):
            parse_split(bad)


def test_deterministic_and_by_document() -> None:
    ids = [f"doc{i}" for i in range(200)]
    first = assign(ids, [0.8, 0.1, 0.1], 13)
    assert first == assign(list(reversed(ids)), [0.8, 0.1, 0.1], 13)
    assert first != assign(ids, [0.8, 0.1, 0.1], 14)
    counts = {name: list(first.values()).count(name) for name in ("train", "validation", "test")}
    assert 130 <= counts["train"] <= 190 and counts["validation"] >= 5 and counts["test"] >= 5


def test_adding_documents_moves_none() -> None:
    ids = [f"doc{i}" for i in range(50)]
    before = assign(ids, [0.8, 0.1, 0.1], 13)
    after = assign(ids + [f"new{i}" for i in range(100)], [0.8, 0.1, 0.1], 13)
    assert all(after[d] == before[d] for d in ids)


@pytest.mark.parametrize("n", [3, 4, 5, 7])
def test_every_split_gets_a_document(n: int) -> None:
    for seed in range(30):
        assert set(assign([f"d{i}" for i in range(n)], [0.8, 0.1, 0.1], seed).values()) == {
            "train",
            "validation",
            "test",
        }
    assert set(assign(["only"], [0.8, 0.1, 0.1], 1).values()) <= {"train", "validation", "test"}


@pytest.mark.parametrize("seed", range(40))
def test_fewer_documents_than_splits_fill_train_first(seed: int) -> None:
    assert assign(["only"], [0.8, 0.1, 0.1], seed) == {"only": "train"}
    two = assign(["a", "b"], [0.8, 0.1, 0.1], seed)
    assert sorted(two.values()) == ["train", "validation"]
    assert assign(["a"], [0.5, 0.5], seed) == {"a": "train"}
