"""CoNLL writer: the stored tokens, one per line, with the tag last."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import ExportError
from annotator.tags import Scheme, encode_units
from exports.select import Item

DOCSTART = "-DOCSTART-"
CONLL2003_FILLER = ("-X-", "_")  # CoNLL-2003's POS and chunk columns, as Label Studio and HF loaders write them


@dataclass(frozen=True, slots=True)
class ConllFormat:
    """How the lines are written."""

    scheme: Scheme = Scheme.IOB2
    sep: str = " "
    docstart: bool = False
    sentences: bool = True  # a blank line after each sentence (else only after each document)
    roles: bool = False  # a role column before the tag, "_" where none
    layout: str = "plain"  # "plain": token TAG; "conll2003": token -X- _ TAG


def conll_blocks(items: list[Item], fmt: ConllFormat) -> Iterator[str]:
    """The CoNLL text of each document: a line per token, and a blank line after each unit."""
    sep, scheme = fmt.sep, fmt.scheme
    join = sep.join
    wide = fmt.layout == "conll2003"
    # as many columns as the token lines: conlleval stops at a line with another count
    docstart = join([DOCSTART, "-X-", "-X-", "O"]) if wide else join([DOCSTART, *(["_"] if fmt.roles else []), "O"])
    for item in items:
        document = item.document
        units = document.sentence_token_ranges() if fmt.sentences else [(0, len(document.tokens))]
        words = document.tokens.strings(document.text)
        if sep in "".join(words):  # one C-level scan; the slow search only when a token holds the separator
            _refuse_separator(item, words, sep)
        _refuse_unreadable_names(item)
        tags = encode_units(item.chunks, units, len(words), scheme)
        if wide:
            fillers = [CONLL2003_FILLER] * len(words)
            lines = [join((word, *filler, tag)) for word, filler, tag in zip(words, fillers, tags, strict=True)]
        else:
            columns = (words, [r or "_" for r in _token_roles(item)], tags) if fmt.roles else (words, tags)
            lines = list(map(join, zip(*columns, strict=True)))
        block = "".join(["\n".join(lines[first:last]) + "\n\n" for first, last in units if last > first])
        yield f"{docstart}\n\n{block}" if fmt.docstart else block


def _token_roles(item: Item) -> list[str | None]:
    roles: list[str | None] = [None] * len(item.document.tokens)
    for chunk, role in zip(item.chunks, item.roles, strict=True):
        for i in range(chunk.first, chunk.last):
            roles[i] = role
    return roles


def _unreadable(name: str) -> bool:
    """Whitespace or a control character: a CoNLL reader would split the column or the line (ZWNJ is fine)."""
    return not name or any(c.isspace() or unicodedata.category(c) in ("Cc", "Cs") for c in name)


def _refuse_unreadable_names(item: Item) -> None:
    """Stop at a label or role (from a crafted project) that would make a line no CoNLL reader can read back."""
    for chunk, role in zip(item.chunks, item.roles, strict=True):
        for what, name in (("label", chunk.label), ("role", role)):
            if name is not None and _unreadable(name):
                raise ExportError(
                    f"{what} {name!r} in document {item.document.id} (tokens {chunk.first + 1}-{chunk.last}) "
                    "contains whitespace or control characters, which CoNLL cannot carry; rename it first"
                )


def _refuse_separator(item: Item, words: list[str], sep: str) -> None:
    """Stop at the first token the separator would cut in two (PEYMA keeps multi-word tokens)."""
    document = item.document
    for number, (first, last) in enumerate(document.sentence_token_ranges(), 1):
        for position in range(first, last):
            if sep in words[position]:
                what, name = ("a space", "space") if sep == " " else ("a tab", "tab")
                hint = "export with --sep tab" if sep == " " else "no CoNLL separator can carry it"
                raise ExportError(
                    f"token «{words[position]}» in document {document.id} (sentence {number}, token "
                    f"{position - first + 1}) contains {what}, which --sep {name} would split into two "
                    f"columns; {hint}"
                )


def write_conll(path: Path, items: list[Item], fmt: ConllFormat) -> None:
    """Write one CoNLL file."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(conll_blocks(items, fmt))
