"""The agreement view: a heatmap of pairwise agreement, per-label and per-document tables, disagreements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.review.agreement import AgreementReport, Disagreement, PairFigures
from annotator.review.report_io import figure
from ui.dialogs import close_button
from ui.i18n import QT_TRANSLATE_NOOP, digits, number, word
from ui.plain import plain_label, tip
from ui.review.curation_panel import ANNOTATOR_COLORS, describe
from ui.table_model import PERSIAN, RowsModel, fit_rows

METRICS = {  # English name (translated where shown): the report's field
    QT_TRANSLATE_NOOP("AgreementView", "Span F1 (exact)"): "span_f1_exact",
    QT_TRANSLATE_NOOP("AgreementView", "Span F1 (overlap)"): "span_f1_overlap",
    QT_TRANSLATE_NOOP("AgreementView", "Cohen's κ (tokens)"): "cohen_kappa_tokens",
    QT_TRANSLATE_NOOP("AgreementView", "Cohen's κ (IOB2)"): "cohen_kappa_iob2",
}


def figure_text(value: float | None) -> str:
    """A figure of the report as the interface writes it."""
    return digits(figure(value))


def heat(value: float | None) -> QColor:
    """Red for none or worse, through yellow, to green for perfect agreement; grey when undefined."""
    if value is None:
        return QColor("#eeeeee")
    return QColor.fromHsv(int(120 * max(0.0, min(1.0, value))), 80, 245)


def _cell(text: str, *, rtl: bool = False, data: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # plain text: titles with markup show their characters
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if rtl:
        item.setTextAlignment(PERSIAN)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


class DisagreementModel(RowsModel):
    """The disagreement list as a model: rows are drawn on demand, so 20,000 of them open at once."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def set_report(self, report: AgreementReport) -> None:
        self.names = list(report.annotators)
        headers = [self.tr("document"), self.tr("kind"), self.tr("text")]
        self.reset(report.disagreement_list, [*headers, *self.names])

    def cell(self, row: Disagreement, column: int, role: int) -> Any:
        region = row.region
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.title
            if column == 1:
                return word(region.kind)
            if column == 2:
                return row.text
            version = region.versions.get(self.names[column - 3])
            return "" if version is None else describe(row.text, version, region.start)
        if role == Qt.ItemDataRole.UserRole:
            return row.doc_id, region.start, region.end
        if role == Qt.ItemDataRole.TextAlignmentRole and column != 1:
            return int(PERSIAN)
        if role == Qt.ItemDataRole.BackgroundRole and column >= 3:
            return QColor(ANNOTATOR_COLORS[(column - 3) % len(ANNOTATOR_COLORS)])
        return None


class AgreementView(QDialog):
    """Shows one :class:`AgreementReport`; a double-clicked disagreement asks to open it for curation."""

    region_requested = Signal(str, int, int)  # document id, start, end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Inter-annotator agreement"))
        self.resize(900, 600)
        self.report: AgreementReport | None = None
        self.summary = plain_label()  # annotator names come from packages
        self.summary.setWordWrap(True)
        self.figure_choice = QComboBox()
        for name, field in METRICS.items():
            self.figure_choice.addItem(self.tr(name), field)
        self.heatmap = QTableWidget()
        self.heatmap.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heatmap.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        exact, overlap = self.tr("F1 exact"), self.tr("F1 overlap")
        self.labels = _table(
            [
                self.tr("label"),
                exact,
                overlap,
                self.tr("κ tokens"),
                self.tr("Fleiss κ"),
                "α",
                self.tr("spans per annotator"),
            ]
        )
        kinds = [word(kind) for kind in ("type", "boundary", "missing")]
        self.documents = _table([self.tr("document"), self.tr("annotators"), exact, overlap, "α", *kinds])
        self.disagreement_model = DisagreementModel()
        self.disagreements = QTableView()
        self.disagreements.setModel(self.disagreement_model)
        self.disagreements.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.disagreements.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.disagreements.verticalHeader().hide()
        self.disagreements.horizontalHeader().setStretchLastSection(True)
        self.disagreements.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long title, never a label
        for table in (self.labels, self.documents, self.disagreements):
            fit_rows(table)  # the madda of «آ» and marks below stay inside their row
        self.confusion = QTableWidget()
        self.confusion.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        pairs = QWidget()
        pairs_layout = QVBoxLayout(pairs)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Figure:")))
        chooser.addWidget(self.figure_choice)
        chooser.addStretch()
        pairs_layout.addLayout(chooser)
        pairs_layout.addWidget(self.heatmap)
        self.tabs = QTabWidget()
        self.tabs.addTab(pairs, self.tr("Pairs"))
        self.tabs.addTab(self.labels, self.tr("Labels"))
        self.tabs.addTab(self.documents, self.tr("Documents"))
        self.tabs.addTab(self.confusion, self.tr("Confusion"))
        self.tabs.addTab(self.disagreements, self.tr("Disagreements"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs)
        layout.addWidget(close_button(self))
        self.figure_choice.currentTextChanged.connect(self._on_figure_choice_current_text_changed)
        self.disagreements.doubleClicked.connect(self._on_disagreements_double_clicked)

    def show_report(self, report: AgreementReport) -> None:
        """Fill every tab from the report."""
        self.report = report
        kinds = report.disagreements
        summary = self.tr(
            "{documents} annotated by two or more of {annotators}.  "
            "Span F1 exact {exact}, overlap {overlap} · Fleiss' κ {fleiss} · Krippendorff's α {alpha} · "
            "disagreements: {type} type, {boundary} boundary, {missing} missing"
        )
        self.summary.setText(
            summary.format(
                documents=self.tr("%Ln documents", "", report.documents),
                annotators=self.tr(", ").join(report.annotators),
                exact=figure_text(report.span_f1_exact),
                overlap=figure_text(report.span_f1_overlap),
                fleiss=figure_text(report.fleiss_kappa_tokens),
                alpha=figure_text(report.krippendorff_alpha_tokens),
                type=number(kinds["type"]),
                boundary=number(kinds["boundary"]),
                missing=number(kinds["missing"]),
            )
        )
        self._fill_heatmap()
        self._fill_labels(report)
        self._fill_documents(report)
        self._fill_disagreements(report)
        self._fill_confusion(report)

    def _fill_heatmap(self) -> None:
        report = self.report
        if report is None:
            return
        field = str(self.figure_choice.currentData())
        names = report.annotators
        self.heatmap.setRowCount(len(names))
        self.heatmap.setColumnCount(len(names))
        self.heatmap.setHorizontalHeaderLabels(names)
        self.heatmap.setVerticalHeaderLabels(names)
        for row, a in enumerate(names):
            for column, b in enumerate(names):
                pair: PairFigures | None = report.pair(a, b) if a != b else None
                value = None if pair is None else getattr(pair, field)
                text = "" if a == b else figure_text(value)
                cell = _cell(text)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if a != b:
                    cell.setBackground(heat(value))
                    common = self.tr("%Ln documents in common", "", pair.documents if pair else 0)
                    cell.setToolTip(tip(f"{a} ~ {b}: {common}"))
                self.heatmap.setItem(row, column, cell)

    def _fill_labels(self, report: AgreementReport) -> None:
        self.labels.setRowCount(len(report.per_label))
        for row, (label, f) in enumerate(report.per_label.items()):
            values = (f.span_f1_exact, f.span_f1_overlap, f.cohen_kappa_tokens, f.fleiss_kappa_tokens)
            alpha = _cell(figure_text(f.krippendorff_alpha_tokens))
            cells = [_cell(label), *(_cell(figure_text(v)) for v in values), alpha]
            cells.append(_cell(self.tr(", ").join(f"{name} {number(n)}" for name, n in f.spans.items())))
            for column, cell in enumerate(cells):
                if 1 <= column <= 5:
                    cell.setBackground(heat(values[column - 1] if column <= 4 else f.krippendorff_alpha_tokens))
                self.labels.setItem(row, column, cell)

    def _fill_documents(self, report: AgreementReport) -> None:
        ranked = sorted(report.per_document, key=lambda d: (d.span_f1_exact is None, d.span_f1_exact or 0.0))
        self.documents.setRowCount(len(ranked))
        for row, d in enumerate(ranked):
            cells = [
                _cell(d.title, rtl=True, data=d.id),
                _cell(self.tr(", ").join(d.annotators)),
                _cell(figure_text(d.span_f1_exact)),
                _cell(figure_text(d.span_f1_overlap)),
                _cell(figure_text(d.krippendorff_alpha_tokens)),
                *(_cell(number(d.disagreements[kind])) for kind in ("type", "boundary", "missing")),
            ]
            cells[2].setBackground(heat(d.span_f1_exact))
            for column, cell in enumerate(cells):
                self.documents.setItem(row, column, cell)

    def _fill_disagreements(self, report: AgreementReport) -> None:
        """One row per disagreement: document, kind, text, then one column per annotator with their version."""
        self.disagreement_model.set_report(report)
        self.disagreements.resizeColumnsToContents()  # Qt measures at most its first 1,000 rows
        header = self.disagreements.horizontalHeader()
        header.resizeSection(0, min(header.sectionSize(0), 220))  # the title gives way first

    def _fill_confusion(self, report: AgreementReport) -> None:
        """Tokens one annotator typed as the row and another as the column, pooled over pairs (labels in use)."""
        names = ["O", *report.labels]
        used = [i for i, row in enumerate(report.confusion) if sum(row) or any(r[i] for r in report.confusion)]
        self.confusion.setRowCount(len(used))
        self.confusion.setColumnCount(len(used))
        self.confusion.setHorizontalHeaderLabels([names[i] for i in used])
        self.confusion.setVerticalHeaderLabels([names[i] for i in used])
        for row, i in enumerate(used):
            total = sum(report.confusion[i]) or 1
            for column, j in enumerate(used):
                count = report.confusion[i][j]
                cell = _cell(number(count))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if i != j and count:
                    cell.setBackground(heat(1.0 - 4 * count / total))
                self.confusion.setItem(row, column, cell)

    def _on_figure_choice_current_text_changed(self, _: str) -> None:
        self._fill_heatmap()

    def _on_disagreements_double_clicked(self, index: QModelIndex) -> None:
        doc_id, start, end = self.disagreement_model.index(index.row(), 0).data(Qt.ItemDataRole.UserRole)
        self.region_requested.emit(doc_id, start, end)
