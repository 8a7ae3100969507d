"""Lexicon files: counts are bounded on the way in and on the way out, so an export always reads back."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.pretag.lexicon_file import MAX_COUNT, read_lexicon, write_lexicon
from annotator.schema import preset
from annotator.store import Project


def lexicon_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "names.tsv"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("count", "why"),
    [
        ("99999999999999999999999", "between 1 and 1_000_000_000_000"),
        ("1" + "0" * 5000, "between 1 and 1_000_000_000_000"),
        ("0", "between 1 and 1_000_000_000_000"),
        ("1000000000001", "between 1 and 1_000_000_000_000"),
        ("-3", "not a whole number"),
        ("²", "not a whole number"),
    ],
)
def test_a_count_outside_1_to_max_is_an_input_error_naming_file_and_line(tmp_path: Path, count: str, why: str) -> None:
    path = lexicon_file(tmp_path, "تهران\tLOC\t3", f"ایران\tLOC\t{count}")
    with pytest.raises(InputError, match=why) as caught:
        read_lexicon(path, preset("combined"))
    assert caught.value.path == str(path) and caught.value.line == 2


def test_counts_up_to_max_and_persian_digits_are_read(tmp_path: Path) -> None:
    path = lexicon_file(tmp_path, f"تهران\tLOC\t{MAX_COUNT}", "ایران\tLOC\t۱۲", "شیراز\tloc")
    assert read_lexicon(path, preset("combined")) == [
        ("تهران", "LOC", MAX_COUNT),
        ("ایران", "LOC", 12),
        ("شیراز", "LOC", 1),
    ]


def test_a_summed_count_is_clamped_on_export_and_reads_back(tmp_path: Path) -> None:
    schema = preset("combined")
    project = Project.create(tmp_path / "p.barchasb", schema)
    try:
        source = lexicon_file(tmp_path, f"تهران\tLOC\t{MAX_COUNT}")
        for _ in range(3):
            project.add_lexicon(read_lexicon(source, schema))
        out = tmp_path / "out.tsv"
        assert write_lexicon(out, project) == 1
        assert out.read_text(encoding="utf-8") == f"تهران\tLOC\t{MAX_COUNT}\n"
        assert read_lexicon(out, schema) == [("تهران", "LOC", MAX_COUNT)]
    finally:
        project.close()
