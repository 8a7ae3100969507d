"""No command writes over a project, and bad input ends in `barchasb: error: ...`, exit 1, nothing changed.

Every test runs on a project file and on a server project; the server's stays exactly as it was too.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from annotator.outputs import is_project_file
from annotator.store import Project
from tests.annotator.test_cli import run
from tests.conftest import SAMPLE
from tests.storage import on_server

WORDS = "علی دایی به تهران رفت ."


def state(path: str | Path) -> Any:
    """What a user could lose: documents, their layers and spans, the schema, the lexicon."""
    with Project.open(path) as project:
        documents = [info.to_json() for info in project.documents()]
        content = [
            (d.id, d.text, {name: [s.to_json() for s in layer.spans] for name, layer in d.layers.items()})
            for d in project.iter_documents()
        ]
        return documents, content, project.schema.to_json(), sorted(project.lexicon())


@pytest.fixture
def project(location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A project with one article annotated by ali (so package, lexicon and agree have something to write).

    A file or a server database: every test here runs on both.
    """
    path = location
    assert run(capsys, "new", path)[0] == 0
    source = tmp_path / "ali.jsonl"
    row = {"id": "a", "text": WORDS, "spans": [{"start": 0, "end": 8, "label": "PER"}]}
    source.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(capsys, "import", path, str(source), "--annotator", "ali")[0] == 0
    return path


def fails(capsys: pytest.CaptureFixture[str], project: str, *args: str) -> str:
    """Run a command that must fail cleanly and leave the project as it was; returns its message."""
    before = state(project)
    code, out, err = run(capsys, *args)
    assert code == 1, (args, out, err)
    assert err.startswith("barchasb: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert (on_server(project) or is_project_file(project)) and state(project) == before
    return err


OUTPUTS = {
    "package": ("package", "{p}", "--annotator", "ali", "--out", "{t}"),
    "lexicon": ("lexicon", "{p}", "--export", "{t}"),
    "agree": ("agree", "{p}", "--csv", "{t}"),
    "export conll": ("export", "{p}", "--format", "conll", "--out", "{t}"),
    "export jsonl": ("export", "{p}", "--format", "jsonl", "--out", "{t}"),
    "export hf": ("export", "{p}", "--format", "hf", "--out", "{t}"),
    "render": ("render", "{p}", "a", "--out", "{t}"),
}


@pytest.mark.parametrize("command", OUTPUTS)
def test_no_output_flag_writes_over_a_project(
    command: str, project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.barchasb"
    assert run(capsys, "new", str(other))[0] == 0
    targets = {
        str(other): "is a Barchasb project",
        f"{other}-journal": "is the journal file of a Barchasb project",
    }
    if not on_server(project):  # the open project's own file, under other names: only a file project has one
        hard = tmp_path / "hard-link"
        os.link(project, hard)
        soft = tmp_path / "soft-link"
        soft.symlink_to(project)
        targets |= {
            project: "is the open project",
            str(hard): "is the open project",
            str(soft): "is the open project",
            f"{project}-wal": "is the open project's wal file",
            f"{project}-shm": "is the open project's shm file",
        }
    for target, why in targets.items():
        args = [a.format(p=project, t=target) for a in OUTPUTS[command]]
        err = fails(capsys, project, *args)
        assert f"{target}: {why}; refusing to write over it" in err
    assert is_project_file(other)
    assert on_server(project) or is_project_file(hard)


def test_package_out_must_be_a_file_in_a_folder_that_exists(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = fails(capsys, project, "package", project, "--annotator", "ali", "--out", str(tmp_path))
    assert f"{tmp_path}: is a folder; give a file name" in err
    err = fails(capsys, project, "package", project, "--annotator", "ali", "--out", str(tmp_path / "no" / "ali.gz"))
    assert f"{tmp_path / 'no'}: no such folder" in err
    err = fails(capsys, project, "package", project, "--annotator", "gold", "--out", str(tmp_path / "g.gz"))
    assert "'gold' is made by curation" in err
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("p.barchasb")] == ["ali.jsonl"]


def test_single_file_outputs_replace_the_old_file_whole(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (("lexicon", project, "--export"), ("package", project, "--annotator", "ali", "--out")):
        target = tmp_path / "out.txt"
        target.write_text("old\n", encoding="utf-8")
        os.link(target, tmp_path / "old-name")
        assert run(capsys, *args, str(target))[0] == 0
        assert target.read_bytes() != b"old\n"
        assert (tmp_path / "old-name").read_text(encoding="utf-8") == "old\n"  # replaced by a rename, not rewritten
        (tmp_path / "old-name").unlink()
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.txt")]


@pytest.mark.parametrize("encoding", ["rot13", "base64", "zlib", "no-such-codec"])
def test_encodings_that_are_not_text_encodings(encoding: str, project: str, capsys: pytest.CaptureFixture[str]) -> None:
    err = fails(capsys, project, "import", project, str(SAMPLE), "--encoding", encoding)
    assert f"{SAMPLE}: " in err and repr(encoding) in err


def jsonl(tmp_path: Path, *lines: str, name: str = "in.jsonl") -> str:
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


def test_bad_jsonl_fields_name_the_file_line_and_field(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = '{"text": "سلام"}'
    cases = {
        '{"text": "bad \\ud800 half"}': 'the "text" field has a lone surrogate (\\ud800)',
        '{"text": "x", "meta": {"k": ["\\udfff"]}}': 'the "meta.k[0]" field has a lone surrogate (\\udfff)',
        '{"text": "ab", "tokens": [[0, 2]], "raw_text": 5}': 'the "raw_text" field must be a string',
        '{"text": "ab", "tokens": [[0, 2]], "raw_text": 5, "raw_offsets": [0, 1, 2]}': '"raw_text" field must be',
        '{"text": "ab", "label": [[0, 2, "PER\\u001b[31m\\u202e"]]}': "PER\\x1b[31m\\u202e (1)",
        "[" * 100_000: "malformed JSON",
    }
    for line, message in cases.items():
        path = jsonl(tmp_path, good, line)
        err = fails(capsys, project, "import", project, path)
        assert f"{path}:2: " in err and message in err, err
        assert "\x1b" not in err and "\u202e" not in err


def test_a_pretty_printed_json_object_is_read(project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.json"
    row = {"id": "pretty", "text": "بانک ملی ایران", "spans": [{"start": 0, "end": 8, "label": "ORG"}]}
    path.write_text(json.dumps(row, ensure_ascii=False, indent=2), encoding="utf-8")
    code, out, err = run(capsys, "import", project, str(path))
    assert code == 0, err
    assert "imported 1 document with 1 entity" in out
    lines = tmp_path / "lines.json"  # JSON Lines in a .json file still work
    lines.write_text('{"text": "یک"}\n{"text": "دو"}\n', encoding="utf-8")
    assert run(capsys, "import", project, str(lines))[0] == 0
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "text": "x",\n  "id": \n}', encoding="utf-8")
    assert f"{broken}:4: not valid JSON" in fails(capsys, project, "import", project, str(broken))


def test_more_new_labels_than_free_keys(project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = [f"w{i}" for i in range(40)]
    spans = [{"start": 3 * i, "end": 3 * i + 2, "label": f"L{i:02d}"} for i in range(len(words))]
    path = jsonl(tmp_path, json.dumps({"text": " ".join(f"{w:<2}"[:2] for w in words), "spans": spans}))
    code, _, err = run(capsys, "import", project, path, "--add-labels")
    assert code == 0, err
    with Project.open(project) as opened:
        types = {t.name: t for t in opened.schema.types}
    added = [types[f"L{i:02d}"] for i in range(40)]
    keyed = [t for t in added if t.key]
    assert 10 < len(keyed) < 40 and all(len(t.key) == 1 for t in keyed)
    assert added[-1].key == ""  # beyond the free keys: no key, still a label
    assert len({t.key for t in types.values() if t.key}) == len([t for t in types.values() if t.key])


def test_unknown_labels_name_file_and_line_without_raw_controls(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.conll"
    path.write_text("علی\tB-PER\nتهران\tB-LOC\n\nبانک\tB-OR\x1bG\nملی\tI-OR\x1bG\n", encoding="utf-8")
    err = fails(capsys, project, "import", project, str(path))
    assert f"{path}:4: labels not in the schema" in err and "OR\\x1bG (1)" in err and "\x1b" not in err
    err = fails(capsys, project, "import", project, str(path), "--add-labels")
    assert f"{path}:4: cannot add label 'OR\\x1bG'" in err


@pytest.mark.parametrize("split", ["nan", "inf", "-inf", "-0.5,1.5", "0.5,0.6", "0.5,nan,0.5", "1,0", "x"])
def test_bad_split_fractions(split: str, project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "o")
    err = fails(capsys, project, "export", project, "--format", "conll", "--out", out, f"--split={split}")
    assert "--split" in err and repr(split) in err
    assert not (tmp_path / "o").exists()


def test_devices_are_written_into_never_replaced(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out /dev/full` is a full disk; a rename over it would replace the device itself (as root)."""
    link = tmp_path / "full.conll"
    link.symlink_to("/dev/full")
    for args in (("lexicon", project, "--export", "/dev/full"), ("export", project, "--format", "conll", "--out")):
        target = "/dev/full" if args[0] == "lexicon" else str(link)
        err = fails(capsys, project, *args, *([] if args[0] == "lexicon" else [target]))
        assert f"{target}: cannot write (No space left on device)" in err
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert run(capsys, "package", project, "--annotator", "ali", "--out", "/dev/null")[0] == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not [p for p in Path("/dev").iterdir() if ".barchasb-" in p.name]


def test_a_full_disk_names_the_output_not_its_temporary_file(project: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tests.exports.test_output_safety import FULL_DISK

    target = tmp_path / "agree.csv"
    target.write_text("old\n", encoding="utf-8")
    args = ["agree", project, "--annotators", "ali,ali", "--csv", str(target)]
    with Project.open(project):  # the database's -wal and -shm exist before the file size limit
        done = subprocess.run([sys.executable, "-c", FULL_DISK, *args], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr.startswith(f"barchasb: error: {target}: cannot write"), done.stderr
    assert ".barchasb-tmp-" not in done.stderr and target.read_text(encoding="utf-8") == "old\n"
