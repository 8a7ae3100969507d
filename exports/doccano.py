"""doccano writer: sequence-labelling JSONL that doccano imports, offsets in UTF-16 units."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.importers.doccano import ID_FIELD
from annotator.importers.utf16 import Utf16
from exports.jsonl import json_line
from exports.select import Item


def doccano_object(item: Item, number: int) -> dict[str, Any]:
    """One line: integer ``id``, ``text``, ``label`` triples in UTF-16 units; our id, title and meta as metadata."""
    document = item.document
    units = Utf16(document.text).units
    spans = sorted(item.spans, key=lambda s: (s.start, s.end, s.label))
    obj: dict[str, Any] = {
        "id": number,
        "text": document.text,
        "label": [[units(s.start), units(s.end), s.label] for s in spans],
        ID_FIELD: document.id,
        "title": document.title,
    }
    for key, value in document.meta.items():
        obj.setdefault(key, value)  # doccano keeps unknown fields as the example's metadata
    return obj


def write_doccano(path: Path, items: list[Item], first_id: int = 1) -> int:
    """Write one doccano JSONL file; returns the next free id (ids run on across split files)."""
    number = first_id
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for item in items:
            handle.write(json_line(doccano_object(item, number)))
            handle.write("\n")
            number += 1
    return number
