"""A server project with a team (two annotators, a curator, a manager), for the role, audit and CLI tests.

Made by the superuser ``postgres`` (the project's creator and first manager). Documents: d1 (assigned to
ali13 and sara13), d2 (ali13), d3 (sara13), d4 (nobody). Layers on d1: ali13 (PER on «علی»), sara13 (LOC on
«تهران») and gold (PER on «علی»); ali13 also has a layer on d2. A model and a lexicon entry are stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from annotator.importers import ImportOptions, import_paths
from annotator.model import Span
from annotator.schema import preset
from annotator.store import Project
from annotator.store.team import add_member

TEXT = "علی به تهران و شیراز رفت"
PASSWORD = "team-test-password-13"
ALI, SARA, CARA, MONA = "ali13", "sara13", "cara13", "mona13"
ROLE_OF = {ALI: "annotator", SARA: "annotator", CARA: "curator", MONA: "manager"}


def where(name: str) -> tuple[int, int]:
    return TEXT.index(name), TEXT.index(name) + len(name)


@dataclass
class Team:
    """The project's URL as its creator (postgres) sees it, and ways in as each member."""

    url: str

    def url_of(self, user: str) -> str:
        return self.url.replace("postgresql://postgres@", f"postgresql://{user}@", 1)

    @contextmanager
    def sql(self, user: str) -> Iterator[psycopg.Connection[Any]]:
        """A plain psycopg connection logged in as ``user`` (autocommit, the project's schema first)."""
        conn = psycopg.connect(self.url_of(user), password=PASSWORD, autocommit=True)
        conn.execute("SET search_path TO barchasb")
        try:
            yield conn
        finally:
            conn.close()

    def open(self, user: str) -> Project:
        """The project through the core, logged in as ``user``."""
        return Project.open(self.url_of(user), password=PASSWORD)


def make_team(url: str, tmp_path: Path) -> Team:
    source = tmp_path / "docs.jsonl"
    lines = [json.dumps({"id": f"d{n}", "text": f"{TEXT} {n}"}, ensure_ascii=False) for n in range(1, 5)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Project.create(url, preset("combined")) as project:
        import_paths(project, [source], ImportOptions())
        for name, role in ROLE_OF.items():
            add_member(project, name, role, PASSWORD)
        project.assign(["d1", "d2"], [ALI])
        project.assign(["d1", "d3"], [SARA])
        project.add_span("d1", ALI, Span(*where("علی"), "PER"))
        project.add_span("d1", SARA, Span(*where("تهران"), "LOC"))
        project.add_span("d1", "gold", Span(*where("علی"), "PER"))
        project.add_span("d2", ALI, Span(*where("شیراز"), "LOC"))
        project.save_model("crf", "{}", b"model bytes")
        project.add_lexicon([("تهران", "LOC", 2)])
    return Team(url)
