"""JSONL writer: one object per document, readable again by the JSONL importer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from exports.select import Item


def document_object(item: Item, layer: str) -> dict[str, Any]:
    """The JSON object of one document (accepted spans only)."""
    document = item.document
    spans = sorted(item.spans, key=lambda s: (s.start, s.end))
    obj: dict[str, Any] = {
        "id": document.id,
        "title": document.title,
        "text": document.text,
        "meta": dict(document.meta),
        "tokens": [[s, e] for s, e in document.tokens],
        "sentences": [[s, e] for s, e in document.sentences],
        "spans": [{"start": s.start, "end": s.end, "label": s.label, "role": s.role} for s in spans],
        "label": [[s.start, s.end, s.label] for s in spans],
        "annotator": layer,
        "status": str(document.status),
        "layer_status": str(document.layers[layer].status) if layer in document.layers else None,
    }
    if document.raw_text != document.text or list(document.raw_offsets) != list(range(len(document.text) + 1)):
        obj["raw_text"] = document.raw_text
        obj["raw_offsets"] = list(document.raw_offsets)
    return obj


# Valid raw in JSON strings, but line breaks to str.splitlines() and many JSON Lines readers: escaped.
_LINE_BREAKS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(obj: Any) -> str:
    """One object on one line, Persian readable, every character another reader could take for a line break escaped."""
    return json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAKS)


def write_jsonl(path: Path, items: list[Item], layer: str) -> None:
    """Write one JSONL file."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for item in items:
            handle.write(json_line(document_object(item, layer)))
            handle.write("\n")
