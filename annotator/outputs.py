"""Safe output files: never over a project, always whole (temporary sibling, fsync, atomic replace)."""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.errors import ExportError
from annotator.store.migrations import APPLICATION_ID

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
TEMP_TAG = ".barchasb-"  # hidden siblings are named ".NAME.barchasb-..."


def is_project_file(path: str | Path) -> bool:
    """True when ``path`` is a Barchasb project: a SQLite file with our application id at byte 68."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(72)
    except OSError:
        return False
    return head[:16] == SQLITE_HEADER and len(head) == 72 and int.from_bytes(head[68:72], "big") == APPLICATION_ID


def _same_file(a: Path, b: Path) -> bool:
    try:
        one, two = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (one.st_dev, one.st_ino) == (two.st_dev, two.st_ino)


def project_conflict(path: Path, protect: Iterable[str | Path] = ()) -> str | None:
    """Why writing ``path`` would hurt a project (it is one, or one's -wal/-shm), or None."""
    for guarded in protect:
        guarded_path = Path(guarded)
        if _same_file(path, guarded_path) or os.path.realpath(path) == os.path.realpath(guarded_path):
            return "is the open project"
        for suffix in SIDE_SUFFIXES:
            if os.path.realpath(path) == os.path.realpath(f"{guarded_path}{suffix}"):
                return f"is the open project's {suffix[1:]} file"
    if is_project_file(path):
        return "is a Barchasb project"
    for suffix in SIDE_SUFFIXES:
        if path.name.endswith(suffix) and is_project_file(path.with_name(path.name[: -len(suffix)])):
            return f"is the {suffix[1:]} file of a Barchasb project"
    return None


def check_target(path: str | Path, protect: Iterable[str | Path] = (), *, folder: bool = False) -> Path:
    """The real path to write for ``path`` (symlinks followed); refuses projects, wrong kinds, missing folders."""
    given = Path(path)
    if str(path) == "":
        raise ExportError("the output path is empty")
    real = Path(os.path.realpath(given))
    why = project_conflict(real, protect)
    if why:
        raise ExportError(f"{given}: {why}; refusing to write over it (choose another output path)")
    if real.exists():
        if folder and not real.is_dir():
            raise ExportError(f"{given}: exists and is not a folder")
        if not folder and real.is_dir():
            raise ExportError(f"{given}: is a folder; give a file name")
    parent = real.parent
    if not parent.is_dir():
        shown = given.parent if str(given.parent) not in ("", ".") else parent
        raise ExportError(f"{shown}: {'is not a folder' if parent.exists() else 'no such folder'}")
    return real


def temporary_sibling(path: Path, kind: str = "tmp") -> Path:
    """A hidden name next to ``path`` that keeps its suffix (image writers choose the format by it)."""
    return path.with_name(f".{path.name}{TEMP_TAG}{kind}-{secrets.token_hex(4)}{path.suffix}")


def leftovers(path: Path) -> list[Path]:
    """Hidden siblings an earlier, killed write to ``path`` left behind."""
    prefix = f".{path.name}{TEMP_TAG}"
    try:
        return sorted(p for p in path.parent.iterdir() if p.name.startswith(prefix))
    except OSError:
        return []


def claim(path: Path) -> int | None:
    """Lock ``path`` (a file or folder) as this process's work in progress; the lock dies with the process."""
    if sys.platform == "win32":
        return None
    import fcntl

    handle = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        raise
    return handle


def release(handle: int | None) -> None:
    """Give up a :func:`claim`."""
    if handle is not None:
        os.close(handle)


def in_use(path: Path) -> bool:
    """True when a running process has claimed ``path`` (a killed one's claim is gone)."""
    try:
        handle = claim(path)
    except OSError:
        return path.exists()
    release(handle)
    return False


def remove_leftover_files(path: Path) -> None:
    """Delete temporary files a killed single-file write to ``path`` left (never folders, never a live one)."""
    for item in leftovers(path):
        if (
            item.name.startswith(f".{path.name}{TEMP_TAG}tmp-")
            and item.is_file()
            and not item.is_symlink()
            and not in_use(item)
        ):
            with contextlib.suppress(OSError):
                item.unlink()


def fsync_path(path: Path) -> None:
    """Flush a file or a folder entry list to the disk (folders: where the OS allows it)."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() and hasattr(os, "O_DIRECTORY") else 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        if path.is_dir():
            return  # e.g. Windows cannot open folders; renames there are journaled anyway
        raise
    try:
        os.fsync(handle)
    except OSError:
        if not path.is_dir():
            raise
    finally:
        os.close(handle)


def describe(error: OSError) -> str:
    """An OS error in a few words: ``No space left on device``."""
    return error.strerror or str(error)


@contextlib.contextmanager
def atomic_file(path: str | Path, protect: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Yield a temporary sibling of ``path`` to write; on success it is fsync'ed and moved into place.

    On any error the temporary file is removed and ``path`` keeps its old content. OS errors
    become an :class:`ExportError` naming ``path``.
    """
    protect = list(protect)
    real = check_target(path, protect)
    if real.exists() and not real.is_file():
        # a device or pipe (/dev/stdout, /dev/null, a FIFO) is written as it is: renaming over it would replace it
        try:
            yield real
        except OSError as exc:
            raise ExportError(f"{path}: cannot write ({describe(exc)})") from None
        return
    remove_leftover_files(real)
    temporary = temporary_sibling(real)
    handle: int | None = None
    try:
        with open(temporary, "xb"):
            pass
        handle = claim(temporary)  # another run writing the same target leaves this file alone
        yield temporary
        fsync_path(temporary)
        # checked again just before the move: the target may have changed while we wrote
        check_target(path, protect)
        os.replace(temporary, real)
        fsync_path(real.parent)
    except OSError as exc:
        _remove(temporary)
        reason = describe(exc).replace(str(temporary), str(path))
        raise ExportError(f"{path}: cannot write ({reason}); nothing was changed") from None
    except ExportError as exc:  # a writer's own message names the temporary file: name the target instead
        _remove(temporary)
        raise ExportError(str(exc).replace(str(temporary), str(path))) from None
    except BaseException:
        _remove(temporary)
        raise
    finally:
        release(handle)


def write_atomically(path: str | Path, data: bytes | str, protect: Iterable[str | Path] = ()) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` all or nothing; returns the real path written."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_file(path, protect) as temporary, open(temporary, "wb") as stream:
        stream.write(payload)  # atomic_file fsyncs it before the rename
    return Path(os.path.realpath(path))


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
