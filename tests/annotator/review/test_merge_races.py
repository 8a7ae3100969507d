"""A merge writes its layers under the schema as stored when it writes, not as it was when it checked."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from annotator.errors import StaleEdit
from annotator.importers import ImportOptions, import_paths
from annotator.model import Span
from annotator.review.package import merge_packages, write_package
from annotator.schema import Schema, preset
from annotator.store import Project
from annotator.store.edits import Expected
from tests.storage import query, wait_for_lock_or_end

TEXT = "علی از ایران به تهران رفت"


def test_a_label_removed_while_a_merge_waits_to_write_is_refused_and_nothing_is_merged(
    location: str, tmp_path: Path
) -> None:
    package = tmp_path / "sara.json"
    with Project.create(location, preset("combined")) as project:
        source = tmp_path / "a.jsonl"
        source.write_text(json.dumps({"id": "d", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
        import_paths(project, [source], ImportOptions())
        span = project.add_span("d", "sara", Span(TEXT.index("ایران"), TEXT.index("ایران") + 5, "NAT"))
        write_package(project, "sara", package)
        project.remove_span(span.id or 0, expect=Expected("d", "sara", span))  # NAT is in use nowhere now
    failures: list[BaseException] = []

    def merge() -> None:
        with Project.open(location) as merging:
            try:
                merge_packages(merging, [package], replace=True)
            except StaleEdit as exc:
                failures.append(exc)

    with Project.open(location) as editor:
        with editor.transaction():  # the schema editor's change is written, not yet committed
            editor.set_schema(Schema(editor.schema.name, tuple(t for t in editor.schema.types if t.name != "NAT")))
            thread = threading.Thread(target=merge)
            thread.start()  # the merge checks the package against the schema as committed (NAT in it), then waits
            wait_for_lock_or_end(location, thread)
        thread.join(120)
        assert "NAT" not in editor.schema.labels
    assert [str(e) for e in failures] == [
        "the schema was changed elsewhere (another window or user) while this merge ran; "
        f"{package}: its schema does not match the project's (labels not in this project: NAT); nothing was merged"
    ]
    assert query(location, "SELECT label FROM spans") == []
