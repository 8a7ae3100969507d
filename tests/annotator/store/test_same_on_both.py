"""The whole command line on a server project says and stores exactly what it does on a file.

One session of a team's work (import, assignment, agreement, automatic curation, pre-tagging, training,
a package and its merge, every export) is run against a project file and against a PostgreSQL database;
every command's output and every document must be the same.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from annotator.cli import EXPORT_FORMATS, main
from tests.conftest import DATA, ROOT


def session(location: str, work: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, int, str, str]]:
    """Run the commands; each one's arguments, exit status, output and error, the location written as P."""
    work.mkdir()
    commands = [
        ["new", location, "--schema", "combined"],
        ["import", location, str(ROOT / "samples"), str(ROOT / "samples" / "team"), str(DATA / "mixed.jsonl")],
        ["docs", location, "--json"],
        ["assign", location, "--annotators", "ali,sara,zahra", "--per-doc", "2"],
        ["progress", location, "--json"],
        ["agree", location, "--json"],
        ["curate", location, "--auto", "--min-agree", "2"],
        ["curate", location],
        ["pretag", location, "--taggers", "rules,cues,gazetteer"],
        ["train", location, "--layer", "ali"],
        ["package", location, "--annotator", "ali", "--out", str(work / "ali.json")],
        ["merge", location, str(work / "ali.json")],  # already here: nothing changes, and it says so
        ["merge", location, str(ROOT / "tests" / "data" / "nope.json")],
        ["progress", location, "--json"],
        ["docs", location, "--json"],
        ["import", location, str(DATA / "mixed.jsonl")],  # the same texts again: nothing new
        ["show", location, "nope"],  # an error, worded the same
    ]
    for fmt in EXPORT_FORMATS:
        commands.append(["export", location, "--format", fmt, "--out", str(work / fmt), "--layer", "gold"])
    done = []
    capsys.readouterr()
    for argv in commands:
        status = main(argv)
        out, err = capsys.readouterr()
        shown = [a.replace(location, "P").replace(str(work), "W") for a in argv]
        done.append((" ".join(shown), status, _plain(out, location, work), _plain(err, location, work)))
    for info in json.loads(done[14][2]):
        assert main(["show", location, info["id"], "--json"]) == 0
        out, err = capsys.readouterr()
        done.append((f"show {info['id']}", 0, out, err))
    for path in sorted(p for p in work.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # a package: its JSON, but for the second it was written in
            package = json.loads(gzip.decompress(data))
            package.pop("created")
            data = json.dumps(package, ensure_ascii=False, sort_keys=True).encode()
        if path.name == "README.md":  # the dataset card is named after the project
            data = data.replace(location.rsplit("/", 1)[-1].removesuffix(".barchasb").encode(), b"P")
        done.append((f"file {path.relative_to(work)}", 0, data.decode("utf-8", "replace"), ""))
    return done


def _plain(text: str, location: str, work: Path) -> str:
    text = text.replace(location, "P").replace(str(work), "W")
    return "\n".join(line for line in text.splitlines() if "trained in" not in line and " s;" not in line)


def test_a_team_session_is_the_same_on_a_file_and_on_the_server(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    on_file = session(str(tmp_path / "team_project.barchasb"), tmp_path / "file", capsys)
    on_server = session(pg_url, tmp_path / "server", capsys)
    assert [step[:2] for step in on_server] == [step[:2] for step in on_file]
    for server_step, file_step in zip(on_server, on_file, strict=True):
        assert server_step == file_step, server_step[0]
    assert on_file[1][1] == 0 and on_file[-1][1] == 0 and on_file[16][1] == 1
