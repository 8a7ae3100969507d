"""Fuzzing ``Project.open`` and the document readers on mutated project files (run in a child process).

Usage: ``python -m tests.hostile.fuzz_open PROJECT [EXAMPLES]``. PROJECT is a valid project to mutate (it is
copied, never changed). Every mutated file must end in success or a :class:`BarchasbError`, on open and
on reading every document; a refused open must leave the file's bytes as they were. A C-level crash
kills only this process, so ``test_fuzz_open.py`` runs it as a child and reports the exit status.
Seeded (``derandomize``): the same cases every run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import BarchasbError
from annotator.store import Project
from tests.hostile import files

PAGE = 4096
COLUMNS = {
    "documents": ("id", "title", "meta", "status", "n_tokens", "n_chars", "content_hash", "normalization"),
    "texts": ("doc", "raw_text", "text", "raw_offsets", "tokens", "sentences"),
    "layers": ("doc", "annotator", "status"),
    "spans": ("id", "layer", "start", "end", "label", "role", "status", "source", "confidence"),
    "settings": ("key", "value"),
    "models": ("name", "meta", "data", "signature"),
    "lexicon": ("text", "label", "count"),
}
JSONISH = ["{}", "[]", "null", "1e999", '{"types": []}', '{"types": [{"name": "X"}]}', "[" * 5000, '"\\ud800"']
WORDS = ["new", "done", "accepted", "suggested", "reviewed", "in_progress", "standard", "none", "gold", "", " "]

values = st.one_of(
    st.none(),
    st.integers(-(2**63), 2**63 - 1),
    st.sampled_from([0, -1, 1, 2**31, 2**32, 10**6]),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(JSONISH + WORDS),
    st.binary(max_size=40),
    st.lists(st.integers(0, 2**32 - 1), max_size=12).map(files.packed),
    st.sampled_from([files.zlib_bomb(2**24), b"x\x9c", b"x\x9c\x03\x00\x00\x00\x00\x01"]),
)

SOURCE = Path()
SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)


def check(path: Path) -> None:
    """Open and read everything; only BarchasbError may come out, and a refusal changes no byte."""
    before = files.state(path)
    try:
        project = Project.open(path)
    except BarchasbError:
        assert files.state(path) == before, "a refused open changed the file"
        return
    with project:
        readers: list[Any] = [
            project.documents,
            lambda: list(project.iter_documents()),
            lambda: project.schema,
            lambda: project.normalization,
            lambda: project.load_model("crf"),
        ]
        try:
            ids = [row[0] for row in project._conn.execute("SELECT id FROM documents")]
        except sqlite3.DatabaseError:
            ids = []
        readers += [lambda doc_id=doc_id: project.document(doc_id) for doc_id in ids]
        readers += [lambda doc_id=doc_id: project.layer_spans(doc_id, "ali") for doc_id in ids]
        for read in readers:
            with contextlib.suppress(BarchasbError):
                read()


def copy(folder: Path) -> Path:
    target = folder / "p.barchasb"
    shutil.copyfile(SOURCE, target)
    return target


@given(
    edits=st.lists(
        st.tuples(
            st.one_of(st.integers(0, 99), st.integers(0, 2**20), st.integers(0, 40).map(lambda p: p * PAGE)),
            st.integers(0, 255),
        ),
        min_size=1,
        max_size=8,
    ),
    cut=st.one_of(st.none(), st.integers(0, 2**20), st.integers(1, 40).map(lambda p: p * PAGE)),
)
def fuzz_bytes(edits: list[tuple[int, int]], cut: int | None) -> None:
    """Bytes overwritten anywhere (the header, page starts, cells) and the file cut short."""
    with tempfile.TemporaryDirectory() as folder:
        path = copy(Path(folder))
        data = bytearray(path.read_bytes())
        for position, value in edits:
            if position < len(data):
                data[position] = value
        path.write_bytes(bytes(data[:cut] if cut is not None else data))
        check(path)


@given(
    cells=st.lists(
        st.tuples(st.sampled_from(sorted(COLUMNS)), st.integers(0, 8), st.integers(0, 3), values),
        min_size=1,
        max_size=4,
    )
)
def fuzz_cells(cells: list[tuple[str, int, int, object]]) -> None:
    """Cell values replaced by any SQLite value (NULL in NOT NULL columns, blobs in text, bombs, bad JSON)."""
    with tempfile.TemporaryDirectory() as folder:
        path = copy(Path(folder))
        for table, column, row, value in cells:
            name = COLUMNS[table][column % len(COLUMNS[table])]
            where = f"rowid = (SELECT rowid FROM {table} ORDER BY rowid LIMIT 1 OFFSET {row})"
            with contextlib.suppress(sqlite3.IntegrityError):  # a UNIQUE clash: SQLite refused to write it
                files.set_cell(path, table, name, value, where)
        check(path)


@given(
    table=st.sampled_from(sorted(COLUMNS)),
    old=st.sampled_from(["NOT NULL", "TEXT", "INTEGER", "(", ")", ",", "PRIMARY KEY", "REFERENCES", "spans"]),
    new=st.sampled_from(["", "BLOB", "NOT NULL", "CHECK (0)", "DEFAULT (random())", "((", "x", "GENERATED"]),
)
def fuzz_schema(table: str, old: str, new: str) -> None:
    """A table's SQL in sqlite_master edited in place, as ``PRAGMA writable_schema`` allows."""
    with tempfile.TemporaryDirectory() as folder:
        path = copy(Path(folder))
        files.with_sql(
            path,
            "PRAGMA writable_schema = ON",
            f"UPDATE sqlite_master SET sql = replace(sql, '{old}', '{new}') WHERE name = '{table}'",
        )
        check(path)


def main(argv: list[str]) -> int:
    global SOURCE
    SOURCE = Path(argv[0])
    if os.access("/dev/shm", os.W_OK):  # the copies in memory: a case costs 5 ms instead of 70 (no fsync to disk)
        tempfile.tempdir = "/dev/shm"
    examples = int(argv[1]) if len(argv) > 1 else 100
    failed = 0
    for fuzz, share in ((fuzz_bytes, 0.45), (fuzz_cells, 0.45), (fuzz_schema, 0.10)):
        runner = settings(SETTINGS, max_examples=max(1, int(examples * share)))(fuzz)
        try:
            runner()
            print(f"{fuzz.__name__}: ok", flush=True)
        except Exception:  # report, then carry on with the next kind of mutation
            failed += 1
            print(f"{fuzz.__name__}: FAILED", flush=True)
            traceback.print_exc()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
