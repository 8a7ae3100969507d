"""Edits as single checked statements (one round trip on a server): a stale row or schema is still refused.

A connection keeps the schema it last read; each edit's statement writes only while that schema is still
the stored one, and a schema change waits for edits in flight (and they for it), on a file and on a server.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.errors import DocumentNotFound, SchemaError, StaleEdit
from annotator.model import DocStatus, Span, SpanStatus
from annotator.schema import Schema
from annotator.store import Project
from annotator.store.edits import Expected
from tests.storage import one_document, query, wait_for_lock_or_end

TEXT = "علی به تهران و شیراز رفت و از مشهد و تبریز و یزد گذشت"
WORDS = ["علی", "تهران", "شیراز", "مشهد", "تبریز", "یزد"]


@pytest.fixture
def path(tmp_path: Path, location: str) -> str:
    return one_document(location, tmp_path, TEXT)


def where(word: str) -> tuple[int, int]:
    return TEXT.index(word), TEXT.index(word) + len(word)


def spans(path: str) -> list[tuple[Any, ...]]:
    return query(
        path, 'SELECT s.id, l.annotator, s.start, s."end", s.label FROM spans s JOIN layers l ON s.layer = l.id'
    )


def without(schema: Schema, label: str) -> Schema:
    data = schema.to_json()
    data["types"] = [entry for entry in data["types"] if entry["name"] != label]
    return Schema.from_json(data)


def test_a_label_removed_elsewhere_is_refused_though_this_connection_read_it(path: str) -> None:
    with Project.open(path) as a, Project.open(path) as b:
        first = a.add_span("d", "ali", Span(*where("علی"), "PER"))  # a has read the schema, ORG in it
        b.set_schema(without(b.schema, "ORG"))
        before = spans(path)
        with pytest.raises(SchemaError, match="ORG"):
            a.add_span("d", "ali", Span(*where("تهران"), "ORG"))
        with pytest.raises(SchemaError, match="ORG"):
            a.update_span(first.id or 0, expect=Expected("d", "ali", first), label="ORG")
        assert spans(path) == before
        # ... and a label added elsewhere is taken at once
        b.set_schema(b.schema.with_labels(["ORG"]))
        added = a.add_span("d", "ali", Span(*where("تهران"), "ORG"))
        assert (added.id, "ali", *where("تهران"), "ORG") in spans(path)


def test_undoing_a_delete_cannot_bring_back_a_label_removed_since(path: str) -> None:
    with Project.open(path) as a, Project.open(path) as b:
        span = a.add_span("d", "ali", Span(*where("شیراز"), "ORG"))
        a.remove_span(span.id or 0, expect=Expected("d", "ali", span))
        b.set_schema(without(b.schema, "ORG"))  # no span uses ORG any more
        with pytest.raises(SchemaError, match="ORG"):
            a.restore_span("d", "ali", span)
        assert spans(path) == []
        assert "ORG" not in a.schema.labels


def test_an_edit_with_a_stale_row_is_refused_naming_what_changed_and_writes_nothing(path: str) -> None:
    with Project.open(path) as a, Project.open(path) as b:
        mine = a.add_span("d", "ali", Span(*where("مشهد"), "LOC"))
        b.update_span(mine.id or 0, expect=Expected("d", "ali", mine), start=where("تبریز")[0], end=where("تبریز")[1])
        stored = spans(path)
        with pytest.raises(StaleEdit, match=r"LOC at .* was changed elsewhere"):
            a.update_span(mine.id or 0, expect=Expected("d", "ali", mine), label="PER")
        with pytest.raises(StaleEdit, match="changed elsewhere"):
            a.remove_span(mine.id or 0, expect=Expected("d", "ali", mine))
        with pytest.raises(StaleEdit, match="not in sara's layer of d"):
            a.remove_span(mine.id or 0, expect=Expected("d", "sara", mine))
        with pytest.raises(DocumentNotFound, match="no document 'e'"):
            a.remove_span(mine.id or 0, expect=Expected("e", "ali", mine))
        assert spans(path) == stored
        statuses = query(path, "SELECT annotator, status FROM layers ORDER BY annotator")
        assert statuses == [("ali", "in_progress")]


def _in_thread(action: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            action()
        except BaseException as exc:  # the test asserts on it
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_a_schema_change_being_committed_holds_back_an_edit_which_then_obeys_it(path: str) -> None:
    with Project.open(path) as a, Project.open(path) as b:
        a.add_span("d", "ali", Span(*where("علی"), "PER"))  # the schema as read now has ORG
        with b.transaction():  # the schema change is written, not yet committed
            b.set_schema(without(b.schema, "ORG"))
            thread, errors = _in_thread(lambda: a.add_span("d", "ali", Span(*where("یزد"), "ORG")))
            wait_for_lock_or_end(path, thread)
        thread.join(60)
        assert [type(e) for e in errors] == [SchemaError]
        assert [row[4] for row in spans(path)] == ["PER"]


def test_an_edit_being_committed_holds_back_a_schema_change_which_then_sees_its_label(path: str) -> None:
    with Project.open(path) as a, Project.open(path) as b:
        smaller = without(b.schema, "ORG")
        with a.transaction():  # the edit is written, not yet committed
            a.add_span("d", "ali", Span(*where("تهران"), "ORG"))
            thread, errors = _in_thread(lambda: b.set_schema(smaller))
            wait_for_lock_or_end(path, thread)
        thread.join(60)
        assert [type(e) for e in errors] == [SchemaError]
        assert "labels still in use cannot be removed: ORG" in str(errors[0])
        assert "ORG" in b.schema.labels and [row[4] for row in spans(path)] == ["ORG"]


def test_two_processes_relabel_the_same_spans_and_each_span_has_exactly_one_winner(path: str) -> None:
    with Project.open(path) as project:
        made = [project.add_span("d", "ali", Span(*where(word), "PER")) for word in WORDS]
    script = textwrap.dedent(
        """
        import json, sys
        from annotator.errors import StaleEdit
        from annotator.model import Span
        from annotator.store import Project
        from annotator.store.edits import Expected
        path, label, spans = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
        won = []
        with Project.open(path) as p:
            for span_id, start, end in spans:
                try:
                    old = Span(start, end, "PER", id=span_id)
                    p.update_span(span_id, expect=Expected("d", "ali", old), label=label)
                    won.append(span_id)
                except StaleEdit:
                    pass
        print(json.dumps(won))
        """
    )
    argument = json.dumps([[s.id, s.start, s.end] for s in made])
    procs = [
        subprocess.Popen([sys.executable, "-c", script, path, label, argument], stdout=subprocess.PIPE, text=True)
        for label in ("LOC", "ORG")
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    won = {label: set(json.loads(out)) for label, out in zip(("LOC", "ORG"), outputs, strict=True)}
    assert won["LOC"].isdisjoint(won["ORG"]) and won["LOC"] | won["ORG"] == {s.id for s in made}
    stored = {row[0]: row[4] for row in spans(path)}
    assert stored == {span_id: label for label, ids in won.items() for span_id in ids}


def test_a_document_set_back_to_new_elsewhere_is_in_progress_again_after_the_next_edit(path: str) -> None:
    with Project.open(path) as a, Project.open(path) as b:
        first = a.add_span("d", "ali", Span(*where("علی"), "PER"))
        assert b.documents()[0].status is DocStatus.IN_PROGRESS
        b.set_document_status("d", DocStatus.NEW)
        a.update_span(first.id or 0, expect=Expected("d", "ali", first), label="LOC")
        assert b.documents()[0].status is DocStatus.IN_PROGRESS
        b.set_document_status("d", DocStatus.PRETAGGED)
        a.add_span("d", "ali", Span(*where("تهران"), "LOC"))
        assert b.documents()[0].status is DocStatus.IN_PROGRESS
        b.set_document_status("d", DocStatus.NEW)
        a.add_span("d", "gold", Span(*where("شیراز"), "LOC"))  # gold is no one's edit: the status stays
        assert b.documents()[0].status is DocStatus.NEW


def test_an_accepted_span_over_a_suggestion_replaces_it_in_one_step(path: str) -> None:
    with Project.open(path) as a:
        a.add_span("d", "ali", Span(*where("علی"), "PER"))
        a.replace_suggestions("d", "ali", [Span(*where("تهران"), "ORG", None, SpanStatus.SUGGESTED, "rules", 0.5)])
        added = a.add_span("d", "ali", Span(*where("تهران"), "LOC"))
        assert [(s.id, s.label, s.status) for s in a.layer_spans("d", "ali")][1:] == [
            (added.id, "LOC", SpanStatus.ACCEPTED)
        ]


def suggested(word: str, label: str, role: str | None = None) -> Span:
    return Span(*where(word), label, role, SpanStatus.SUGGESTED, "rules", 0.9)


def with_role(schema: Schema, label: str, roles: list[str]) -> Schema:
    data = schema.to_json()
    for entry in data["types"]:
        if entry["name"] == label:
            entry["roles"] = roles
    return Schema.from_json(data)


def test_suggestions_made_under_a_schema_changed_since_keep_to_the_stored_one(path: str) -> None:
    """A pre-tagger that read the schema before a manager removed a label or a role stores none of it."""
    with Project.open(path) as tagger, Project.open(path) as manager:
        manager.set_schema(with_role(manager.schema, "PER", ["speaker", "subject"]))
        made = [suggested("علی", "PER", "speaker"), suggested("تهران", "ORG"), suggested("شیراز", "LOC")]
        assert "ORG" in tagger.schema.labels and tagger.schema.get("PER").roles == ("speaker", "subject")
        manager.set_schema(with_role(without(manager.schema, "ORG"), "PER", ["subject"]))
        kept = tagger.replace_suggestions("d", "ali", made)
        assert kept == [suggested("علی", "PER"), suggested("شیراز", "LOC")]
        stored = [(s.start, s.end, s.label, s.role) for s in tagger.layer_spans("d", "ali")]
        assert stored == [(*where("علی"), "PER", None), (*where("شیراز"), "LOC", None)]


def test_a_schema_change_being_committed_holds_back_suggestions_which_then_obey_it(path: str) -> None:
    with Project.open(path) as tagger, Project.open(path) as manager:
        assert "ORG" in tagger.schema.labels
        with manager.transaction():
            manager.set_schema(without(manager.schema, "ORG"))
            thread, errors = _in_thread(
                lambda: tagger.replace_suggestions("d", "ali", [suggested("تهران", "ORG"), suggested("یزد", "LOC")])
            )
            wait_for_lock_or_end(path, thread)
        thread.join(60)
        assert errors == []
        assert [row[2:] for row in spans(path)] == [(*where("یزد"), "LOC")]
