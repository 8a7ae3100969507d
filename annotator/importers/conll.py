"""CoNLL: a token and its tag per line, blank lines between sentences, ``-DOCSTART-`` between documents."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import InputError
from annotator.importers.records import Entity, Parsed
from annotator.tags import decode, detect_scheme, parse_tag
from annotator.text.normalize import normalize
from annotator.text.pipeline import Analysis
from annotator.text.profiles import Profile

DOCSTART = "-DOCSTART-"
BOM = "\ufeff"
SEPARATORS = {"\t": "tab", "|": "'|'", " ": "space"}
# Only space, tab and CR separate: U+0085, U+2028, \x0b, \x1c... are characters of a token here.
_SPACE = " \t\r"
_COLUMNS = re.compile("[ \t]+")


def lines_of(text: str) -> list[str]:
    """Lines split at LF (CRLF, or CR alone in old Mac files) only, unlike ``str.splitlines()``."""
    if "\n" not in text and "\r" in text:
        return text.split("\r")
    return [line.removesuffix("\r") for line in text.split("\n")]


def _conll_lines(text: str) -> list[str]:
    """Lines without a byte-order mark at their start: files joined with ``cat`` keep each one's BOM there."""
    return [line.removeprefix(BOM) for line in lines_of(text)]


@dataclass(frozen=True, slots=True)
class Row:
    """One token line."""

    token: str
    tag: str
    line: int


@dataclass(slots=True)
class ConllSummary:
    """What the reader found out about a file, for the import report."""

    separator: str
    scheme: str
    stray_inside: int
    sentences: int


def read_conll(
    path: Path, text: str, profile: Profile = Profile.NONE, sentences_per_doc: int = 100
) -> tuple[list[Parsed], ConllSummary]:
    """Documents of a CoNLL file with tokens kept verbatim (text: tokens joined by spaces, sentences by newlines)."""
    origin = str(path)
    lines = _conll_lines(text)
    separator = _separator(lines, origin)
    columns = _fixed_columns(lines, separator)
    documents: list[list[list[Row]]] = [[]]
    sentence: list[Row] = []
    markers = False
    for lineno, line in enumerate(lines, 1):
        stripped = line.strip(_SPACE)
        if stripped.startswith(DOCSTART):
            markers = True
            if sentence:
                documents[-1].append(sentence)
                sentence = []
            if documents[-1]:
                documents.append([])
            continue
        if not stripped:
            if sentence:
                documents[-1].append(sentence)
                sentence = []
            continue
        sentence.append(_row(line, separator, columns, origin, lineno))
    if sentence:
        documents[-1].append(sentence)
    if not markers:
        sentences = documents[0]
        size = max(1, sentences_per_doc)
        documents = [sentences[i : i + size] for i in range(0, len(sentences), size)]
    documents = [doc for doc in documents if doc]
    all_tags = [row.tag for doc in documents for sent in doc for row in sent]
    scheme, stray = detect_scheme(all_tags)
    parsed = [_document(path, number, doc, profile) for number, doc in enumerate(documents, 1)]
    summary = ConllSummary(SEPARATORS[separator], str(scheme), stray, sum(len(d) for d in documents))
    return parsed, summary


def looks_like_conll(text: str, sample: int = 40) -> bool:
    """True when the first non-blank lines end in a tag column (for ``.txt`` files).

    All of them, or at least three in four: a corpus with a line that lost its tag is still a corpus
    (the reader then names that line), not a text holding ``B-pers`` as words.
    """
    tagged = untagged = 0
    for line in _conll_lines(text):
        stripped = line.strip(_SPACE)
        if not stripped or stripped.startswith(DOCSTART):
            continue
        parts = _COLUMNS.split(stripped.replace("|", " "))
        if len(parts) >= 2 and _is_tag(parts[-1]):
            tagged += 1
        else:
            untagged += 1
        if tagged + untagged >= sample:
            break
    return tagged > 0 and (untagged == 0 or (tagged >= 3 and tagged >= 3 * untagged))


def _is_tag(value: str) -> bool:
    try:
        parse_tag(value)
    except ValueError:
        return False
    return True


def _separator(lines: list[str], origin: str) -> str:
    rows = [
        (n, line)
        for n, line in enumerate(lines, 1)
        if line.strip(_SPACE) and not line.strip(_SPACE).startswith(DOCSTART)
    ]
    if not rows:
        raise InputError("no token lines (expected `token<TAB>tag` lines)", origin)
    counts = Counter(sep for _, line in rows for sep in SEPARATORS if sep in line.rstrip(_SPACE))
    separator = max(SEPARATORS, key=lambda sep: counts[sep])  # ties go to tab, then '|', then space
    for lineno, line in rows:
        if separator not in line.rstrip(_SPACE):
            raise InputError(
                f"no tag on this line (expected token{_show(separator)}tag): {line.strip()!r}", origin, lineno
            )
    return separator


def _show(separator: str) -> str:
    return "<TAB>" if separator == "\t" else separator


def _fixed_columns(lines: list[str], separator: str) -> bool:
    """Space-separated files with a constant number (3+) of columns keep the token in column one."""
    if separator != " ":
        return separator == "\t"
    widths = {
        len(_COLUMNS.split(line.strip(_SPACE)))
        for line in lines
        if line.strip(_SPACE) and not line.strip(_SPACE).startswith(DOCSTART)
    }
    return len(widths) == 1 and widths.pop() >= 3


def _row(line: str, separator: str, first_column: bool, origin: str, lineno: int) -> Row:
    body = line.strip("\r\n").rstrip(" \t")  # a row may end in a tab (a spreadsheet's empty last column)
    if separator == " ":
        body = body.lstrip(" \t")
    if first_column:
        parts = body.split(separator) if separator != " " else _COLUMNS.split(body)
        token, tag = parts[0], parts[-1]
    else:
        token, _, tag = body.rpartition(separator)
    token = token.strip(" \t")
    tag = tag.strip()
    if not token:
        raise InputError(f"empty token before the tag {tag!r}", origin, lineno)
    try:
        parse_tag(tag)
    except ValueError as exc:
        raise InputError(str(exc), origin, lineno) from None
    return Row(token, tag, lineno)


def _document(path: Path, number: int, sentences: list[list[Row]], profile: Profile) -> Parsed:
    raw_parts: list[str] = []
    text_parts: list[str] = []
    offsets: list[int] = []
    tokens: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    entities: list[Entity] = []
    raw_pos = 0
    text_pos = 0
    for index, sentence in enumerate(sentences):
        first_token = len(tokens)
        for position, row in enumerate(sentence):
            gap = "" if position == 0 and index == 0 else ("\n" if position == 0 else " ")
            if gap:
                raw_parts.append(gap)
                text_parts.append(gap)
                offsets.append(raw_pos)
                raw_pos += 1
                text_pos += 1
            shown, local = normalize(row.token, profile)
            if not shown:
                shown, local = row.token, list(range(len(row.token) + 1))
            raw_parts.append(row.token)
            text_parts.append(shown)
            offsets.extend(raw_pos + p for p in local[:-1])
            tokens.append((text_pos, text_pos + len(shown)))
            raw_pos += len(row.token)
            text_pos += len(shown)
        spans.append((tokens[first_token][0], tokens[-1][1]))
        for chunk in decode([row.tag for row in sentence]):
            entities.append(
                Entity(
                    tokens[first_token + chunk.first][0],
                    tokens[first_token + chunk.last - 1][1],
                    chunk.label,
                    None,
                    sentence[chunk.first].line,
                )
            )
    offsets.append(raw_pos)
    text = "".join(text_parts)
    title = text[: spans[0][1]]
    if len(title) > 80:
        title = title[:79] + "…"
    return Parsed(
        id=f"{path.stem}-{number}",
        title=title,
        raw="".join(raw_parts),
        path=str(path),
        line=sentences[0][0].line,
        analysis=Analysis(text, offsets, tokens, spans),
        entities=entities,
        annotated=True,
    )
