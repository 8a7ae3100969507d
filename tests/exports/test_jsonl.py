from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.model import Span
from annotator.schema import preset
from annotator.store import Project
from exports import ExportOptions, export
from tests.conftest import SAMPLE
from tests.exports.conftest import NewLocation, add, file_only, server_only
from tests.exports.test_conll import LINE_BREAK_LOOKALIKES


def content(project: Project) -> list[tuple[object, ...]]:
    out = []
    for info in project.documents():
        doc = project.document(info.id)
        layers = {
            name: sorted((s.start, s.end, s.label, s.role or "") for s in layer.accepted())
            for name, layer in doc.layers.items()
        }
        out.append(
            (
                doc.id,
                doc.title,
                doc.raw_text,
                doc.text,
                list(doc.raw_offsets),
                list(doc.tokens),
                list(doc.sentences),
                dict(doc.meta),
                layers,
            )
        )
    return out


def test_round_trip_gives_back_the_same_project(project: Project, new_location: NewLocation, tmp_path: Path) -> None:
    import_paths(project, [SAMPLE], ImportOptions())  # a document with a real offset map
    add(project, "ilna-aras-free-zone", "sara", "محمد تبریزی", "PER", role="subject")
    path = tmp_path / "all.jsonl"
    export(project, ExportOptions("jsonl", path))
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert set(first) >= {"id", "title", "text", "meta", "tokens", "sentences", "spans", "label"}
    assert first["label"][0] == [0, 11, "PER"]
    with Project.create(new_location("again"), preset("combined")) as again:
        import_paths(again, [path], ImportOptions())
        # suggestions are not exported, so compare accepted spans
        for mine, theirs in zip(content(again), content(project), strict=True):
            for field_again, field_project in zip(mine, theirs, strict=True):
                assert field_again == field_project, (mine[0], field_again, field_project)


def test_splits_in_a_folder(project: Project, tmp_path: Path) -> None:
    export(project, ExportOptions("jsonl", tmp_path / "j", split="0.5,0.5"))
    files = sorted(p.name for p in (tmp_path / "j").glob("*.jsonl"))
    assert files == ["test.jsonl", "train.jsonl"]


PIECE = st.text(
    alphabet=st.sampled_from([*"ابپتسشکگلمنوهی", "\u200c", *"ab۱۲ ", "\n", *LINE_BREAK_LOOKALIKES]),
    min_size=1,
    max_size=12,
)


def round_trip_keeps_line_break_lookalikes(
    tmp_path_factory: pytest.TempPathFactory, new_location: NewLocation, texts: list[list[str]]
) -> None:
    """U+2028, U+2029, U+0085, \\x1c-\\x1e, \\x0b, \\x0c inside texts: export, import again, the same documents."""
    tmp = tmp_path_factory.mktemp("jl")
    source = tmp / "in.jsonl"
    rows = [{"id": f"d{n}", "title": f"t{n}", "text": f"علی\n{n} " + " ".join(parts)} for n, parts in enumerate(texts)]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    original = Project.create(new_location("o"), preset("combined"))
    import_paths(original, [source], ImportOptions(annotator="x"))
    for row in rows:
        original.add_span(str(row["id"]), "x", Span(0, 3, "PER"))  # «علی», the first word of every text
    out = tmp / "out.jsonl"
    export(original, ExportOptions("jsonl", out))
    written = out.read_text(encoding="utf-8")
    assert written.count("\n") == len(rows) and len(written.splitlines()) == len(rows)  # one line per document
    again = Project.create(new_location("again"), preset("combined"))
    import_paths(again, [out], ImportOptions())
    assert content(again) == content(original)
    original.close()
    again.close()


def lookalike_round_trips(examples: int) -> Any:
    """The property as a test of ``examples`` examples."""
    drawn = st.lists(st.lists(PIECE, min_size=1, max_size=5), min_size=1, max_size=3)
    quiet = [HealthCheck.function_scoped_fixture]
    return settings(max_examples=examples, deadline=None, derandomize=True, suppress_health_check=quiet)(
        given(drawn)(round_trip_keeps_line_break_lookalikes)
    )


test_round_trip_keeps_line_break_lookalikes = file_only(lookalike_round_trips(60))
# each server example creates two projects (a third of a second each): fewer examples, the same property
test_round_trip_keeps_line_break_lookalikes_on_a_server = server_only(lookalike_round_trips(15))


def test_round_trip_keeps_document_and_layer_status(
    project: Project, new_location: NewLocation, tmp_path: Path
) -> None:
    """Before: reviewed documents came back `new`, and `--only-done` then found nothing to export."""
    from annotator.model import DocStatus, LayerStatus

    project.set_document_status("b", DocStatus.REVIEWED)
    project.set_layer_status("a", "sara", LayerStatus.DONE)
    path = tmp_path / "all.jsonl"
    export(project, ExportOptions("jsonl", path))
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert (first["status"], first["layer_status"]) == ("done", "done")
    with Project.create(new_location("again"), preset("combined")) as again:
        import_paths(again, [path], ImportOptions())
        assert [(i.id, i.status) for i in again.documents()] == [
            ("a", DocStatus.DONE),
            ("b", DocStatus.REVIEWED),
            ("c", DocStatus.IN_PROGRESS),  # sara's span made it in progress (a person's edit)
        ]
        assert again.document("a").layers["sara"].status is LayerStatus.DONE
        assert again.document("c").layers["sara"].status is LayerStatus.IN_PROGRESS
        report = export(again, ExportOptions("jsonl", tmp_path / "done.jsonl", only_done=True))
        assert report.documents == {"train": 2}
        bad = tmp_path / "bad.jsonl"
        bad.write_text(json.dumps({"text": "متن", "status": "finished"}), encoding="utf-8")
        with pytest.raises(InputError, match='"status" must be one of new, pretagged'):
            import_paths(again, [bad], ImportOptions())
