"""Malformed project files end in a ProjectError naming the file, the document and the field, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.errors import ProjectCorrupt, ProjectError
from annotator.store import Project
from tests.hostile import files

D = "doc = (SELECT rowid FROM documents WHERE id = 'd')"
LAYER = "layer = (SELECT id FROM layers WHERE annotator = 'ali')"
N = len(files.TEXT)

# (table, column, stored value, rows, what the message must say after "PATH: document 'd': ")
DOCUMENT_CASES = [
    ("texts", "tokens", b"garbage", D, r"tokens: damaged \(Error -3 while decompressing data"),
    ("texts", "tokens", 5, D, r"tokens: expected a blob, found int 5"),
    ("texts", "tokens", files.packed([0, 2, 1]), D, r"tokens: damaged \(an odd number of offsets\)"),
    ("texts", "tokens", files.packed([0, N + 5]), D, rf"tokens: offsets out of order or outside the text \({N} "),
    ("texts", "tokens", files.packed([4, 0, 6, 3]), D, r"tokens: offsets out of order"),
    ("texts", "sentences", files.packed([3, 0]), D, r"sentences: offsets out of order"),
    ("texts", "sentences", files.packed([0, 1])[:-3], D, r"sentences: damaged \(the compressed data is cut short\)"),
    ("texts", "sentences", files.packed([0, 1]) + b"!", D, r"sentences: damaged \(data after the compressed"),
    ("texts", "raw_offsets", files.packed([0, 1, 2]), D, rf"raw_offsets: 3 positions for a text of {N} characters"),
    ("texts", "raw_offsets", files.packed([*range(N), 10**6]), D, r"raw_offsets: points past the raw text"),
    ("texts", "text", "\xff".encode("latin-1"), D, r"text: expected text, found a blob of 1 bytes"),
    ("texts", "raw_text", None, D, r"raw_text: expected text, found empty \(NULL\)"),
    ("documents", "status", "weird", "id = 'd'", r"status: unknown status 'weird' \(expected one of new, pretagged"),
    ("documents", "meta", "{bad", "id = 'd'", r"meta: not JSON \(Expecting property name"),
    ("documents", "meta", "[1, 2]", "id = 'd'", r"meta: expected a JSON object, found list"),
    ("documents", "meta", "[" * 100_000, "id = 'd'", r"meta: not JSON"),
    ("documents", "title", b"\x00\x01", "id = 'd'", r"title: expected text, found a blob"),
    ("layers", "status", "zzz", "annotator = 'ali'", r"layer 'ali': unknown status 'zzz'"),
    ("layers", "annotator", b"\x01", "annotator = 'ali'", r"layer name: expected text, found a blob of 1 bytes"),
    ("spans", "status", "maybe", LAYER, r"span \d+: unknown status 'maybe' \(expected one of suggested, accepted\)"),
    ("spans", "end", 10**6, LAYER, rf"layer 'ali': span \d+ ends at 1000000, past the text \({N}\)"),
    ("spans", "start", "x", LAYER, r"span \d+: start is str 'x', not an integer"),
    ("spans", "start", 2.5, LAYER, r"span \d+: start is float 2.5, not an integer"),
    ("spans", "start", 99, LAYER, r"span \d+: \[99, 3\) is empty or negative"),
    ("spans", "confidence", 7.0, LAYER, r"span \d+: confidence 7.0 is not a number from 0 to 1"),
    ("spans", "label", None, LAYER, r"span \d+: label is empty \(NULL\)"),
    ("spans", "label", "", LAYER, r"span \d+: label is str ''"),
    ("spans", "role", b"x", LAYER, r"span \d+: role is a blob of 1 bytes"),
]


def readers(project: Project) -> list[object]:
    """Each way a document is read, run to the end."""
    return [project.document("d"), list(project.iter_documents())]


@pytest.mark.parametrize(("table", "column", "value", "rows", "message"), DOCUMENT_CASES)
def test_a_bad_field_is_named_by_every_reader(
    tmp_path: Path, table: str, column: str, value: object, rows: str, message: str
) -> None:
    path = files.set_cell(files.project(tmp_path / "p.barchasb"), table, column, value, rows)
    with Project.open(path) as project:
        for read in (lambda: project.document("d"), lambda: list(project.iter_documents())):
            with pytest.raises(ProjectCorrupt, match=rf"^{re.escape(str(path))}: document 'd': {message}"):
                read()
        if table == "spans":
            with pytest.raises(ProjectCorrupt, match=rf"^{re.escape(str(path))}: document 'd': (layer 'ali': )?span"):
                project.layer_spans("d", "ali")
        if table != "documents":  # the list reads no texts or spans; the other document is untouched
            assert [info.id for info in project.documents()] == ["d", "e"]
            assert project.document("e").text == files.SECOND


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("status", "gone", r"the document list: document 'd': unknown status 'gone'"),
        ("title", None, r"the document list: document 'd': title: expected text, found empty \(NULL\)"),
        ("n_tokens", "many", r"the document list: document 'd': n_tokens: expected a count, found 'many'"),
        ("id", b"\xff", r"the document list: document id: expected text, found a blob of 1 bytes"),
    ],
)
def test_the_document_list_names_the_bad_field(tmp_path: Path, column: str, value: object, message: str) -> None:
    path = files.set_cell(files.project(tmp_path / "p.barchasb"), "documents", column, value, "id = 'd'")
    with Project.open(path) as project, pytest.raises(ProjectCorrupt, match=rf"^{re.escape(str(path))}: {message}"):
        project.documents()


def test_a_document_without_its_text_is_named(tmp_path: Path) -> None:
    path = files.with_sql(files.project(tmp_path / "p.barchasb"), f"DELETE FROM texts WHERE {D}")
    with Project.open(path) as project:
        with pytest.raises(ProjectCorrupt, match=r"document 'd': its text is missing"):
            project.document("d")
        with pytest.raises(ProjectCorrupt, match=r"document 'd': raw_text: expected text, found empty \(NULL\)"):
            list(project.iter_documents())


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("schema", "not json", r"setting 'schema': value: not JSON"),
        ("schema", "[1, 2]", r"setting 'schema': value: expected a JSON object, found list"),
        ("schema", '{"types": 5}', r"setting 'schema': value: expected \{'name': \.\.\., 'types'"),
        ("schema", '{"types": [{"name": ""}]}', r"setting 'schema': "),
        ("schema", b"\x00", r"setting 'schema': value: expected text, found a blob of 1 bytes"),
        ("normalization", "rot13", r"setting 'normalization': unknown profile 'rot13' \(expected one of none,"),
    ],
)
def test_a_bad_setting_is_named(tmp_path: Path, key: str, value: object, message: str) -> None:
    path = files.set_cell(files.project(tmp_path / "p.barchasb"), "settings", "value", value, f"key = '{key}'")
    with pytest.raises(ProjectCorrupt, match=rf"^{re.escape(str(path))}: {message}"):
        Project.open(path)  # refused at open: nothing may be written under a broken setting


def test_a_missing_setting_is_named(tmp_path: Path) -> None:
    path = files.with_sql(files.project(tmp_path / "p.barchasb"), "DELETE FROM settings WHERE key = 'schema'")
    with pytest.raises(ProjectError, match=r": setting 'schema': missing$"):
        Project.open(path)


def test_a_model_record_without_its_fields_is_named(tmp_path: Path) -> None:
    path = files.set_cell(files.project(tmp_path / "p.barchasb", model=True), "models", "meta", None)
    with Project.open(path) as project, pytest.raises(ProjectCorrupt, match=r"model 'crf': the record lacks its"):
        project.load_model("crf")


def test_the_command_line_prints_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = files.set_cell(files.project(tmp_path / "p.barchasb"), "texts", "tokens", b"garbage", D)
    assert main(["show", str(path), "d"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"barchasb: error: {path}: document 'd': tokens: damaged") and err.count("\n") == 1


@pytest.mark.parametrize("rich", files.RICH_TEXT)
def test_rich_text_strings_come_back_exactly_as_stored(tmp_path: Path, rich: str) -> None:
    """The store keeps markup-looking strings literally; showing them as plain text is the window's part."""
    path = files.rich_text_project(tmp_path / "p.barchasb", rich)
    with Project.open(path) as project:
        (info,) = project.documents()
        assert (info.id, info.title) == (rich, rich) and set(info.layers) == {rich, "ali"}
        document = project.document(rich)
        assert document.meta == {"source": rich} and document.text.endswith(rich)
        (span,) = document.layers[rich].spans
        assert span.source == rich and span.label == "PER"
        assert all(t.description.startswith(rich) for t in project.schema.types)
