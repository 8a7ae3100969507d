"""Every input format, imported with every option, gives the same project on a file and on a server.

The same run of `barchasb import` commands (every fixture of tests/data, texts met again as layers, kept
and replaced layers, added and mapped labels, splits, refusals) goes to a project file and to a PostgreSQL
database; each command's status and words, `docs --json` and every document's `show --json` must agree.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from tests.conftest import DATA, ROOT

RUNS: list[list[str]] = [
    [str(ROOT / "samples"), str(DATA / "mixed.jsonl"), str(DATA / "news.csv"), str(DATA / "utf16-bom.txt")],
    [str(DATA / "arman.conll"), "--label-map", "pers=PER,event=EVE", "--split", "dev"],
    [str(DATA / "peyma.txt"), "--format", "conll", "--sentences-per-doc", "1"],
    [str(DATA / "parstwiner.txt"), "--annotator", "sara"],
    [str(DATA / "legacy-1256.txt"), "--normalize", "letters"],
    [str(DATA / "doccano.jsonl"), "--format", "doccano", "--annotator", "ali"],
    [str(DATA / "label-studio.json")],
    [str(DATA / "inception.tsv"), "--annotator", "gold", "--add-labels"],
    ["INPUT/again.jsonl"],  # texts already in the project: layers added, kept, or as they are
    ["INPUT/again.jsonl", "--replace"],
    ["INPUT/again.jsonl", "--annotator", "zahra"],
    ["INPUT/unknown.jsonl"],  # refused: a label not in the schema
    ["INPUT/unknown.jsonl", "--add-labels", "--label-map", "who=PER"],
    ["INPUT/clash.jsonl"],  # refused: an id already in the project, with another text
    [str(DATA / "mixed.jsonl")],  # everything already there: nothing new, and it says so
]


def inputs(folder: Path) -> Path:
    """Files whose texts the first runs import, with other entities (and one label the schema lacks)."""
    folder.mkdir()
    records = [json.loads(line) for line in (DATA / "mixed.jsonl").read_text(encoding="utf-8").splitlines()]
    again = []
    for record in records:
        again.append({"id": f"again-{len(again)}", "text": record["text"], "annotator": "sara", "label": []})
    news = "محمد تبریزی در جلفا\nگفت: سلام"  # the first row of news.csv
    again.append({"id": "again-news", "text": news, "annotator": "ali", "label": [[0, 11, "PER"], [15, 19, "LOC"]]})
    (folder / "again.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in again), "utf-8")
    unknown = [{"id": "u1", "text": "سارا به شیراز رفت", "label": [[0, 4, "WHO"], [8, 13, "CITY"]]}]
    (folder / "unknown.jsonl").write_text(json.dumps(unknown[0], ensure_ascii=False) + "\n", "utf-8")
    (folder / "clash.jsonl").write_text(json.dumps({"id": "u1", "text": "متنی دیگر"}) + "\n", "utf-8")
    return folder


def session(location: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, int, str, str]]:
    """Each command, its exit status, output and error, with the location written as P."""
    done: list[tuple[str, int, str, str]] = []
    capsys.readouterr()

    def run(argv: list[str]) -> None:
        status = main(argv)
        out, err = capsys.readouterr()
        shown = " ".join(argv)

        def plain(text: str) -> str:
            return text.replace(location, "P")

        done.append((plain(shown), status, plain(out), plain(err)))

    run(["new", location, "--schema", "combined"])
    for argv in RUNS:
        paths = [a.replace("INPUT", str(folder)) for a in argv]
        run(["import", location, *paths])
    run(["docs", location, "--json"])
    for info in json.loads(done[-1][2]):
        run(["show", location, info["id"], "--json"])
    return done


def test_every_format_imports_the_same_on_a_file_and_on_the_server(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = inputs(tmp_path / "in")
    on_file = session(str(tmp_path / "p.barchasb"), folder, capsys)
    on_server = session(pg_url, folder, capsys)
    assert [step[:2] for step in on_server] == [step[:2] for step in on_file]
    for server_step, file_step in zip(on_server, on_file, strict=True):
        assert server_step == file_step, server_step[0]
    statuses = [status for _, status, *_ in on_file]
    # the run is not vacuous: every import but the two refusals succeeded, and documents came in
    assert statuses[1 : len(RUNS) + 1] == [1 if n in (11, 13) else 0 for n in range(len(RUNS))]
    assert len(on_file) > len(RUNS) + 20
