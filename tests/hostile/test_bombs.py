"""Decompression bombs in a project's blobs are refused at the size the document's text allows, in bounded memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.errors import ProjectCorrupt
from annotator.store import Project
from annotator.store.codec import inflate, pack_ints, unpack_ints
from tests.conftest import ROOT
from tests.hostile import files

N = len(files.TEXT)


def test_the_bomb_builder_makes_real_zlib() -> None:
    import zlib

    assert zlib.decompress(files.zlib_bomb(2**25)) == bytes(2**25)


@pytest.mark.parametrize(("field", "limit"), [("raw_offsets", 4 * (N + 1)), ("tokens", 8 * N), ("sentences", 8 * N)])
def test_each_blob_is_refused_past_its_declared_size(tmp_path: Path, field: str, limit: int) -> None:
    path = files.bomb_project(tmp_path / "p.barchasb", field, 2**26)
    with Project.open(path) as project:
        with pytest.raises(ProjectCorrupt) as caught:
            project.document("d")
        assert str(caught.value) == (
            f"{path}: document 'd': {field}: inflates to more than the {limit:,} bytes its document allows "
            "(a decompression bomb?)"
        )
        assert project.document("e").text == files.SECOND  # the other document still reads


def test_inflate_stops_at_the_limit_whatever_the_input_says() -> None:
    assert inflate(pack_ints(range(10)), 40, "f") == b"".join(i.to_bytes(4, "little") for i in range(10))
    assert list(unpack_ints(pack_ints([7]), 1)) == [7]
    with pytest.raises(ProjectCorrupt, match=r"^f: inflates to more than the 39 bytes"):
        inflate(pack_ints(range(10)), 39, "f")
    with pytest.raises(ProjectCorrupt, match=r"^f: inflates to more than the 1,000 bytes"):
        inflate(files.zlib_bomb(2**30), 1000, "f")


MEASURE = """
import sys, tracemalloc
from pathlib import Path
from annotator.errors import ProjectError
from annotator.store import Project
tracemalloc.start()
with Project.open(sys.argv[1]) as project:
    try:
        project.document("d")
        print("read")
    except ProjectError as exc:
        print(exc)
print(tracemalloc.get_traced_memory()[1] // 2**20)
status = Path("/proc/self/status")  # this process's own peak (ru_maxrss would carry the parent's across exec)
lines = status.read_text().splitlines() if status.exists() else []
peak = [line.split()[1] for line in lines if line.startswith("VmHWM")]
print(int(peak[0]) // 1024 if peak else 0)
"""


def test_a_one_gib_raw_offsets_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = files.bomb_project(tmp_path / "p.barchasb", "raw_offsets", 2**30)  # about 1 MB on disk
    assert path.stat().st_size < 3 * 2**20
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    message, python_peak, process_peak = done.stdout.splitlines()
    assert message.startswith(f"{path}: document 'd': raw_offsets: inflates to more than") and "bomb" in message
    assert int(python_peak) < 20, f"{python_peak} MiB allocated by Python"  # before: 2 GiB (the bytes and the array)
    assert int(process_peak) < 200, f"{process_peak} MiB resident"
