"""Packages from strangers: bombs, lone surrogates, a package that calls itself gold, every malformed field."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.review.package import INFLATE_FLOOR, inflate
from tests.annotator.test_cli import run
from tests.annotator.test_cli_review import annotate
from tests.annotator.test_cli_safety import state
from tests.conftest import ROOT, SAMPLE


@pytest.fixture
def setup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, dict[str, Any]]:
    """A reviewer's project with the sample article, and ali's package of it as JSON."""
    ali = str(tmp_path / "ali.barchasb")
    run(capsys, "new", ali)
    run(capsys, "import", ali, str(SAMPLE))
    annotate(ali, "ali", {"ارس": "LOC", "ایلنا": "ORG"})
    package = tmp_path / "ali.pkg"
    assert run(capsys, "package", ali, "--annotator", "ali", "--out", str(package))[0] == 0
    reviewer = str(tmp_path / "r.barchasb")
    run(capsys, "new", reviewer)
    run(capsys, "import", reviewer, str(SAMPLE))
    return reviewer, json.loads(gzip.decompress(package.read_bytes()))


def bomb(size: int, head: bytes = b'{"format": "barchasb-package", "pad": "') -> bytes:
    """Gzip members that inflate to ``size`` bytes of JSON-ish text, built fast (one member repeated)."""
    member = 16 * 2**20
    spaces = gzip.compress(b" " * member, compresslevel=9, mtime=0)
    return gzip.compress(head, mtime=0) + spaces * (size // member)


def test_inflate_reads_real_packages_and_concatenated_members() -> None:
    data = b'{"a": 1}' * 1000
    assert inflate(gzip.compress(data), "p") == data
    assert inflate(gzip.compress(data[:100]) + gzip.compress(data[100:]), "p") == data
    assert inflate(gzip.compress(data) + b"\x00" * 8, "p") == data  # zero padding after the stream
    with pytest.raises(Exception, match="cut short"):
        inflate(gzip.compress(data)[:-12], "p")
    with pytest.raises(Exception, match="data after the gzip stream"):
        inflate(gzip.compress(data) + b"junk", "p")
    with pytest.raises(Exception, match="bad gzip data"):
        inflate(b"\x1f\x8b\x08\x00" + b"\xff" * 40, "p")
    with pytest.raises(Exception, match="decompression bomb"):
        inflate(bomb(INFLATE_FLOOR + 32 * 2**20), "p")


MEASURE = """
import sys, tracemalloc
from pathlib import Path
from annotator.errors import InputError
from annotator.review.package import read_package
tracemalloc.start()
try:
    read_package(sys.argv[1])
except InputError as exc:
    print(exc)
print(tracemalloc.get_traced_memory()[1] // 2**20)
status = Path("/proc/self/status")  # this image's own peak; Linux's ru_maxrss would include the parent's
lines = status.read_text().splitlines() if status.exists() else []
peak = [line.split()[1] for line in lines if line.startswith("VmHWM")]
print(int(peak[0]) // 1024 if peak else 0)
"""


def test_a_two_gib_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pkg"
    path.write_bytes(bomb(2 * 2**30))
    assert path.stat().st_size < 3 * 2**20
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    message, python_peak, process_peak = done.stdout.splitlines()
    assert message.startswith(f"{path}: refused: inflates to more than 64 MiB") and "decompression bomb" in message
    assert int(python_peak) < 100, f"{python_peak} MiB allocated by Python"
    assert int(process_peak) < 200, f"{process_peak} MiB resident"


def test_merge_refuses_a_bomb_and_changes_nothing(
    setup: tuple[str, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reviewer, _ = setup
    path = tmp_path / "bomb.pkg"
    path.write_bytes(bomb(INFLATE_FLOOR + 32 * 2**20))
    before = state(reviewer)
    code, _, err = run(capsys, "merge", reviewer, str(path))
    assert code == 1 and err.startswith(f"barchasb: error: {path}: refused: inflates to more than")
    assert state(reviewer) == before


def change(data: dict[str, Any], edit: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    copy = json.loads(json.dumps(data))
    edit(copy)
    return copy


def first_span(data: dict[str, Any]) -> dict[str, Any]:
    span: dict[str, Any] = data["documents"][0]["spans"][0]
    return span


BROKEN: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "gold": (lambda d: d.update(annotator="gold"), "'annotator' is 'gold': gold is made by curation"),
    "Gold": (lambda d: d.update(annotator="Gold"), "'annotator' is 'Gold', which reads as 'gold'"),
    "gold space": (lambda d: d.update(annotator="gold "), "'annotator' is 'gold ', which reads as 'gold'"),
    "zwnj gold": (lambda d: d.update(annotator="\u200cgold"), "which reads as 'gold'"),
    "newline annotator": (lambda d: d.update(annotator="a\nb"), "'annotator' 'a\\nb' holds a control character"),
    "escape annotator": (lambda d: d.update(annotator="a\x1b[31m"), "holds a control character (\\x1b)"),
    "bidi annotator": (lambda d: d.update(annotator="a\u202eb"), "holds a control character (\\u202e)"),
    "empty annotator": (lambda d: d.update(annotator=" "), "'annotator' is empty"),
    "annotator type": (lambda d: d.update(annotator=3), "annotator: expected str, got int"),
    "format": (lambda d: d.update(format="zip"), "no 'format': 'barchasb-package'"),
    "version": (lambda d: d.update(version=9), "package version 9"),
    "schema": (lambda d: d.update(schema={"types": 5}), "schema"),
    "documents": (lambda d: d.update(documents={}), "documents: expected list, got dict"),
    "document": (lambda d: d["documents"].__setitem__(0, []), "documents[0]: expected an object"),
    "hash": (lambda d: d["documents"][0].pop("hash"), "documents[0].hash: expected str, got NoneType"),
    "status": (lambda d: d["documents"][0].update(status="odd"), "documents[0].status: 'odd' is not one of"),
    "spans": (lambda d: d["documents"][0].update(spans=None), "documents[0].spans: expected list"),
    "span": (lambda d: d["documents"][0]["spans"].__setitem__(0, 1), "documents[0].spans[0]: expected an object"),
    "start": (lambda d: first_span(d).update(start=True), "documents[0].spans[0].start: expected int, got bool"),
    "empty span": (lambda d: first_span(d).update(end=first_span(d)["start"]), "documents[0].spans[0]:"),
    "role": (lambda d: first_span(d).update(role=1), "role and source must be strings"),
    "surrogate": (lambda d: first_span(d).update(source="\ud800"), "documents[0].spans[0].source: a lone surrogate"),
    "label": (lambda d: first_span(d).update(label="ZZZ"), "'ZZZ' is not in schema"),
    "outside": (lambda d: first_span(d).update(start=10**6, end=10**6 + 1), "ends past the text"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_every_malformed_field_is_named_and_nothing_merged(
    case: str, setup: tuple[str, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reviewer, data = setup
    edit, message = BROKEN[case]
    path = tmp_path / "bad.pkg"
    path.write_bytes(gzip.compress(json.dumps(change(data, edit)).encode()))
    before = state(reviewer)
    code, _, err = run(capsys, "merge", reviewer, str(path))
    assert code == 1 and err.startswith(f"barchasb: error: {path}: ") and message in err, err
    assert state(reviewer) == before


def test_unreadable_packages(
    setup: tuple[str, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reviewer, data = setup
    files = {
        "missing.pkg": None,
        "plain.pkg": json.dumps(data).encode(),  # an uncompressed package is read too
        "latin1.pkg": '{"x": "\xe9"}'.encode("latin-1"),
        "deep.pkg": gzip.compress(b"[" * 100_000),
        "raw-deflate.pkg": b"\x1f\x8b" + zlib.compress(b"{}")[2:],
    }
    for name, content in files.items():
        if content is not None:
            (tmp_path / name).write_bytes(content)
        code, _, err = run(capsys, "merge", reviewer, str(tmp_path / name))
        if name == "plain.pkg":
            assert code == 0, err
            continue
        assert code == 1 and err.startswith(f"barchasb: error: {tmp_path / name}: "), err


def test_a_package_of_empty_objects_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """64 KB inflating to 63 MiB of ``{},`` took 1.6 GB while json parsed it; now it is refused from its bytes."""

    import tracemalloc

    from annotator.errors import InputError
    from annotator.review.package import read_package

    path = tmp_path / "dicts.pkg"
    path.write_bytes(gzip.compress(b'{"format":"barchasb-package","x":[' + b"{}," * (21 * 2**20) + b"{}]}"))
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"JSON objects and lists in .* bytes is not a package"):
            read_package(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 300 * 2**20  # the inflated bytes once or twice, never the parsed objects
