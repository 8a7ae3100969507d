"""Fuzzed input files: every importer ends in success or a typed error, and an error changes nothing.

Valid fixtures are mutated (bytes flipped, inserted, deleted, repeated, cut; pieces of JSON, CSV and
CoNLL syntax and of awkward Unicode spliced in). Seeded and bounded so a run is stable and quick.
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import BarchasbError, InputError
from annotator.importers import ImportOptions, import_paths
from annotator.review.package import merge_packages, write_package
from annotator.schema import preset
from annotator.store import Project
from tests.conftest import DATA, SAMPLE

SPLICES = [
    b"\n",
    b"\r\n",
    b"\t",
    b" ",
    b"|",
    b",",
    b'"',
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"\x00",
    b"\xff",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    "\u2028".encode(),
    "\u0085".encode(),
    "\u200c".encode(),
    "\u202e".encode(),
    "😀".encode(),
    "ي".encode(),
    b"-DOCSTART-",
    b"B-",
    b"I-",
    b"E-PER",
    b"O",
    b"PER",
    b'"start": -1',
    b'"end": 99999',
    b'"label": "ZZZ"',
    b'"tokens": [[0, 1]]',
    b'"raw_text": 5',
    b'"spans": {}',
    b"1e999",
    b"NaN",
    b"null",
    b"true",
    b"0",
    b"-",
]


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` after one to four random edits."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "splice", "delete", "repeat", "cut", "byte"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "splice":
            data[at:at] = draw(st.sampled_from(SPLICES))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 64))] * draw(st.integers(1, 3))
        elif kind == "cut":
            del data[at:]
        else:
            data[at:at] = bytes([draw(st.integers(0, 255))])
    return bytes(data)


def state(project: Project) -> Any:
    """``docs --json`` and every span, label and schema entry: what an error must leave as it was."""
    documents = [info.to_json() for info in project.documents()]
    spans = [
        (
            d.id,
            d.text,
            d.raw_text,
            list(d.tokens),
            {n: [s.to_json() for s in layer.spans] for n, layer in d.layers.items()},
        )
        for d in project.iter_documents()
    ]
    return documents, spans, project.schema.to_json()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """A project with one document and a layer already in it (imports meet existing texts too)."""
    folder = tmp_path_factory.mktemp("fuzz-template")
    path = folder / "t.barchasb"
    with Project.create(path, preset("combined")) as project:
        import_paths(project, [DATA / "mixed.jsonl"], ImportOptions())
        before = state(project)
    return path, before


def fresh_copy(template: Path, folder: Path) -> Path:
    target = folder / "p.barchasb"
    shutil.copyfile(template, target)
    return target


def check_import(template: tuple[Path, Any], folder: Path, name: str, data: bytes, options: ImportOptions) -> None:
    path, before = template
    source = folder / name
    source.write_bytes(data)
    with Project.open(fresh_copy(path, folder)) as project:
        try:
            import_paths(project, [source], options)
        except InputError as exc:
            assert str(exc)
            assert state(project) == before, f"a failed import changed the project: {exc}"
        except BarchasbError as exc:  # e.g. a SpanError or SchemaError the importer should have named
            pytest.fail(f"{type(exc).__name__} instead of an InputError naming the file: {exc}")


FIXTURES: dict[str, tuple[Path, ImportOptions]] = {
    "jsonl": (DATA / "mixed.jsonl", ImportOptions(add_labels=True)),
    "json": (DATA / "mixed.jsonl", ImportOptions(format="jsonl")),
    "csv": (DATA / "news.csv", ImportOptions()),
    "arman": (DATA / "arman.conll", ImportOptions(add_labels=True)),
    "peyma": (DATA / "peyma.txt", ImportOptions(format="conll", add_labels=True)),
    "parstwiner": (DATA / "parstwiner.txt", ImportOptions(label_map={"pers": "PER"}, add_labels=True)),
    "txt": (SAMPLE, ImportOptions()),
    "cp1256": (DATA / "legacy-1256.txt", ImportOptions()),
    "doccano": (DATA / "doccano.jsonl", ImportOptions(format="doccano", add_labels=True)),
    "label-studio": (DATA / "label-studio.json", ImportOptions(format="label-studio", add_labels=True)),
    "webanno-tsv": (DATA / "inception.tsv", ImportOptions(format="webanno-tsv", add_labels=True)),
}
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_mutated_files_import_or_fail_cleanly(
    fixture: str, template: tuple[Path, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    source, options = FIXTURES[fixture]
    original = source.read_bytes()
    suffix = ".json" if fixture == "json" else source.suffix

    @FUZZ
    @given(mutated(original))
    def run(data: bytes) -> None:
        check_import(template, tmp_path_factory.mktemp(fixture), f"in{suffix}", data, options)

    run()


@pytest.fixture(scope="module")
def package_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any, bytes]:
    """A reviewer's project with the sample article, and the JSON of ali's package of it."""
    folder = tmp_path_factory.mktemp("fuzz-package")
    with Project.create(folder / "ali.barchasb", preset("combined")) as ali:
        import_paths(ali, [SAMPLE], ImportOptions())
        doc = ali.documents()[0].id
        text = ali.document(doc).text
        from annotator.model import Span

        for word, label in (("ارس", "LOC"), ("ایلنا", "ORG"), ("محمد تبریزی", "PER")):
            start = text.index(word)
            ali.add_span(doc, "ali", Span(start, start + len(word), label, role="source" if label == "PER" else None))
        write_package(ali, "ali", folder / "ali.pkg")
    path = folder / "r.barchasb"
    with Project.create(path, preset("combined")) as reviewer:
        import_paths(reviewer, [SAMPLE], ImportOptions())
        before = state(reviewer)
    return path, before, gzip.decompress((folder / "ali.pkg").read_bytes())


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "plain"])
def test_mutated_packages_merge_or_fail_cleanly(
    compress: bool, package_template: tuple[Path, Any, bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    path, before, original = package_template
    pack: Callable[[bytes], bytes] = (lambda b: gzip.compress(b, mtime=0)) if compress else (lambda b: b)

    @FUZZ
    @given(mutated(original))
    def run(data: bytes) -> None:
        folder = tmp_path_factory.mktemp("pkg")
        package = folder / "x.pkg"
        package.write_bytes(pack(data))
        with Project.open(fresh_copy(path, folder)) as project:
            try:
                merge_packages(project, [package])
            except InputError as exc:
                assert str(exc).startswith(str(package))
                assert state(project) == before, f"a failed merge changed the project: {exc}"

    run()


def test_the_mutations_reach_both_outcomes(template: tuple[Path, Any], tmp_path: Path) -> None:
    """The fuzzing is not vacuous: valid files import, and a few simple edits are refused with a line number."""
    path, _ = template
    good = json.dumps({"id": "z", "text": "علی رفت", "spans": [{"start": 0, "end": 3, "label": "PER"}]}) + "\n"
    (tmp_path / "good.jsonl").write_text(good, encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text(good.replace('"end": 3', '"end": 99999'), encoding="utf-8")
    with Project.open(fresh_copy(path, tmp_path)) as project:
        assert import_paths(project, [tmp_path / "good.jsonl"], ImportOptions()).documents == ["z"]
        with pytest.raises(InputError, match=r"bad\.jsonl:1: entity \[0, 99999\) PER is outside the text"):
            import_paths(project, [tmp_path / "bad.jsonl"], ImportOptions())
