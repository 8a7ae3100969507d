"""Chance-corrected agreement over coded units: Cohen's κ, Fleiss' κ, Krippendorff's α (nominal).

A code matrix has one row per annotator and one column per unit (a token); ``-1`` means the annotator
did not code that unit. Undefined figures (no units, or a single category in play) are ``None``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Codes = npt.NDArray[np.int32]
MISSING = -1


def confusion(a: Codes, b: Codes, categories: int) -> npt.NDArray[np.int64]:
    """``categories × categories`` counts of (a's code, b's code) over units both coded."""
    both = (a >= 0) & (b >= 0)
    pairs = a[both].astype(np.int64) * categories + b[both]
    return np.bincount(pairs, minlength=categories * categories).reshape(categories, categories)


def cohen_kappa(table: npt.NDArray[np.int64]) -> float | None:
    """Cohen's κ from a confusion table (as scikit-learn's ``cohen_kappa_score``)."""
    total = table.sum()
    if total == 0:
        return None
    observed = np.trace(table) / total
    expected = float(table.sum(axis=1) @ table.sum(axis=0)) / (total * total)
    if expected >= 1.0:
        return None
    return float((observed - expected) / (1.0 - expected))


def unit_counts(codes: Codes, categories: int) -> npt.NDArray[np.int64]:
    """``units × categories``: how many annotators gave each unit each code."""
    units = codes.shape[1]
    present = codes >= 0
    columns = np.broadcast_to(np.arange(units), codes.shape)[present]
    flat = columns.astype(np.int64) * categories + codes[present]
    return np.bincount(flat, minlength=units * categories).reshape(units, categories)


def fleiss_kappa(counts: npt.NDArray[np.int64], raters: int) -> float | None:
    """Fleiss' κ over the units all ``raters`` annotators coded (as statsmodels' ``fleiss_kappa``)."""
    full = (counts.sum(axis=1) == raters).astype(np.float64)
    square_sum = float(full @ np.einsum("ij,ij->i", counts, counts))
    return fleiss_from(square_sum, full @ counts, int(full.sum()), raters)


def fleiss_from(square_sum: float, totals: npt.NDArray[Any], units: int, raters: int) -> float | None:
    """Fleiss' κ from Σ over units and categories of n², the category totals, and the unit count."""
    if raters < 2 or units == 0:
        return None
    agreement = (square_sum - units * raters) / (units * raters * (raters - 1))
    shares = totals / (units * raters)
    expected = float(shares @ shares)
    if expected >= 1.0:
        return None
    return float((agreement - expected) / (1.0 - expected))


def alpha_terms(counts: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Per unit, the observed-disagreement term of α, and which units are pairable (two or more codes)."""
    values = counts.sum(axis=1)
    pairable = values >= 2
    squares = (counts * counts).sum(axis=1)
    terms = np.zeros(values.shape, dtype=np.float64)
    terms[pairable] = (values[pairable] ** 2 - squares[pairable]) / (values[pairable] - 1)
    return terms, pairable


def krippendorff_alpha(counts: npt.NDArray[np.int64]) -> float | None:
    """Krippendorff's α for nominal data; units with fewer than two codes do not count."""
    terms, pairable = alpha_terms(counts)
    return alpha_from(float(terms.sum()), counts[pairable].sum(axis=0))


def alpha_from(observed_sum: float, category_totals: npt.NDArray[np.int64]) -> float | None:
    """α from the summed unit terms and the pairable values per category."""
    n = int(category_totals.sum())
    expected = float(n * n - (category_totals.astype(np.float64) ** 2).sum())
    if n < 2 or expected <= 0.0:
        return None
    return float(1.0 - (n - 1) * observed_sum / expected)
