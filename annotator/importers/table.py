"""CSV and TSV: a header row with a ``text`` column and optional ``id`` and ``title``."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from annotator.errors import InputError
from annotator.importers.conll import looks_like_conll
from annotator.importers.records import Parsed, first_line

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_table(path: Path, text: str) -> Iterator[Parsed]:
    """One document per row; the other columns go into the document's meta."""
    origin = str(path)
    dialect: type[csv.Dialect] | csv.Dialect
    if path.suffix.lower() == ".tsv":
        dialect = csv.excel_tab
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
    # strict: a stray or unclosed quote is an error, not the rest of the file swallowed into one cell
    reader = csv.reader(io.StringIO(text, newline=""), dialect, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("empty file: expected a header row with a 'text' column", origin, 1) from None
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", origin, 1) from None
    columns = [c.strip().lstrip("\ufeff") for c in header]
    if "text" not in columns:
        hint = ""
        if len(columns) >= 2 and looks_like_conll(text):  # train.tsv of a tab-separated NER corpus
            hint = "; it reads as CoNLL (a token and its tag per line): import it with --format conll"
        raise InputError(f"no 'text' column in the header (found: {', '.join(columns)}){hint}", origin, 1)
    number = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"malformed CSV in the row that starts here: {exc}", origin, start) from None
        if not any(cell.strip() for cell in row):
            continue
        number += 1
        if len(row) != len(columns):
            raise InputError(f"expected {len(columns)} columns, found {len(row)}", origin, start)
        record = dict(zip(columns, row, strict=True))
        body = record.pop("text")
        doc_id = record.pop("id", "").strip() or f"{path.stem}-{number}"
        title = record.pop("title", "").strip() or first_line(body) or doc_id
        yield Parsed(id=doc_id, title=title, raw=body, path=origin, line=start, meta=record)
