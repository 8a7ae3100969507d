"""Export fixtures: every project is made where the ``location`` fixture puts it (a file, or a server database)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from annotator.importers import ImportOptions, import_paths
from annotator.model import DocStatus, Span, SpanStatus
from annotator.schema import preset
from annotator.store import Project
from tests.storage import on_server, plain

NewLocation = Callable[[str], str]

# For a test about a project *file* (its bytes, links to it, its -wal and -shm): a server project has none.
file_only = pytest.mark.parametrize("location", ["file"], indirect=True)
# For a property test's server run, with fewer examples than on a file: each example creates its projects.
server_only = pytest.mark.parametrize("location", ["postgresql"], indirect=True)


def add(project: Project, doc_id: str, layer: str, name: str, label: str, **kw: object) -> Span:
    text = project.document(doc_id).text
    start = text.index(name)
    return project.add_span(doc_id, layer, Span(start, start + len(name), label, **kw))  # type: ignore[arg-type]


def behind_the_store(location: str | Path, sql: str, params: Sequence[Any] = ()) -> None:
    """Run one writing statement (``?`` placeholders) on the project's database, as another tool would."""
    with plain(location) as conn:
        if on_server(location):
            conn.execute(sql.replace("?", "%s"), params or None)
        else:
            conn.execute(sql, params)


@pytest.fixture
def new_location(location: str, tmp_path: Path, request: pytest.FixtureRequest) -> NewLocation:
    """Where one more new project goes, of the kind ``location`` is: a file ``NAME.barchasb`` or a server database.

    A name asked for again (each example of a property test) gets a new file, or the same database emptied
    of its project: a new database per example would make a property test many times slower on the server.
    """
    databases: dict[str, str] = {}

    def make(name: str) -> str:
        if on_server(location):
            if name not in databases:
                databases[name] = str(request.getfixturevalue("pg_server").database())
            else:
                _drop_project(databases[name])
            return databases[name]
        path, n = tmp_path / f"{name}.barchasb", 1
        while path.exists():
            path, n = tmp_path / f"{name}-{n}.barchasb", n + 1
        return str(path)

    return make


def _drop_project(url: str) -> None:
    """The server database at ``url`` without its project (sessions a failed example left open are ended)."""
    with plain(url) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        conn.execute("DROP SCHEMA barchasb CASCADE")


@pytest.fixture
def project(location: str, tmp_path: Path) -> Iterator[Project]:
    """Three small news documents annotated by sara; one suggestion; one document done."""
    p = news(location, tmp_path)
    yield p
    p.close()


def news(location: str, tmp_path: Path) -> Project:
    """The ``project`` fixture's project, made at ``location``."""
    p = Project.create(location, preset("combined"))
    rows = [
        {"id": "a", "text": "محمد تبریزی در جلفا گفت. سازمان منطقه آزاد ارس همکاری کرد."},
        {"id": "b", "text": "😀 علی‌رضا به تهران رفت.\nبانک مرکزی ۳۸٫۵ درصد اعلام کرد."},
        {"id": "c", "text": "خبرگزاری ایلنا گزارش داد."},
    ]
    source = tmp_path / "docs.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    import_paths(p, [source], ImportOptions())
    add(p, "a", "sara", "محمد تبریزی", "PER", role="source")
    add(p, "a", "sara", "جلفا", "LOC")
    add(p, "a", "sara", "سازمان منطقه آزاد ارس", "ORG")
    add(p, "b", "sara", "علی‌رضا", "PER")
    add(p, "b", "sara", "تهران", "LOC")
    add(p, "b", "sara", "بانک مرکزی", "ORG", status=SpanStatus.SUGGESTED, source="rule", confidence=0.4)
    add(p, "b", "sara", "۳۸٫۵ درصد", "PCT")
    add(p, "c", "sara", "خبرگزاری ایلنا", "ORG")
    p.set_document_status("a", DocStatus.DONE)
    return p
