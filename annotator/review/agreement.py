"""The inter-annotator agreement report: span F1, κ and α over tokens, per pair, label and document."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
import numpy.typing as npt

from annotator.collector import collector_paused
from annotator.errors import ProjectError
from annotator.model import GOLD, Document, Span
from annotator.progress import Progress
from annotator.review import statistics as st
from annotator.review.regions import Kind, Region, regions
from annotator.review.spans import SpanCounts, compare
from annotator.store.project import Project
from annotator.store.review import layer_started


@dataclass(frozen=True, slots=True)
class PairFigures:
    """Agreement between two annotators over the documents both annotated."""

    a: str
    b: str
    documents: int
    span_f1_exact: float | None
    span_f1_overlap: float | None
    cohen_kappa_tokens: float | None
    cohen_kappa_iob2: float | None


@dataclass(frozen=True, slots=True)
class LabelFigures:
    """Agreement on one label (token figures treat it as "this label or not")."""

    span_f1_exact: float | None
    span_f1_overlap: float | None
    cohen_kappa_tokens: float | None  # the mean over pairs
    fleiss_kappa_tokens: float | None
    krippendorff_alpha_tokens: float | None
    spans: dict[str, int]  # per annotator, on the documents compared


@dataclass(frozen=True, slots=True)
class DocumentFigures:
    """Agreement on one document."""

    id: str
    title: str
    annotators: tuple[str, ...]
    span_f1_exact: float | None
    span_f1_overlap: float | None
    krippendorff_alpha_tokens: float | None
    disagreements: dict[str, int]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One region of one document where the annotators differ."""

    doc_id: str
    title: str
    text: str
    region: Region


@dataclass(slots=True)
class AgreementReport:
    """Everything ``barchasb agree`` and the agreement view show."""

    annotators: list[str]
    labels: list[str]
    documents: int = 0
    pairs: list[PairFigures] = field(default_factory=list)
    span_f1_exact: float | None = None
    span_f1_overlap: float | None = None
    fleiss_kappa_tokens: float | None = None
    fleiss_kappa_iob2: float | None = None
    krippendorff_alpha_tokens: float | None = None
    krippendorff_alpha_iob2: float | None = None
    per_label: dict[str, LabelFigures] = field(default_factory=dict)
    disagreements: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Kind, 0))
    confusion: list[list[int]] = field(default_factory=list)  # over ["O", *labels], tokens, pooled over pairs
    per_document: list[DocumentFigures] = field(default_factory=list)
    disagreement_list: list[Disagreement] = field(default_factory=list)
    label_spans: dict[str, Counter[str]] = field(default_factory=dict)  # annotator → label → spans compared

    def pair(self, a: str, b: str) -> PairFigures | None:
        """The figures of one pair, in either order."""
        return next((p for p in self.pairs if {p.a, p.b} == {a, b}), None)

    def to_json(self) -> dict[str, Any]:
        """The ``agree --json`` contract."""
        return {
            "annotators": self.annotators,
            "documents": self.documents,
            "pairs": [_public(p) for p in self.pairs],
            "span_f1_exact": self.span_f1_exact,
            "span_f1_overlap": self.span_f1_overlap,
            "fleiss_kappa_tokens": self.fleiss_kappa_tokens,
            "fleiss_kappa_iob2": self.fleiss_kappa_iob2,
            "krippendorff_alpha_tokens": self.krippendorff_alpha_tokens,
            "krippendorff_alpha_iob2": self.krippendorff_alpha_iob2,
            "per_label": {label: _public(f) for label, f in self.per_label.items()},
            "disagreements": {str(kind): n for kind, n in self.disagreements.items()},
            "confusion": {"labels": ["O", *self.labels], "counts": self.confusion},
            "per_document": [_public(d) for d in self.per_document],
        }


def _public(figures: Any) -> dict[str, Any]:
    return {name: getattr(figures, name) for name in figures.__slots__}


def default_annotators(project: Project) -> list[str]:
    """Every annotator with a layer someone worked on (the gold layer aside)."""
    names = {p.annotator for p in project.progress() if p.annotator != GOLD and (p.accepted or p.status != "new")}
    return sorted(names)


def project_agreement(
    project: Project,
    annotators: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> AgreementReport:
    """The agreement report of a project's annotators (all but gold by default)."""
    known = default_annotators(project)
    chosen = list(annotators) if annotators else known
    if unknown := [name for name in chosen if name not in known]:
        raise ProjectError(f"no annotated layers of {', '.join(unknown)} (annotators: {', '.join(known) or 'none'})")
    if len(chosen) < 2:
        raise ProjectError(f"agreement needs two annotators or more (found: {', '.join(chosen) or 'none'})")
    schema = project.schema
    chosen_labels = list(labels) if labels else schema.labels
    for label in chosen_labels:
        schema.get(label)
    total = len(project.documents())
    documents: Iterable[Document] = project.iter_documents(layers=chosen)
    if progress:
        documents = _counting(documents, total, progress)
    with collector_paused():
        return agreement(documents, chosen, chosen_labels)


def _counting(documents: Iterable[Document], total: int, progress: Progress) -> Iterable[Document]:
    for number, document in enumerate(documents, 1):
        if number % 50 == 0 or number == total:
            progress(number, total)
        yield document


def agreement(documents: Iterable[Document], annotators: Sequence[str], labels: Sequence[str]) -> AgreementReport:
    """Compare the annotators' accepted spans on every document at least two of them annotated."""
    report = AgreementReport(sorted(annotators), list(labels))
    names = report.annotators
    code_of = {label: k for k, label in enumerate(report.labels, 1)}
    pair_index = list(combinations(range(len(names)), 2))
    pair_docs = Counter[tuple[int, int]]()
    pair_spans = {pair: SpanCounts(len(code_of)) for pair in pair_index}
    codes: list[list[int]] = [[] for _ in names]
    iob: list[list[int]] = [[] for _ in names]
    lengths: list[int] = []
    for document in documents:
        layers = {
            k: [s for s in document.layers[name].accepted() if s.label in code_of]
            for k, name in enumerate(names)
            if name in document.layers and layer_started(document.layers[name])
        }
        if len(layers) < 2:
            continue
        report.documents += 1
        for k, spans in layers.items():
            report.label_spans.setdefault(names[k], Counter()).update(s.label for s in spans)
        here = SpanCounts(len(code_of))
        for i, j in pair_index:
            if i in layers and j in layers:
                pair_docs[i, j] += 1
                counts = compare(layers[i], layers[j], code_of)
                pair_spans[i, j].add(counts)
                here.add(counts)
        n = len(document.tokens)
        lengths.append(n)
        for k in range(len(names)):
            if k in layers:
                token_codes, iob_codes = _token_codes(document, layers[k], code_of)
            else:
                token_codes = iob_codes = [st.MISSING] * n
            codes[k].extend(token_codes)
            iob[k].extend(iob_codes)
        found = regions({names[k]: spans for k, spans in layers.items()})
        kinds = Counter(str(r.kind) for r in found if r.kind is not None)
        report.per_document.append(
            DocumentFigures(
                document.id,
                document.title,
                tuple(names[k] for k in sorted(layers)),
                here.f1(),
                here.f1(overlap=True),
                None,
                {str(kind): kinds[kind] for kind in Kind},
            )
        )
        for region in found:
            if region.kind is not None:
                report.disagreements[region.kind] += 1
                text = document.text[region.start : region.end]
                report.disagreement_list.append(Disagreement(document.id, document.title, text, region))
    matrix = np.array(codes, dtype=np.int32).reshape(len(names), -1)
    iob_matrix = np.array(iob, dtype=np.int32).reshape(len(names), -1)
    token_counts = _token_figures(report, matrix, iob_matrix, pair_index, pair_docs, pair_spans)
    _document_alphas(report, token_counts, lengths)
    return report


def _token_codes(document: Document, spans: Sequence[Span], code_of: dict[str, int]) -> tuple[list[int], list[int]]:
    """Per token: the label code (0 = none) and the IOB2 code (B-k = 2k − 1, I-k = 2k); the first span wins."""
    n = len(document.tokens)
    token_codes = [0] * n
    iob_codes = [0] * n
    starts, ends = document.tokens.starts, document.tokens.ends
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        first, last = bisect_right(ends, span.start), bisect_left(starts, span.end)
        code = code_of[span.label]
        for token in range(first, last):
            if not token_codes[token]:
                token_codes[token] = code
                iob_codes[token] = 2 * code - (token == first)
    return token_codes, iob_codes


def _token_figures(
    report: AgreementReport,
    matrix: npt.NDArray[np.int32],
    iob_matrix: npt.NDArray[np.int32],
    pair_index: list[tuple[int, int]],
    pair_docs: Counter[tuple[int, int]],
    pair_spans: dict[tuple[int, int], SpanCounts],
) -> npt.NDArray[np.int64]:
    """Pair, overall and per-label figures; returns the per-token counts of each label code."""
    names, labels = report.annotators, report.labels
    categories = len(labels) + 1
    pooled = SpanCounts(len(labels))
    confusion = np.zeros((categories, categories), dtype=np.int64)
    tables: list[npt.NDArray[np.int64]] = []
    for i, j in pair_index:
        table = st.confusion(matrix[i], matrix[j], categories)
        tables.append(table)
        confusion += table + table.T
        pooled.add(pair_spans[i, j])
        iob_table = st.confusion(iob_matrix[i], iob_matrix[j], 2 * len(labels) + 1)
        report.pairs.append(
            PairFigures(
                names[i],
                names[j],
                pair_docs[i, j],
                pair_spans[i, j].f1(),
                pair_spans[i, j].f1(overlap=True),
                st.cohen_kappa(table),
                st.cohen_kappa(iob_table),
            )
        )
    report.confusion = confusion.tolist()
    report.span_f1_exact, report.span_f1_overlap = pooled.f1(), pooled.f1(overlap=True)
    counts = st.unit_counts(matrix, categories)
    raters = len(names)
    report.fleiss_kappa_tokens = st.fleiss_kappa(counts, raters)
    report.krippendorff_alpha_tokens = st.krippendorff_alpha(counts)
    iob_counts = st.unit_counts(iob_matrix, 2 * len(labels) + 1)
    report.fleiss_kappa_iob2 = st.fleiss_kappa(iob_counts, raters)
    report.krippendorff_alpha_iob2 = st.krippendorff_alpha(iob_counts)
    values = counts.sum(axis=1)
    full = counts[values == raters]
    pairable = values >= 2
    paired, coders = counts[pairable], values[pairable]
    for k, label in enumerate(labels, 1):
        kappas = [value for table in tables if (value := st.cohen_kappa(_binary_table(table, k))) is not None]
        yes, no = full[:, k], raters - full[:, k]
        fleiss = st.fleiss_from(
            float((yes * yes).sum() + (no * no).sum()), np.array([no.sum(), yes.sum()]), full.shape[0], raters
        )
        hits = paired[:, k]
        observed = float((2 * hits * (coders - hits) / (coders - 1)).sum())
        report.per_label[label] = LabelFigures(
            pooled.f1(code=k),
            pooled.f1(overlap=True, code=k),
            sum(kappas) / len(kappas) if kappas else None,
            fleiss,
            st.alpha_from(observed, np.array([(coders - hits).sum(), hits.sum()])),
            {name: report.label_spans.get(name, Counter())[label] for name in names},
        )
    return counts


def _binary_table(table: npt.NDArray[np.int64], k: int) -> npt.NDArray[np.int64]:
    """A 2×2 "label k or not" table folded out of a full confusion table."""
    both = table[k, k]
    only_a = table[k, :].sum() - both
    only_b = table[:, k].sum() - both
    return np.array([[table.sum() - both - only_a - only_b, only_b], [only_a, both]], dtype=np.int64)


def _document_alphas(report: AgreementReport, counts: npt.NDArray[np.int64], lengths: list[int]) -> None:
    """Krippendorff's α of each document, from the same unit counts, in one vectorised pass."""
    if not lengths:
        return
    doc_of_unit = np.repeat(np.arange(len(lengths)), lengths)
    terms, pairable = st.alpha_terms(counts)
    observed = np.bincount(doc_of_unit, weights=terms, minlength=len(lengths))
    units = doc_of_unit[pairable]
    per_doc = np.stack(
        [np.bincount(units, weights=column, minlength=len(lengths)) for column in counts[pairable].T], axis=1
    ).astype(np.int64)
    for index, figures in enumerate(report.per_document):
        alpha = st.alpha_from(float(observed[index]), per_doc[index])
        report.per_document[index] = DocumentFigures(
            figures.id,
            figures.title,
            figures.annotators,
            figures.span_f1_exact,
            figures.span_f1_overlap,
            alpha,
            figures.disagreements,
        )
