"""Export folders: built in a hidden staging folder, swapped in whole, the user's own files kept.

The folder holds a manifest (``.barchasb-export.json``) listing the files the export wrote. A
new export replaces exactly those; anything else in the folder (a LICENSE, notes/) is the
user's and is carried over by hard links (copies where links are impossible) into the staging
folder before the swap. The swap is one ``renameat2(RENAME_EXCHANGE)`` on Linux, so ``--out``
always holds a complete old or a complete new export. Elsewhere it is two renames, and the next
run puts the backup back if a kill came between them.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import secrets
import shutil
import signal
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from annotator.errors import ExportError
from annotator.outputs import (
    TEMP_TAG,
    check_target,
    claim,
    describe,
    fsync_path,
    in_use,
    is_project_file,
    leftovers,
    release,
)

MANIFEST = ".barchasb-export.json"
LEGACY_MARKER = ".barchasb-export"  # written by exports before the manifest; lists nothing
MANIFEST_FORMAT = "barchasb-export"
STAGE, BACKUP = "stage", "old"
# Files an export before the manifest could have written (anything else in such a folder is kept).
_LEGACY_OWNED = re.compile(
    r"(train|validation|test)\.(conll|jsonl)|README\.md|dataset_dict\.json|data/[^/]+\.parquet"
    r"|(train|validation|test)/(data-[^/]+\.arrow|dataset_info\.json|state\.json)"
)
_CRASH_STEP = "BARCHASB_TEST_KILL_AT_STEP"  # tests: SIGKILL this process at the n-th step of a swap


class ExportFolder:
    """One folder export: ``prepare`` gives the staging folder to write, ``commit`` swaps it in."""

    def __init__(self, out: Path, protect: Iterable[str | Path] = ()) -> None:
        self.given = out
        self.protect = list(protect)
        self.out = check_target(out, self.protect, folder=True)
        self.stage = Path()
        self.foreign: list[str] = []
        self.written: list[str] = []
        self._steps = 0
        self._claim: int | None = None

    def prepare(self) -> Path:
        """Recover or clean what killed runs left, check the folder is ours, and make the staging folder."""
        recover(self.out)
        self.foreign = self._foreign_files()
        try:
            self.stage = self.out.with_name(f".{self.out.name}{TEMP_TAG}{STAGE}-{secrets.token_hex(4)}")
            self.stage.mkdir()  # not mkdtemp: the folder becomes --out and keeps the user's usual permissions
            self._claim = claim(self.stage)  # a concurrent export to the same place leaves it alone
        except OSError as exc:
            raise ExportError(f"{self.given}: cannot write there ({describe(exc)})") from None
        self._step()
        return self.stage

    def commit(self) -> list[Path]:
        """Carry the user's files over, write the manifest, swap; returns the files the export wrote."""
        try:
            self.written = sorted(_files(self.stage))
            if clash := sorted(set(self.written) & set(self.foreign)):
                raise ExportError(
                    f"{self.given}: the export would overwrite files it did not write: {_listed(clash)}; "
                    "move them away or export into another folder"
                )
            for relative in self.foreign:
                _carry(self.out, self.stage, relative)
                self._step()
            manifest = {"format": MANIFEST_FORMAT, "version": 1, "files": self.written}
            (self.stage / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
            for path in [*self.stage.rglob("*"), self.stage]:
                if not path.is_symlink():
                    fsync_path(path)
            self._step()
            if self.out.exists():
                self._swap()
            else:
                os.rename(self.stage, self.out)
                self._step()
            fsync_path(self.out.parent)
        except OSError as exc:
            self.abort()
            raise ExportError(f"{self.given}: cannot write the export ({describe(exc)}); nothing was changed") from None
        except BaseException:
            self.abort()
            raise
        release(self._claim)
        return [self.out / relative for relative in self.written if not relative.endswith("/")]

    def abort(self) -> None:
        """Remove the staging folder (the old export stays as it was)."""
        if self.stage != Path() and self.stage.exists():
            shutil.rmtree(self.stage, ignore_errors=True)
        release(self._claim)
        self._claim = None

    def _swap(self) -> None:
        if _exchange(self.stage, self.out):
            self._step()
            shutil.rmtree(self.stage, ignore_errors=True)  # the staging path now holds the old export
            return
        backup = self.stage.with_name(self.stage.name.replace(f"{TEMP_TAG}{STAGE}-", f"{TEMP_TAG}{BACKUP}-"))
        os.rename(self.out, backup)
        self._step()  # a kill here leaves no --out; the next run renames the backup back
        os.rename(self.stage, self.out)
        self._step()
        shutil.rmtree(backup, ignore_errors=True)

    def _foreign_files(self) -> list[str]:
        """The folder's files the last export did not write; refuses a non-empty folder no export wrote."""
        if not self.out.exists():
            return []
        if not (self.out / MANIFEST).is_file() and not (self.out / LEGACY_MARKER).is_file():
            # no export wrote this folder: name its top-level entries only, never walk it (``/usr``, ``/``)
            try:
                top = sorted(
                    entry.name + ("/" if entry.is_dir(follow_symlinks=False) else "") for entry in os.scandir(self.out)
                )
            except OSError as exc:
                raise ExportError(f"{self.given}: cannot read the folder ({describe(exc)})") from None
            if top:
                raise ExportError(
                    f"{self.given}: folder is not empty and was not written by barchasb export "
                    f"(it holds {_listed(top)}); choose an empty or new folder"
                )
            return []
        present = sorted(_files(self.out))
        owned = _owned(self.out, present)
        if owned is None:
            return []
        # a project file is never the export's, whatever a manifest says
        return [p for p in present if p not in owned or is_project_file(self.out / p) or p.endswith(("-wal", "-shm"))]

    def _step(self) -> None:
        self._steps += 1
        if os.environ.get(_CRASH_STEP) == str(self._steps):
            os.kill(os.getpid(), signal.SIGKILL)


def recover(out: Path) -> None:
    """Put back an export a kill left as a backup (no ``out``), and remove staging folders of killed runs."""
    mine = f".{out.name}{TEMP_TAG}"
    backups = [p for p in leftovers(out) if p.name.startswith(f"{mine}{BACKUP}-") and p.is_dir()]
    if not out.exists() and not out.is_symlink():
        complete = [p for p in backups if (p / MANIFEST).is_file()]
        if complete:
            os.rename(complete[0], out)
    for item in leftovers(out):
        ours = item.name.startswith((f"{mine}{STAGE}-", f"{mine}{BACKUP}-"))
        if ours and item.is_dir() and not item.is_symlink() and not in_use(item):
            shutil.rmtree(item, ignore_errors=True)
    _remove_legacy_staging(out)


def _remove_legacy_staging(out: Path) -> None:
    """Exports before the manifest staged in ``.NAME.xxxxxxxx`` (mkdtemp) folders holding ``export`` or NAME."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.[a-z0-9_]{{8}}")
    with contextlib.suppress(OSError):
        for item in out.parent.iterdir():
            if pattern.fullmatch(item.name) and item.is_dir() and not item.is_symlink():
                inside = [p.name for p in item.iterdir()]
                if inside in (["export"], [out.name], []):
                    shutil.rmtree(item, ignore_errors=True)


def _owned(folder: Path, present: list[str]) -> set[str] | None:
    """The files an earlier export wrote (from its manifest), or None when no export wrote this folder."""
    manifest = folder / MANIFEST
    if manifest.is_file():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ExportError(f"{manifest}: unreadable export manifest ({exc}); remove it to export here") from None
        files = data.get("files") if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT else None
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise ExportError(f"{manifest}: not a Barchasb export manifest; remove it to export here")
        return {f for f in files if _safe_relative(f)} | {MANIFEST}
    if (folder / LEGACY_MARKER).is_file():
        return {p for p in present if _LEGACY_OWNED.fullmatch(p)} | {LEGACY_MARKER}
    return None


def _safe_relative(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts


def _files(root: Path) -> Iterator[str]:
    """Relative POSIX paths of the files, symlinks and empty folders under ``root`` (links not followed)."""
    for folder, dirs, files in os.walk(root):
        base = Path(folder)
        for name in list(dirs):
            path = base / name
            if path.is_symlink():
                dirs.remove(name)
                yield path.relative_to(root).as_posix()
            elif not any(path.iterdir()):
                yield path.relative_to(root).as_posix() + "/"
        for name in files:
            yield (base / name).relative_to(root).as_posix()


def _carry(old: Path, new: Path, relative: str) -> None:
    """Give the user's file a second name in the new folder (a copy where hard links are impossible)."""
    source, target = old / relative, new / relative
    if relative.endswith("/"):
        target.mkdir(parents=True, exist_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if function(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot exchange
        return False
    raise OSError(error, os.strerror(error), str(b))


def _listed(names: list[str], limit: int = 10) -> str:
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more
