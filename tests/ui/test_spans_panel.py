"""The span list: suggestions look lighter than accepted spans, and every cell is plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.model import Span, SpanStatus
from annotator.schema import preset
from ui.panels.spans import SpanModel


def test_suggestions_are_grey_rows_with_a_paler_label() -> None:
    text = "خبرگزاری ایلنا از تهران"
    accepted = Span(9, 14, "ORG", None, SpanStatus.ACCEPTED, "human", None, 1)
    suggested = Span(18, 23, "LOC", None, SpanStatus.SUGGESTED, "gazetteer", 0.72, 2)
    model = SpanModel()
    model.set_spans(text, (accepted, suggested), preset("combined"))

    def cell(row: int, column: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, column), role)

    assert [cell(0, c) for c in range(5)] == ["ORG", "", "ایلنا", "human", ""]
    assert [cell(1, c) for c in range(5)] == ["LOC", "", "تهران", "gazetteer", "72%"]
    assert cell(0, 2, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(1, 2, Qt.ItemDataRole.ForegroundRole).name() == "#666666"  # type: ignore[attr-defined]
    assert cell(0, 0, Qt.ItemDataRole.BackgroundRole).alpha() == 255  # type: ignore[attr-defined]
    assert cell(1, 0, Qt.ItemDataRole.BackgroundRole).alpha() < 255  # type: ignore[attr-defined]
    assert cell(1, 3, Qt.ItemDataRole.ToolTipRole) == "suggested"
