"""κ and α against scikit-learn, statsmodels and krippendorff on random and hand-made codes."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

from annotator.review import statistics as st


def random_codes(seed: int, raters: int, units: int, categories: int, missing: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, categories, units)
    codes = np.where(rng.random((raters, units)) < 0.7, truth, rng.integers(0, categories, (raters, units)))
    codes[rng.random((raters, units)) < missing] = st.MISSING
    return codes.astype(np.int32)


@pytest.mark.parametrize("seed", range(6))
def test_cohen_kappa_matches_scikit_learn(seed: int) -> None:
    codes = random_codes(seed, 2, 400, 4, missing=0.2)
    both = (codes[0] >= 0) & (codes[1] >= 0)
    ours = st.cohen_kappa(st.confusion(codes[0], codes[1], 4))
    assert ours == pytest.approx(cohen_kappa_score(codes[0][both], codes[1][both]), abs=1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_fleiss_kappa_matches_statsmodels(seed: int) -> None:
    codes = random_codes(seed, 3 + seed % 3, 300, 5, missing=0.05)
    full = (codes >= 0).all(axis=0)
    table, _ = aggregate_raters(codes[:, full].T, n_cat=5)
    ours = st.fleiss_kappa(st.unit_counts(codes, 5), codes.shape[0])
    assert ours == pytest.approx(fleiss_kappa(table, method="fleiss"), abs=1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_krippendorff_alpha_matches_the_reference_with_missing_values(seed: int) -> None:
    codes = random_codes(seed, 2 + seed % 3, 300, 4, missing=0.3)
    data = np.where(codes >= 0, codes, np.nan).astype(float)
    reference = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert st.krippendorff_alpha(st.unit_counts(codes, 4)) == pytest.approx(reference, abs=1e-12)


def test_hand_made_case() -> None:
    # Two annotators, ten tokens: they differ on two tokens.
    a = np.array([0, 0, 1, 1, 0, 2, 2, 0, 0, 0], dtype=np.int32)
    b = np.array([0, 0, 1, 0, 0, 2, 1, 0, 0, 0], dtype=np.int32)
    table = st.confusion(a, b, 3)
    assert table.tolist() == [[6, 0, 0], [1, 1, 0], [0, 1, 1]]
    # po = 0.8; pe = (0.7·0.6 + 0.2·0.2 + 0.1·0.2) = 0.48; κ = 0.32 / 0.52
    assert st.cohen_kappa(table) == pytest.approx(0.32 / 0.52)
    assert st.cohen_kappa(table) == pytest.approx(cohen_kappa_score(a, b))


def test_undefined_figures_are_none() -> None:
    same = np.zeros((3, 20), dtype=np.int32)  # everyone says "no entity" everywhere
    counts = st.unit_counts(same, 2)
    assert st.cohen_kappa(st.confusion(same[0], same[1], 2)) is None
    assert st.fleiss_kappa(counts, 3) is None
    assert st.krippendorff_alpha(counts) is None
    nobody = np.full((2, 5), st.MISSING, dtype=np.int32)
    assert st.cohen_kappa(st.confusion(nobody[0], nobody[1], 2)) is None
    assert st.fleiss_kappa(st.unit_counts(nobody, 2), 2) is None
    assert st.krippendorff_alpha(st.unit_counts(nobody, 2)) is None


@pytest.mark.parametrize("seed", range(3))
def test_fleiss_kappa_of_two_annotators_matches_statsmodels(seed: int) -> None:
    codes = random_codes(seed, 2, 200, 3, missing=0.1)
    full = (codes >= 0).all(axis=0)
    table, _ = aggregate_raters(codes[:, full].T, n_cat=3)
    ours = st.fleiss_kappa(st.unit_counts(codes, 3), 2)
    assert ours == pytest.approx(fleiss_kappa(table, method="fleiss"), abs=1e-12)


def test_smallest_defined_cases_match_the_references() -> None:
    # one unit, two annotators who differ: α is 0, κ is 0 (nothing observed, nothing expected)
    one = np.array([[0], [1]], dtype=np.int32)
    assert st.krippendorff_alpha(st.unit_counts(one, 2)) == 0.0
    assert krippendorff.alpha(reliability_data=one.astype(float), level_of_measurement="nominal") == 0.0
    assert st.cohen_kappa(st.confusion(one[0], one[1], 2)) == pytest.approx(cohen_kappa_score([0], [1]))
    # two units, swapped codes: α = −0.5, κ = −1
    swapped = np.array([[0, 1], [1, 0]], dtype=np.int32)
    assert st.krippendorff_alpha(st.unit_counts(swapped, 2)) == pytest.approx(-0.5)
    assert st.cohen_kappa(st.confusion(swapped[0], swapped[1], 2)) == pytest.approx(-1.0)
    # a unit only one annotator coded pairs with nothing: it changes neither α nor the counts of Fleiss' κ
    lone = np.array([[0, 1, 1], [1, 0, st.MISSING]], dtype=np.int32)
    assert st.krippendorff_alpha(st.unit_counts(lone, 2)) == pytest.approx(-0.5)
    assert st.fleiss_kappa(st.unit_counts(lone, 2), 2) == st.fleiss_kappa(st.unit_counts(swapped, 2), 2)


def test_unit_counts_and_confusion_skip_missing_codes() -> None:
    codes = np.array([[0, 2, st.MISSING, 1], [0, 1, 1, st.MISSING], [st.MISSING, 2, 1, 1]], dtype=np.int32)
    assert st.unit_counts(codes, 3).tolist() == [[2, 0, 0], [0, 1, 2], [0, 2, 0], [0, 2, 0]]
    assert st.confusion(codes[0], codes[1], 3).tolist() == [[1, 0, 0], [0, 0, 0], [0, 1, 0]]
    terms, pairable = st.alpha_terms(st.unit_counts(codes, 3))
    # per unit (n² − Σ n_c²) / (n − 1): 0, (9 − 5) / 2, 0, 0
    assert terms.tolist() == [0.0, 2.0, 0.0, 0.0] and pairable.tolist() == [True, True, True, True]
    terms, pairable = st.alpha_terms(st.unit_counts(codes[:2], 3))
    assert terms.tolist() == [0.0, 2.0, 0.0, 0.0] and pairable.tolist() == [True, True, False, False]
