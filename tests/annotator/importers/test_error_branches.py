"""Every refusal of the JSONL, CSV/TSV, CoNLL readers and the decoder names the file (and line) and adds nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.store import Project

OK = '{"text": "سند خوب"}'
JSONL = {
    "[1, 2]": r":2: expected a JSON object",
    '{"text": 5}': r':2: the "text" field is missing or not a string',
    '{"text": "a", "id": [1]}': r':2: the "id" field must be a string or a number',
    '{"text": "a", "meta": [1]}': r':2: the "meta" field must be an object',
    '{"text": "a", "annotator": 1}': r':2: the "annotator" field must be a string',
    '{"text": "a", "title": {}}': r':2: the "title" field must be a string',
    '{"text": "a", "spans": {}}': r':2: "spans" must be a list',
    '{"text": "a", "entities": [1]}': r':2: each of "entities" must be an object with start, end, label',
    '{"text": "a", "spans": [{"start": "0", "end": 1, "label": "PER"}]}': r":2: an entity needs integer start",
    '{"text": "a", "spans": [{"start": 0, "end": 1, "label": ""}]}': r":2: an entity needs integer start",
    '{"text": "a", "spans": [{"start": 0, "end": 1, "label": "PER", "role": 5}]}': r":2: an entity's role must be",
    '{"text": "a", "label": [[0, 1]]}': r':2: "label" entries must be \[start, end, "LABEL"\]',
    '{"text": "a", "label": "PER"}': r':2: "label" must be a list of \[start, end, "LABEL"\]',
    '{"text": "ab", "tokens": [[0]]}': r':2: "tokens" must be a list of \[start, end\] pairs, found \[0\]',
    '{"text": "ab", "tokens": 3}': r':2: "tokens" must be a list of \[start, end\] pairs',
    '{"text": "ab", "tokens": [[1, 1]]}': r':2: "tokens": \[1, 1\] is out of order, empty or outside the text',
    '{"text": "ab", "tokens": [[0, 3]]}': r":2: \"tokens\": \[0, 3\] is out of order",
    '{"text": "a b", "tokens": [[0, 1], [2, 3]], "sentences": [[0, 2]]}': r":2: sentence \[0, 2\] does not start",
    '{"text": "ab", "tokens": [[0, 2]], "raw_text": "abc"}': r':2: "raw_text" differs from "text" but "raw_off',
    '{"text": "ab", "tokens": [[0, 2]], "raw_text": "abc", "raw_offsets": [0, 2, 1]}': r':2: "raw_offsets" must',
    '{"text": "ab", "tokens": [[0, 2]], "raw_offsets": [0, 1]}': r':2: "raw_offsets" must be len\(text\)\+1',
}


@pytest.mark.parametrize("line", JSONL)
def test_jsonl_refusals(project: Project, tmp_path: Path, line: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(f"{OK}\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"^{path}{JSONL[line]}"):
        import_paths(project, [path], ImportOptions())
    assert project.documents() == []


def test_json_array_items_are_numbered(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(f"[{OK}, 5]", encoding="utf-8")
    with pytest.raises(InputError, match=f"^{path}: item 2: expected a JSON object"):
        import_paths(project, [path], ImportOptions())
    path.write_text("[\n" + "[" * 50_000, encoding="utf-8")
    with pytest.raises(InputError, match=f"^{path}: not valid JSON"):
        import_paths(project, [path], ImportOptions())
    assert project.documents() == []


TABLES = {
    ("empty.csv", ""): r"empty\.csv:1: empty file: expected a header row with a 'text' column",
    ("cols.csv", "id,text\n1,سلام\n2,سلام,اضافه\n"): r"cols\.csv:3: expected 2 columns, found 3",
    ("quote.csv", 'id,text\n1,"سلام"دوباره"\n2,خداحافظ\n'): r"quote\.csv:2: malformed CSV in the row that starts here",
    ("open.csv", 'id,text\n1,سلام\n2,"باز\n3,مانده\n'): r"open\.csv:3: malformed CSV in the row that starts here",
    ("cols.tsv", "text\tid\nسلام\n"): r"cols\.tsv:2: expected 2 columns, found 1",
    ("none.tsv", "body\tid\nسلام\t1\n"): r"none\.tsv:1: no 'text' column in the header \(found: body, id\)",
}


@pytest.mark.parametrize(("name", "content"), list(TABLES))
def test_csv_and_tsv_refusals(project: Project, tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=TABLES[(name, content)]):
        import_paths(project, [path], ImportOptions())
    assert project.documents() == []


CONLL = {
    "\n\n-DOCSTART-\tO\n\n": r"x\.conll: no token lines",
    "علی\tB-PER\nرفت\n": r"x\.conll:2: no tag on this line \(expected token<TAB>tag\): 'رفت'",
    "علی\tB-PER\n\tO\n": r"x\.conll:2: empty token before the tag 'O'",
    "علی\tB-PER\nرفت\tX-VERB\n": r"x\.conll:2: 'X-VERB' is not a tag",
}


@pytest.mark.parametrize("content", CONLL)
def test_conll_refusals(project: Project, tmp_path: Path, content: str) -> None:
    path = tmp_path / "x.conll"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=CONLL[content]):
        import_paths(project, [path], ImportOptions())
    assert project.documents() == []


def test_conll_tokens_keep_characters_splitlines_would_break_at(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "x.conll"
    tokens = ["علی\u2028رضا", "در\x0bتهران", "خط\u0085بعد", "و\x1cدیگر", "پایان"]
    path.write_text("".join(f"{t}\t{'B-PER' if i == 0 else 'O'}\r\n" for i, t in enumerate(tokens)), encoding="utf-8")
    import_paths(project, [path], ImportOptions())
    document = project.document("x-1")
    assert [document.text[s:e] for s, e in document.tokens] == tokens
    assert [document.text[s.start : s.end] for s in document.layers["imported"].spans] == [tokens[0]]


def test_decoding_refusals(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"\xff\xfe\x00\xd8")  # UTF-16 with a lone surrogate
    with pytest.raises(InputError, match=r"x\.txt: not valid utf-16 at byte"):
        import_paths(project, [path], ImportOptions())
    path.write_bytes("سلام".encode() + b"\xc3")
    with pytest.raises(InputError, match=r"x\.txt: not valid utf-8 at byte 8"):
        import_paths(project, [path], ImportOptions(encoding="utf-8"))
    path.write_bytes(b"+2AA-")
    with pytest.raises(InputError, match=r"x\.txt:1: the decoded text has a lone surrogate \(\\ud800\)"):
        import_paths(project, [path], ImportOptions(encoding="utf-7"))
    assert project.documents() == []


NUL = {  # a NUL character, in the bytes of a text file or escaped in a JSON string: no backend may differ
    (
        "x.txt",
        "سند\x00خراب\x00\n",  # the first one is named
    ): r"x\.txt:1: the text holds a NUL character \(U\+0000\) at character 3, which a project cannot hold",
    (
        "x.csv",
        'id,text\n1,سلام\n2,"سند\nدو\x00"\n',
    ): r"x\.csv:3: the text holds a NUL character \(U\+0000\) at character 6, which a project cannot hold",
    (
        "x.jsonl",
        f'{OK}\n{{"text": "a\\u0000b"}}\n',
    ): r"x\.jsonl:2: the text holds a NUL character \(U\+0000\) at character 1, which a project cannot hold",
    (
        "x.jsonl",
        f'{OK}\n{{"text": "a", "title": "\\u0000"}}\n',
    ): r"x\.jsonl:2: the title holds a NUL character \(U\+0000\) at character 0, which a project cannot hold",
    (
        "x.conll",
        "علی\tB-PER\nرف\x00ت\tO\n",
    ): r"x\.conll:1: the text holds a NUL character \(U\+0000\) at character 6, which a project cannot hold",
    (
        "x.json",
        '[{"data": {"text": "علی رفت"}, "predictions": [{"model_version": "crf\\u0000", "result": [{"value": '
        '{"start": 0, "end": 3, "text": "علی", "labels": ["PER"]}, "from_name": "l", "to_name": "t", '
        '"type": "labels"}]}]}]',
    ): r"x\.json: the source of entity PER at \[0, 3\) holds a NUL character \(U\+0000\)",
    (
        "y.jsonl",  # Label Studio tasks, one per line: the line of the task is named
        '{"data": {"text": "سلام"}, "annotations": []}\n{"data": {"text": "علی رفت"}, '
        '"predictions": [{"model_version": "crf\\u0000", "result": [{"value": {"start": 0, "end": 3, "text": "علی", '
        '"labels": ["PER"]}, "from_name": "l", "to_name": "t", "type": "labels"}]}]}\n',
    ): r"y\.jsonl:2: the source of entity PER at \[0, 3\) holds a NUL character \(U\+0000\)",
}

NAMES = {  # a control or bidi character in a name would be stored and shown as if it were not there
    f'{OK}\n{{"id": "a\\u0001b", "text": "x"}}\n': (
        r"x\.jsonl:2: document id 'a\\x01b' holds a control character \(\\x01\)"
    ),
    f'{OK}\n{{"text": "x", "annotator": "s\\u202eara"}}\n': (
        r"x\.jsonl:2: annotator 's\\u202eara' holds a control character \(\\u202e\)"
    ),
}


@pytest.mark.parametrize("content", list(NAMES))
def test_a_name_with_a_control_character_is_refused_at_its_line(project: Project, tmp_path: Path, content: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=f"^{re.escape(str(tmp_path))}/{NAMES[content]}$"):
        import_paths(project, [path], ImportOptions())
    assert project.documents() == []


@pytest.mark.parametrize(("name", "content"), list(NUL))
def test_a_nul_character_is_refused_in_a_file_as_on_a_server(
    project: Project, tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=f"^{re.escape(str(tmp_path))}/{NUL[(name, content)]}$"):
        import_paths(project, [path], ImportOptions())
    assert project.documents() == []
