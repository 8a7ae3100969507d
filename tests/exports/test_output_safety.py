"""Export targets: the user's files survive, a kill leaves a whole export, projects are never written over."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.errors import ExportError
from annotator.store import Project
from annotator.tags import Scheme
from exports import ExportOptions, export
from exports.folder import MANIFEST, recover
from tests.conftest import ROOT
from tests.exports.conftest import file_only


def snapshot(folder: Path) -> dict[str, bytes]:
    """The files an export wrote there (from its manifest), with their bytes."""
    files = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    return {name: (folder / name).read_bytes() for name in files}


def add_user_files(folder: Path) -> None:
    (folder / "LICENSE").write_text("CC BY 4.0\n", encoding="utf-8")
    (folder / "notes").mkdir()
    (folder / "notes" / "todo.txt").write_text("check ORG heads\n", encoding="utf-8")


def assert_user_files(folder: Path) -> None:
    assert (folder / "LICENSE").read_text(encoding="utf-8") == "CC BY 4.0\n"
    assert (folder / "notes" / "todo.txt").read_text(encoding="utf-8") == "check ORG heads\n"


def test_reexport_keeps_the_users_files_and_replaces_only_its_own(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(project, ExportOptions("conll", out))
    assert sorted(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]) == [
        "test.conll",
        "train.conll",
        "validation.conll",
    ]
    add_user_files(out)
    report = export(project, ExportOptions("conll", out, split="0.5,0.5", scheme=Scheme.BIOES))
    assert_user_files(out)
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "LICENSE", "notes", "test.conll", "train.conll"]
    assert sorted(p.name for p in report.files) == ["test.conll", "train.conll"]  # not the user's files
    assert "E-" in (out / "train.conll").read_text(encoding="utf-8") + (out / "test.conll").read_text(encoding="utf-8")


def test_a_folder_no_export_wrote_is_refused_with_its_files_listed(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("precious", encoding="utf-8")
    (out / "figures").mkdir()
    (out / "figures" / "a.png").write_bytes(b"png")
    with pytest.raises(ExportError, match=r"not written by barchasb export \(it holds figures/, thesis\.tex\)"):
        export(project, ExportOptions("conll", out))
    assert sorted(p.name for p in out.iterdir()) == ["figures", "thesis.tex"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".mine")]


def test_a_foreign_folder_is_refused_from_its_top_level_without_walking_it(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "big"
    for n in range(13):
        (out / f"d{n:02}" / "deep").mkdir(parents=True)
        (out / f"d{n:02}" / "deep" / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        export(project, ExportOptions("conll", out))
    message = str(caught.value)
    assert "not empty" in message
    assert "d00/, d01/" in message and "d09/ and 3 more" in message
    assert "deep" not in message and "d10" not in message


def test_an_export_never_overwrites_a_file_the_user_put_there(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(project, ExportOptions("conll", out, split="1"))
    (out / "test.conll").write_text("my own test set\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"would overwrite files it did not write: test\.conll"):
        export(project, ExportOptions("conll", out, split="0.5,0.5"))
    assert (out / "test.conll").read_text(encoding="utf-8") == "my own test set\n"
    assert list(snapshot(out)) == ["train.conll"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_an_old_export_with_the_legacy_marker_keeps_unknown_files(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".barchasb-export").write_text("written by barchasb export\n", encoding="utf-8")
    (out / "train.conll").write_text("old\tO\n", encoding="utf-8")
    add_user_files(out)
    export(project, ExportOptions("conll", out))
    assert_user_files(out)
    assert not (out / ".barchasb-export").exists()
    assert (out / "train.conll").read_text(encoding="utf-8") != "old\tO\n"


def test_a_symlink_out_writes_through_to_the_earlier_export(project: Project, tmp_path: Path) -> None:
    real = tmp_path / "exports" / "v1"
    real.parent.mkdir()
    export(project, ExportOptions("conll", real))
    add_user_files(real)
    link = tmp_path / "latest"
    link.symlink_to(real, target_is_directory=True)
    export(project, ExportOptions("conll", link, scheme=Scheme.BIOES))
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert_user_files(real)
    assert "E-" in "".join(p.read_text(encoding="utf-8") for p in real.glob("*.conll"))
    single = tmp_path / "one.conll"
    export(project, ExportOptions("conll", single))
    alias = tmp_path / "alias.conll"
    alias.symlink_to(single)
    export(project, ExportOptions("conll", alias, scheme=Scheme.BIOES))
    assert alias.is_symlink() and "E-" in single.read_text(encoding="utf-8")


def test_single_file_targets_that_cannot_be_written(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "x.conll"
    folder.mkdir()
    with pytest.raises(ExportError, match=r"x\.conll: is a folder; give a file name"):
        export(project, ExportOptions("conll", folder))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ExportError, match=r"file: is not a folder"):
        export(project, ExportOptions("conll", blocker / "x.conll"))
    with pytest.raises(ExportError, match=r"missing: no such folder"):
        export(project, ExportOptions("conll", tmp_path / "missing" / "x.conll"))
    with pytest.raises(ExportError, match="exists and is not a folder"):
        export(project, ExportOptions("conll", blocker))
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_gives_a_message(project: Project, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    export(project, ExportOptions("conll", locked / "old.conll"))
    locked.chmod(0o555)
    try:
        with pytest.raises(ExportError, match=r"old\.conll: cannot write \(Permission denied\)"):
            export(project, ExportOptions("conll", locked / "old.conll", scheme=Scheme.BIOES))
        with pytest.raises(ExportError, match="Permission denied"):
            export(project, ExportOptions("conll", locked / "folder"))
    finally:
        locked.chmod(0o755)
    assert "E-" not in (locked / "old.conll").read_text(encoding="utf-8")


@file_only
def test_the_open_project_file_is_refused(project: Project, tmp_path: Path) -> None:
    before = project.path.read_bytes()
    hard = tmp_path / "hard.conll"
    os.link(project.path, hard)
    soft = tmp_path / "soft.conll"
    soft.symlink_to(project.path)
    targets = {
        project.path: "is the open project",
        hard: "is the open project",
        soft: "is the open project",
        Path(f"{project.path}-shm"): "open project's shm file",
    }
    for target, why in targets.items():
        for fmt in ("conll", "jsonl", "hf"):
            with pytest.raises(ExportError, match=why):
                export(project, ExportOptions(fmt, target, split="1"))
    assert project.path.read_bytes() == before and len(project.documents()) == 3


def test_any_project_file_is_refused(project: Project, tmp_path: Path) -> None:
    other = Project.create(tmp_path / "other.barchasb", project.schema)  # a file, whatever the open project is
    other.close()
    before = (tmp_path / "other.barchasb").read_bytes()
    targets = {
        tmp_path / "other.barchasb": "is a Barchasb project",
        tmp_path / "other.barchasb-wal": "wal file of a Barchasb project",
    }
    for target, why in targets.items():
        for fmt in ("conll", "jsonl", "hf"):
            with pytest.raises(ExportError, match=why):
                export(project, ExportOptions(fmt, target, split="1"))
    assert (tmp_path / "other.barchasb").read_bytes() == before and len(project.documents()) == 3
    assert not (tmp_path / "other.barchasb-wal").exists()


def test_recover_puts_back_an_export_a_kill_left_as_a_backup(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(project, ExportOptions("conll", out))
    add_user_files(out)
    old = snapshot(out)
    backup = tmp_path / ".out.barchasb-old-0123abcd"
    out.rename(backup)  # where a kill between the two renames of a system without exchange leaves it
    staging = tmp_path / ".out.barchasb-stage-4567ef01"
    staging.mkdir()
    (staging / "train.conll").write_text("half\n", encoding="utf-8")
    legacy = tmp_path / ".out.k2j4_x9a"  # mkdtemp staging of the exports before the manifest
    (legacy / "export").mkdir(parents=True)
    recover(out)
    assert snapshot(out) == old
    assert_user_files(out)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


KILL_RUN = """
import sys
from annotator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_kill_at_any_step_leaves_the_old_or_the_new_export(project: Project, tmp_path: Path) -> None:
    """SIGKILL the export at each step of its swap: --out always holds one whole export and the user's files."""
    out = tmp_path / "out"
    reference = tmp_path / "reference"
    export(project, ExportOptions("conll", reference, scheme=Scheme.BIOES, layer="sara"))
    new = snapshot(reference)
    args = [str(project.path), "--format", "conll", "--out", str(out), "--scheme", "bioes", "--layer", "sara"]
    outcomes = []
    for step in range(1, 30):
        fresh = not out.exists()
        export(project, ExportOptions("conll", out, layer="sara"))  # back to the old export, user's files kept
        if fresh:
            add_user_files(out)
        old = snapshot(out)
        assert old != new
        env = {**os.environ, "BARCHASB_TEST_KILL_AT_STEP": str(step)}
        done = subprocess.run(
            [sys.executable, "-c", KILL_RUN, "export", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert done.returncode in (0, -9), done.stderr
        assert out.is_dir(), f"no export at --out after a kill at step {step}"
        assert snapshot(out) in (old, new), f"a mixed export after a kill at step {step}"
        assert_user_files(out)
        outcomes.append("old" if snapshot(out) == old else "new")
        if done.returncode == 0:
            break
    assert done.returncode == 0, "the export never got to the end"
    assert "old" in outcomes and outcomes[-2:] == ["new", "new"]  # killed before and after the swap
    export(project, ExportOptions("conll", out, layer="sara"))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []  # leftovers cleaned


FULL_DISK = """
import resource, signal, sys
from annotator.cli import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))  # every write past 64 bytes fails, as on a full disk
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("target", ["one.conll", "folder"])
def test_a_full_disk_keeps_the_old_export(project: Project, tmp_path: Path, target: str) -> None:
    out = tmp_path / target
    export(project, ExportOptions("conll", out, layer="sara"))
    before = out.read_bytes() if out.is_file() else snapshot(out)
    args = ["export", str(project.path), "--format", "conll", "--out", str(out), "--layer", "sara", "--scheme", "bioes"]
    done = subprocess.run([sys.executable, "-c", FULL_DISK, *args], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith(f"barchasb: error: {out}: cannot write") and "File too large" in done.stderr
    assert "Traceback" not in done.stderr
    assert (out.read_bytes() if out.is_file() else snapshot(out)) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(f".{target}")) == []


def test_leftovers_of_killed_runs_go_but_those_of_running_ones_stay(project: Project, tmp_path: Path) -> None:
    from annotator.outputs import claim, release

    single = tmp_path / "one.conll"
    dead_file = tmp_path / ".one.conll.barchasb-tmp-00000000.conll"
    live_file = tmp_path / ".one.conll.barchasb-tmp-11111111.conll"
    folder = tmp_path / "out"
    dead_stage = tmp_path / ".out.barchasb-stage-00000000"
    live_stage = tmp_path / ".out.barchasb-stage-11111111"
    for path in (dead_file, live_file):
        path.write_text("half", encoding="utf-8")
    for path in (dead_stage, live_stage):
        path.mkdir()
    claims = [claim(live_file), claim(live_stage)]  # as a concurrent export holds them
    try:
        export(project, ExportOptions("conll", single))
        export(project, ExportOptions("conll", folder))
    finally:
        for handle in claims:
            release(handle)
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert left == sorted([live_stage.name, live_file.name])
