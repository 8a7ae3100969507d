from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.importers import ImportOptions, import_paths
from annotator.model import DocStatus, Span, SpanStatus
from annotator.schema import preset
from annotator.store import Project


def add(project: Project, doc_id: str, layer: str, name: str, label: str, **kw: object) -> Span:
    text = project.document(doc_id).text
    start = text.index(name)
    return project.add_span(doc_id, layer, Span(start, start + len(name), label, **kw))  # type: ignore[arg-type]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Three small news documents annotated by sara; one suggestion; one document done."""
    p = Project.create(tmp_path / "p.barchasb", preset("combined"))
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
    yield p
    p.close()
