"""Public corpora's CoNLL layouts as people save them: trailing tabs, CRLF, BOM, legacy encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.importers.conll import read_conll
from annotator.store import Project

ZWNJ = "\u200c"


def test_a_tab_file_whose_lines_end_in_a_tab_keeps_its_tags(project: Project, tmp_path: Path) -> None:
    # a corpus saved from a spreadsheet (or written with print(token, tag, "", sep="\t")) ends each row with a tab
    path = tmp_path / "dev.txt"
    rows = [f"ایرانی{ZWNJ}ها\tB-NAT\t", "در\tO\t", "تهران\tB-LOC\t", "", "محمد\tB-PER\t", "تبریزی\tI-PER\t", ""]
    path.write_text("\r\n".join(rows), encoding="utf-8")
    import_paths(project, [path], ImportOptions())
    doc = project.document("dev-1")
    assert doc.tokens.strings(doc.text) == [f"ایرانی{ZWNJ}ها", "در", "تهران", "محمد", "تبریزی"]
    spans = [(doc.text[s.start : s.end], s.label) for s in doc.layers["imported"].spans]
    assert spans == [(f"ایرانی{ZWNJ}ها", "NAT"), ("تهران", "LOC"), ("محمد تبریزی", "PER")]


def test_a_tab_file_with_a_middle_column_and_a_trailing_tab_takes_the_last_filled_column(tmp_path: Path) -> None:
    path = tmp_path / "train.txt"
    text = "جلفا\tN\tB-LOC\t\nگفت\tV\tO\t\n"
    parsed, _ = read_conll(path, text)
    assert [(e.label, e.start, e.end) for e in parsed[0].entities] == [("LOC", 0, 4)]


def test_a_corpus_file_with_a_line_missing_its_tag_names_that_line(project: Project, tmp_path: Path) -> None:
    # it was read as a plain text instead: one document holding «B-pers» as words, and no entities
    path = tmp_path / "train_fold1.txt"
    path.write_text("محمد B-pers\r\nتبریزی I-pers\r\nدر\r\nجلفا B-loc\r\nگفت O\r\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_paths(project, [path], ImportOptions())
    assert str(caught.value).startswith(f"{path}:3: no tag on this line")
    assert project.documents() == []


def test_a_text_whose_lines_sometimes_end_like_a_tag_is_still_a_text(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text("بمب‌افکن B-52\nبر فراز شهر پرواز کرد.\nمردم ترسیدند.\n", encoding="utf-8")
    report = import_paths(project, [path], ImportOptions())
    assert project.document(report.documents[0]).text.startswith("بمب‌افکن B-52")


def test_a_tab_separated_corpus_named_tsv_says_how_to_import_it(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "train.tsv"  # many NER repositories name their token<TAB>tag files .tsv
    path.write_text("محمد\tB-PER\nتبریزی\tI-PER\nآمد\tO\n\nجلفا\tB-LOC\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_paths(project, [path], ImportOptions())
    assert str(caught.value) == (
        f"{path}:1: no 'text' column in the header (found: محمد, B-PER); "
        "it reads as CoNLL (a token and its tag per line): import it with --format conll"
    )
    import_paths(project, [path], ImportOptions(format="conll"))
    assert len(project.document("train-1").layers["imported"].spans) == 2


def test_files_joined_with_cat_keep_their_documents_and_tokens(project: Project, tmp_path: Path) -> None:
    # each file saved with a byte-order mark: the second «-DOCSTART-» was read as a token, its BOM glued on
    parts = ["-DOCSTART- O\n\nعلی B-PER\nآمد O\n\n", "-DOCSTART- O\n\nرضا B-PER\nرفت O\n\n", "حسن B-PER\n"]
    path = tmp_path / "all.conll"
    path.write_bytes(b"".join(b"\xef\xbb\xbf" + part.encode() for part in parts))
    report = import_paths(project, [path], ImportOptions())
    assert report.documents == ["all-1", "all-2"]
    texts = [project.document(doc_id).text for doc_id in report.documents]
    assert texts == ["علی آمد", "رضا رفت\nحسن"]
    assert "\ufeff" not in "".join(texts)
