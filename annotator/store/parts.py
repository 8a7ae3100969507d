"""What the mixins of :class:`Project` rely on: its connection, transactions and span helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path

from annotator.model import Document, Span
from annotator.schema import Schema
from annotator.store.db import Db


class ProjectParts:
    """Declarations only: :class:`Project` provides them; the mixins type-check against them."""

    path: Path
    _db: Db
    _depth: int  # how many transactions are open (nested ones join the outer)
    _started: set[str]  # documents this connection saw edited (believed past new and pre-tagged)

    @property
    def schema(self) -> Schema:
        """The project's label schema."""
        raise NotImplementedError

    transaction: Callable[[], AbstractContextManager[None]]
    _known_schema: Callable[[], tuple[str, Schema]]
    _read_schema: Callable[[], tuple[str, Schema]]
    _rowid: Callable[[str], int]
    _ensure_layer: Callable[..., int]
    _insert_spans: Callable[[int, Iterable[Span]], None]
    _touch: Callable[[int], None]
    span: Callable[[int], Span]
    _claim: Callable[..., tuple[int, Span]]
    update_span: Callable[..., Span]
    document: Callable[[str], Document]
    text_of: Callable[[str], Document]
    restore_span: Callable[[str, str, Span], Span]
