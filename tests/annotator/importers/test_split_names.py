from __future__ import annotations

import pytest

from annotator.errors import InputError
from annotator.importers.splits import corpus_split, split_of_file


@pytest.mark.parametrize(
    ("name", "split"),
    [
        ("train.txt", "train"),
        ("dev.txt", "validation"),
        ("valid.conll", "validation"),
        ("fa_validation.jsonl", "validation"),
        ("train_fold1.txt", "train"),
        ("test_fold3.txt", "test"),
        ("arman-test.conll", "test"),
        ("ParsTwiNER.Dev.TXT", "validation"),
        ("news.txt", None),
        ("contest.txt", None),
        ("train-test.txt", None),  # two names: neither
    ],
)
def test_split_of_file(name: str, split: str | None) -> None:
    assert split_of_file(name) == split


def test_given_split_names() -> None:
    assert corpus_split("Dev") == "validation"
    assert corpus_split("val") == "validation"
    assert corpus_split("TEST") == "test"
    assert corpus_split("extra_1") == "extra_1"
    for bad in ("", "a b", "x/y", "ترین", "-x"):
        with pytest.raises(InputError):
            corpus_split(bad)
