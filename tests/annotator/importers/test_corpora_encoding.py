"""A corpus file damaged in transit: the refusal says where, by line, as an editor shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.importers.encoding import decode_bytes
from annotator.store import Project


def test_a_bad_byte_in_a_utf8_corpus_names_its_line(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "train.txt"
    good = "محمد\tB-PER\nتبریزی\tI-PER\n\nدر\tO\n".encode()
    path.write_bytes(good + b"\xff\tO\n")
    with pytest.raises(InputError, match=rf"bad byte at {len(good)} \(line 5\)"):
        import_paths(project, [path], ImportOptions())
    assert project.documents() == []


@pytest.mark.parametrize(
    ("data", "encoding", "message"),
    [
        ("سلام\nدنیا\n".encode() + b"\xc3", "utf-8", "not valid utf-8 at byte 18 (line 3)"),
        (b"\xef\xbb\xbf" + "سلام\r\n".encode() + b"\xff", "auto", "not valid utf-8 at byte 10 (line 2)"),
        ("\ufeffسلام\nدنیا".encode("utf-16-le") + b"\x00\xd8", "auto", "not valid utf-16 at byte 20 (line 2)"),
    ],
)
def test_decoding_errors_name_the_line(data: bytes, encoding: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "x.txt", encoding)
    assert str(caught.value) == f"x.txt: {message}"


def test_a_windows_1256_corpus_dense_with_entities_is_detected() -> None:
    # ArmanPersoNER-style lines: the Latin letters of «B-pers» and «I-org» outnumber the short Persian words
    lines = ["علي B-pers", "رضا I-pers", "و O", "حسن B-pers", "در O", "بانك B-org", "ملي I-org", "است O", ""]
    data = "\r\n".join(lines * 20).encode("cp1256")
    assert decode_bytes(data, "train_fold1.txt") == "\r\n".join(lines * 20)


@pytest.mark.parametrize("text", ["Grüße aus Köln, schöne Grüße an alle", "Ça va très bien, merci à vous"])
def test_western_european_legacy_text_is_still_not_taken_for_persian(text: str) -> None:
    with pytest.raises(InputError, match="cannot detect the encoding"):
        decode_bytes(text.encode("cp1252"), "x.txt")
