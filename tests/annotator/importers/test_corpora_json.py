"""JSON corpora as tools publish them: WikiANN / HuggingFace token rows, Label Studio's JSON-MIN export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.store import Project

ZWNJ = "\u200c"


def spans(project: Project, doc_id: str, layer: str = "imported") -> list[tuple[str, str]]:
    doc = project.document(doc_id)
    return [(doc.text[s.start : s.end], s.label) for s in doc.layers[layer].spans]


def write_rows(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_wikiann_rows_of_words_and_tag_names(project: Project, tmp_path: Path) -> None:
    rows = [
        {
            "tokens": ["علی", "رضایی", "در", f"کتاب{ZWNJ}خانه", "مرکزی", "تهران", "😀"],
            "ner_tags": ["B-PER", "I-PER", "O", "B-ORG", "I-ORG", "B-LOC", "O"],
            "langs": ["fa"] * 7,
            "spans": ["PER: علی رضایی", f"ORG: کتاب{ZWNJ}خانه مرکزی", "LOC: تهران"],
        },
        {"tokens": ["جام", "جهانی", "۲۰۲۲"], "ner_tags": ["B-EVE", "I-EVE", "I-EVE"], "langs": ["fa"] * 3},
    ]
    report = import_paths(project, [write_rows(tmp_path / "train.jsonl", rows)], ImportOptions())
    assert report.documents == ["train-1", "train-2"]
    doc = project.document("train-1")
    assert doc.tokens.strings(doc.text) == rows[0]["tokens"]  # words kept as they are, ZWNJ inside one
    assert spans(project, "train-1") == [("علی رضایی", "PER"), (f"کتاب{ZWNJ}خانه مرکزی", "ORG"), ("تهران", "LOC")]
    assert spans(project, "train-2") == [("جام جهانی ۲۰۲۲", "EVE")]
    assert doc.meta["langs"] == ["fa"] * 7 and doc.meta["split"] == "train"


def test_rows_with_a_text_find_each_word_in_it_and_break_sentences_at_line_breaks(
    project: Project, tmp_path: Path
) -> None:
    text = "محمد  تبریزی گفت.\nجلفا زیباست"
    row = {"id": "n1", "text": text, "tokens": ["محمد", "تبریزی", "گفت", ".", "جلفا", "زیباست"]}
    row["ner_tags"] = ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]
    import_paths(project, [write_rows(tmp_path / "rows.jsonl", [row])], ImportOptions())
    doc = project.document("n1")
    assert doc.text == text
    assert [doc.text[s:e] for s, e in doc.sentences] == ["محمد  تبریزی گفت.", "جلفا زیباست"]
    assert spans(project, "n1") == [("محمد  تبریزی", "PER"), ("جلفا", "LOC")]


def test_wikiann_rows_as_datasets_writes_them_with_class_ids(project: Project, tmp_path: Path) -> None:
    # load_dataset("wikiann", "fa")["train"].to_json(...): ids of WikiANN's own names, checked against its spans
    rows = [
        {"tokens": ["علی", "رضایی", "در", "تهران"], "ner_tags": [1, 2, 0, 5], "langs": ["fa"] * 4},
        {"tokens": ["بانک", "ملی", "ایران"], "ner_tags": [3, 4, 4], "langs": ["fa"] * 3},
    ]
    rows[0]["spans"] = ["PER: علی رضایی", "LOC: تهران"]
    rows[1]["spans"] = ["ORG: بانک ملی ایران"]
    import_paths(project, [write_rows(tmp_path / "wikiann-fa.jsonl", rows)], ImportOptions())
    assert spans(project, "wikiann-fa-1") == [("علی رضایی", "PER"), ("تهران", "LOC")]
    assert spans(project, "wikiann-fa-2") == [("بانک ملی ایران", "ORG")]


def test_wikiann_ids_that_disagree_with_the_spans_are_refused(project: Project, tmp_path: Path) -> None:
    row = {"tokens": ["علی", "آمد"], "ner_tags": [5, 0], "langs": ["fa", "fa"], "spans": ["PER: علی"]}
    path = write_rows(tmp_path / "other.jsonl", [row])
    with pytest.raises(InputError, match=r"other\.jsonl:1: the tags give the entities \['LOC: علی'\], but"):
        import_paths(project, [path], ImportOptions())


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"tokens": ["علی", "آمد"], "ner_tags": [1, 0]}, "class ids"),
        ({"tokens": ["علی", "آمد"], "ner_tags": ["B-PER"]}, "one tag per token (2 tokens, 1 tags)"),
        ({"tokens": ["علی", "آمد"], "ner_tags": ["B-PER", "X"]}, "tag 2: 'X' is not a tag"),
        ({"text": "علی رفت", "tokens": ["علی", "آمد"], "ner_tags": ["B-PER", "O"]}, "token 2 «آمد» is not in the text"),
        ({"tokens": ["علی", " "], "ner_tags": ["B-PER", "O"]}, "token 2 is empty"),
    ],
)
def test_bad_rows_name_file_and_line(project: Project, tmp_path: Path, row: dict[str, Any], message: str) -> None:
    good = {"tokens": ["سلام"], "ner_tags": ["O"]}
    path = write_rows(tmp_path / "rows.jsonl", [good, row])
    with pytest.raises(InputError) as caught:
        import_paths(project, [path], ImportOptions())
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:2: ")
    assert project.documents() == []


def json_min(text: str, found: list[tuple[str, str]], annotator: object = 1) -> dict[str, Any]:
    labels = []
    for surface, label in found:
        start = text.index(surface)
        labels.append({"start": start, "end": start + len(surface), "text": surface, "labels": [label]})
    return {"text": text, "id": 7, "label": labels, "annotator": annotator, "annotation_id": 3, "lead_time": 2.5}


def test_label_studio_json_min_export(project: Project, tmp_path: Path) -> None:
    text = "😀😀 محمد تبریزی در جلفا گفت."
    tasks = [json_min(text, [("محمد تبریزی", "PER"), ("جلفا", "LOC")])]
    tasks.append(json_min("تهران 🇮🇷 بزرگ است", [("تهران", "LOC")], "sara@example.org") | {"id": 8})
    path = tmp_path / "project-1-at-2024-01-01-min.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=2), encoding="utf-8")
    import_paths(project, [path], ImportOptions())
    assert spans(project, "7", "label-studio-user-1") == [("محمد تبریزی", "PER"), ("جلفا", "LOC")]
    assert spans(project, "8", "sara@example.org") == [("تهران", "LOC")]
    assert project.document("7").meta["annotation_id"] == 3


def test_label_studio_json_min_offsets_that_miss_their_text_are_refused(project: Project, tmp_path: Path) -> None:
    task = json_min("😀 محمد آمد", [("محمد", "PER")])
    task["label"][0]["start"] += 1  # counted in UTF-16 units, as a script might
    task["label"][0]["end"] += 1
    path = tmp_path / "min.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="says «محمد» but the text there is «حمد »"):
        import_paths(project, [path], ImportOptions())


@pytest.mark.parametrize("link", ["/data/upload/1/3f2a-news.txt", "s3://bucket/news/1.txt", "https://x.org/1.txt"])
def test_label_studio_tasks_made_from_uploaded_files_say_so(project: Project, tmp_path: Path, link: str) -> None:
    # <Text valueType="url">: data.text is where the text was, the offsets point into the file's content
    result = {"type": "labels", "value": {"start": 40, "end": 45, "labels": ["LOC"]}}
    task = {"id": 1, "data": {"text": link}, "annotations": [{"completed_by": 1, "result": [result]}]}
    path = tmp_path / "project-1.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    with pytest.raises(InputError, match=r"is outside the text, which is only a link .*valueType=\"url\""):
        import_paths(project, [path], ImportOptions())


def test_jsonl_files_joined_with_cat_each_with_a_byte_order_mark(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "all.jsonl"
    rows = [{"id": "a", "text": "علی آمد"}, {"id": "b", "text": "رضا رفت"}]
    path.write_bytes(b"".join(b"\xef\xbb\xbf" + json.dumps(r, ensure_ascii=False).encode() + b"\r\n" for r in rows))
    report = import_paths(project, [path], ImportOptions())  # the second line's BOM was malformed JSON
    assert report.documents == ["a", "b"]
