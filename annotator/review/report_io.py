"""The agreement report as text for a terminal and as CSV for a spreadsheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from annotator.errors import ExportError
from annotator.review.agreement import AgreementReport

CSV_COLUMNS = (
    "scope",
    "document",
    "label",
    "a",
    "b",
    "span_f1_exact",
    "span_f1_overlap",
    "cohen_kappa_tokens",
    "cohen_kappa_iob2",
    "fleiss_kappa_tokens",
    "krippendorff_alpha_tokens",
    "type",
    "boundary",
    "missing",
)


def figure(value: float | None, digits: int = 3) -> str:
    """A figure for people: fixed digits, or a dash when undefined."""
    return "-" if value is None else f"{value:.{digits}f}"


def write_csv(report: AgreementReport, path: str | Path) -> None:
    """One row overall, one per pair, per label and per document; empty cells where a figure does not apply."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(
        {
            "scope": "overall",
            "span_f1_exact": report.span_f1_exact,
            "span_f1_overlap": report.span_f1_overlap,
            "fleiss_kappa_tokens": report.fleiss_kappa_tokens,
            "krippendorff_alpha_tokens": report.krippendorff_alpha_tokens,
            **report.disagreements,
        }
    )
    for pair in report.pairs:
        writer.writerow(
            {
                "scope": "pair",
                "a": pair.a,
                "b": pair.b,
                "span_f1_exact": pair.span_f1_exact,
                "span_f1_overlap": pair.span_f1_overlap,
                "cohen_kappa_tokens": pair.cohen_kappa_tokens,
                "cohen_kappa_iob2": pair.cohen_kappa_iob2,
            }
        )
    for label, figures in report.per_label.items():
        writer.writerow(
            {
                "scope": "label",
                "label": label,
                "span_f1_exact": figures.span_f1_exact,
                "span_f1_overlap": figures.span_f1_overlap,
                "cohen_kappa_tokens": figures.cohen_kappa_tokens,
                "fleiss_kappa_tokens": figures.fleiss_kappa_tokens,
                "krippendorff_alpha_tokens": figures.krippendorff_alpha_tokens,
            }
        )
    for document in report.per_document:
        writer.writerow(
            {
                "scope": "document",
                "document": document.id,
                "span_f1_exact": document.span_f1_exact,
                "span_f1_overlap": document.span_f1_overlap,
                "krippendorff_alpha_tokens": document.krippendorff_alpha_tokens,
                **document.disagreements,
            }
        )
    # utf-8-sig: spreadsheet programs then read Persian labels and titles correctly
    try:
        Path(path).write_text(buffer.getvalue(), encoding="utf-8-sig")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the CSV ({exc.strerror})") from None


def format_text(report: AgreementReport, worst: int = 10) -> str:
    """A readable summary: pairs, overall, labels, disagreements and the least agreed documents."""
    lines = [f"{report.documents} documents annotated by two or more of: {', '.join(report.annotators)}", ""]
    width = max((len(p.a) + len(p.b) + 3 for p in report.pairs), default=4)
    lines.append(f"{'pair':<{width}}  docs  F1 exact  F1 overlap  κ tokens  κ IOB2")
    for p in report.pairs:
        lines.append(
            f"{p.a + ' ~ ' + p.b:<{width}}  {p.documents:>4}  {figure(p.span_f1_exact):>8}  "
            f"{figure(p.span_f1_overlap):>10}  {figure(p.cohen_kappa_tokens):>8}  {figure(p.cohen_kappa_iob2):>6}"
        )
    lines += [
        "",
        f"span F1 exact {figure(report.span_f1_exact)}, overlap {figure(report.span_f1_overlap)}; "
        f"Fleiss' κ tokens {figure(report.fleiss_kappa_tokens)}, IOB2 {figure(report.fleiss_kappa_iob2)}; "
        f"Krippendorff's α tokens {figure(report.krippendorff_alpha_tokens)}, "
        f"IOB2 {figure(report.krippendorff_alpha_iob2)}",
        "",
        f"{'label':<8}  F1 exact  F1 overlap  κ tokens  α tokens  spans",
    ]
    for label, f in report.per_label.items():
        spans = ", ".join(f"{name} {n}" for name, n in f.spans.items())
        lines.append(
            f"{label:<8}  {figure(f.span_f1_exact):>8}  {figure(f.span_f1_overlap):>10}  "
            f"{figure(f.cohen_kappa_tokens):>8}  {figure(f.krippendorff_alpha_tokens):>8}  {spans}"
        )
    kinds = report.disagreements
    lines += [
        "",
        f"disagreements: {sum(kinds.values())} (type {kinds['type']}, boundary {kinds['boundary']}, "
        f"missing {kinds['missing']})",
    ]
    lines += _confusion_lines(report)
    ranked = sorted(
        (d for d in report.per_document if d.span_f1_exact is not None), key=lambda d: d.span_f1_exact or 0.0
    )
    if ranked:
        lines.append(
            "least agreed documents (span F1 exact): "
            + ", ".join(f"{d.id} {figure(d.span_f1_exact, 2)}" for d in ranked[:worst])
        )
    return "\n".join(lines)


def _confusion_lines(report: AgreementReport) -> list[str]:
    """The token confusion table, pooled over pairs, for the labels in use."""
    names = ["O", *report.labels]
    table = report.confusion
    used = [i for i, row in enumerate(table) if sum(row) or any(r[i] for r in table)]
    if len(used) < 2:
        return []
    width = max(max(len(names[i]) for i in used), max(len(str(table[i][j])) for i in used for j in used)) + 1
    lines = ["", "token confusion (one annotator's row against another's column, over all pairs):"]
    lines.append(" " * width + "".join(f"{names[j]:>{width}}" for j in used))
    lines += [f"{names[i]:<{width}}" + "".join(f"{table[i][j]:>{width}}" for j in used) for i in used]
    return lines
