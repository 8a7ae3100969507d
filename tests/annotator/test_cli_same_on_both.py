"""What the command line prints for people (tables, documents, reports, errors) is the same on a file and a server.

tests/annotator/store/test_same_on_both.py compares the JSON outputs and exports of a team session; this
one compares the human-readable side and the commands that session leaves out: show, docs, progress,
agree (and its CSV), curate, the lexicon both ways, evaluate and pretag with a stored model, render, and
the errors. The model is trained once and stored in both projects (crfsuite's training is not repeatable
bit for bit, so training in each would compare two different models).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.pretag.crf import MODEL_NAME, CrfTagger
from annotator.pretag.training import conll_sentences
from annotator.store import Project
from tests.conftest import DATA, ROOT, SAMPLE

Step = list[str] | Callable[[str], None]
DOC = "ilna-aras-free-zone"


def commands(location: str, work: Path, model: tuple[str, bytes]) -> list[Step]:
    def store_model(where: str) -> None:
        with Project.open(where) as project:
            project.save_model(MODEL_NAME, *model)

    lexicon = work / "lexicon.tsv"
    lexicon.write_text("تبریز\tLOC\t3\nایلنا\tORG\t1\n", encoding="utf-8")
    p, w = location, str(work)
    return [
        ["new", p, "--schema", "combined"],
        [
            "import",
            p,
            str(SAMPLE),
            str(ROOT / "samples" / "team"),
            str(DATA / "mixed.jsonl"),
            str(DATA / "arman.conll"),
        ],
        ["docs", p],
        ["show", p, DOC],
        ["show", p, "e1"],
        ["lexicon", p, "--import", str(lexicon)],
        ["lexicon", p, "--export", f"{w}/lexicon-out.tsv"],
        ["assign", p, "--annotators", "ali,sara,zahra", "--per-doc", "2"],
        ["progress", p],
        ["agree", p],
        ["agree", p, "--csv", f"{w}/agree.csv", "--annotators", "ali,sara"],
        ["curate", p],
        ["curate", p, "--auto"],
        ["curate", p, "--auto", "--min-agree", "1"],
        ["progress", p],
        ["docs", p],
        store_model,
        ["evaluate", p, "--test", str(DATA / "parstwiner.txt")],
        ["pretag", p, "--annotator", "bot"],
        ["pretag", p, "e1", "--annotator", "bot", "--taggers", "model", "--min-confidence", "0.5"],
        ["show", p, DOC],
        ["show", p, "e1"],
        ["assign", p, "--annotators", "zahra", "--remove"],
        ["progress", p],
        ["package", p, "--annotator", "ali", "--out", f"{w}/ali.pkg"],
        ["merge", p, f"{w}/ali.pkg"],
        ["render", p, "e1", "--out", f"{w}/e1.png", "--layer", "ali"],
        # errors, worded the same
        ["show", p, "nope"],
        ["export", p, "--format", "conll", "--out", f"{w}/x.conll", "--layer", "nobody"],
        ["lexicon", p, "--import", str(DATA / "arman.conll")],
        ["merge", p, str(DATA / "mixed.jsonl")],
        ["pretag", p, "nope"],
        ["agree", p, "--annotators", "ali,omid"],
        ["import", p, str(DATA / "legacy-1256.txt"), "--encoding", "utf-8"],
    ]


def session(
    location: str, work: Path, model: tuple[str, bytes], capsys: pytest.CaptureFixture[str]
) -> list[tuple[str, object, str, str]]:
    """Each step's arguments, exit status, output and error (the location written P, the folder W)."""
    work.mkdir()
    done: list[tuple[str, object, str, str]] = []
    capsys.readouterr()
    for step in commands(location, work, model):
        if callable(step):
            step(location)
            continue
        status = main(step)
        out, err = capsys.readouterr()
        shown = " ".join(step).replace(location, "P").replace(str(work), "W")
        done.append((shown, status, _plain(out, location, work), _plain(err, location, work)))
    for path in sorted(p for p in work.iterdir() if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # a package: its JSON, but for the second it was written in
            package = json.loads(gzip.decompress(data))
            package.pop("created")
            data = json.dumps(package, ensure_ascii=False, sort_keys=True).encode()
        done.append((f"file {path.name}", 0, data.hex() if path.suffix == ".png" else data.decode("utf-8"), ""))
    return done


def _plain(text: str, location: str, work: Path) -> str:
    text = text.replace(location, "P").replace(str(work), "W")
    text = re.sub(r"training \d+\.\d s; tagging [\d,]+ tokens/s", "training T s; tagging N tokens/s", text)
    return text


def test_every_command_says_the_same_on_a_file_and_on_the_server(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    model = CrfTagger.train(conll_sentences(DATA / "parstwiner.txt")).serialize()
    on_file = session(str(tmp_path / "same.barchasb"), tmp_path / "file", model, capsys)
    on_server = session(pg_url, tmp_path / "server", model, capsys)
    assert [step[:2] for step in on_server] == [step[:2] for step in on_file]
    for server_step, file_step in zip(on_server, on_file, strict=True):
        assert server_step == file_step, server_step[0]
    statuses = [status for _, status, _, _ in on_file]
    assert statuses[:26] == [0] * 26 and statuses[26:33] == [1] * 7, statuses  # the errors are errors
    assert "crf " in on_file[17][2] and "(suggested)" in on_file[19][2]  # the stored model tagged something
