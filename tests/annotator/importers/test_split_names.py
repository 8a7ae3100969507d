from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.importers.splits import corpus_split, split_of_file
from annotator.store import Project


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


def _records(path: Path, *splits: object) -> Path:
    stem = path.stem
    lines = [{"id": f"{stem}{n}", "text": f"متن {n} از {stem}", "meta": {"split": s}} for n, s in enumerate(splits)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    return path


def _splits(project: Project) -> list[object]:
    return [project.document(d.id).meta.get("split") for d in project.documents()]


def test_a_records_own_split_is_kept_spelled_as_a_split(project: Project, tmp_path: Path) -> None:
    source = _records(tmp_path / "corpus.jsonl", "dev", "Train", "extra_1")
    import_paths(project, [source], ImportOptions())
    assert _splits(project) == ["validation", "train", "extra_1"]


def test_a_split_that_is_no_name_is_replaced_by_the_files_or_dropped(project: Project, tmp_path: Path) -> None:
    dev = _records(tmp_path / "dev.jsonl", 5, "", None)
    report = import_paths(project, [dev], ImportOptions())
    assert _splits(project) == ["validation"] * 3  # the file's name says dev
    assert f"{dev}: split validation (from the file name)" in report.notes
    report = import_paths(project, [_records(tmp_path / "other.jsonl", 7, "")], ImportOptions())
    assert _splits(project)[3:] == [None, None]
    assert not any("split" in note for note in report.notes)


def test_the_split_option_overrides_the_records_own(project: Project, tmp_path: Path) -> None:
    source = _records(tmp_path / "a.jsonl", "dev", "bad name!")
    report = import_paths(project, [source], ImportOptions(split="test"))
    assert _splits(project) == ["test", "test"]
    assert f"{source}: split test (--split)" in report.notes


def test_a_records_split_that_cannot_be_a_split_name_is_refused_at_its_line(project: Project, tmp_path: Path) -> None:
    source = _records(tmp_path / "a.jsonl", "train", "bad name!")
    with pytest.raises(InputError, match=rf"^{re.escape(str(source))}:2: document a1: its split 'bad name!' is not"):
        import_paths(project, [source], ImportOptions())
    assert project.documents() == []
