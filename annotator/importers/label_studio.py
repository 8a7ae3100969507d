"""Label Studio's JSON export: tasks with ``data.text``, annotations and predictions of type ``labels``.

Label Studio stores and draws offsets in code points (checked with Label Studio 1.23: UTF-16
offsets land two characters off after two emoji), so they are taken as they are.
Each annotation becomes the layer of whoever completed it (``completed_by``: an e-mail, else
``label-studio-user-N``); predictions become suggestions, with their score, in the ``auto``
layer (where ``barchasb pretag`` puts its own).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.importers.jsonl import check_strings, json_records
from annotator.importers.records import Entity, Parsed, first_line
from annotator.model import SpanStatus

PREDICTIONS_LAYER = "auto"
_LINK = re.compile(r"(?:/data/|[a-z][a-z0-9+.-]*://)\S*")  # data.text of a task made from an uploaded file
LAYER_FIELD = "annotator"  # our export's data field naming the layer its annotations come from
_DATA_OWN = {"text", "doc_id", "title", LAYER_FIELD}


def read_label_studio(path: Path, text: str, default_layer: str | None = None) -> Iterator[Parsed]:
    """One Parsed per layer of each task (the importer joins them into one document), or one without any."""
    origin = str(path)
    for task, number, lineno in json_records(path, text):
        where = "" if lineno is not None else f"task {number}: "

        def fail(message: str, at: str = where, line: int | None = lineno) -> InputError:
            return InputError(at + message, origin, line)

        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise fail('expected a Label Studio task: an object with "data": {"text": ...}')
        check_strings(task, fail)
        data: dict[str, Any] = task["data"]
        body = _text_of(data, fail)
        given = task.get("id")
        doc_id = data.get("doc_id") if isinstance(data.get("doc_id"), str) and data.get("doc_id") else None
        doc_id = doc_id or f"{path.stem}-{given if isinstance(given, int | str) and given != '' else number}"
        title = data.get("title") if isinstance(data.get("title"), str) else None
        meta = dict(task["meta"]) if isinstance(task.get("meta"), dict) else {}
        meta.update({k: v for k, v in data.items() if k not in _DATA_OWN and v is not body})
        if given is not None and "doc_id" not in data:
            meta["label_studio_id"] = given
        named = data.get(LAYER_FIELD) if isinstance(data.get(LAYER_FIELD), str) else None
        layers = _layers(task, body, fail, lineno, named or default_layer)

        base = Parsed(
            id=str(doc_id), title=title or first_line(body) or str(doc_id), raw=body, path=origin, line=lineno
        )
        if not layers:
            yield replace(base, meta=dict(meta))
        for layer, entities in layers.items():
            yield replace(base, meta=dict(meta), entities=entities, annotator=layer, annotated=True)


def _text_of(data: dict[str, Any], fail: Any) -> str:
    """``data.text``, else the task's only string field (the config's ``value="$name"``)."""
    if isinstance(data.get("text"), str):
        return str(data["text"])
    strings = [k for k, v in data.items() if isinstance(v, str)]
    if len(strings) == 1:
        return str(data[strings[0]])
    raise fail(f'no "text" in the task data (fields: {", ".join(data) or "none"})')


def _layers(
    task: dict[str, Any], body: str, fail: Any, lineno: int | None, default_layer: str | None
) -> dict[str, list[Entity]]:
    layers: dict[str, list[Entity]] = {}
    annotations = task.get("annotations", task.get("completions", []))
    if not isinstance(annotations, list):
        raise fail('"annotations" must be a list')
    for annotation in annotations:
        if not isinstance(annotation, dict):
            raise fail('"annotations" entries must be objects')
        if annotation.get("was_cancelled"):
            continue
        layer = _annotator(annotation.get("completed_by"), default_layer)
        layers[layer] = _results(annotation.get("result", []), body, fail, lineno, None)  # the last one counts
    predictions = task.get("predictions", [])
    if not isinstance(predictions, list):
        raise fail('"predictions" must be a list')
    for prediction in predictions:
        if not isinstance(prediction, dict):
            raise fail('"predictions" entries must be objects')
        source = prediction.get("model_version")
        score = prediction.get("score")
        found = _results(prediction.get("result", []), body, fail, lineno, _confidence(score))
        for entity in found:
            entity.status = SpanStatus.SUGGESTED
            entity.source = str(source) if isinstance(source, str | int) and source != "" else "label-studio"
        layers.setdefault(PREDICTIONS_LAYER, []).extend(found)
    return layers


def _annotator(completed_by: Any, default_layer: str | None) -> str:
    if isinstance(completed_by, dict):
        email = completed_by.get("email")
        if isinstance(email, str) and email.strip():
            return email.strip()
        completed_by = completed_by.get("id")
    if isinstance(completed_by, int) and not isinstance(completed_by, bool):
        return f"label-studio-user-{completed_by}"
    if isinstance(completed_by, str) and completed_by.strip():
        return completed_by.strip()
    return default_layer or "label-studio"


def _confidence(score: Any) -> float | None:
    if isinstance(score, int | float) and not isinstance(score, bool) and 0.0 <= score <= 1.0:
        return float(score)
    return None


def _results(results: Any, body: str, fail: Any, lineno: int | None, score: float | None) -> list[Entity]:
    if not isinstance(results, list):
        raise fail('"result" must be a list')
    out: list[Entity] = []
    for result in results:
        if not isinstance(result, dict) or result.get("type") not in ("labels", "hypertextlabels"):
            continue  # choices, relations, text areas: not entities
        value = result.get("value")
        if not isinstance(value, dict):
            raise fail('a "labels" result needs a "value" object')
        start, end, labels = value.get("start"), value.get("end"), value.get("labels")
        shown = json.dumps(value, ensure_ascii=False)[:200]
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(labels, list) and labels):
            raise fail(f'a "labels" result needs integer "start", "end" and a "labels" list: {shown}')
        if not 0 <= start < end <= len(body):
            if _LINK.fullmatch(body):
                raise fail(
                    f"entity [{start}, {end}) is outside the text, which is only a link («{body}»): the task was "
                    'made from an uploaded file (valueType="url"); export the project with the text in its tasks'
                )
            raise fail(
                f"entity [{start}, {end}) is outside the text ({len(body)} characters; "
                "Label Studio offsets count code points)"
            )
        quoted = value.get("text")
        if isinstance(quoted, str) and quoted != body[start:end]:
            raise fail(
                f"entity [{start}, {end}) says «{quoted}» but the text there is «{body[start:end]}» "
                "(Label Studio offsets count code points)"
            )
        confidence = _confidence(result.get("score"))
        for label in labels:
            if not isinstance(label, str) or not label:
                raise fail(f"a label must be a non-empty string: {shown}")
            entity = Entity(start, end, label, None, lineno)
            entity.confidence = confidence if confidence is not None else score
            out.append(entity)
    return out
