"""A whole project copied between any two locations: file to server, server to file, file to file.

Every row is copied with its ids, timestamps and model signatures, so the copy shows, exports and
undoes exactly as the original. The source is read in one snapshot (a server project may be edited
meanwhile) and checked first (a damaged file is refused before anything is written); the target is
written in one transaction, and a failed copy leaves no project behind. A target that already holds a
project is refused. A file's model that this installation did not sign (altered, or another user's) is
left out and named in the report: a server trusts the models it holds, and crfsuite reads them unchecked.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.console import counted
from annotator.errors import ModelUntrusted, ProjectError
from annotator.store.db import is_server
from annotator.store.project import Project

Progress = Callable[[int, int], None]

# Every table, its columns and its order, parents before children (the ids refer to rows copied before).
TABLES: tuple[tuple[str, str, str], ...] = (
    ("settings", "key, value", "key"),
    (
        "documents",
        "rowid, id, title, meta, status, n_tokens, n_chars, content_hash, normalization, source, imported_at",
        "rowid",
    ),
    ("texts", "doc, raw_text, text, raw_offsets, tokens, sentences", "doc"),
    ("layers", "id, doc, annotator, status, updated_at", "id"),
    ("spans", 'id, layer, start, "end", label, role, status, source, confidence', "id"),
    ("models", "name, created_at, meta, data, signature", "name"),
    ("lexicon", "id, text, label, count", "id"),
    ("rejections", 'doc, annotator, start, "end", label', 'doc, annotator, start, "end", label'),
    ("assignments", "doc, annotator, assigned_at", "doc, annotator"),
    ("decisions", 'doc, start, "end", decision', 'doc, start, "end"'),
)
BATCH = 2000


@dataclass(frozen=True)
class CopyReport:
    """What was copied: rows per table."""

    rows: dict[str, int]
    left_out: tuple[str, ...] = ()  # names of untrusted models not copied

    def summary(self) -> str:
        """One line for the user."""
        n = self.rows
        line = ", ".join(counted(n.get(table, 0), table[:-1]) for table in ("documents", "layers", "spans", "models"))
        if self.left_out:
            names = ", ".join(repr(name) for name in self.left_out)
            line += (
                f" (left out {counted(len(self.left_out), 'untrusted model')}: {names}, not signed by this "
                "installation; retrain with `barchasb train`)"
            )
        return line


def copy_project(source: str | Path, target: str | Path, progress: Progress | None = None) -> CopyReport:
    """Copy the project at ``source`` to ``target`` (which must not hold a project)."""
    with Project.open(source) as src:
        for _ in src.iter_documents():  # every text and span checked before anything is written
            pass
        schema, normalization = src.schema, src.normalization
        left_out = _untrusted_models(src)
        if is_server(target):
            dst = Project.create(target, schema, normalization)
            try:
                rows = _copy(src, dst, progress, left_out)
            except BaseException:
                _drop_tables(dst)
                raise
            finally:
                dst.close()
            return CopyReport(rows, left_out)
        final = Path(target)
        if final.exists():
            raise ProjectError(f"{final}: already exists (choose another name)")
        temporary = final.with_name(f".{final.name}.copy-{secrets.token_hex(4)}")
        try:
            with Project.create(temporary, schema, normalization) as dst:
                rows = _copy(src, dst, progress, left_out)
            try:
                os.link(temporary, final)  # never over a file that appeared meanwhile
            except FileExistsError:
                raise ProjectError(f"{final}: already exists (choose another name)") from None
            except OSError as exc:
                raise ProjectError(f"{final}: cannot be written ({exc.strerror or exc})") from None
        finally:
            for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
                leftover.unlink(missing_ok=True)
        return CopyReport(rows, left_out)


def _untrusted_models(src: Project) -> tuple[str, ...]:
    """Names of the source's models that its own checks would not load (none on a server, which trusts its own)."""
    if not src._db.signed_models:
        return ()
    names = [row[0] for row in src._db.execute("SELECT name FROM models ORDER BY name").fetchall()]
    untrusted: list[str] = []
    for name in names:
        try:
            src.load_model(name)
        except ModelUntrusted:
            untrusted.append(name)
    return tuple(untrusted)


def _copy(src: Project, dst: Project, progress: Progress | None, left_out: tuple[str, ...] = ()) -> dict[str, int]:
    """Every row of every table, in one read snapshot of the source and one transaction of the target."""
    src._db.begin_read()
    try:
        total = sum(int(src._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) for table, _, _ in TABLES)
        done = 0
        counts: dict[str, int] = {}
        with dst.transaction():
            dst._db.execute("DELETE FROM settings")  # create() wrote them; the source's come next
            for table, columns, order in TABLES:
                marks = ", ".join("?" * len(columns.split(",")))
                insert = f"INSERT INTO {table}({columns}){dst._db.dialect.explicit_ids} VALUES ({marks})"
                cursor = src._db.execute(f"SELECT {columns} FROM {table} ORDER BY {order}")
                counts[table] = 0
                while batch := cursor.fetchmany(BATCH):
                    if table == "models":
                        done += len(batch)
                        batch = [row for row in batch if row[0] not in left_out]
                        done -= len(batch)
                    dst._db.executemany(insert, batch)
                    counts[table] += len(batch)
                    done += len(batch)
                    if progress is not None:
                        progress(done, total)
            dst._db.move_identities_past_ids()
    finally:
        src._db.end_read()
    return counts


def _drop_tables(project: Project) -> None:
    """Take back a server project that a failed copy created (its schema held no tables before)."""
    with contextlib.suppress(ProjectError):
        project._db.rollback()
        project._db.drop_project()
