"""WebAnno TSV 3.3 writer: one file per document, as INCEpTION writes its named-entity layer."""

from __future__ import annotations

import re
from pathlib import Path

from annotator.importers.utf16 import Utf16
from annotator.importers.webanno import FORMAT_LINE, NAMED_ENTITY, escape_text, escape_value
from annotator.model import Span
from exports.select import Item

HEADER = f"{FORMAT_LINE}\n#T_SP={NAMED_ENTITY}|identifier|value\n\n"
_UNSAFE = re.compile(r'[\x00-\x1f/\\:*?"<>|]')


def file_names(items: list[Item]) -> list[str]:
    """A ``.tsv`` name per document: its id (INCEpTION names a document by its file), made safe and unique."""
    names: list[str] = []
    taken: set[str] = set()
    for item in items:
        base = _UNSAFE.sub("_", item.document.id).strip(". ") or "document"
        name, number = base, 1
        while name.casefold() in taken:
            number += 1
            name = f"{base}-{number}"
        taken.add(name.casefold())
        names.append(f"{name}.tsv")
    return names


def webanno_tsv(item: Item) -> str:
    """The TSV text of one document: header, then per sentence its ``#Text=`` lines and token rows."""
    document = item.document
    text = document.text
    units = Utf16(text).units
    starts, ends = document.tokens.starts, document.tokens.ends
    spans = sorted(item.spans, key=lambda s: (s.start, -s.end, s.label))
    ranges = [document.token_range(s.start, s.end) for s in spans]
    on_token: list[list[int]] = [[] for _ in range(len(starts))]
    for index, token_range in enumerate(ranges):
        if token_range is not None:  # the caller keeps only token-aligned spans
            for token in range(*token_range):
                on_token[token].append(index)
    ids: dict[int, int] = {}  # disambiguation ids: for entities over several tokens, and stacked ones
    for index, token_range in enumerate(ranges):
        if token_range is None:
            continue
        covered = range(*token_range)
        if len(covered) > 1 or any(len(on_token[t]) > 1 for t in covered):
            ids[index] = len(ids) + 1
    out = [HEADER]
    for number, (first, last) in enumerate(document.sentence_token_ranges(), 1):
        if last <= first:
            continue
        out.append("\n")
        sentence = text[document.sentences.starts[number - 1] : document.sentences.ends[number - 1]]
        out.extend(f"#Text={escape_text(line)}\n" for line in sentence.split("\n"))
        for position, token in enumerate(range(first, last), 1):
            word = text[starts[token] : ends[token]]
            identifiers = [_cell(spans[i].role, ids.get(i)) for i in on_token[token]]
            values = [_cell(spans[i].label, ids.get(i)) for i in on_token[token]]
            out.append(
                f"{number}-{position}\t{units(starts[token])}-{units(ends[token])}\t{_token(word)}\t"
                f"{'|'.join(identifiers) or '_'}\t{'|'.join(values) or '_'}\t\n"
            )
    return "".join(out)


def _cell(value: str | None, number: int | None) -> str:
    shown = "*" if value is None else escape_value(value)
    return f"{shown}[{number}]" if number is not None else shown


def _token(word: str) -> str:
    """INCEpTION writes the token as it is; a tab or line break would break the row, so those are escaped."""
    return escape_text(word) if any(c in word for c in "\t\n\r") else word


def misaligned(item: Item) -> list[Span]:
    """The spans that do not start and end on token edges (the format has no other place for them)."""
    return [s for s in item.spans if item.document.token_range(s.start, s.end) is None]


def write_webanno(path: Path, item: Item) -> None:
    """Write one document's TSV file."""
    path.write_text(webanno_tsv(item), encoding="utf-8", newline="\n")
