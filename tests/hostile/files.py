"""Crafted project files for tests, written by code into a folder the caller owns (no binaries in the repo).

Each function writes one file and returns its path; the ``with_sql`` helper changes a project the way a
stranger could (a plain SQLite connection, constraints and foreign keys off), so any test can build its
own variant. Reuse them: ``from tests.hostile import files``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import struct
import zlib
from dataclasses import replace
from pathlib import Path

from annotator.importers import ImportOptions, import_paths
from annotator.model import Document, Span, SpanStatus
from annotator.schema import Schema, preset
from annotator.store import Project
from annotator.store.migrations import APPLICATION_ID, MIGRATIONS
from annotator.text.pipeline import analyze
from annotator.text.profiles import Profile

TEXT = "علی 😀 به تهران رفت و در سازمان ملل کار می‌کند."
SECOND = "مریم از شیراز آمد.\nدکتر. احمدی در دانشگاه تهران درس می‌دهد."

# Strings Qt would render as HTML if it guessed rich text: a document id, a title, a label description...
RICH_TEXT = (
    '<img src="file:///etc/passwd" width=900>',
    "<b>bold</b><i>italic</i>",
    '<a href="https://example.invalid/">link</a>',
    "<script>alert(1)</script>",
    "&lt;not a tag&gt; &amp;",
    "\u202etxt.exe",
)


def where(text: str, name: str) -> tuple[int, int]:
    """``[start, end)`` of the first ``name`` in ``text``."""
    start = text.index(name)
    return start, start + len(name)


def project(path: Path, *, documents: dict[str, str] | None = None, model: bool = False) -> Path:
    """A valid project: two documents, accepted and suggested spans in two layers (and a signed model)."""
    documents = documents or {"d": TEXT, "e": SECOND}
    source = path.with_name(path.name + ".jsonl")
    source.write_text(
        "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in documents.items()),
        encoding="utf-8",
    )
    with Project.create(path, preset("combined")) as p:
        import_paths(p, [source], ImportOptions())
        first = next(iter(documents))
        text = p.document(first).text
        if "علی" in text and "تهران" in text:
            p.add_span(first, "ali", Span(*where(text, "علی"), "PER"))
            p.add_span(first, "sara", Span(*where(text, "تهران"), "LOC", status=SpanStatus.SUGGESTED, confidence=0.5))
        p.add_lexicon([("تهران", "LOC", 2)])
        if model:
            p.save_model("crf", json.dumps({"labels": ["PER"]}), b"not a real crfsuite model, only bytes")
    source.unlink()
    return path


def rich_text_project(path: Path, rich: str = RICH_TEXT[0]) -> Path:
    """A valid project with ``rich`` in every string a window shows: document id and title, a label's
    description, a span's source and an annotator's name (for tests that check nothing renders as HTML)."""
    schema = preset("combined")
    types = tuple(replace(t, description=f"{rich} {t.description}") for t in schema.types)
    with Project.create(path, Schema(schema.name, types)) as p:
        text = f"{TEXT}\n{rich}"
        document = analyze(text, Profile.NONE)
        p.add_document(
            Document(
                id=rich,
                title=rich,
                raw_text=text,
                text=document.text,
                raw_offsets=document.raw_offsets,
                tokens=document.tokens,
                sentences=document.sentences,
                meta={"source": rich},
            ),
            normalization=Profile.NONE,
            source=rich,
        )
        start, end = where(document.text, "علی")
        p.add_span(rich, rich, Span(start, end, "PER", source=rich, status=SpanStatus.SUGGESTED, confidence=0.9))
        p.add_span(rich, "ali", Span(*where(document.text, "تهران"), "LOC"))
    return path


def with_sql(path: Path, *statements: str) -> Path:
    """Run ``statements`` on the file as a stranger could: no constraint or foreign key checked."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()
    return path


def set_cell(path: Path, table: str, column: str, value: object, where: str = "1") -> Path:
    """Store ``value`` (any SQLite type, even NULL in a NOT NULL column) in ``table.column`` where ``where``.

    A NULL goes in as a stranger would put it: the table's SQL is edited to drop NOT NULL, the row is
    written, and the original SQL is put back, so the file's schema still looks exactly like ours.
    """
    original = _table_sql(path, table)
    if value is None:
        _set_table_sql(path, table, original.replace("NOT NULL", ""))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute(f'UPDATE {table} SET "{column}" = ? WHERE {where}', (value,))
    finally:
        conn.close()
    if value is None:
        _set_table_sql(path, table, original)
    return path


def _table_sql(path: Path, table: str) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0])
    finally:
        conn.close()


def _set_table_sql(path: Path, table: str, sql: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (sql, table))
    finally:
        conn.close()


def trigger_project(path: Path) -> Path:
    """A project whose trigger deletes every span as soon as it is added (it eats annotations)."""
    return with_sql(
        project(path), "CREATE TRIGGER eat_spans AFTER INSERT ON spans BEGIN DELETE FROM spans WHERE id = new.id; END"
    )


def extra_object_projects(folder: Path) -> dict[str, Path]:
    """One project per kind of object Barchasb never makes, keyed by the name the refusal should give."""
    made = {
        "eat_spans": "CREATE TRIGGER eat_spans AFTER INSERT ON spans BEGIN DELETE FROM spans; END",
        "everything": "CREATE VIEW everything AS SELECT * FROM spans",
        "notes": "CREATE TABLE notes (x)",
        "spans_label": "CREATE INDEX spans_label ON spans(label)",
    }
    out = {}
    for name, sql in made.items():
        out[name] = with_sql(project(folder / f"{name}.barchasb"), sql)
    # a table with our name and different SQL (a default computed by a function)
    out["lexicon"] = with_sql(
        project(folder / "lexicon.barchasb"),
        "DROP TABLE lexicon",
        "CREATE TABLE lexicon (id INTEGER PRIMARY KEY, text TEXT NOT NULL, label TEXT NOT NULL DEFAULT (random()), "
        "count INTEGER NOT NULL DEFAULT 1, UNIQUE (text, label))",
    )
    return out


def zlib_bomb(size: int, chunk: int = 2**24) -> bytes:
    """A zlib stream of ``size`` zero bytes (a multiple of ``chunk``) in about size/1000 bytes, made quickly."""
    if size % chunk:
        raise ValueError("size must be a multiple of chunk")
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(bytes(chunk)) + deflate.flush(zlib.Z_FULL_FLUSH)  # independent of what precedes it
    end = deflate.flush(zlib.Z_FINISH)
    zero, adler = bytes(chunk), 1
    for _ in range(size // chunk):
        adler = zlib.adler32(zero, adler)
    return b"\x78\xda" + block * (size // chunk) + end + struct.pack(">I", adler)


def bomb_project(path: Path, field: str = "raw_offsets", size: int = 2**30) -> Path:
    """A project whose document ``d`` has a ``field`` blob (``raw_offsets``, ``tokens``...) inflating to ``size``."""
    return set_cell(
        project(path), "texts", field, zlib_bomb(size), "doc = (SELECT rowid FROM documents WHERE id = 'd')"
    )


def packed(values: list[int]) -> bytes:
    """Integers packed as the project file stores them (little-endian u32, zlib)."""
    return zlib.compress(struct.pack(f"<{len(values)}I", *values))


def old_version(path: Path, version: int, *, spans: list[tuple[int, int, str]] | None = None) -> Path:
    """A file as a Barchasb of schema ``version`` left it: one document ``d`` (TEXT) in layer ``ali``."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for script in MIGRATIONS[:version]:
            conn.executescript(script)
        schema = json.dumps(preset("combined").to_json(), ensure_ascii=False)
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.executescript(
            f"""PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {version};
            INSERT INTO documents(rowid, id, title, n_tokens, n_chars, content_hash, normalization)
                VALUES (1, 'd', 'd', 1, {len(TEXT)}, '{hashlib.sha256(TEXT.encode()).hexdigest()}', 'none');
            INSERT INTO layers(id, doc, annotator) VALUES (1, 1, 'ali');"""
        )
        conn.execute("INSERT INTO settings VALUES ('schema', ?), ('normalization', 'standard')", (schema,))
        conn.execute(
            "INSERT INTO texts VALUES (1, ?, ?, NULL, ?, ?)",
            (TEXT, TEXT, packed([0, len(TEXT)]), packed([0, len(TEXT)])),
        )
        for start, end, label in spans or [(*where(TEXT, "علی"), "PER")]:
            conn.execute('INSERT INTO spans(layer, start, "end", label) VALUES (1, ?, ?, ?)', (start, end, label))
    finally:
        conn.close()
    return path


def state(path: Path) -> dict[str, bytes]:
    """The bytes of the file and of its -wal, -shm and -journal siblings that exist (to prove nothing changed)."""
    out = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        sibling = path.with_name(path.name + suffix)
        if sibling.exists():
            out[suffix or "file"] = sibling.read_bytes()
    return out
