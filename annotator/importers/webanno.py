"""WebAnno TSV 3.3 (INCEpTION, WebAnno): the named-entity layer, ``value`` as label and ``identifier`` as role.

One file is one document. ``#Text=`` lines give each sentence's text, token rows give
``sentence-token``, ``begin-end`` (UTF-16 units, as Java counts), the token, then one column per
feature of each layer the header declares. A multi-token entity carries a disambiguation id on
every token (``PER[1]``); stacked entities are joined by ``|`` (``PER[1]|LOC[2]``); ``_`` is no
entity and ``*`` an empty feature. Reserved characters are escaped with a backslash.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import InputError
from annotator.importers.conll import lines_of
from annotator.importers.records import Entity, Parsed
from annotator.importers.utf16 import Utf16
from annotator.text.pipeline import Analysis

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
FORMAT_LINE = "#FORMAT=WebAnno TSV 3.3"
CUSTOM_PREFIX = "webanno.custom."  # INCEpTION's user-defined layers
_LAYER_PREFIXES = ("#T_SP=", "#T_CH=", "#T_RL=")
_ROW = re.compile(r"(\d+)-(\d+)(\.\d+)?")
_RANGE = re.compile(r"(\d+)-(\d+)")
_WITH_ID = re.compile(r"(?s)(.*?)(?<!\\)\[(\d+)\]")
# Feature values: escaped by INCEpTION's Escaping.escapeValue
VALUE_ESCAPES = {"\\": "\\\\", "[": "\\[", "]": "\\]", "|": "\\|", "_": "\\_", "->": "\\->", ";": "\\;", "\t": "\\t"}
VALUE_ESCAPES |= {"\n": "\\n", "*": "\\*"}
# Sentence text: Escaping.escapeText (control characters, tab, line breaks, backslash)
TEXT_ESCAPES = {chr(i): "\\" + chr(i) for i in range(32) if not 7 < i < 14}
TEXT_ESCAPES |= {"\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", "\b": "\\b", "\\": "\\\\"}


def _replacer(table: dict[str, str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))


_VALUE_OUT, _TEXT_OUT = _replacer(VALUE_ESCAPES), _replacer(TEXT_ESCAPES)
_VALUE_BACK = {v: k for k, v in VALUE_ESCAPES.items()}
_TEXT_BACK = {v: k for k, v in TEXT_ESCAPES.items()}
_VALUE_IN, _TEXT_IN = _replacer(_VALUE_BACK), _replacer(_TEXT_BACK)


def escape_value(value: str) -> str:
    """A feature value as INCEpTION writes it."""
    return _VALUE_OUT.sub(lambda m: VALUE_ESCAPES[m.group()], value)


def unescape_value(value: str) -> str:
    """The feature value behind its escaped form."""
    return _VALUE_IN.sub(lambda m: _VALUE_BACK[m.group()], value)


def escape_text(text: str) -> str:
    """A ``#Text=`` line as INCEpTION writes it."""
    return _TEXT_OUT.sub(lambda m: TEXT_ESCAPES[m.group()], text)


def unescape_text(text: str) -> str:
    """The sentence text behind a ``#Text=`` line."""
    return _TEXT_IN.sub(lambda m: _TEXT_BACK[m.group()], text)


def split_stack(cell: str) -> list[str]:
    """The stacked values of a cell, split at ``|`` that is not escaped."""
    parts, current, escaped = [], [], False
    for char in cell:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == "|":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


@dataclass(slots=True)
class _Open:
    """An entity being read: where it starts and ends (UTF-16), its label and role."""

    start: int
    end: int
    label: str
    role: str | None
    line: int


def read_webanno(path: Path, text: str) -> Iterator[Parsed]:
    """The document of one WebAnno TSV 3.x file, with its named entities."""
    origin = str(path)
    lines = lines_of(text.removeprefix("\ufeff"))
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].startswith("#FORMAT=WebAnno TSV 3"):
        raise InputError(f"not a WebAnno TSV 3 file (it must start with {FORMAT_LINE!r})", origin, (first or 0) + 1)
    columns: list[tuple[str, str]] = []
    body_start = first + 1
    for number in range(first + 1, len(lines)):
        line = lines[number]
        prefix = next((p for p in _LAYER_PREFIXES if line.startswith(p)), None)
        if prefix is None:
            if line.strip():
                break
            body_start = number + 1
            continue
        layer, *features = line[len(prefix) :].split("|")
        columns.extend((layer, feature) for feature in features)
        body_start = number + 1
    value_col = _column(columns, "value")
    custom = [i for i, (layer, _) in enumerate(columns) if layer.startswith(CUSTOM_PREFIX)] if value_col is None else []
    identifier_col = _column(columns, "identifier")
    parts: list[str] = []  # the document text, sentence by sentence
    length16 = 0
    tokens16: list[tuple[int, int, str, int]] = []
    sentences16: list[tuple[int, int]] = []
    entities: list[_Open] = []
    by_id: dict[int, _Open] = {}
    sentence_lines: list[str] = []
    sentence_first = len(tokens16)
    placed = False

    def close_sentence() -> None:
        nonlocal sentence_first, placed
        if len(tokens16) > sentence_first:
            sentences16.append((tokens16[sentence_first][0], tokens16[-1][1]))
        sentence_first = len(tokens16)
        sentence_lines.clear()
        placed = False

    for number in range(body_start, len(lines)):
        lineno = number + 1
        line = lines[number]
        if not line.strip():
            close_sentence()
            continue
        if line.startswith("#Text="):
            if placed:
                close_sentence()
            sentence_lines.append(unescape_text(line[len("#Text=") :]))
            continue
        if line.startswith("#"):
            continue  # #Sentence.id= and comments
        fields = line.split("\t")
        if fields and fields[-1] == "" and len(fields) == 3 + len(columns) + 1:
            fields.pop()  # INCEpTION ends every row with a tab
        row = _ROW.fullmatch(fields[0])
        where = _RANGE.fullmatch(fields[1]) if len(fields) > 1 else None
        if row is None or where is None or len(fields) != 3 + len(columns):
            raise InputError(
                f"expected a token row: sentence-token, begin-end, token and {len(columns)} columns "
                f"(the header's features), found {len(fields)} fields",
                origin,
                lineno,
            )
        if row.group(3):  # a sub-token: Barchasb keeps whole tokens
            if value_col is not None and fields[3 + value_col] != "_":
                raise InputError(
                    f"a named entity on part of a token ({fields[0]} «{unescape_text(fields[2])}» at "
                    f"{fields[1]}): Barchasb keeps whole tokens; in INCEpTION, set the layer's anchoring to tokens "
                    "and fix the span",
                    origin,
                    lineno,
                )
            continue
        begin, end = int(where.group(1)), int(where.group(2))
        if not placed:
            if not sentence_lines:
                raise InputError("a token row before any #Text= line", origin, lineno)
            if begin < length16:
                raise InputError(f"the sentence starts at {begin}, inside the text before it", origin, lineno)
            sentence = "\n".join(sentence_lines)
            gap = begin - length16
            parts.append(" " * (gap - 1) + "\n" if gap and parts else " " * gap)
            parts.append(sentence)
            length16 = begin + len(sentence.encode("utf-16-le")) // 2
            placed = True
        if not (begin < end <= length16) or (tokens16 and begin < tokens16[-1][1]):
            raise InputError(f"token offsets {begin}-{end} are outside its sentence or overlap", origin, lineno)
        tokens16.append((begin, end, fields[2], lineno))
        _entities(fields, value_col, identifier_col, begin, end, lineno, origin, entities, by_id)
        if used := next((columns[i][0] for i in custom if fields[3 + i] != "_"), None):
            raise InputError(
                f"the annotations here are in the custom layer {used}, and the file has no named-entity layer "
                f"({NAMED_ENTITY}), the one Barchasb reads: in INCEpTION, annotate with the Named entity layer",
                origin,
                lineno,
            )
    close_sentence()
    document = "".join(parts)
    offsets = Utf16(document)
    tokens: list[tuple[int, int]] = []
    for begin, end, shown, lineno in tokens16:
        start, stop = offsets.point(begin), offsets.point(end)
        if start is None or stop is None or document[start:stop] not in (shown, unescape_text(shown)):
            seen = document[start:stop] if start is not None and stop is not None else ""
            raise InputError(
                f"token {shown!r} at {begin}-{end} (UTF-16) does not match the #Text there ({seen!r})", origin, lineno
            )
        tokens.append((start, stop))
    starts = {b: i for i, (b, _, _, _) in enumerate(tokens16)}
    ends = {e: i for i, (_, e, _, _) in enumerate(tokens16)}
    sentences = [(tokens[starts[b]][0], tokens[ends[e]][1]) for b, e in sentences16]
    found: list[Entity] = []
    for entity in entities:
        start_at, end_at = offsets.point(entity.start), offsets.point(entity.end)
        assert start_at is not None and end_at is not None  # token edges, checked above
        found.append(Entity(start_at, end_at, entity.label, entity.role, entity.line))
    title = document[: sentences[0][1]] if sentences else path.stem
    yield Parsed(
        id=path.stem,
        title=title if len(title) <= 80 else title[:79] + "…",
        raw=document,
        path=origin,
        line=tokens16[0][3] if tokens16 else None,
        analysis=Analysis(document, list(range(len(document) + 1)), tokens, sentences),
        entities=found,
        annotated=value_col is not None,
    )


def _column(columns: list[tuple[str, str]], feature: str) -> int | None:
    return next((i for i, (layer, name) in enumerate(columns) if layer == NAMED_ENTITY and name == feature), None)


def _entities(
    fields: list[str],
    value_col: int | None,
    identifier_col: int | None,
    begin: int,
    end: int,
    lineno: int,
    origin: str,
    entities: list[_Open],
    by_id: dict[int, _Open],
) -> None:
    """Start or extend the entities on one token row."""
    if value_col is None or fields[3 + value_col] == "_":
        return
    values = split_stack(fields[3 + value_col])
    identifiers = split_stack(fields[3 + identifier_col]) if identifier_col is not None else []
    for index, raw in enumerate(values):
        value, number = _with_id(raw)
        role = None
        if index < len(identifiers):
            identifier, _ = _with_id(identifiers[index])
            role = None if identifier in ("*", "_", "") else unescape_value(identifier)
        if value in ("*", ""):
            raise InputError("a named entity without a value (its label)", origin, lineno)
        if number is not None and number in by_id:
            by_id[number].end = end
            continue
        entity = _Open(begin, end, unescape_value(value), role, lineno)
        entities.append(entity)
        if number is not None:
            by_id[number] = entity


def _with_id(raw: str) -> tuple[str, int | None]:
    match = _WITH_ID.fullmatch(raw)
    return (match.group(1), int(match.group(2))) if match else (raw, None)
