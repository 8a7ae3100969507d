"""Stored models are signed with this user's key; crfsuite never sees one this installation did not write."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.errors import ConfigError, ModelUntrusted
from annotator.store import Project
from annotator.store.signing import KEY_SIZE, key_path, signature
from annotator.userdirs import CONFIG_ENV, config_dir
from tests.conftest import ROOT
from tests.hostile import files

META = json.dumps({"labels": ["PER"]})
DATA = b"crfsuite model bytes" * 50
RETRAIN = "retrain with `barchasb train`"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh config folder for this test alone (no key yet)."""
    folder = tmp_path / "config" / "barchasb"
    monkeypatch.setenv(CONFIG_ENV, str(folder))
    return folder


def saved(path: Path) -> Path:
    files.project(path)
    with Project.open(path) as project:
        project.save_model("crf", META, DATA)
    return path


def test_a_model_saved_here_loads_and_the_key_is_private(tmp_path: Path, config: Path) -> None:
    path = saved(tmp_path / "p.barchasb")
    key = key_path().read_bytes()
    assert key_path() == config / "model-key" and len(key) == KEY_SIZE
    assert stat.S_IMODE(key_path().stat().st_mode) == 0o600 and stat.S_IMODE(config.stat().st_mode) == 0o700
    with Project.open(path) as project:
        assert project.load_model("crf") == (META, DATA)
        assert project.load_model("other") is None
        project.save_model("crf", META, DATA + b"!")  # the key is made once, then reused
        assert project.load_model("crf") == (META, DATA + b"!")
    assert key_path().read_bytes() == key


@pytest.mark.parametrize(
    ("column", "value", "why"),
    [
        ("data", DATA[:20], "altered"),
        ("data", DATA + b"\x00", "altered"),
        ("meta", json.dumps({"labels": ["PER", "LOC"]}), "altered"),
        ("name", "crf2", "altered"),
        ("signature", b"\x00" * 32, "altered"),
        ("signature", "text", "altered"),
        ("signature", None, "not signed"),
    ],
)
def test_an_altered_or_unsigned_model_is_refused(
    tmp_path: Path, config: Path, column: str, value: object, why: str
) -> None:
    path = files.set_cell(saved(tmp_path / "p.barchasb"), "models", column, value)
    name = "crf2" if column == "name" else "crf"
    with Project.open(path) as project, pytest.raises(ModelUntrusted) as caught:
        project.load_model(name)
    message = str(caught.value)
    assert message.startswith(f"{path}: model {name!r}: the model ") and why in message and RETRAIN in message


def test_a_model_signed_with_another_key_is_refused(
    tmp_path: Path, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "someone-else"))
    path = saved(tmp_path / "p.barchasb")
    monkeypatch.setenv(CONFIG_ENV, str(config))
    with Project.open(path) as project, pytest.raises(ModelUntrusted, match="signed by another installation"):
        project.load_model("crf")  # no key here yet
    saved(tmp_path / "mine.barchasb")  # now this user has a key of their own
    with Project.open(path) as project, pytest.raises(ModelUntrusted, match=r"altered, or signed by another"):
        project.load_model("crf")


def test_a_model_from_before_signing_is_refused_with_the_reason(tmp_path: Path, config: Path) -> None:
    path = files.old_version(tmp_path / "v5.barchasb", 5)
    files.with_sql(path, f"INSERT INTO models(name, meta, data) VALUES ('crf', '{META}', x'00')")
    with Project.open(path) as project, pytest.raises(ModelUntrusted) as caught:
        project.load_model("crf")
    assert "not signed (an older Barchasb or another tool stored it)" in str(caught.value) and RETRAIN in str(
        caught.value
    )


def test_the_signature_covers_each_part_without_ambiguity() -> None:
    key = bytes(range(32))
    base = signature(key, "crf", "{}", b"data")
    assert len(base) == 32
    assert base != signature(key, "crf{", "}", b"data")  # moving a byte from one part to the next
    assert base != signature(key, "crf", "{}d", b"ata")
    assert base != signature(bytes(32), "crf", "{}", b"data")


def test_a_key_others_can_read_or_a_damaged_key_is_refused(tmp_path: Path, config: Path) -> None:
    path = saved(tmp_path / "p.barchasb")
    key_path().chmod(0o644)
    with Project.open(path) as project, pytest.raises(ConfigError, match=r"can be read or changed by other users"):
        project.load_model("crf")
    key_path().chmod(0o600)
    key_path().write_bytes(b"short")
    with Project.open(path) as project, pytest.raises(ConfigError, match=r"damaged \(5 bytes, not 32\)"):
        project.save_model("crf", META, DATA)


def test_the_config_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CONFIG_ENV)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_dir() == tmp_path / "barchasb"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/dir")  # the XDG spec says to ignore a relative path
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert config_dir() == tmp_path / "home" / ".config" / "barchasb"


def test_pretag_refuses_a_truncated_model_instead_of_crashing(tmp_path: Path) -> None:
    """Before: crfsuite parsed the cut model and the process died (SIGSEGV, exit 139)."""
    from annotator.pretag.crf import CrfTagger

    words = files.TEXT.split()
    sentences = [(words, ["B-PER" if w == "علی" else "O" for w in words])] * 5
    model = CrfTagger.train(sentences)
    path = files.project(tmp_path / "p.barchasb")
    with Project.open(path) as project:
        project.save_model("crf", *model.serialize())
        assert project.load_model("crf") is not None
    files.with_sql(path, "UPDATE models SET data = substr(data, 1, length(data) / 3)")
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli", "pretag", str(path), "--taggers", "model"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ},
    )
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert done.stderr.startswith(f"barchasb: error: {path}: model 'crf': the model was altered")
    assert RETRAIN in done.stderr and done.stderr.count("\n") == 1


def test_pretagging_with_every_tagger_skips_an_untrusted_model_and_says_why(tmp_path: Path) -> None:
    """The window pre-tags with every tagger: an old or foreign model must not stop the rules and gazetteer."""
    from annotator.pretag.crf import CrfTagger
    from annotator.pretag.pipeline import pretag

    words = files.TEXT.split()
    model = CrfTagger.train([(words, ["B-PER" if w == "علی" else "O" for w in words])] * 5)
    path = files.project(tmp_path / "p.barchasb")
    with Project.open(path) as project:
        project.save_model("crf", *model.serialize())
    files.with_sql(path, "UPDATE models SET signature = NULL")
    with Project.open(path) as project:
        report = pretag(project, [project.documents()[0].id])
    assert any("not signed" in note and RETRAIN in note and "model tagger was skipped" in note for note in report.notes)
