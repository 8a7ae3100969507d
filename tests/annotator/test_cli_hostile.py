"""Hostile inputs to the command line: bounded numbers, escaped strings, one-line internal errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.errors import ProjectError
from annotator.model import Span
from annotator.store import Project
from tests.conftest import ROOT, SAMPLE


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(location: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The sample article annotated by ali, in a file or on a server (every test that uses it runs on both)."""
    path = location
    assert run(capsys, "new", path)[0] == 0
    assert run(capsys, "import", path, str(SAMPLE), "--annotator", "ali")[0] == 0
    return path


@pytest.mark.parametrize("width", ["0", "-5", "1000000", "wide"])
def test_render_width_out_of_range_is_refused_by_its_name(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], width: str
) -> None:
    code, _, err = run(capsys, "render", project, "x", "--out", str(tmp_path / "a.png"), "--width", width)
    assert code == 2
    assert "--width" in err and "200" in err and "10000" in err
    assert not (tmp_path / "a.png").exists()


def test_a_multi_line_error_keeps_its_lines(project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "c.jsonl"
    source.write_text(
        '{"id": "c", "text": "علی رضا آمد", "spans": [{"start": 0, "end": 7, "label": "PER"}, '
        '{"start": 4, "end": 11, "label": "LOC"}]}\n',
        encoding="utf-8",
    )
    assert run(capsys, "import", project, str(source), "--annotator", "ali")[0] == 0
    code, _, err = run(capsys, "export", project, "--format", "conll", "--layer", "ali", "--out", str(tmp_path / "o"))
    assert code == 1
    lines = err.splitlines()
    assert len(lines) >= 2 and lines[0].startswith("barchasb: error: ") and "\\n" not in err


def test_a_huge_lexicon_count_is_one_line(project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lexicon = tmp_path / "lex.tsv"
    lexicon.write_text("تهران\tLOC\t99999999999999999999999\n", encoding="utf-8")
    code, _, err = run(capsys, "lexicon", project, "--import", str(lexicon))
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("barchasb: error: ")
    assert "Traceback" not in err


def test_a_nul_in_a_lexicon_entry_is_refused_on_both_backends(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: a file stored it and a server failed on it (PostgreSQL text cannot hold NUL): now both refuse it."""
    lexicon = tmp_path / "lex.tsv"
    lexicon.write_text("بانک ملی\tORG\nتهر\x00ان\tLOC\t2\n", encoding="utf-8")
    code, _, err = run(capsys, "lexicon", project, "--import", str(lexicon))
    assert code == 1 and err == (
        f"barchasb: error: {lexicon}:2: the text holds a NUL character (U+0000) at character 3, "
        "which a project cannot hold\n"
    )
    with Project.open(project) as opened:
        assert opened.lexicon() == []


@pytest.mark.parametrize("role", ["a\x00b", "sub\x1bject", "", " "])
def test_a_schema_role_with_a_control_character_is_refused_on_both_backends(
    location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], role: str
) -> None:
    """Before: a file took spans with a NUL in their role and a server failed on them; now no schema has such a role."""
    schema = tmp_path / "schema.json"
    types = [{"name": "PER", "roles": ["subject", role]}]
    schema.write_text(json.dumps({"name": "x", "types": types}), encoding="utf-8")
    code, _, err = run(capsys, "new", location, "--schema", str(schema))
    assert code == 1 and err == (
        f"barchasb: error: entity type PER: role {role!r} must be non-empty, without control characters\n"
    )
    with pytest.raises(ProjectError):
        Project.open(location)


def test_an_unexpected_exception_is_one_line_without_a_traceback(project: str) -> None:
    # A terminal that cannot show Persian: printing the title raises UnicodeEncodeError, which no handler expects.
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli", "docs", project],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    err = done.stderr.decode("ascii")
    assert done.returncode == 1 and "Traceback" not in err and err.count("\n") == 1
    assert err.startswith("barchasb: error: internal error: UnicodeEncodeError: 'ascii' codec can't encode")
    assert err.endswith(" (please report it)\n")


@pytest.mark.parametrize(
    ("record", "flag", "message"),
    [
        ('{"id": "a\\u001b[31m", "text": "علی آمد"}', (), "document id 'a\\x1b[31m' holds a control character (\\x1b)"),
        ('{"id": "a\\nb", "text": "علی آمد"}', (), "document id 'a\\nb' holds a control character (\\n)"),
        ('{"id": "a\\u202eb", "text": "علی آمد"}', (), "holds a control character (\\u202e)"),
        ('{"id": "a\\u2028b", "text": "علی آمد"}', (), "holds a control character (\\u2028)"),
        ('{"id": "a\\u0085b", "text": "علی آمد"}', (), "holds a control character (\\x85)"),
        ('{"id": "ok", "text": "علی آمد", "spans": []}', ("--annotator", "x\ny"), "annotator 'x\\ny' holds"),
    ],
)
def test_control_characters_in_ids_and_annotators_are_refused_at_import(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], record: str, flag: tuple[str, ...], message: str
) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(record + "\n", encoding="utf-8")
    code, _, err = run(capsys, "import", project, str(source), *flag)
    assert code == 1 and err.startswith(f"barchasb: error: {source}:1: ") and message in err, err
    assert err.count("\n") == 1


def test_titles_keep_control_characters_but_print_escaped(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "t.jsonl"
    source.write_text('{"id": "t", "title": "x\\u001b[31my\\nz\\u202e", "text": "علی آمد"}\n', encoding="utf-8")
    assert run(capsys, "import", project, str(source))[0] == 0
    code, out, _ = run(capsys, "docs", project)
    assert code == 0 and "\x1b" not in out and "\u202e" not in out
    assert "x\\x1b[31my\\nz\\u202e" in out
    assert len(out.splitlines()) == 4  # header, two documents, total
    code, out, _ = run(capsys, "docs", project, "--json")
    assert "x\x1b[31my\nz\u202e" in {item["title"] for item in json.loads(out)}
    code, out, _ = run(capsys, "show", project, "t")
    assert out.splitlines()[0] == "t: x\\x1b[31my\\nz\\u202e"


def test_agree_and_progress_escape_annotator_names(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A name from before import checked names (or from any other writer of the project): printed, it is escaped.
    strange = "sa\x1b[31mra\nx"
    with Project.open(project) as opened:
        document = opened.document(opened.documents()[0].id)
        start = document.text.index("ارس")
        opened.add_span(document.id, strange, Span(start, start + 3, "LOC"))
        opened.add_span(document.id, "ali", Span(start, start + 3, "ORG"))
    code, out, err = run(capsys, "agree", project)
    assert code == 0 and "\x1b" not in out, err
    assert "ali ~ sa\\x1b[31mra\\nx" in out.splitlines()[3]
    code, out, _ = run(capsys, "progress", project)
    assert code == 0 and "sa\\x1b[31mra\\nx" in out and len(out.splitlines()) == 4


@pytest.mark.parametrize("value", ["nan", "1e999", "-0.5", "2", "abc"])
def test_a_minimum_confidence_outside_0_to_1_is_refused(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    from annotator.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["pretag", "unused.barchasb", "--min-confidence", value])
    assert caught.value.code == 2
    assert f"the confidence must be a number from 0 to 1, not '{value}'" in capsys.readouterr().err
