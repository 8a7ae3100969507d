"""The command line as scripts use it: exit codes, messages and the JSON contracts, on a file and on a server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from annotator.cli import main
from annotator.store import Project
from tests.conftest import ROOT, SAMPLE
from tests.storage import on_server

if TYPE_CHECKING:
    from tests.pgserver import PgServer


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def new_location(location: str, name: str, request: pytest.FixtureRequest) -> str:
    """Another place of the kind ``location`` is: ``NAME.barchasb`` beside it, or a fresh database on its server."""
    if on_server(location):
        server: PgServer = request.getfixturevalue("pg_server")
        return server.database()
    return str(Path(location).with_name(f"{name}.barchasb"))


@pytest.fixture
def project(location: str, capsys: pytest.CaptureFixture[str]) -> str:
    """A new empty project: a file, or a server database (every test that uses it runs on both)."""
    assert run(capsys, "new", location)[0] == 0
    return location


def test_new_defaults_and_options(
    location: str, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "new", location)
    assert code == 0 and "schema combined" in out and "normalization standard" in out
    assert out.startswith(f"created {location}: ")
    other = new_location(location, "b", request)
    code, out, _ = run(capsys, "new", other, "--schema", "peyma", "--normalize", "letters")
    assert code == 0 and "PER, ORG, LOC, DAT, TIM, MON, PCT" in out
    code, _, err = run(capsys, "new", location)
    refusal = "already holds a Barchasb project" if on_server(location) else "already exists"
    assert code == 1 and refusal in err
    with Project.open(location) as opened:  # the refused `new` left the first project as it was
        assert opened.schema.name == "combined" and str(opened.normalization) == "standard"
    with Project.open(other) as opened:
        assert opened.schema.name == "peyma" and str(opened.normalization) == "letters"


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


def test_label_map_and_add_labels(
    project: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "import", project, str(data_dir / "arman.conll"))  # pers, event: known spellings
    assert code == 0 and "imported 2 documents with 6 entities" in out, err
    odd = tmp_path / "odd.conll"
    odd.write_text("علی B-pers\nرفت O\n\nکنفرانس B-conf\nبود O\n\nجلسه B-meet\n", encoding="utf-8")
    code, _, err = run(capsys, "import", project, str(odd))
    assert code == 1 and f"{odd}:4: labels not in the schema" in err
    assert "conf (1), meet (1, line 7);" in err
    code, out, _ = run(capsys, "import", project, str(odd), "--label-map", "conf=EVE,meet=EVE")
    assert code == 0 and "imported 1 document with 3 entities" in out


def test_console_script_runs_as_module(location: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "annotator.cli", "new", location, "--schema", "arman"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with Project.open(location) as opened:
        assert opened.schema.name == "arman"


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


def test_evaluate_says_conlleval_miscounts_bioes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = ["علی S-PER", "به O", "تهران S-LOC", "رفت O", "", "بانک B-ORG", "ملی E-ORG", "سود O", ""]
    bioes = tmp_path / "bioes.conll"
    bioes.write_text("\n".join(rows * 20) + "\n", encoding="utf-8")
    iob2 = tmp_path / "iob2.conll"
    iob2.write_text(bioes.read_text(encoding="utf-8").replace("S-", "B-").replace("E-", "I-"), encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", "--train", str(iob2), "--test", str(bioes))
    assert code == 0 and "conlleval knows only IOB and counts S- and E- entities wrongly" in out
    code, out, _ = run(capsys, "evaluate", "--train", str(iob2), "--test", str(iob2))
    assert code == 0 and "conlleval" not in out


def test_export_formats_listed_by_the_parser_are_the_writers(capsys: pytest.CaptureFixture[str]) -> None:
    from annotator.cli import EXPORT_FORMATS
    from exports import FORMATS

    assert EXPORT_FORMATS == FORMATS


def test_import_split_and_export_flags(
    project: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "import", project, str(data_dir / "parstwiner.txt"), "--split", "dev")
    assert code == 0 and "split validation (--split)" in out
    code, out, err = run(
        capsys, "export", project, "--format", "hf", "--out", str(tmp_path / "h"), "--license", "cc-by-4.0"
    )
    assert code == 0, err
    assert "(validation 1; the corpus's own splits)" in out
    assert "license: cc-by-4.0" in (tmp_path / "h" / "README.md").read_text(encoding="utf-8")
    code, out, err = run(
        capsys, "export", project, "--format", "label-studio", "--out", str(tmp_path / "ls"), "--as", "predictions"
    )
    assert code == 0, err
    assert "predictions" in (tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8")
    code, out, err = run(capsys, "export", project, "--format", "label-studio", "--out", str(tmp_path / "one.json"))
    assert code == 0 and "note: no labeling_config.xml beside a single file" in out
    code, _, err = run(
        capsys, "export", project, "--format", "conll", "--out", str(tmp_path / "c.conll"), "--label-map", "PER"
    )
    assert code == 1 and "--label-map: expected FROM=TO" in err
