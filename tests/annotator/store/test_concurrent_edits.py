"""Two writers on one project (a file or a server database): ids are never reused, checked edits refuse a stale
row, a lock is "busy"."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from annotator.errors import ProjectBusy, StaleEdit
from annotator.model import Span, SpanStatus
from annotator.schema import preset
from annotator.store import Project
from annotator.store.edits import Expected
from tests.storage import one_document, query, writing

TEXT = "علی 😀 به تهران و شیراز رفت"  # an emoji before the entities: offsets are code points


@pytest.fixture
def path(tmp_path: Path, location: str) -> str:
    return one_document(location, tmp_path, TEXT)


def where(name: str) -> tuple[int, int]:
    return TEXT.index(name), TEXT.index(name) + len(name)


def rows(path: str) -> list[tuple[object, ...]]:
    """Every stored span with its layer's annotator, read through a plain connection."""
    return query(
        path,
        'SELECT s.id, l.annotator, s.start, s."end", s.label, s.status FROM spans s '
        "JOIN layers l ON s.layer = l.id ORDER BY s.id",
    )


def test_a_deleted_span_id_is_never_given_to_another_span(path: str) -> None:
    with Project.open(path) as a, Project.open(path) as b:
        first = a.add_span("d", "ali", Span(*where("علی"), "PER"))
        a.remove_span(first.id or 0)
        other = b.add_span("d", "sara", Span(*where("تهران"), "LOC"))
        assert other.id is not None and first.id is not None and other.id > first.id
        a.restore_span("d", "ali", first)  # the undo of the removal gets its own id back
        assert rows(path) == [
            (first.id, "ali", *where("علی"), "PER", "accepted"),
            (other.id, "sara", *where("تهران"), "LOC", "accepted"),
        ]


def test_the_reported_scenario_leaves_the_other_layer_alone(path: str) -> None:
    """A adds, relabels and deletes its span; B adds one; A undoes three times and redoes twice."""
    with Project.open(path) as a, Project.open(path) as b:
        added = a.add_span("d", "ali", Span(*where("تهران"), "LOC"))
        assert added.id is not None
        relabelled = a.update_span(added.id, expect=Expected("d", "ali", added), label="ORG")
        a.remove_span(added.id, expect=Expected("d", "ali", relabelled))
        theirs = b.add_span("d", "sara", Span(*where("شیراز"), "LOC"))
        assert theirs.id != added.id
        # A's three undos, each checked against the state its step left
        a.restore_span("d", "ali", relabelled)
        a.update_span(added.id, expect=Expected("d", "ali", relabelled), label="LOC")
        a.remove_span(added.id, expect=Expected("d", "ali", added))
        # two redos
        a.restore_span("d", "ali", added)
        a.update_span(added.id, expect=Expected("d", "ali", added), label="ORG")
        assert rows(path) == [
            (added.id, "ali", *where("تهران"), "ORG", "accepted"),
            (theirs.id, "sara", *where("شیراز"), "LOC", "accepted"),
        ]


def test_an_edit_that_expects_another_layer_or_state_is_refused_and_changes_nothing(path: str) -> None:
    with Project.open(path) as a, Project.open(path) as b:
        mine = a.add_span("d", "ali", Span(*where("تهران"), "LOC"))
        theirs = b.add_span("d", "sara", Span(*where("شیراز"), "LOC"))
        assert mine.id is not None and theirs.id is not None
        before = rows(path)
        # the id of sara's span, addressed as if it were in ali's layer
        with pytest.raises(StaleEdit, match="not in ali's layer"):
            a.remove_span(theirs.id, expect=Expected("d", "ali", theirs))
        with pytest.raises(StaleEdit, match="not in ali's layer"):
            a.update_span(theirs.id, expect=Expected("d", "ali", theirs), label="ORG")
        # B changes ali's span (as a background job would): A's view of it is stale
        b.update_span(mine.id, label="GPE" if "GPE" in b.schema.labels else "ORG")
        changed = rows(path)
        with pytest.raises(StaleEdit, match="changed elsewhere"):
            a.update_span(mine.id, expect=Expected("d", "ali", mine), label="PER")
        with pytest.raises(StaleEdit, match="changed elsewhere"):
            a.remove_span(mine.id, expect=Expected("d", "ali", mine))
        assert rows(path) == changed and changed != before
        b.remove_span(mine.id)
        with pytest.raises(StaleEdit, match="removed elsewhere"):
            a.update_span(mine.id, expect=Expected("d", "ali", mine), label="PER")
        with pytest.raises(StaleEdit, match="there again"):
            a.restore_span("d", "sara", theirs)


def test_a_suggestion_rejected_elsewhere_cannot_be_rejected_or_accepted_again(path: str) -> None:
    with Project.open(path) as a, Project.open(path) as b:
        suggestion = Span(*where("تهران"), "LOC", None, SpanStatus.SUGGESTED, "rules", 0.9)
        assert len(a.replace_suggestions("d", "ali", [suggestion])) == 1
        (stored,) = a.layer_spans("d", "ali")
        assert stored.id is not None
        b.reject_span(stored.id)
        with pytest.raises(StaleEdit):
            a.accept_span(stored.id, expect=Expected("d", "ali", stored))
        with pytest.raises(StaleEdit):
            a.reject_span(stored.id, expect=Expected("d", "ali", stored))
        assert a.layer_spans("d", "ali") == ()


def test_a_region_changed_by_another_curator_is_not_undone_over_their_work(path: str) -> None:
    with Project.open(path) as a, Project.open(path) as b:
        start, end = where("تهران")
        change = a.resolve_region("d", start, end, [Span(start, end, "LOC")])
        b.resolve_region("d", start, end, [Span(start, end, "ORG")])  # the other curator decides otherwise
        with pytest.raises(StaleEdit, match="gold layer"):
            a.undo_region(change)
        assert [(s.label, s.start) for s in a.layer_spans("d", "gold")] == [("ORG", start)]
        with pytest.raises(StaleEdit, match="gold layer"):
            a.resolve_region("d", start, end, [Span(start, end, "PER")], expect=change.added)


def test_another_process_writing_gives_a_busy_error_not_a_locked_database(path: str) -> None:
    with writing(path), Project.open(path) as project:  # another process in the middle of a write
        project.set_busy_timeout(0.1)
        with pytest.raises(ProjectBusy, match="the project is busy \\(another process is writing\\); try again"):
            project.add_span("d", "ali", Span(*where("علی"), "PER"))
    assert rows(path) == []


def test_two_processes_edit_their_own_layers_and_ids_stay_unique(path: str) -> None:
    script = textwrap.dedent(
        """
        import sys
        from annotator.model import Span
        from annotator.store import Project
        from annotator.store.edits import Expected
        path, name, label = sys.argv[1:]
        text = "علی 😀 به تهران و شیراز رفت"
        with Project.open(path) as p:
            for _ in range(40):
                span = p.add_span("d", name, Span(text.index("تهران"), text.index("تهران") + 5, label))
                p.remove_span(span.id, expect=Expected("d", name, span))
            p.add_span("d", name, Span(text.index("شیراز"), text.index("شیراز") + 5, label))
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(path), name, label])
        for name, label in (("ali", "LOC"), ("sara", "ORG"))
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with Project.open(path) as project:
        kept = [(r[1], r[4]) for r in rows(path)]
        assert sorted(kept) == [("ali", "LOC"), ("sara", "ORG")]
        (next_span,) = [project.add_span("d", "zahra", Span(*where("علی"), "PER"))]
        assert next_span.id == 83  # 2 × 41 ids were handed out before, none of them again


def test_a_version_4_file_gets_ids_that_are_never_reused(tmp_path: Path) -> None:
    from annotator.store.migrations import APPLICATION_ID, MIGRATIONS

    path = tmp_path / "v4.barchasb"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:4]:
        conn.executescript(script)
    conn.executescript(
        f"""PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 4;
        INSERT INTO settings VALUES ('schema', '{_combined_json()}'), ('normalization', 'standard');
        INSERT INTO documents(rowid, id, title, n_tokens, n_chars, content_hash, normalization)
            VALUES (1, 'd', 't', 1, 3, 'h', 'none');
        INSERT INTO texts VALUES (1, 'علی', 'علی', NULL, x'', x'');
        INSERT INTO layers(id, doc, annotator) VALUES (1, 1, 'ali');
        INSERT INTO spans(id, layer, start, "end", label) VALUES (7, 1, 0, 3, 'PER');"""
    )
    conn.close()
    with Project.open(path) as project:
        assert project._conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert [(s.id, s.label) for s in project.layer_spans("d", "ali")] == [(7, "PER")]
        project.remove_span(7)
        project._conn.execute("INSERT INTO layers(doc, annotator) VALUES (1, 'sara')")
        layer = project._conn.execute("SELECT id FROM layers WHERE annotator = 'sara'").fetchone()[0]
        with project.transaction():
            cursor = project._conn.execute(
                "INSERT INTO spans(layer, start, \"end\", label) VALUES (?, 0, 3, 'LOC')", (layer,)
            )
        assert cursor.lastrowid == 8  # not 7, the id of the span just deleted


def _combined_json() -> str:
    import json

    return json.dumps(preset("combined").to_json(), ensure_ascii=False).replace("'", "''")


def test_an_import_while_two_annotators_edit_loses_nothing(path: str, tmp_path: Path) -> None:
    """An import of 30 documents runs while two processes add and remove spans in their layers."""
    source = tmp_path / "more.jsonl"
    source.write_text("".join(f'{{"id": "m{i}", "text": "علی در شهر {i} بود"}}\n' for i in range(30)), "utf-8")
    editor = textwrap.dedent(
        """
        import sys
        from annotator.model import Span
        from annotator.store import Project
        from annotator.store.edits import Expected
        path, name = sys.argv[1:]
        text = "علی 😀 به تهران و شیراز رفت"
        start = text.index("تهران")
        with Project.open(path) as p:
            for _ in range(30):
                span = p.add_span("d", name, Span(start, start + 5, "LOC"))
                p.update_span(span.id, expect=Expected("d", name, span), label="ORG")
            print("done", flush=True)
        """
    )
    importer = textwrap.dedent(
        """
        import sys
        from annotator.importers import ImportOptions, import_paths
        from annotator.store import Project
        with Project.open(sys.argv[1]) as p:
            for line in open(sys.argv[2], encoding="utf-8"):  # one import per document: many short transactions
                with open(sys.argv[3], "w", encoding="utf-8") as one:
                    one.write(line)
                import_paths(p, [sys.argv[3]], ImportOptions())
        """
    )
    procs = [subprocess.Popen([sys.executable, "-c", editor, path, name]) for name in ("ali", "sara")]
    procs.append(subprocess.Popen([sys.executable, "-c", importer, path, str(source), str(tmp_path / "one.jsonl")]))
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0]
    with Project.open(path) as project:
        assert [d.id for d in project.documents()] == ["d", *(f"m{i}" for i in range(30))]
        for name in ("ali", "sara"):
            spans = project.layer_spans("d", name)
            assert len(spans) == 30 and {s.label for s in spans} == {"ORG"}


def test_a_status_or_schema_changed_elsewhere_is_not_overwritten(path: str) -> None:
    from annotator.model import DocStatus

    with Project.open(path) as a, Project.open(path) as b:
        a.set_document_status("d", DocStatus.DONE, expect=DocStatus.NEW)
        with pytest.raises(StaleEdit, match="'d' is done now, not new"):
            b.set_document_status("d", DocStatus.IN_PROGRESS, expect=DocStatus.NEW)
        assert b.document("d").status is DocStatus.DONE
        b.set_document_status("d", DocStatus.REVIEWED, expect=DocStatus.DONE)
        seen = a.schema
        b.set_schema(preset("arman"), expect=seen)
        with pytest.raises(StaleEdit, match="schema was changed elsewhere"):
            a.set_schema(preset("peyma"), expect=seen)
        assert a.schema == preset("arman")
        a.set_schema(preset("peyma"), expect=a.schema)
        assert b.schema == preset("peyma")
