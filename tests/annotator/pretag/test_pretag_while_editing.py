"""Pre-tagging every document while another connection edits the same project (a file or a server)."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.importers import ImportOptions, import_paths
from annotator.model import Span, SpanStatus
from annotator.pretag.pipeline import pretag
from annotator.schema import preset
from annotator.store import Project

TEXT = "آقای محمد تبریزی روز ۱۲ آبان ۱۴۰۴ در جلفا گفت تورم ۳۸٫۵ درصد است."


def test_an_edit_committed_between_two_documents_does_not_stop_the_run(tmp_path: Path, location: str) -> None:
    source = tmp_path / "docs.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": f"{TEXT} {i}"}) + "\n" for i in range(4)]  # distinct: none skipped
    source.write_text("".join(lines), encoding="utf-8")
    with Project.create(location, preset("combined")) as created:
        import_paths(created, [source], ImportOptions())
    start = TEXT.index("جلفا")
    with Project.open(location) as tagger, Project.open(location) as other:
        other.set_busy_timeout(1)

        def someone_edits(done: int, total: int) -> None:  # another annotator commits while the run goes on
            other.add_span(f"d{done}" if done < total else "d0", "sara", Span(start, start + 4, "LOC"))

        report = pretag(tagger, taggers=("rules", "cues"), progress=someone_edits)
        assert report.documents == 4 and report.suggestions == 12
        for i in range(4):
            layer = tagger.layer_spans(f"d{i}", "auto")
            assert [s.status for s in layer] == [SpanStatus.SUGGESTED] * 3
        assert len([s for i in range(4) for s in tagger.layer_spans(f"d{i}", "sara")]) == 4
