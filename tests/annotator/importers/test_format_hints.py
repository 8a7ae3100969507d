"""Which reader a JSON file goes to, and the hint a misaligned entity gets (killed mutants of batch.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.store import Project

HINT = "; an emoji comes before it: if the file is from doccano (UTF-16 offsets), import it with --format doccano"
MISS = "entity PER at [3, 6): span [3, 5) «لی» does not align with token boundaries"


def record(text: str) -> str:
    """One JSON record whose PER entity [3, 6) counts an emoji at the start as two units, as doccano does."""
    return json.dumps({"id": "a", "text": text, "label": [[3, 6, "PER"]]}, ensure_ascii=False)


def refusal(project: Project, path: Path, **options: str) -> str:
    with pytest.raises(InputError) as caught:
        import_paths(project, [path], ImportOptions(**options))  # type: ignore[arg-type]
    assert project.documents() == []
    return str(caught.value)


@pytest.mark.parametrize(
    ("name", "first"), [("a.jsonl", "😀"), ("a.json", "😀"), ("a.ndjson", "😀"), ("A.JSONL", "\U00010000")]
)
def test_an_emoji_before_a_missed_entity_in_a_json_file_suggests_doccano(
    project: Project, tmp_path: Path, name: str, first: str
) -> None:
    path = tmp_path / name  # U+10000, the first character past the BMP, takes two UTF-16 units like an emoji
    path.write_text(record(f"{first} علی رفت") + "\n", encoding="utf-8")
    assert refusal(project, path) == f"{path}{':1' if name != 'a.json' else ''}: {MISS}{HINT}"


def test_no_hint_without_an_emoji_before_the_entity(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(record("\uffff علی رفت") + "\n", encoding="utf-8")  # U+FFFF: one UTF-16 unit, no emoji
    assert refusal(project, path) == f"{path}:1: {MISS}"
    path.write_text(record("\uffff علی رفت 😀") + "\n", encoding="utf-8")  # an emoji after it moves nothing before
    assert refusal(project, path) == f"{path}:1: {MISS}"


def test_no_hint_for_a_file_not_named_as_json(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(record("😀 علی رفت") + "\n", encoding="utf-8")
    assert refusal(project, path, format="jsonl") == f"{path}:1: {MISS}"


def test_an_empty_json_file_is_no_label_studio_export_and_imports_nothing(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    assert import_paths(project, [path], ImportOptions()).documents == []


def test_a_malformed_first_line_is_named_by_the_jsonl_reader(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "a", "text": \n', encoding="utf-8")
    assert refusal(project, path) == f"{path}:1: malformed JSON (Expecting value at column 21)"


def test_a_record_without_text_or_data_is_named_by_the_jsonl_reader(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "nobody.jsonl"
    path.write_text('{"id": "a", "body": "علی"}\n', encoding="utf-8")
    assert refusal(project, path) == f'{path}:1: the "text" field is missing or not a string'
