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


def conll_blocks(items: list[Item], fmt: ConllFormat) -> Iterator[str]:
    """The CoNLL text of each document: a line per token, and a blank line after each unit."""
    sep, scheme = fmt.sep, fmt.scheme
    join = sep.join
    for item in items:
        document = item.document
        units = document.sentence_token_ranges() if fmt.sentences else [(0, len(document.tokens))]
        words = document.tokens.strings(document.text)
        tags = encode_units(item.chunks, units, len(words), scheme)
        columns = (words, [r or "_" for r in _token_roles(item)], tags) if fmt.roles else (words, tags)
        lines = list(map(join, zip(*columns, strict=True)))
        block = "".join(["\n".join(lines[first:last]) + "\n\n" for first, last in units if last > first])
        yield f"{DOCSTART}{sep}O\n\n{block}" if fmt.docstart else block


def _token_roles(item: Item) -> list[str | None]:
    roles: list[str | None] = [None] * len(item.document.tokens)
    for chunk, role in zip(item.chunks, item.roles, strict=True):
        for i in range(chunk.first, chunk.last):
            roles[i] = role
    return roles


def write_conll(path: Path, items: list[Item], fmt: ConllFormat) -> None:
    """Write one CoNLL file."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(conll_blocks(items, fmt))
