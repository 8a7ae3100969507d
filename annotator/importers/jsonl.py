"""JSON Lines (and JSON arrays): one document per object, entities in three spellings."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.importers.records import Entity, Parsed, first_line
from annotator.importers.token_rows import TAG_FIELDS, is_word_list, tag_entities, word_analysis
from annotator.model import DocStatus, LayerStatus
from annotator.text.pipeline import Analysis

_KNOWN = {
    "id",
    "title",
    "text",
    "meta",
    "spans",
    "entities",
    "label",
    "annotator",
    "tokens",
    "sentences",
    "raw_text",
    "raw_offsets",
    "status",
    "layer_status",
}


def read_jsonl(path: Path, text: str) -> Iterator[Parsed]:
    """Objects from a ``.jsonl`` file (one per line) or a ``.json`` file (an array or one object)."""
    for item, number, lineno in json_records(path, text):
        yield _parse(item, path, number, lineno)


def json_records(path: Path, text: str) -> Iterator[tuple[Any, int, int | None]]:
    """``(object, number, line)`` of a ``.jsonl`` file, or of a ``.json`` array (line None).

    Lines end at ``\\n`` (or ``\\r\\n``) only: U+2028, U+2029 and U+0085 may stand raw inside a
    JSON string, so ``str.splitlines()`` would cut an object in two.
    """
    origin = str(path)
    if path.suffix.lower() == ".json" and text.lstrip()[:1] in ("[", "{"):
        whole = _whole_json(text, origin)
        if whole is not None:
            items = whole if isinstance(whole, list) else [whole]
            for number, item in enumerate(items, 1):
                yield item, number, None
            return
    number = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        number += 1
        try:
            item = json.loads(line.removeprefix("\ufeff"))  # each file's byte-order mark, when joined with cat
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON ({exc.msg} at column {exc.colno})", origin, lineno) from None
        except RecursionError:
            raise InputError("malformed JSON (nested too deeply)", origin, lineno) from None
        yield item, number, lineno


def _whole_json(text: str, origin: str) -> Any:
    """A ``.json`` file read whole: an array or one (pretty-printed) object; None when it is JSON Lines."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            return None  # several objects, one per line
        raise InputError(f"not valid JSON: {exc.msg}", origin, exc.lineno) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", origin) from None


def _parse(item: Any, path: Path, number: int, lineno: int | None) -> Parsed:
    origin = str(path)
    where = "" if lineno is not None else f"item {number}: "

    def fail(message: str) -> InputError:
        return InputError(where + message, origin, lineno)

    if not isinstance(item, dict):
        raise fail('expected a JSON object with a "text" field')
    check_strings(item, fail)
    text = item.get("text")
    words = item.get("tokens")
    word_row = is_word_list(words)  # HuggingFace-style: words and their tags (WikiANN, Dataset.to_json)
    if not isinstance(text, str) and not (word_row and text is None):
        raise fail('the "text" field is missing or not a string')
    doc_id = item.get("id")
    if doc_id is None or doc_id == "":
        doc_id = f"{path.stem}-{number}"
    elif not isinstance(doc_id, str | int):
        raise fail('the "id" field must be a string or a number')
    meta = item.get("meta") or {}
    if not isinstance(meta, dict):
        raise fail('the "meta" field must be an object')
    meta = dict(meta)
    meta.update({k: v for k, v in item.items() if k not in _KNOWN and not (word_row and k in TAG_FIELDS)})
    annotator = _annotator(item.get("annotator"), "annotation_id" in item, fail)
    row = item
    if word_row and isinstance(item.get("spans"), list) and all(isinstance(v, str) for v in item["spans"]):
        meta["spans"] = item["spans"]  # WikiANN's "PER: name" strings, not offsets
        item = {k: v for k, v in item.items() if k != "spans"}
    analysis = word_analysis(list(words or ()), text, fail) if word_row else None
    text = analysis.text if analysis is not None else text
    assert isinstance(text, str)
    entities = _entities(item, fail, lineno, meta, text)
    from_tags = None
    if analysis is not None and not _has_entity_fields(item, meta):
        from_tags = tag_entities(row, analysis, fail, lineno)
        entities = from_tags or []
    title = item.get("title")
    if title is not None and not isinstance(title, str):
        raise fail('the "title" field must be a string')
    raw = item.get("raw_text", text) if "tokens" in item and not word_row else text
    if not isinstance(raw, str):
        raise fail('the "raw_text" field must be a string')
    parsed = Parsed(
        id=str(doc_id),
        title=title or first_line(text) or str(doc_id),
        raw=raw,
        path=origin,
        line=lineno,
        meta=meta,
        entities=entities,
        annotator=annotator,
        annotated=_has_entity_fields(item, meta) or from_tags is not None,
    )
    parsed.status = _status(item, "status", DocStatus, DocStatus.NEW, fail)
    parsed.layer_status = _status(item, "layer_status", LayerStatus, LayerStatus.IN_PROGRESS, fail)
    if analysis is not None:
        parsed.analysis = analysis
    elif "tokens" in item:
        parsed.analysis = _pretokenized(item, text, fail)
    return parsed


def _annotator(value: Any, json_min: bool, fail: Any) -> str | None:
    """The layer's name: a string, or in Label Studio's JSON-MIN export (with its ``annotation_id``) a user id."""
    if value is None or isinstance(value, str):
        return value
    if json_min and isinstance(value, int) and not isinstance(value, bool):
        return f"label-studio-user-{value}"
    raise fail('the "annotator" field must be a string')


def _status[S: (DocStatus, LayerStatus)](item: dict[str, Any], key: str, kind: type[S], default: S, fail: Any) -> S:
    """A document or layer status as our JSONL export writes it (absent: the default)."""
    value = item.get(key)
    if value is None:
        return default
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(s) for s in kind)
        raise fail(f'"{key}" must be one of {allowed}, got {json.dumps(value, ensure_ascii=False)}') from None


def check_strings(item: dict[str, Any], fail: Any) -> None:
    """Every string must be storable: JSON's ``\\ud800`` escapes give lone surrogates, which SQLite refuses."""
    stack: list[tuple[Any, str]] = [(item, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                field = f'the "{where}" field' if where else "a field name"
                raise fail(f"{field} has a lone surrogate (\\u{ord(value[exc.start]):04x})") from None
        elif isinstance(value, dict):
            stack.extend((k, where) for k in value)
            stack.extend((v, f"{where}.{k}" if where else str(k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(value))


def _has_entity_fields(item: dict[str, Any], meta: dict[str, Any]) -> bool:
    """Entity fields, even empty ones, mean the document was annotated (doccano class labels do not)."""
    return "spans" in item or "entities" in item or ("label" in item and "label" not in meta)


def _entities(item: dict[str, Any], fail: Any, lineno: int | None, meta: dict[str, Any], text: str) -> list[Entity]:
    out: list[Entity] = []
    for key in ("spans", "entities"):
        values = item.get(key)
        values = [] if values is None else values
        if not isinstance(values, list):
            raise fail(f'"{key}" must be a list')
        for value in values:
            if not isinstance(value, dict):
                raise fail(f'each of "{key}" must be an object with start, end, label')
            start = value.get("start", value.get("start_offset"))
            end = value.get("end", value.get("end_offset"))
            label = value.get("label")
            role = value.get("role")
            if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str) and label):
                raise fail(
                    f"an entity needs integer start and end and a label: {json.dumps(value, ensure_ascii=False)}"
                )
            if role is not None and not isinstance(role, str):
                raise fail(f"an entity's role must be a string: {json.dumps(value, ensure_ascii=False)}")
            out.append(Entity(start, end, label, role or None, lineno))
    doccano = item.get("label") or []
    if isinstance(doccano, list) and doccano and all(isinstance(v, str) for v in doccano):
        meta["label"] = doccano  # doccano text classification, not entities
    elif "spans" in item or "entities" in item:
        pass  # `label` spells the same entities again (our own export writes both); `spans` carry roles
    elif isinstance(doccano, list) and doccano and all(isinstance(v, dict) for v in doccano):
        out.extend(_json_min(doccano, text, fail, lineno))
    elif isinstance(doccano, list):
        for value in doccano:
            if not (
                isinstance(value, list)
                and len(value) == 3
                and isinstance(value[0], int)
                and isinstance(value[1], int)
                and isinstance(value[2], str)
            ):
                raise fail(f'"label" entries must be [start, end, "LABEL"]: {json.dumps(value, ensure_ascii=False)}')
            out.append(Entity(value[0], value[1], value[2], None, lineno))
    else:
        raise fail('"label" must be a list of [start, end, "LABEL"]')
    return out


def _json_min(values: list[dict[str, Any]], text: str, fail: Any, lineno: int | None) -> list[Entity]:
    """Label Studio's JSON-MIN export: ``label: [{"start", "end", "text", "labels": [...]}]`` in code points."""
    out: list[Entity] = []
    for value in values:
        start, end, labels = value.get("start"), value.get("end"), value.get("labels")
        if not (
            isinstance(start, int)
            and isinstance(end, int)
            and isinstance(labels, list)
            and labels
            and all(isinstance(label, str) and label for label in labels)
        ):
            shown = json.dumps(value, ensure_ascii=False)[:200]
            raise fail(f'"label" objects (Label Studio JSON-MIN) need integer start, end and a "labels" list: {shown}')
        quoted = value.get("text")
        if isinstance(quoted, str) and 0 <= start < end <= len(text) and quoted != text[start:end]:
            raise fail(
                f"entity [{start}, {end}) says «{quoted}» but the text there is «{text[start:end]}» "
                "(Label Studio offsets count code points)"
            )
        out.extend(Entity(start, end, label, None, lineno) for label in labels)
    return out


def _pretokenized(item: dict[str, Any], text: str, fail: Any) -> Analysis:
    """Text, tokens and sentences exactly as an earlier export wrote them."""
    tokens = _pairs(item.get("tokens"), "tokens", len(text), fail)
    sentences = _pairs(item.get("sentences", []), "sentences", len(text), fail)
    starts = {s for s, _ in tokens}
    ends = {e for _, e in tokens}
    for s, e in sentences:
        if s not in starts or e not in ends:
            raise fail(f"sentence [{s}, {e}] does not start and end on token boundaries")
    if not sentences and tokens:
        sentences = [(tokens[0][0], tokens[-1][1])]
    raw = item.get("raw_text", text)
    offsets = item.get("raw_offsets")
    if offsets is None:
        if raw != text:
            raise fail('"raw_text" differs from "text" but "raw_offsets" is missing')
        offsets = list(range(len(text) + 1))
    elif not (
        isinstance(offsets, list)
        and len(offsets) == len(text) + 1
        and all(isinstance(v, int) for v in offsets)
        and offsets[0] >= 0
        and offsets[-1] == len(raw)
        and all(a <= b for a, b in itertools.pairwise(offsets))
    ):
        raise fail('"raw_offsets" must be len(text)+1 non-decreasing integers ending at len(raw_text)')
    return Analysis(text, offsets, tokens, sentences)


def _pairs(value: Any, name: str, size: int, fail: Any) -> list[tuple[int, int]]:
    if not isinstance(value, list):
        raise fail(f'"{name}" must be a list of [start, end] pairs')
    out: list[tuple[int, int]] = []
    previous = 0
    for pair in value:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, int) for v in pair)):
            raise fail(f'"{name}" must be a list of [start, end] pairs, found {json.dumps(pair)}')
        start, end = pair
        if not previous <= start < end <= size:
            raise fail(f'"{name}": [{start}, {end}] is out of order, empty or outside the text')
        out.append((start, end))
        previous = end
    return out
