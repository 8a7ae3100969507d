"""pretag, train, evaluate and lexicon as scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from tests.annotator.pretag.test_crf import sentences


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write_conll(path: Path, n: int, seed: int) -> Path:
    path.write_text(
        "\n\n".join(
            "\n".join(f"{w}\t{t}" for w, t in zip(words, tags, strict=True)) for words, tags in sentences(n, seed)
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def test_evaluate_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    train = write_conll(tmp_path / "train.conll", 150, 1)
    test = write_conll(tmp_path / "test.conll", 30, 9)
    code, out, _ = run(capsys, "evaluate", "--train", str(train), "--test", str(test), "--json")
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"precision", "recall", "f1", "per_type", "train_seconds", "tokens_per_second"}
    assert set(result["per_type"]) == {"PER", "LOC"}
    assert set(result["per_type"]["PER"]) == {"precision", "recall", "f1", "support"}
    assert 0.9 <= result["f1"] <= 1.0 and result["train_seconds"] > 0 and result["tokens_per_second"] > 0
    code, out, _ = run(capsys, "evaluate", "--train", str(train), "--test", str(test))
    assert code == 0 and "micro" in out and "tokens/s" in out


def test_train_pretag_evaluate_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = str(tmp_path / "p.barchasb")
    run(capsys, "new", project)
    train = write_conll(tmp_path / "train.conll", 150, 1)
    code, _, err = run(capsys, "evaluate", project, "--test", str(train))
    assert code == 1 and "no trained model" in err
    code, _, err = run(capsys, "train", project)
    assert code == 1 and "no document has any annotations" in err
    code, out, _ = run(capsys, "train", project, "--conll", str(train))
    assert code == 0 and "sentences from" in out and "labels LOC, PER" in out
    (tmp_path / "news.txt").write_text("دیروز رضا موسوی در مشهد سخنرانی کرد", encoding="utf-8")
    run(capsys, "import", project, str(tmp_path / "news.txt"))
    code, out, _ = run(capsys, "pretag", project, "--taggers", "model", "--annotator", "sara")
    assert code == 0 and "2 suggestions in layer sara (crf 2)" in out
    doc = json.loads(run(capsys, "show", project, "news", "--json")[1])
    labels = [(doc["text"][s["start"] : s["end"]], s["label"], s["status"]) for s in doc["layers"]["sara"]["spans"]]
    assert labels == [("رضا موسوی", "PER", "suggested"), ("مشهد", "LOC", "suggested")]
    code, out, _ = run(capsys, "evaluate", project, "--test", str(write_conll(tmp_path / "t.conll", 20, 5)), "--json")
    assert code == 0 and json.loads(out)["f1"] > 0.9


def test_lexicon_import_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = str(tmp_path / "p.barchasb")
    run(capsys, "new", project)
    good = tmp_path / "lex.tsv"
    good.write_text("سازمان منطقه آزاد ارس\tORG\nجلفا\tloc\t4\n", encoding="utf-8")
    assert run(capsys, "lexicon", project, "--import", str(good))[1].startswith("imported 2 lexicon entries")
    bad = tmp_path / "bad.tsv"
    bad.write_text("جلفا\tLOC\nتهران\tCITY\n", encoding="utf-8")
    code, _, err = run(capsys, "lexicon", project, "--import", str(bad))
    assert code == 1 and f"{bad}:2: label 'CITY' is not in the schema" in err
    out_file = tmp_path / "out.tsv"
    assert run(capsys, "lexicon", project, "--export", str(out_file))[0] == 0
    assert out_file.read_text(encoding="utf-8").splitlines() == ["جلفا\tLOC\t4", "سازمان منطقه آزاد ارس\tORG\t1"]
    (tmp_path / "n.txt").write_text("مسئولان در جلفا و سازمان منطقه آزاد ارس", encoding="utf-8")
    run(capsys, "import", project, str(tmp_path / "n.txt"))
    code, out, _ = run(capsys, "pretag", project, "--taggers", "gazetteer")
    assert "2 suggestions in layer auto (gazetteer 2)" in out
