"""doccano, Label Studio and WebAnno TSV exports: what each tool reads, and back into Barchasb unchanged."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import ExportError
from annotator.importers import ImportOptions, import_paths
from annotator.importers.webanno import read_webanno
from annotator.model import Layer, LayerStatus, Span, SpanStatus
from annotator.schema import preset
from annotator.store import Project
from annotator.text.profiles import Profile
from exports import ExportOptions, export
from tests.exports.conftest import NewLocation, add


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def test_doccano_lines_count_utf16_units_and_keep_our_id(project: Project, tmp_path: Path) -> None:
    export(project, ExportOptions("doccano", tmp_path / "d.jsonl"))
    rows = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [1, 2, 3] and [r["doc_id"] for r in rows] == ["a", "b", "c"]
    b = rows[1]
    text = project.document("b").text
    start = text.index("علی‌رضا")
    assert [utf16(text, start), utf16(text, start + 7), "PER"] in b["label"]
    assert b["label"][0][0] == start + 1  # the emoji before it is two UTF-16 units
    assert all(len(triple) == 3 for r in rows for triple in r["label"])


def test_label_studio_tasks_and_config(project: Project, tmp_path: Path) -> None:
    report = export(project, ExportOptions("label-studio", tmp_path / "ls"))
    assert sorted(p.name for p in report.files) == ["labeling_config.xml", "tasks.json"]
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8"))
    b = next(t for t in tasks if t["data"]["doc_id"] == "b")
    results = b["annotations"][0]["result"]
    assert {r["type"] for r in results} == {"labels"} and {r["from_name"] for r in results} == {"label"}
    person = next(r["value"] for r in results if r["value"]["labels"] == ["PER"])
    assert b["data"]["text"][person["start"] : person["end"]] == person["text"] == "علی‌رضا"  # code points
    config = ET.fromstring((tmp_path / "ls" / "labeling_config.xml").read_text(encoding="utf-8"))
    labels = config.find("Labels")
    assert labels is not None and labels.get("toName") == "text"
    per = next(x for x in labels if x.get("value") == "PER")
    assert per.get("background") == "#f4a6a6" and per.get("hotkey") == "p"
    style = config.find("Style")
    assert style is not None and "direction: rtl" in (style.text or "")
    text = config.find("View/Text")
    assert text is not None and text.get("value") == "$text"


def test_label_studio_predictions_carry_the_confidence(project: Project, tmp_path: Path) -> None:
    add(project, "c", "sara", "گزارش", "EVE", confidence=0.25)
    export(project, ExportOptions("label-studio", tmp_path / "ls.json", as_predictions=True))
    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    c = next(t for t in tasks if t["data"]["doc_id"] == "c")
    assert "annotations" not in c
    (prediction,) = c["predictions"]
    assert prediction["model_version"] == "barchasb-sara" and prediction["score"] == 0.25
    assert [r.get("score") for r in prediction["result"]] == [None, 0.25]
    with pytest.raises(ExportError, match="label-studio"):
        export(project, ExportOptions("doccano", tmp_path / "x.jsonl", as_predictions=True))


def test_webanno_tsv_is_what_inception_writes(project: Project, tmp_path: Path) -> None:
    add(project, "a", "sara", "ارس", "LOC")  # stacked on the organisation's last token
    export(project, ExportOptions("webanno-tsv", tmp_path / "w"))
    text = (tmp_path / "w" / "a.tsv").read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[:5] == [
        "#FORMAT=WebAnno TSV 3.3",
        "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value",
        "",
        "",
        "#Text=محمد تبریزی در جلفا گفت.",
    ]
    assert lines[5] == "1-1\t0-4\tمحمد\tsource[1]\tPER[1]\t"
    assert lines[6] == "1-2\t5-11\tتبریزی\tsource[1]\tPER[1]\t"
    assert lines[8] == "1-4\t15-19\tجلفا\t*\tLOC\t"  # one token, not stacked: no id
    assert "\tارس\t*[2]|*[3]\tORG[2]|LOC[3]\t" in text
    assert lines[11] == "" and lines[12].startswith("#Text=سازمان")
    b = (tmp_path / "w" / "b.tsv").read_text(encoding="utf-8")
    assert "1-1\t0-2\t😀\t_\t_\t" in b and "1-2\t3-10\tعلی‌رضا\t*\tPER\t" in b  # UTF-16 after the emoji


def test_webanno_tsv_escapes_what_the_format_reserves(location: str, tmp_path: Path) -> None:
    with Project.create(location, preset("combined"), Profile.NONE) as project:
        source = tmp_path / "in.jsonl"
        source.write_text(json.dumps({"id": "x", "text": "C:\\dir_1 و a|b"}, ensure_ascii=False), encoding="utf-8")
        import_paths(project, [source], ImportOptions())
        project.set_schema(project.schema.with_labels(["PRO_X*"]))
        doc = project.document("x")
        project.put_layer("x", Layer("sara", spans=(Span(0, 8, "PRO_X*"), Span(11, 14, "PER", role="source"))))
        export(project, ExportOptions("webanno-tsv", tmp_path / "x.tsv"))
        text = (tmp_path / "x.tsv").read_text(encoding="utf-8")
        assert "#Text=C:\\\\dir_1 و a|b\n" in text  # text escaping: the backslash only
        assert "\t*[1]\tPRO\\_X\\*[1]\t" in text  # the value escaped (the tokenizer cut C:\dir_1 in pieces)
        assert "\ta|b\tsource\tPER\t" in text  # the token as it is
        (parsed,) = read_webanno(tmp_path / "x.tsv", text)
        assert parsed.raw == doc.text
        assert [(e.start, e.end, e.label, e.role) for e in parsed.entities] == [
            (0, 8, "PRO_X*", None),
            (11, 14, "PER", "source"),
        ]


def test_webanno_tsv_refuses_a_span_off_token_edges(project: Project, tmp_path: Path) -> None:
    project.add_span("c", "sara", Span(0, 4, "ORG"), tokens=False)  # «خبرگ»: character mode
    with pytest.raises(ExportError, match="does not align with token boundaries"):
        export(project, ExportOptions("webanno-tsv", tmp_path / "w"))
    report = export(project, ExportOptions("webanno-tsv", tmp_path / "w", drop_conflicts=True))
    assert report.dropped == 1


def test_one_document_per_webanno_file(project: Project, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="one document per file and there are 3"):
        export(project, ExportOptions("webanno-tsv", tmp_path / "all.tsv"))


WORD = st.text(
    alphabet=st.sampled_from(list("ابپتسشکگلمنوهیيك") + ["\u200c"] * 3 + list("ab۱۲😀👍🏽")),
    min_size=1,
    max_size=6,
).filter(lambda w: not w.startswith("\u200c") and not w.endswith("\u200c"))


@st.composite
def corpus(draw: st.DrawFn) -> list[str]:
    """Document texts: words joined by spaces, sentences by newlines."""
    return [
        "\n".join(" ".join(sentence) for sentence in doc)
        for doc in draw(
            st.lists(st.lists(st.lists(WORD, min_size=1, max_size=6), min_size=1, max_size=3), min_size=1, max_size=3)
        )
    ]


def content(project: Project, roles: bool) -> list[tuple[object, ...]]:
    out = []
    for info in project.documents():
        doc = project.document(info.id)
        spans = sorted((s.start, s.end, s.label, (s.role or "") if roles else "") for s in doc.layers["x"].spans)
        out.append((doc.id, doc.text, list(doc.tokens), list(doc.sentences), spans))
    return out


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corpus(), st.data(), st.sampled_from(["doccano", "label-studio", "webanno-tsv"]))
def test_round_trip_property(
    tmp_path_factory: pytest.TempPathFactory, new_location: NewLocation, texts: list[str], data: st.DataObject, fmt: str
) -> None:
    """Emoji (two UTF-16 units), ZWNJ and Arabic ي/ك: every span comes back at the same characters."""
    tmp = tmp_path_factory.mktemp("tools")
    source = tmp / "in.jsonl"
    source.write_text("\n".join(json.dumps({"id": f"d{n}", "text": t}) for n, t in enumerate(texts)), encoding="utf-8")
    original = Project.create(new_location("o"), preset("combined"), Profile.NONE)
    import_paths(original, [source], ImportOptions())
    for info in original.documents():
        doc = original.document(info.id)
        chosen: dict[tuple[int, int, str], str | None] = {}
        for first, last in doc.sentence_token_ranges():
            for _ in range(data.draw(st.integers(0, 2))):
                a = data.draw(st.integers(first, last - 1))
                b = data.draw(st.integers(a + 1, min(last, a + 3)))
                label = data.draw(st.sampled_from(["PER", "LOC", "ORG"]))
                role = data.draw(st.sampled_from([None, "source"])) if label != "LOC" else None
                chosen[(doc.tokens[a].start, doc.tokens[b - 1].end, label)] = role
        spans = tuple(Span(s, e, label, role) for (s, e, label), role in sorted(chosen.items()))
        original.put_layer(info.id, Layer("x", LayerStatus.IN_PROGRESS, spans))
    out = tmp / "out"
    export(original, ExportOptions(fmt, out, layer="x"))
    again = Project.create(new_location("again"), preset("combined"), Profile.NONE)
    import_paths(again, [out], ImportOptions(format=fmt, annotator="x"))
    assert content(again, fmt == "webanno-tsv") == content(original, fmt == "webanno-tsv")
    assert all(
        s.status is SpanStatus.ACCEPTED for info in again.documents() for s in again.document(info.id).layers["x"].spans
    )
    original.close()
    again.close()
