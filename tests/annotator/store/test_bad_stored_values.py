"""Settings, statuses and counts that another tool wrote wrong: refused with a typed error, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.errors import ProjectCorrupt
from annotator.importers import ImportOptions, import_paths
from annotator.schema import preset
from annotator.store import Project
from tests.conftest import ROOT, SAMPLE
from tests.storage import plain, query


def made(location: str) -> str:
    """A project with the samples and the team's layers (so `curate --auto` has agreed spans to add)."""
    with Project.create(location, preset("combined")) as project:
        import_paths(project, [SAMPLE, *sorted((ROOT / "samples" / "team").iterdir())], ImportOptions())
    return location


def run(location: str, sql: str) -> None:
    with plain(location) as conn:
        conn.execute(sql.replace("?", "%s") if location.startswith("postgresql") else sql)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("schema", "{not json", "schema"),
        ("schema", '{"name": 3}', "schema"),
        ("normalization", "zzz", "normalization"),
    ],
)
def test_a_project_with_bad_settings_is_refused_at_open(
    location: str, key: str, value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    made(location)
    run(location, f"UPDATE settings SET value = '{value}' WHERE key = '{key}'")
    before = query(location, "SELECT count(*) FROM spans")
    with pytest.raises(ProjectCorrupt, match=message):
        Project.open(location)
    capsys.readouterr()
    assert main(["curate", location, "--auto"]) == 1
    assert main(["train", location, "--layer", "ali"]) == 1
    err = capsys.readouterr().err
    assert "barchasb: error:" in err and "Traceback" not in err
    assert query(location, "SELECT count(*) FROM spans") == before
    assert query(location, "SELECT count(*) FROM models") == [(0,)]


def test_an_unknown_layer_status_names_the_field(location: str, capsys: pytest.CaptureFixture[str]) -> None:
    made(location)
    run(location, "UPDATE layers SET status = 'zzz'")
    with Project.open(location) as project, pytest.raises(ProjectCorrupt, match=r"status 'zzz'"):
        project.progress()
    capsys.readouterr()
    assert main(["progress", location]) == 1
    err = capsys.readouterr().err
    assert "status 'zzz'" in err and "Traceback" not in err


def test_a_lexicon_count_that_is_not_a_number_names_the_field(tmp_path: object) -> None:
    location = made(str(tmp_path) + "/p.barchasb")  # a server's column holds integers only
    run(location, "INSERT INTO lexicon(text, label, count) VALUES ('', 'XYZ', 'a')")
    with Project.open(location) as project, pytest.raises(ProjectCorrupt, match=r"lexicon count"):
        project.lexicon()


def test_lexicon_counts_that_add_up_stop_at_the_bound_the_lexicon_file_reads(tmp_path: Path) -> None:
    """Before: two imports of 2**63-1 stored 1.8e19, which `lexicon --export` wrote and could not read back."""
    with Project.create(tmp_path / "p.barchasb", preset("combined")) as project:
        for _ in range(3):
            project.add_lexicon([("تهران", "LOC", 600_000_000_000)])
        assert project.lexicon() == [("تهران", "LOC", 1_000_000_000_000)]
