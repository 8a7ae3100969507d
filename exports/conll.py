"""CoNLL writer: the stored tokens, one per line, with the tag last."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.tags import Scheme, encode_units
from exports.select import Item

DOCSTART = "-DOCSTART-"


@dataclass(frozen=True, slots=True)
class ConllFormat:
    """How the lines are written."""

    scheme: Scheme = Scheme.IOB2
    sep: str = "\t"
    docstart: bool = False
    sentences: bool = True  # a blank line after each sentence (else only after each document)
    roles: bool = False  # a role column before the tag, "_" where none


def conll_lines(items: list[Item], fmt: ConllFormat) -> Iterator[list[str]]:
    """Lines of a CoNLL file (without newlines), a document at a time; a blank line ends each unit."""
    sep, scheme = fmt.sep, fmt.scheme
    join = sep.join
    for item in items:
        if fmt.docstart:
            yield [f"{DOCSTART}{sep}O", ""]
        document = item.document
        units = document.sentence_token_ranges() if fmt.sentences else [(0, len(document.tokens))]
        words = document.tokens.strings(document.text)
        tags = encode_units(item.chunks, units, len(words), scheme)
        if fmt.roles:
            roles = [r or "_" for r in _token_roles(item)]
            lines = list(map(join, zip(words, roles, tags, strict=True)))
        else:
            lines = list(map(join, zip(words, tags, strict=True)))
        out: list[str] = []
        for first, last in units:
            if last > first:
                out.extend(lines[first:last])
                out.append("")
        yield out


def _token_roles(item: Item) -> list[str | None]:
    roles: list[str | None] = [None] * len(item.document.tokens)
    for chunk, role in zip(item.chunks, item.roles, strict=True):
        for i in range(chunk.first, chunk.last):
            roles[i] = role
    return roles


def write_conll(path: Path, items: list[Item], fmt: ConllFormat) -> None:
    """Write one CoNLL file."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for lines in conll_lines(items, fmt):
            handle.write("\n".join(lines))
            handle.write("\n")
