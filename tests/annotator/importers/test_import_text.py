"""txt, JSONL and CSV imports through the whole path: read, normalize, check, store."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.store import Project
from annotator.text.profiles import Profile
from tests.conftest import SAMPLE


def test_sample_article(project: Project) -> None:
    report = import_paths(project, [SAMPLE], ImportOptions())
    assert report.documents == ["ilna-aras-free-zone"]
    doc = project.document("ilna-aras-free-zone")
    raw = SAMPLE.read_text(encoding="utf-8")
    assert doc.raw_text == raw
    assert doc.title == "date 2025-11-07 خبرگزاری کار ایران"
    assert doc.text.startswith(doc.title + "\n")
    for name in ("محمد تبریزی", "سازمان منطقه آزاد ارس", "جلفا"):
        start = doc.text.index(name)
        end = start + len(name)
        assert doc.raw_span(start, end) == name
        assert doc.token_range(start, end) is not None


def test_folder_imports_txt_files_sorted(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.txt").write_text("دوم", encoding="utf-8")
    (folder / "a.txt").write_text("\n\nاول\nمتن", encoding="utf-8")
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    report = import_paths(project, [folder], ImportOptions(format="txt"))
    assert report.documents == ["a", "b"]
    assert project.document("a").title == "اول"


def test_windows_1256_file_is_decoded_and_letters_fixed(project: Project, data_dir: Path) -> None:
    import_paths(project, [data_dir / "legacy-1256.txt"], ImportOptions())
    doc = project.document("legacy-1256")
    assert doc.raw_text.startswith("كتاب علي")
    assert doc.text == "کتاب علی در تهران\nیک روز خوب بود."
    assert doc.raw_span(0, 4) == "كتاب"


def test_utf16_file(project: Project, data_dir: Path) -> None:
    import_paths(project, [data_dir / "utf16-bom.txt"], ImportOptions())
    assert project.document("utf16-bom").text == "سلام دنیا\nمحمد تبریزی"


def test_jsonl_entities_in_three_spellings(project: Project, data_dir: Path) -> None:
    report = import_paths(project, [data_dir / "mixed.jsonl"], ImportOptions())
    assert report.documents == ["e1", "mixed-2", "7"]
    e1 = project.document("e1")
    spans = e1.layers["imported"].spans
    assert [(e1.text[s.start : s.end], s.label, s.role) for s in spans] == [
        ("محمد تبریزی", "PER", "subject"),
        ("جلفا", "LOC", None),
    ]
    # an emoji before the entity: offsets count code points, not UTF-16 units
    assert spans[0].start == 3
    second = project.document("mixed-2")
    assert second.meta == {"url": "https://www.ilna.ir/x"}
    org = second.layers["imported"].spans[0]
    assert second.text[org.start : org.end] == "سازمان منطقه آزاد ارس"
    assert "مأموریت\u200cهای" in second.text
    third = project.document("7")
    assert third.title == "<b>تیتر</b>"
    assert list(third.layers) == ["sara"]
    assert [third.text[s.start : s.end] for s in third.layers["sara"].spans] == ["علی", "کرمان"]


def test_offsets_are_mapped_through_normalization(project: Project, tmp_path: Path) -> None:
    text = "  گزارش   ايلنا:\u00a0\u00a0محمد   تبريزي  در جلفا"
    start = text.index("محمد")
    end = text.index("تبريزي") + len("تبريزي")
    path = tmp_path / "n.jsonl"
    path.write_text(
        json.dumps({"id": "n", "text": text, "spans": [{"start": start, "end": end, "label": "PER"}]}), encoding="utf-8"
    )
    import_paths(project, [path], ImportOptions())
    doc = project.document("n")
    span = doc.layers["imported"].spans[0]
    assert doc.text[span.start : span.end] == "محمد تبریزی"
    assert doc.raw_span(span.start, span.end) == "محمد   تبريزي"
    other = "  خبری   دیگر  از   جلفا"  # the entity ends past the end of the shorter displayed text
    entity = {"start": other.index("جلفا"), "end": len(other), "label": "LOC"}
    path.write_text(json.dumps({"id": "m", "text": other, "spans": [entity]}), encoding="utf-8")
    import_paths(project, [path], ImportOptions())
    doc = project.document("m")
    assert len(doc.text) < len(other)
    assert [doc.text[s.start : s.end] for s in doc.layers["imported"].spans] == ["جلفا"]


def test_entity_with_trailing_space_is_trimmed(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"text": "علی رفت", "label": [[0, 4, "PER"]]}), encoding="utf-8")
    import_paths(project, [path], ImportOptions(annotator="ali"))
    span = project.document("t-1").layers["ali"].spans[0]
    assert (span.start, span.end) == (0, 3)


def test_entity_with_spaces_on_both_sides_is_trimmed_to_its_words(project: Project, tmp_path: Path) -> None:
    text = "خبر علی رضایی\u00a0 رفت"  # a no-break space and a space: one space in the displayed text
    start, end = text.index("علی") - 1, text.index("رفت")  # from the space before to the end of the spaces after
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"text": text, "label": [[start, end, "PER"]]}), encoding="utf-8")
    import_paths(project, [path], ImportOptions(annotator="ali"))
    document = project.document("t-1")
    span = document.layers["ali"].spans[0]
    assert document.text[span.start : span.end] == "علی رضایی"
    assert document.raw_span(span.start, span.end) == "علی رضایی"


def test_a_jsonl_record_keeps_its_document_status(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"  # our own JSONL export writes each document's status
    records = [{"id": "a", "text": "علی آمد", "status": "reviewed"}, {"id": "b", "text": "رضا رفت"}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    import_paths(project, [path], ImportOptions())
    assert [(d.id, str(d.status)) for d in project.documents()] == [("a", "reviewed"), ("b", "new")]


def test_csv(project: Project, data_dir: Path) -> None:
    import_paths(project, [data_dir / "news.csv"], ImportOptions())
    first = project.document("n1")
    assert first.title == "خبر اول"
    assert first.text == "محمد تبریزی در جلفا\nگفت: سلام"
    assert first.meta == {"source": "ilna"}
    assert project.document("n2").title == "دومین خبر, با ویرگول"


def test_normalize_none_keeps_text(project: Project, data_dir: Path) -> None:
    import_paths(project, [data_dir / "legacy-1256.txt"], ImportOptions(normalize=Profile.NONE))
    doc = project.document("legacy-1256")
    assert doc.text == doc.raw_text
    assert list(doc.raw_offsets) == list(range(len(doc.text) + 1))


def jsonl(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"text": "علی"}', '{"text": "x"'], r"bad\.jsonl:2: malformed JSON"),
        (['{"text": "علی"}', '{"id": "x"}'], r"bad\.jsonl:2: the \"text\" field is missing"),
        (
            ['{"text": "علی", "label": [[0, 9, "PER"]]}'],
            r"bad\.jsonl:1: entity \[0, 9\) PER is empty or outside the text \(length 3\)",
        ),
        (
            ['{"text": "علی آمد", "label": [[0, 3, "PER"]]}', '{"text": "علی", "label": [[1, 1, "PER"]]}'],
            r"bad\.jsonl:2: entity \[1, 1\) PER is empty or outside the text \(length 3\)$",
        ),
        (
            ['{"text": "علی", "label": [[2, 1, "PER"]]}'],
            r"bad\.jsonl:1: entity \[2, 1\) PER is empty or outside the text \(length 3\)$",
        ),
        (['{"text": "علی‌رضا آمد", "label": [[0, 3, "PER"]]}'], r"bad\.jsonl:1: .*does not align"),
        (['{"text": "علی آمد", "label": [[0, 3, "WHO"]]}'], r"labels not in the schema .*WHO \(1\)"),
        (
            ['{"text": "علی آمد", "spans": [{"start": 0, "end": 3, "label": "LOC", "role": "x"}]}'],
            r"bad\.jsonl:1: .*role 'x' is not allowed for LOC",
        ),
        (
            ['{"text": "a", "id": "same"}', '{"text": "b", "id": "same"}'],
            r"bad\.jsonl:2: document id 'same' appears twice",
        ),
    ],
)
def test_bad_input_names_file_and_line_and_leaves_nothing(
    project: Project, tmp_path: Path, lines: list[str], message: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("سند خوب", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        import_paths(project, [good, jsonl(tmp_path, *lines)], ImportOptions())
    assert project.documents() == []


def test_unknown_labels_are_listed_added_or_mapped(project: Project, tmp_path: Path) -> None:
    path = jsonl(tmp_path, '{"text": "علی در تهران", "label": [[0, 3, "prs"], [7, 12, "city"]]}')
    with pytest.raises(InputError, match=r"city \(1\), prs \(1\)"):
        import_paths(project, [path], ImportOptions())
    report = import_paths(project, [path], ImportOptions(label_map={"prs": "PER"}, add_labels=True))
    assert report.added_labels == ["city"]
    assert "city" in project.schema
    assert [s.label for s in project.document("bad-1").layers["imported"].spans] == ["PER", "city"]


def test_same_text_again_is_skipped_and_an_existing_id_with_another_text_refused(
    project: Project, tmp_path: Path
) -> None:
    import_paths(project, [SAMPLE], ImportOptions())
    report = import_paths(project, [SAMPLE], ImportOptions())
    assert report.documents == [] and "already in the project (or repeated), skipped" in report.notes[-1]
    other = tmp_path / SAMPLE.name
    other.write_text("متنی دیگر با همان نام پرونده", encoding="utf-8")
    named = "already in the project, with a different text (ids without their own are made from the file's name: "
    with pytest.raises(InputError, match=re.escape(named)):
        import_paths(project, [other], ImportOptions())
    assert len(project.documents()) == 1
    doc_id = project.documents()[0].id
    records = tmp_path / "more.jsonl"  # the file and the line of the record are named
    records.write_text(
        json.dumps({"id": "new", "text": "متنی تازه"}) + "\n" + json.dumps({"id": doc_id, "text": "متنی دیگر"}) + "\n",
        encoding="utf-8",
    )
    expected = (
        rf"^{re.escape(str(records))}:2: document id '{doc_id}' is already in the project, with a different text$"
    )
    with pytest.raises(InputError, match=expected):
        import_paths(project, [records], ImportOptions())
    assert len(project.documents()) == 1


def test_missing_path(project: Project, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        import_paths(project, [tmp_path / "nope.txt"], ImportOptions())


def test_csv_without_text_column(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,body\n1,سلام\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.csv:1: no 'text' column in the header \(found: id, body\)"):
        import_paths(project, [path], ImportOptions())


def test_json_array_file(project: Project, tmp_path: Path, data_dir: Path) -> None:
    rows = [json.loads(line) for line in (data_dir / "mixed.jsonl").read_text(encoding="utf-8").splitlines()]
    path = tmp_path / "all.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    shutil.copy(path, tmp_path / "copy.json")
    assert import_paths(project, [path], ImportOptions()).documents == ["e1", "all-2", "7"]
