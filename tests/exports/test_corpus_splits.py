"""A corpus's own train/dev/test splits survive import and export: a published benchmark comes out as published."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.errors import ExportError, InputError
from annotator.importers import ImportOptions, import_paths
from annotator.schema import preset
from annotator.store import Project
from exports import ExportOptions, export
from tests.exports.test_conll import PARSTWINER, as_iob2, lines


@pytest.fixture
def corpus(tmp_path: Path, data_dir: Path) -> Path:
    """Three small CoNLL files named as corpora name their splits."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(data_dir / "parstwiner.txt", folder / "train.txt")
    text = (data_dir / "parstwiner.txt").read_text(encoding="utf-8")
    (folder / "dev.txt").write_text(text.replace("تهران", "شیراز"), encoding="utf-8")
    (folder / "test_fold1.txt").write_text(text.replace("تهران", "تبریز"), encoding="utf-8")
    return folder


def test_files_named_for_splits_export_into_those_splits(corpus: Path, location: str, tmp_path: Path) -> None:
    with Project.create(location, preset("parstwiner")) as project:
        report = import_paths(project, [corpus], ImportOptions())
        assert {project.document(d).meta["split"] for d in report.documents} == {"train", "validation", "test"}
        assert any("test_fold1.txt: split test (from the file name)" in note for note in report.notes)
        out = export(project, ExportOptions("conll", tmp_path / "out", sep="tab"))
    assert out.split == "the corpus's own splits" and out.documents == {"train": 1, "validation": 1, "test": 1}
    assert lines(tmp_path / "out" / "validation.conll") == as_iob2(lines(corpus / "dev.txt"))
    assert lines(tmp_path / "out" / "test.conll") == as_iob2(lines(corpus / "test_fold1.txt"))


def test_split_given_on_import_and_fractions_on_export(corpus: Path, location: str, tmp_path: Path) -> None:
    with Project.create(location, preset("parstwiner")) as project:
        import_paths(project, [corpus / "train.txt"], ImportOptions(split="dev"))
        import_paths(project, [corpus / "dev.txt"], ImportOptions(split="extra_1"))
        assert [project.document(i.id).meta["split"] for i in project.documents()] == ["validation", "extra_1"]
        report = export(project, ExportOptions("jsonl", tmp_path / "keep"))
        assert report.documents == {"validation": 1, "extra_1": 1}
        report = export(project, ExportOptions("jsonl", tmp_path / "drawn", split="0.5,0.5"))
        assert sorted(report.documents) == ["test", "train"] and report.split == "split 0.5,0.5, seed 13"
        with pytest.raises(InputError, match="--split: a split name"):
            import_paths(project, [corpus / "test_fold1.txt"], ImportOptions(split="a b"))


def test_keep_needs_every_document_to_have_a_split(corpus: Path, data_dir: Path, location: str, tmp_path: Path) -> None:
    with Project.create(location, preset("parstwiner")) as project:
        import_paths(project, [corpus / "train.txt"], ImportOptions())
        shutil.copy(data_dir / "peyma.txt", tmp_path / "peyma.txt")
        import_paths(project, [tmp_path / "peyma.txt"], ImportOptions(add_labels=True, annotator="imported"))
        with pytest.raises(ExportError, match=r"--split keep: 1 document has no split of their own \(peyma-1\)"):
            export(project, ExportOptions("conll", tmp_path / "out", split="keep"))
        report = export(project, ExportOptions("conll", tmp_path / "out", sep="tab", drop_conflicts=True))
        assert report.split.startswith("split 0.8,0.1,0.1")  # not every document has one: drawn as before


@pytest.mark.skipif(not PARSTWINER.exists(), reason="ParsTwiNER is not beside the repository (../shared/data)")
def test_parstwiner_splits_come_out_as_published(location: str, tmp_path: Path) -> None:
    """Before: 300 of the 303 test sentences landed in the export's train split."""
    with Project.create(location, preset("parstwiner")) as project:
        import_paths(project, [PARSTWINER], ImportOptions())
        report = export(project, ExportOptions("conll", tmp_path / "out", sep="tab"))
    assert report.split == "the corpus's own splits"
    for published, written in (("train.txt", "train"), ("dev.txt", "validation"), ("test.txt", "test")):
        assert lines(tmp_path / "out" / f"{written}.conll") == as_iob2(lines(PARSTWINER / published))
