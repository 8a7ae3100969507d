"""Files written by doccano, Label Studio and INCEpTION, imported as those tools write them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.importers.webanno import FORMAT_LINE, NAMED_ENTITY
from annotator.model import GOLD, SpanStatus
from annotator.store import Project


def entities(project: Project, doc_id: str, layer: str) -> list[tuple[str, str, str | None]]:
    doc = project.document(doc_id)
    return [(doc.text[s.start : s.end], s.label, s.role) for s in doc.layers[layer].spans]


def test_doccano_file_with_emoji_imports_at_the_right_characters(project: Project, data_dir: Path) -> None:
    """doccano counts UTF-16 units: each emoji before an entity moves its offsets by one."""
    report = import_paths(project, [data_dir / "doccano.jsonl"], ImportOptions(format="doccano", annotator="sara"))
    assert report.documents == ["doccano-12", "doccano-13", "doccano-14"]
    assert entities(project, "doccano-12", "sara") == [("علی", "PER", None), ("تهران", "LOC", None)]
    assert entities(project, "doccano-13", "sara") == []  # annotated, no entity: the layer exists
    assert entities(project, "doccano-14", "sara") == [("بانک مرکزی ایران", "ORG", None)]  # a flag is 4 units
    meta = project.document("doccano-13").meta
    assert meta["doccano_id"] == 13 and meta["Comments"] == [{"id": 1, "text": "بدون نهاد"}]


def test_the_same_doccano_file_read_as_code_points_does_not_align(project: Project, data_dir: Path) -> None:
    with pytest.raises(InputError, match=r"align.*import it with --format doccano"):
        import_paths(project, [data_dir / "doccano.jsonl"], ImportOptions(format="jsonl"))


def test_doccano_offsets_inside_an_emoji_are_named(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "😀 علی", "label": [[1, 6, "PER"]]}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:1: entity \[1, 6\) PER falls inside an emoji"):
        import_paths(project, [path], ImportOptions(format="doccano"))


def test_label_studio_export_gives_each_annotator_a_layer_and_predictions_as_suggestions(
    project: Project, data_dir: Path
) -> None:
    report = import_paths(project, [data_dir / "label-studio.json"], ImportOptions())  # detected by content
    assert report.documents == ["label-studio-3", "label-studio-4"]
    doc = project.document("label-studio-3")
    assert sorted(doc.layers) == ["auto", "label-studio-user-1", "sara@example.org"]  # the cancelled one is not
    assert entities(project, "label-studio-3", "label-studio-user-1") == [
        ("علی‌رضا", "PER", None),
        ("کرمان", "LOC", None),  # normalized as the project asks: Arabic ك is Persian ک
    ]
    assert entities(project, "label-studio-3", "sara@example.org") == [("سازمان ملل", "ORG", None)]
    (suggestion,) = doc.layers["auto"].spans
    assert suggestion.status is SpanStatus.SUGGESTED
    assert (suggestion.source, suggestion.confidence) == ("crf-v1", 0.82)
    assert doc.meta["source"] == "ilna" and doc.meta["label_studio_id"] == 3
    assert project.document("label-studio-4").layers == {}


def test_label_studio_offsets_in_utf16_are_refused_with_the_reason(project: Project, tmp_path: Path) -> None:
    text = "😀😀 علی رفت"
    task = {"data": {"text": text}, "annotations": [{"result": [_labels(5, 8, "علی", "PER")]}]}  # UTF-16 offsets
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="code points"):
        import_paths(project, [path], ImportOptions(format="label-studio"))


def _labels(start: int, end: int, text: str, label: str) -> dict[str, object]:
    value = {"start": start, "end": end, "text": text, "labels": [label]}
    return {"value": value, "from_name": "label", "to_name": "text", "type": "labels", "id": "x"}


def test_inception_tsv_multi_token_stacked_escaped_and_utf16(project: Project, data_dir: Path) -> None:
    report = import_paths(project, [data_dir / "inception.tsv"], ImportOptions(annotator=GOLD, add_labels=True))
    assert report.documents == ["inception"]
    doc = project.document("inception")
    assert doc.text == "😊 محمد تبریزی در جلفا گفت .\nسازمان منطقه آزاد ارس همکاری کرد .\nمسیر C:\\dir_x\nرا ببین"
    assert [doc.text[s:e] for s, e in doc.sentences] == [
        "😊 محمد تبریزی در جلفا گفت .",
        "سازمان منطقه آزاد ارس همکاری کرد .",
        "مسیر C:\\dir_x\nرا ببین",  # two #Text lines: one sentence
    ]
    assert len(doc.tokens) == 18  # the sub-token row is not a token
    assert entities(project, "inception", GOLD) == [
        ("محمد تبریزی", "PER", None),
        ("جلفا", "LOC", None),
        ("سازمان منطقه آزاد ارس", "ORG", "source"),
        ("ارس", "LOC", None),  # stacked on the organisation's last token
        ("C:\\dir_x", "PRO_X", None),  # PRO\_X unescaped
    ]


def test_inception_tsv_by_extension_and_folder(project: Project, data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(data_dir / "inception.tsv", folder / "doc1.tsv")
    import_paths(project, [folder], ImportOptions(format="webanno-tsv", add_labels=True))
    assert project.documents()[0].id == "doc1"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("1-1\t0-4\tمحمد\t*\tPER\t\n", "a token row before any #Text= line"),
        ("#Text=محمد\n1-1\t0-4\tمحمد\t*\n", "expected a token row"),
        ("#Text=محمد\n1-1\t0-3\tمحمد\t*\tPER\t\n", "does not match the #Text"),
        ("#Text=محمد\n1-1\t0-4\tمحمد\t*\t*\t\n", "without a value"),
    ],
)
def test_inception_tsv_errors_name_the_line(project: Project, tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "x.tsv"
    header = f"{FORMAT_LINE}\n#T_SP={NAMED_ENTITY}|identifier|value\n\n\n"
    path.write_text(header + body, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        import_paths(project, [path], ImportOptions(format="webanno-tsv"))
    assert "x.tsv:5" in str(caught.value) or "x.tsv:6" in str(caught.value)
    assert project.documents() == []


def test_an_inception_entity_with_a_role_its_label_lacks_is_refused_at_its_own_line(
    project: Project, data_dir: Path, tmp_path: Path
) -> None:
    lines = (data_dir / "inception.tsv").read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("1-5\t"))  # جلفا, a LOC: LOC has no roles
    lines[at] = lines[at].replace("\t*\tLOC", "\tsource\tLOC")
    crafted = tmp_path / "roles.tsv"
    crafted.write_text("\n".join(lines), encoding="utf-8")
    expected = rf"^{re.escape(str(crafted))}:{at + 1}: entity LOC at \[.*\): role 'source' is not allowed for LOC"
    with pytest.raises(InputError, match=expected):
        import_paths(project, [crafted], ImportOptions(annotator=GOLD, add_labels=True))
    assert project.documents() == []
