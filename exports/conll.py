"""CoNLL writer: the stored tokens, one per line, with the tag last."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.tags import Chunk, Scheme, encode
from exports.select import Item, sentence_token_ranges

DOCSTART = "-DOCSTART-"


@dataclass(frozen=True, slots=True)
class ConllFormat:
    """How the lines are written."""

    scheme: Scheme = Scheme.IOB2
    sep: str = "\t"
    docstart: bool = False
    sentences: bool = True  # a blank line after each sentence (else only after each document)
    roles: bool = False  # a role column before the tag, "_" where none


def conll_lines(items: list[Item], fmt: ConllFormat) -> Iterator[str]:
    """Lines of a CoNLL file (without newlines): blank lines end each sentence or document."""
    sep, scheme = fmt.sep, fmt.scheme
    for item in items:
        if fmt.docstart:
            yield f"{DOCSTART}{sep}O"
            yield ""
        document = item.document
        units = sentence_token_ranges(document) if fmt.sentences else [(0, len(document.tokens))]
        role_of = _token_roles(item) if fmt.roles else None
        chunk_iter = iter(sorted(item.chunks))
        pending = next(chunk_iter, None)
        for first, last in units:
            local: list[Chunk] = []
            while pending is not None and pending.first < last:
                local.append(Chunk(pending.first - first, pending.last - first, pending.label))
                pending = next(chunk_iter, None)
            tags = encode(local, last - first, scheme)
            text = document.text
            for offset, (start, end) in enumerate(document.tokens[first:last]):
                token = text[start:end]
                if role_of is None:
                    yield f"{token}{sep}{tags[offset]}"
                else:
                    yield f"{token}{sep}{role_of[first + offset] or '_'}{sep}{tags[offset]}"
            if last > first:
                yield ""


def _token_roles(item: Item) -> list[str | None]:
    roles: list[str | None] = [None] * len(item.document.tokens)
    for chunk, role in zip(item.chunks, item.roles, strict=True):
        for i in range(chunk.first, chunk.last):
            roles[i] = role
    return roles


def write_conll(path: Path, items: list[Item], fmt: ConllFormat) -> None:
    """Write one CoNLL file."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        buffer: list[str] = []
        for line in conll_lines(items, fmt):
            buffer.append(line)
            if len(buffer) >= 10000:
                handle.write("\n".join(buffer) + "\n")
                buffer.clear()
        if buffer:
            handle.write("\n".join(buffer) + "\n")
