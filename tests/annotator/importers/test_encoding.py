from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.importers.encoding import decode_bytes, read_text

TEXT = "سلام دنیا، كتاب علي"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.replace("ی", "ي").replace("ک", "ك").encode("cp1256"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "cp1256"],
)
def test_detects_the_encodings_persian_files_come_in(data: bytes) -> None:
    decoded = decode_bytes(data, "x.txt")
    assert decoded.translate(str.maketrans("يك", "یک")) == TEXT.translate(str.maketrans("يك", "یک"))
    assert not decoded.startswith("\ufeff")


def test_cp1256_fixture(data_dir: Path) -> None:
    assert read_text(data_dir / "legacy-1256.txt").startswith("كتاب علي")


def test_undetectable_bytes_name_the_file() -> None:
    with pytest.raises(InputError, match=r"^x\.txt: cannot detect the encoding"):
        decode_bytes(bytes(range(128, 256)) * 4, "x.txt")
    with pytest.raises(InputError, match="cannot detect"):
        decode_bytes("Grüße aus Köln, ça va".encode("latin-1"), "x.txt")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_persian_utf16_without_bom(codec: str) -> None:
    for text in ("سلام دنیا\nعلی", "سلام دنیا"):  # the second is also valid (nonsense) UTF-8
        assert decode_bytes(text.encode(codec), "x.txt") == text


def test_explicit_encoding() -> None:
    assert decode_bytes("سلام".encode("cp1256"), "x", "cp1256") == "سلام"
    with pytest.raises(InputError, match="unknown encoding"):
        decode_bytes(b"x", "x", "klingon")
    with pytest.raises(InputError, match="not valid utf-8 at byte 0"):
        decode_bytes(b"\xff", "x", "utf-8")
