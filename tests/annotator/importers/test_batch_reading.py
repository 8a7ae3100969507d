"""What an import reads and decides: where an unknown label is named, how a label map applies, which reader a file
gets by its content, and where each document came from."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.store import Project
from tests.storage import query


def test_an_unknown_label_is_named_at_its_own_line_not_its_documents(project: Project, tmp_path: Path) -> None:
    conll = tmp_path / "a.conll"
    conll.write_text("علی\tB-PER\nرفت\tO\n\nاو\tO\nبه\tO\nپاریس\tB-CITY\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{re.escape(str(conll))}:6: labels not in the schema \(.*\): CITY \(1\);"):
        import_paths(project, [conll], ImportOptions())
    assert project.documents() == []


def test_an_exact_label_map_entry_wins_over_one_that_differs_in_case(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    records = [{"id": "a", "text": "علی و تهران", "label": [[0, 3, "who"], [6, 11, "WHO"]]}]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    import_paths(project, [source], ImportOptions(label_map={"who": "PER", "WHO": "LOC"}))
    spans = project.document("a").layers["imported"].spans
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 3, "PER"), (6, 11, "LOC")]


def test_labels_mapped_together_in_a_json_array_are_named_at_its_file(project: Project, tmp_path: Path) -> None:
    """Records of a JSON array have no line: places without lines still order (no comparison of None)."""
    source = tmp_path / "a.json"
    records = [
        {"id": "a", "text": "متن علی", "label": [[4, 7, "who"]]},
        {"id": "b", "text": "متن رضا", "label": [[4, 7, "Wer"]]},
    ]
    source.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{re.escape(str(source))}: labels not in the schema \(.*\): NEW \(2\);"):
        import_paths(project, [source], ImportOptions(label_map={"who": "NEW", "wer": "NEW"}))
    report = import_paths(project, [source], ImportOptions(label_map={"who": "NEW", "wer": "NEW"}, add_labels=True))
    assert report.added_labels == ["NEW"] and report.spans == 2


def test_a_label_that_cannot_be_added_is_refused_at_its_first_place(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    records = [{"text": "متن یک"}, {"text": "علی رفت", "label": [[0, 3, "FIRST NAME"]]}]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    expected = (
        rf"^{re.escape(str(source))}:2: cannot add label 'FIRST NAME': a label has no spaces, '\|' or control "
        r"characters \(rename it with --label-map FROM=TO\)$"
    )
    with pytest.raises(InputError, match=expected):
        import_paths(project, [source], ImportOptions(add_labels=True))
    assert project.documents() == [] and "FIRST NAME" not in project.schema.labels


def test_a_label_studio_annotation_without_its_author_goes_to_the_annotator_named(
    project: Project, tmp_path: Path
) -> None:
    source = tmp_path / "tasks.json"
    result = {"type": "labels", "value": {"start": 0, "end": 3, "labels": ["PER"]}}
    tasks = [{"id": 7, "data": {"text": "علی رفت"}, "annotations": [{"result": [result]}]}]
    source.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    import_paths(project, [source], ImportOptions(annotator="sara"))
    (document,) = project.documents()
    assert list(project.document(document.id).layers) == ["sara"]


def test_each_document_keeps_the_file_it_came_from(project: Project, tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps({"id": "a", "text": "متن یک"}, ensure_ascii=False) + "\n", encoding="utf-8")
    second.write_text(json.dumps({"id": "b", "text": "متن دو"}, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(project, [first, second], ImportOptions())
    assert query(project.path, "SELECT id, source FROM documents ORDER BY id") == [
        ("a", str(first)),
        ("b", str(second)),
    ]


def test_a_record_with_its_own_text_and_a_data_object_is_read_as_jsonl(project: Project, tmp_path: Path) -> None:
    """Only an object without "text" of its own is a Label Studio task; this one's "data" is its metadata."""
    source = tmp_path / "a.jsonl"
    record = {"id": "a", "text": "علی رفت", "data": {"source": "irna"}, "label": [[0, 3, "PER"]]}
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    import_paths(project, [source], ImportOptions())
    document = project.document("a")
    assert document.meta == {"data": {"source": "irna"}} and list(document.layers) == ["imported"]


def test_a_webanno_file_after_blank_lines_is_recognised(project: Project, tmp_path: Path) -> None:
    """INCEpTION's header is found after leading blank lines, though the file is named .tsv (else read as CSV)."""
    source = tmp_path / "doc.tsv"
    source.write_text(
        "\n \n#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n"
        "\n\n#Text=علی رفت\n1-1\t0-3\tعلی\t*[1]\tPER[1]\n1-2\t4-7\tرفت\t_\t_\n",
        encoding="utf-8",
    )
    import_paths(project, [source], ImportOptions())
    (span,) = project.document("doc").layers["imported"].spans
    assert (span.start, span.end, span.label) == (0, 3, "PER")


def test_the_report_counts_every_layer_added_to_documents_already_there(project: Project, tmp_path: Path) -> None:
    texts, layers = tmp_path / "texts.jsonl", tmp_path / "ali.jsonl"
    plain_texts = [{"id": "a", "text": "علی و رضا رفتند"}, {"id": "b", "text": "مریم آمد"}]
    annotated = [
        {"text": "علی و رضا رفتند", "annotator": "ali", "label": [[0, 3, "PER"], [6, 9, "PER"]]},
        {"text": "مریم آمد", "annotator": "ali", "label": [[0, 4, "PER"]]},
        {"id": "c", "text": "سارا رفت", "annotator": "ali", "label": [[0, 4, "PER"]]},
    ]
    texts.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in plain_texts), encoding="utf-8")
    layers.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in annotated), encoding="utf-8")
    import_paths(project, [texts], ImportOptions())
    report = import_paths(project, [layers], ImportOptions())
    assert (report.documents, report.spans) == (["c"], 4)


def test_hidden_files_in_a_folder_are_not_documents(project: Project, tmp_path: Path) -> None:
    """An export folder's manifest (.barchasb-export.json) and an editor's hidden copies are left out."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"id": "a", "text": "متن یک"}, ensure_ascii=False) + "\n", "utf-8")
    (folder / ".a.jsonl").write_text(json.dumps({"id": "b", "text": "متن دو"}, ensure_ascii=False) + "\n", "utf-8")
    (folder / ".barchasb-export.json").write_text('{"format": "jsonl", "files": ["a.jsonl"]}', encoding="utf-8")
    report = import_paths(project, [folder], ImportOptions())
    assert report.documents == ["a"]
