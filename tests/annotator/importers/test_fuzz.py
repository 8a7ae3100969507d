"""Fuzzed input files: every importer ends in success or a typed error, and an error changes nothing.

Valid fixtures are mutated (bytes flipped, inserted, deleted, repeated, cut; pieces of JSON, CSV and
CoNLL syntax and of awkward Unicode spliced in). Seeded and bounded so a run is stable and quick.
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import BarchasbError, InputError
from annotator.importers import ImportOptions, import_paths
from annotator.model import Span
from annotator.review.package import merge_packages, write_package
from annotator.schema import preset
from annotator.store import Project
from tests.annotator.importers.snapshots import Snapshot
from tests.conftest import DATA, SAMPLE
from tests.storage import on_server

if TYPE_CHECKING:
    from tests.pgserver import PgServer

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
    """``docs --json``, every document's text, tokens, meta and layers, and the schema: what an error must
    leave as it was, and what a file and a server project must hold alike after the same import."""
    documents = [info.to_json() for info in project.documents()]
    contents = [
        (
            d.id,
            d.title,
            str(d.status),
            d.meta,
            d.text,
            d.raw_text,
            list(d.raw_offsets),
            list(d.tokens),
            list(d.sentences),
            {n: (str(layer.status), [s.to_json() for s in layer.spans]) for n, layer in d.layers.items()},
        )
        for d in project.iter_documents()
    ]
    return documents, contents, project.schema.to_json()


class Home:
    """A project built once that each example gets back exactly as built: a file, or a server database
    with a file twin built the same way (every example runs on both, and both must end alike).

    A file is copied for each example. A server database is put back from a snapshot (snapshots.py), only
    when the last example may have changed it: an import that failed was checked to leave it as it was.
    """

    def __init__(self, location: str, twin: str | None = None) -> None:
        self.location = location
        self.twin = twin
        self.dirty = False
        self._snapshot = Snapshot(location) if on_server(location) else None

    @property
    def examples(self) -> int:
        """Examples per fuzzed input: fewer on a server (its round trips make each one ten times slower)."""
        return 150 if self._snapshot is None else 50

    def fresh(self, folder: Path) -> list[str]:
        """Where the project is, as it was built (and its file twin's fresh copy)."""
        dirty, self.dirty = self.dirty, True  # until an example shows it unchanged
        places = [self._copy(self.twin, folder)] if self.twin is not None else []
        if self._snapshot is None:
            return [self._copy(self.location, folder), *places]
        if dirty:
            self._snapshot.restore()
        return [self.location, *places]

    @staticmethod
    def _copy(template: str, folder: Path) -> str:
        target = folder / f"copy-of-{Path(template).name}"
        shutil.copyfile(template, target)
        return str(target)

    def close(self) -> None:
        if self._snapshot is not None:
            self._snapshot.close()


def home(request: pytest.FixtureRequest, folder: Path, name: str, build: Callable[[Project], None]) -> Home:
    """A project built by ``build`` in a file in ``folder``, or in a new server database and a file twin."""
    twin = str(folder / f"{name}.barchasb")
    with Project.create(twin, preset("combined")) as project:
        build(project)
    if request.param == "file":
        return Home(twin)
    server: PgServer = request.getfixturevalue("pg_server")
    location = server.database()
    with Project.create(location, preset("combined")) as project:
        build(project)
    return Home(location, twin)


def everywhere(
    home: Home, before: Any, folder: Path, act: Callable[[Project], object], refused: Callable[[InputError], None]
) -> None:
    """Run ``act`` on each fresh project: success or an InputError that changed nothing, and the same on each."""
    seen: list[Any] = []
    places = home.fresh(folder)
    for location in places:
        with Project.open(location) as project:
            try:
                result = act(project)
            except InputError as exc:
                refused(exc)
                assert state(project) == before, f"a failed import or merge changed the project: {exc}"
                seen.append(("refused", str(exc).replace(location, "PROJECT"), before))
            except BarchasbError as exc:  # e.g. a SpanError or SchemaError the importer should have named
                pytest.fail(f"{type(exc).__name__} instead of an InputError naming the file: {exc}")
            else:
                seen.append(("done", result, state(project) if len(places) > 1 else None))
    home.dirty = seen[0][0] != "refused"
    for other in seen[1:]:
        assert other == seen[0], "a server project and a project file ended differently"


@pytest.fixture(scope="module", params=["file", "postgresql"])
def template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Home, Any]]:
    """A project with one document and a layer already in it (imports meet existing texts too)."""

    def build(project: Project) -> None:
        import_paths(project, [DATA / "mixed.jsonl"], ImportOptions())

    built = home(request, tmp_path_factory.mktemp("fuzz-template"), "t", build)
    with Project.open(built.location) as project:
        before = state(project)
    yield built, before
    built.close()


def check_import(template: tuple[Home, Any], folder: Path, name: str, data: bytes, options: ImportOptions) -> None:
    built, before = template
    source = folder / name
    source.write_bytes(data)

    def refused(exc: InputError) -> None:
        assert str(exc)

    everywhere(built, before, folder, lambda project: import_paths(project, [source], options), refused)


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
    fixture: str, template: tuple[Home, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    source, options = FIXTURES[fixture]
    original = source.read_bytes()
    suffix = ".json" if fixture == "json" else source.suffix

    @settings(FUZZ, max_examples=template[0].examples)
    @given(mutated(original))
    def run(data: bytes) -> None:
        check_import(template, tmp_path_factory.mktemp(fixture), f"in{suffix}", data, options)

    run()


@pytest.fixture(scope="module", params=["file", "postgresql"])
def package_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Home, Any, bytes]]:
    """A reviewer's project with the sample article, and the JSON of ali's package of it."""
    folder = tmp_path_factory.mktemp("fuzz-package")

    def build_ali(ali: Project) -> None:
        import_paths(ali, [SAMPLE], ImportOptions())
        doc = ali.documents()[0].id
        text = ali.document(doc).text
        for word, label in (("ارس", "LOC"), ("ایلنا", "ORG"), ("محمد تبریزی", "PER")):
            start = text.index(word)
            ali.add_span(doc, "ali", Span(start, start + len(word), label, role="source" if label == "PER" else None))

    ali = home(request, folder, "ali", build_ali)
    with Project.open(ali.location) as project:
        write_package(project, "ali", folder / "ali.pkg")
    ali.close()

    def build_reviewer(reviewer: Project) -> None:
        import_paths(reviewer, [SAMPLE], ImportOptions())

    reviewer = home(request, folder, "r", build_reviewer)
    with Project.open(reviewer.location) as project:
        before = state(project)
    yield reviewer, before, gzip.decompress((folder / "ali.pkg").read_bytes())
    reviewer.close()


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "plain"])
def test_mutated_packages_merge_or_fail_cleanly(
    compress: bool, package_template: tuple[Home, Any, bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    reviewer, before, original = package_template
    pack: Callable[[bytes], bytes] = (lambda b: gzip.compress(b, mtime=0)) if compress else (lambda b: b)

    def refused(exc: InputError) -> None:
        assert str(exc).startswith(str(package))

    @settings(FUZZ, max_examples=reviewer.examples)
    @given(mutated(original))
    def run(data: bytes) -> None:
        folder = tmp_path_factory.mktemp("pkg")
        package.write_bytes(pack(data))
        everywhere(reviewer, before, folder, lambda project: merge_packages(project, [package]), refused)

    package = tmp_path_factory.mktemp("pkg") / "x.pkg"
    run()


def test_the_mutations_reach_both_outcomes(template: tuple[Home, Any], tmp_path: Path) -> None:
    """The fuzzing is not vacuous: valid files import, and a few simple edits are refused with a line number."""
    built, _ = template
    good = json.dumps({"id": "z", "text": "علی رفت", "spans": [{"start": 0, "end": 3, "label": "PER"}]}) + "\n"
    (tmp_path / "good.jsonl").write_text(good, encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text(good.replace('"end": 3', '"end": 99999'), encoding="utf-8")
    for location in built.fresh(tmp_path):
        with Project.open(location) as project:
            assert import_paths(project, [tmp_path / "good.jsonl"], ImportOptions()).documents == ["z"]
            with pytest.raises(InputError, match=r"bad\.jsonl:1: entity \[0, 99999\) PER is empty or outside the text"):
                import_paths(project, [tmp_path / "bad.jsonl"], ImportOptions())
