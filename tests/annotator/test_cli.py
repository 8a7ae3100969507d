"""The command line as scripts use it: exit codes, messages and the JSON contracts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from tests.conftest import ROOT, SAMPLE


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "p.barchasb")
    assert run(capsys, "new", path)[0] == 0
    return path


def test_new_defaults_and_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new", str(tmp_path / "a.barchasb"))
    assert code == 0 and "schema combined" in out and "normalization standard" in out
    code, out, _ = run(capsys, "new", str(tmp_path / "b.barchasb"), "--schema", "peyma", "--normalize", "letters")
    assert code == 0 and "PER, ORG, LOC, DAT, TIM, MON, PCT" in out
    code, _, err = run(capsys, "new", str(tmp_path / "a.barchasb"))
    assert code == 1 and "already exists" in err


def test_import_docs_show_json_contract(project: str, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import", project, str(SAMPLE), str(data_dir / "mixed.jsonl"), "--annotator", "ali")
    assert code == 0 and "imported 4 documents with 5 entities" in out

    code, out, _ = run(capsys, "docs", project, "--json")
    docs = json.loads(out)
    assert [d["id"] for d in docs] == ["ilna-aras-free-zone", "e1", "mixed-2", "7"]
    assert set(docs[0]) == {"id", "title", "tokens", "status", "layers"}
    assert docs[0]["layers"] == [] and docs[1]["layers"] == ["ali"] and docs[3]["layers"] == ["sara"]
    assert docs[0]["status"] == "new" and docs[0]["tokens"] > 300

    code, out, _ = run(capsys, "show", project, "e1", "--json")
    doc = json.loads(out)
    assert set(doc) == {"id", "title", "meta", "raw_text", "text", "raw_offsets", "tokens", "sentences", "layers"}
    assert len(doc["raw_offsets"]) == len(doc["text"]) + 1
    span = doc["layers"]["ali"]["spans"][0]
    assert set(span) == {"start", "end", "label", "role", "status", "source", "confidence"}
    assert doc["text"][span["start"] : span["end"]] == "محمد تبریزی"
    assert doc["layers"]["ali"]["status"] == "in_progress"
    for s, e in doc["tokens"]:
        raw = doc["raw_text"][doc["raw_offsets"][s] : doc["raw_offsets"][e]]
        assert raw.strip()

    code, out, _ = run(capsys, "show", project, "ilna-aras-free-zone", "--json")
    sample = json.loads(out)
    assert sample["raw_text"] == SAMPLE.read_text(encoding="utf-8")
    for s, e in sample["tokens"]:
        raw = sample["raw_text"][sample["raw_offsets"][s] : sample["raw_offsets"][e]]
        # the raw form differs only by spacing and ZWNJ («ماموریت های» → «ماموریت‌های»)
        assert "".join(raw.split()).replace("\u200c", "") == sample["text"][s:e].replace("\u200c", "")


def test_human_output(project: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", project, str(SAMPLE))
    code, out, _ = run(capsys, "docs", project)
    assert code == 0 and "ilna-aras-free-zone" in out and "1 document," in out
    code, out, _ = run(capsys, "show", project, "ilna-aras-free-zone")
    assert code == 0 and "محمد تبریزی" in out


def test_errors_exit_non_zero_with_file_and_line(
    project: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "علی"}\n{"text": \n', encoding="utf-8")
    code, _, err = run(capsys, "import", project, str(SAMPLE), str(bad))
    assert code == 1 and f"{bad}:2: malformed JSON" in err
    assert json.loads(run(capsys, "docs", project, "--json")[1]) == []
    code, _, err = run(capsys, "show", project, "nope")
    assert code == 1 and "no document 'nope'" in err
    code, _, err = run(capsys, "import", project, str(SAMPLE), "--label-map", "pers")
    assert code == 1 and "expected FROM=TO" in err


def test_label_map_and_add_labels(project: str, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", project, str(data_dir / "arman.conll"))
    assert code == 1 and f"{data_dir / 'arman.conll'}:3: labels not in the schema" in err
    assert "event (1, line 14), pers (1);" in err
    code, out, _ = run(capsys, "import", project, str(data_dir / "arman.conll"), "--label-map", "pers=PER,event=EVE")
    assert code == 0 and "imported 2 documents with 6 entities" in out


def test_console_script_runs_as_module(tmp_path: Path) -> None:
    path = tmp_path / "m.barchasb"
    result = subprocess.run(
        [sys.executable, "-m", "annotator.cli", "new", str(path), "--schema", "arman"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_gui_without_a_screen_says_so(
    project: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run(capsys, "gui", project)
    assert code == 1 and "no screen" in err


def test_export_commands(project: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", project, str(data_dir / "parstwiner.txt"))
    code, out, _ = run(capsys, "export", project, "--format", "conll", "--out", str(tmp_path / "x.conll"))
    assert code == 0 and "exported layer imported: 1 document " in out and "5 entities" in out
    assert (tmp_path / "x.conll").read_text(encoding="utf-8").startswith("خبرگزاری B-ORG\nفارس I-ORG\n")
    code, _, err = run(
        capsys, "export", project, "--format", "conll", "--out", str(tmp_path / "y.conll"), "--split", "0.5,0.5"
    )
    assert code == 1 and "a single file cannot hold 2 splits" in err
    code, _, err = run(capsys, "export", project, "--format", "hf", "--out", str(tmp_path / "h"), "--layer", "zz")
    assert code == 1 and "no document has a layer 'zz' (layers: imported)" in err
    assert not (tmp_path / "h").exists()
    code, out, _ = run(capsys, "export", project, "--format", "hf", "--out", str(tmp_path / "h"), "--split", "1")
    assert code == 0 and (tmp_path / "h" / "data" / "train-00000-of-00001.parquet").exists()
