"""doccano's sequence-labelling JSONL: ``text``, ``label: [[start, end, "LABEL"]]``, offsets in UTF-16 units.

doccano counts offsets as JavaScript does (its issue #2290), so an emoji before an entity moves
its offsets by one per emoji; they are converted to code points here, at the file boundary.
Projects with relations export ``entities: [{"start_offset", "end_offset", "label"}]`` instead.
Every other field (doccano's ``Comments``, your own columns) goes to the document's meta.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.importers.jsonl import check_strings, json_records
from annotator.importers.records import Entity, Parsed, first_line
from annotator.importers.utf16 import Utf16

ID_FIELD = "doc_id"  # where our export keeps the Barchasb document id (doccano wants an integer ``id``)
_OWN = {"id", "text", "label", "entities", ID_FIELD, "title"}
# doccano 1.2's "JSONL (text label)" export spells the triples "labels"; 1.4-1.5's writer puts the text in "data"
_OLDER = {"labels", "data"}


def read_doccano(path: Path, text: str) -> Iterator[Parsed]:
    """One document per object; entities in code points of the given text."""
    origin = str(path)
    for item, number, lineno in json_records(path, text):
        where = "" if lineno is not None else f"item {number}: "

        def fail(message: str, at: str = where, line: int | None = lineno) -> InputError:
            return InputError(at + message, origin, line)

        if not isinstance(item, dict):
            raise fail('expected a JSON object with a "text" field')
        check_strings(item, fail)
        body = item.get("text")
        if body is None and isinstance(item.get("data"), str):
            body = item["data"]
        if not isinstance(body, str):
            raise fail('the "text" field is missing or not a string')
        doc_id = item.get(ID_FIELD)
        if not isinstance(doc_id, str) or not doc_id:
            given = item.get("id")
            if given is not None and not isinstance(given, int | str):
                raise fail('the "id" field must be an integer or a string')
            doc_id = f"{path.stem}-{given if given not in (None, '') else number}"
        title = item.get("title")
        if title is not None and not isinstance(title, str):
            raise fail('the "title" field must be a string')
        meta = {k: v for k, v in item.items() if k not in _OWN and not (k in _OLDER and _older_field(item, k))}
        if "id" in item and ID_FIELD not in item:
            meta["doccano_id"] = item["id"]
        yield Parsed(
            id=doc_id,
            title=title or first_line(body) or doc_id,
            raw=body,
            path=origin,
            line=lineno,
            meta=meta,
            entities=_entities(item, body, fail, lineno),
            annotated="label" in item or "entities" in item or _older_field(item, "labels"),
        )


def _older_field(item: dict[str, Any], key: str) -> bool:
    """``labels`` holding the triples (no ``label``), or ``data`` holding the text (no ``text``)."""
    if key == "data":
        return "text" not in item and isinstance(item.get("data"), str)
    return "label" not in item and isinstance(item.get("labels"), list)


def _entities(item: dict[str, Any], body: str, fail: Any, lineno: int | None) -> list[Entity]:
    triples: list[tuple[Any, Any, Any]] = []
    labels = item.get("label", item.get("labels", []) if _older_field(item, "labels") else [])
    if not isinstance(labels, list):
        raise fail('"label" must be a list of [start, end, "LABEL"]')
    for value in labels:
        if not (isinstance(value, list) and len(value) == 3):
            raise fail(f'"label" entries must be [start, end, "LABEL"]: {json.dumps(value, ensure_ascii=False)}')
        triples.append((value[0], value[1], value[2]))
    entities = item.get("entities", [])
    if not isinstance(entities, list):
        raise fail('"entities" must be a list of {"start_offset", "end_offset", "label"}')
    for value in entities:
        if not isinstance(value, dict):
            raise fail(f'"entities" entries must be objects: {json.dumps(value, ensure_ascii=False)}')
        triples.append((value.get("start_offset"), value.get("end_offset"), value.get("label")))
    offsets = Utf16(body)
    out: list[Entity] = []
    for start, end, label in triples:
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str) and label):
            raise fail(f"an entity needs integer offsets and a label, got [{start!r}, {end!r}, {label!r}]")
        first, last = offsets.point(start), offsets.point(end)
        if first is None or last is None:
            inside = 0 <= start <= offsets.length and 0 <= end <= offsets.length
            reason = (
                "falls inside an emoji (a surrogate pair)"
                if inside
                else f"is outside the text ({offsets.length} UTF-16 units)"
            )
            raise fail(f"entity [{start}, {end}) {label} {reason}; doccano offsets count UTF-16 units")
        out.append(Entity(first, last, label, None, lineno))
    return out
