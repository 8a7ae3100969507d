"""The agreement report on synthetic projects, every figure checked against a reference library."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterator
from itertools import combinations

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

from annotator.errors import ProjectCorrupt, ProjectError, SchemaError
from annotator.model import GOLD, Document, Layer, LayerStatus, Span
from annotator.review.agreement import agreement, default_annotators, project_agreement
from annotator.schema import preset
from annotator.store import Project
from tests.annotator.review.conftest import LABELS, random_layers, token_span, words_document
from tests.exports.conftest import NewLocation, behind_the_store

NAMES = ["ali", "sara", "zahra"]


def corpus(seed: int, n_docs: int = 12, missing: float = 0.25) -> list[Document]:
    rng = random.Random(seed)
    documents = []
    for number in range(n_docs):
        document = words_document(f"d{number}", rng.randint(20, 60))
        layers = random_layers(rng, document, NAMES)
        if rng.random() < missing:  # one annotator did not do this document
            layers.pop(rng.choice(NAMES))
        documents.append(words_document(document.id, len(document.tokens), layers))
    return documents


def token_labels(document: Document, name: str, iob: bool = False) -> list[str]:
    """The reference: per token, the label of the span covering it (IOB2 when asked), written plainly."""
    out = ["O"] * len(document.tokens)
    for span in document.layers[name].spans:
        inside = [i for i, t in enumerate(document.tokens) if t.start >= span.start and t.end <= span.end]
        for position, i in enumerate(inside):
            out[i] = (("B-" if position == 0 else "I-") if iob else "") + span.label
    return out


def reference_rows(documents: list[Document], iob: bool = False) -> list[list[str | None]]:
    """Rows per annotator, one column per token of the documents two or more annotators did."""
    rows: list[list[str | None]] = [[] for _ in NAMES]
    for document in documents:
        if sum(name in document.layers for name in NAMES) < 2:
            continue
        for k, name in enumerate(NAMES):
            if name in document.layers:
                rows[k].extend(token_labels(document, name, iob))
            else:
                rows[k].extend([None] * len(document.tokens))
    return rows


@pytest.mark.parametrize("seed", range(5))
def test_token_figures_match_the_reference_libraries(seed: int) -> None:
    documents = corpus(seed)
    report = agreement(documents, NAMES, LABELS)
    for iob in (False, True):
        rows = reference_rows(documents, iob)
        categories = sorted({v for row in rows for v in row if v is not None})
        index = {value: k for k, value in enumerate(categories)}
        for pair, (i, j) in zip(report.pairs, combinations(range(3), 2), strict=True):
            kept = [(x, y) for x, y in zip(rows[i], rows[j], strict=True) if x is not None and y is not None]
            expected = cohen_kappa_score([x for x, _ in kept], [y for _, y in kept])
            figure = pair.cohen_kappa_iob2 if iob else pair.cohen_kappa_tokens
            assert figure == pytest.approx(expected, abs=1e-12)
        data = np.array([[np.nan if v is None else index[v] for v in row] for row in rows])
        alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert (report.krippendorff_alpha_iob2 if iob else report.krippendorff_alpha_tokens) == pytest.approx(alpha)
        if not iob:  # the confusion table: every pair's tokens both coded, counted both ways
            expected_confusion = np.zeros((len(LABELS) + 1, len(LABELS) + 1), dtype=int)
            names = ["O", *LABELS]
            for i, j in combinations(range(3), 2):
                for x, y in zip(rows[i], rows[j], strict=True):
                    if x is not None and y is not None:
                        expected_confusion[names.index(x), names.index(y)] += 1
                        expected_confusion[names.index(y), names.index(x)] += 1
            assert report.confusion == expected_confusion.tolist()
            assert all(type(n) is int for row in report.confusion for n in row)
        full = ~np.isnan(data).any(axis=0)
        table, _ = aggregate_raters(data[:, full].T.astype(int), n_cat=len(categories))
        fleiss = fleiss_kappa(table, method="fleiss")
        assert (report.fleiss_kappa_iob2 if iob else report.fleiss_kappa_tokens) == pytest.approx(fleiss)


@pytest.mark.parametrize("seed", range(3))
def test_per_label_and_per_document_figures_match_the_references(seed: int) -> None:
    documents = corpus(seed, missing=0.0)
    report = agreement(documents, NAMES, LABELS)
    rows = reference_rows(documents)
    for label in LABELS:
        binary = [[int(v == label) for v in row] for row in rows]
        figures = report.per_label[label]
        kappas = [cohen_kappa_score(binary[i], binary[j]) for i, j in combinations(range(3), 2)]
        assert figures.cohen_kappa_tokens == pytest.approx(sum(kappas) / 3)
        assert figures.krippendorff_alpha_tokens == pytest.approx(
            krippendorff.alpha(reliability_data=np.array(binary), level_of_measurement="nominal")
        )
        table, _ = aggregate_raters(np.array(binary).T, n_cat=2)
        assert figures.fleiss_kappa_tokens == pytest.approx(fleiss_kappa(table))
        assert figures.spans == {n: sum(s.label == label for d in documents for s in d.layers[n].spans) for n in NAMES}
    for document, figures in zip(documents, report.per_document, strict=True):
        labels = [token_labels(document, name) for name in NAMES]
        categories = sorted({v for row in labels for v in row})
        if len(categories) < 2:
            assert figures.krippendorff_alpha_tokens is None
            continue
        data = np.array([[categories.index(v) for v in row] for row in labels])
        expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert figures.krippendorff_alpha_tokens == pytest.approx(expected)


@pytest.mark.parametrize("seed", range(3))
def test_per_label_figures_with_documents_an_annotator_skipped(seed: int) -> None:
    documents = corpus(seed, missing=0.4)
    report = agreement(documents, NAMES, LABELS)
    rows = reference_rows(documents)
    for label in LABELS:
        binary = [[None if v is None else int(v == label) for v in row] for row in rows]
        figures = report.per_label[label]
        kappas = []
        for i, j in combinations(range(3), 2):
            kept = [(x, y) for x, y in zip(binary[i], binary[j], strict=True) if x is not None and y is not None]
            kappas.append(cohen_kappa_score([x for x, _ in kept], [y for _, y in kept]))
        assert figures.cohen_kappa_tokens == pytest.approx(sum(kappas) / 3)
        data = np.array([[np.nan if v is None else v for v in row] for row in binary], dtype=float)
        alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert figures.krippendorff_alpha_tokens == pytest.approx(alpha)
        full = ~np.isnan(data).any(axis=0)
        table, _ = aggregate_raters(data[:, full].T.astype(int), n_cat=2)
        assert figures.fleiss_kappa_tokens == pytest.approx(fleiss_kappa(table))


def matching(a: list[Span], b: list[Span]) -> int:
    """The reference overlap match: a maximum one-to-one matching of same-label overlapping spans (Kuhn)."""
    partner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, other in enumerate(b):
            if j in seen or other.label != a[i].label or not (a[i].start < other.end and other.start < a[i].end):
                continue
            seen.add(j)
            if j not in partner or augment(partner[j], seen):
                partner[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(a)))


def reference_f1(
    documents: list[Document], pairs: list[tuple[str, str]], label: str | None = None
) -> tuple[float | None, float | None]:
    """Exact and overlap span F1 pooled over ``pairs`` and the documents both of a pair did: 2·matched / spans."""
    exact = overlap = total = 0
    for x, y in pairs:
        for document in documents:
            if x not in document.layers or y not in document.layers:
                continue
            a = [s for s in document.layers[x].spans if label in (None, s.label)]
            b = [s for s in document.layers[y].spans if label in (None, s.label)]
            exact += len({(s.start, s.end, s.label) for s in a} & {(s.start, s.end, s.label) for s in b})
            overlap += matching(a, b)
            total += len(a) + len(b)
    if not total:
        return None, None
    return 2 * exact / total, 2 * overlap / total


def same(got: tuple[float | None, float | None], expected: tuple[float | None, float | None]) -> bool:
    """Figures equal up to rounding, None (undefined) only where the reference is None."""
    return all(g == e if e is None else g == pytest.approx(e, abs=1e-12) for g, e in zip(got, expected, strict=True))


@pytest.mark.parametrize("seed", range(5))
def test_span_f1_exact_and_overlap_match_a_plain_computation(seed: int) -> None:
    documents = corpus(seed)
    report = agreement(documents, NAMES, LABELS)
    for pair in report.pairs:
        assert pair.documents == sum(pair.a in d.layers and pair.b in d.layers for d in documents)
        assert same((pair.span_f1_exact, pair.span_f1_overlap), reference_f1(documents, [(pair.a, pair.b)]))
    pairs = list(combinations(NAMES, 2))
    exact, overlap = reference_f1(documents, pairs)
    assert exact is not None and overlap is not None and overlap > exact + 0.01  # shifted copies: the two differ
    assert same((report.span_f1_exact, report.span_f1_overlap), (exact, overlap))
    assert report.to_json()["span_f1_exact"] == report.span_f1_exact
    assert report.to_json()["span_f1_overlap"] == report.span_f1_overlap
    for label in LABELS:
        figures = report.per_label[label]
        assert same((figures.span_f1_exact, figures.span_f1_overlap), reference_f1(documents, pairs, label))
    for document, doc_figures in zip([d for d in documents if len(d.layers) >= 2], report.per_document, strict=True):
        assert doc_figures.id == document.id
        assert same((doc_figures.span_f1_exact, doc_figures.span_f1_overlap), reference_f1([document], pairs))


def test_hand_made_disagreements_and_overlap_f1() -> None:
    base = words_document("doc", 12)
    t = lambda first, last, label: token_span(base, first, last, label)  # noqa: E731
    ali = [t(0, 2, "PER"), t(3, 4, "LOC"), t(6, 8, "ORG"), t(10, 11, "PER")]
    sara = [t(0, 2, "PER"), t(3, 4, "ORG"), t(6, 9, "ORG")]
    document = words_document("doc", 12, {"ali": ali, "sara": sara})
    report = agreement([document], ["ali", "sara"], LABELS)
    # agreed: «0-2 PER»; type: «3-4»; boundary: «6-8» vs «6-9»; missing: «10-11» only ali has it
    assert report.disagreements == {"type": 1, "boundary": 1, "missing": 1}
    kinds = [(d.region.start, d.region.kind) for d in report.disagreement_list]
    assert [k for _, k in kinds] == ["type", "boundary", "missing"]
    pair = report.pairs[0]
    assert pair.span_f1_exact == pytest.approx(2 * 1 / 7)
    assert pair.span_f1_overlap == pytest.approx(2 * 2 / 7)  # PER exact + the two ORG spans that overlap
    assert report.per_label["PER"].span_f1_exact == pytest.approx(2 * 1 / 3)
    assert report.per_label["LOC"].span_f1_exact == 0.0
    labels = ["O", *LABELS]
    confusion = report.confusion
    assert confusion[labels.index("LOC")][labels.index("ORG")] == 1  # token 3, once each way
    assert confusion[labels.index("ORG")][labels.index("LOC")] == 1
    assert confusion[labels.index("ORG")][labels.index("O")] == 1  # token 8
    assert sum(map(sum, confusion)) == 2 * 12


def test_a_document_with_one_annotator_is_not_compared_and_undefined_figures_are_null() -> None:
    one = words_document("one", 10, {"ali": []})
    both_empty = words_document("two", 10, {"ali": [], "sara": []})
    report = agreement([one, both_empty], ["ali", "sara"], LABELS)
    assert report.documents == 1
    data = report.to_json()
    assert data["pairs"][0]["span_f1_exact"] is None
    assert data["pairs"][0]["cohen_kappa_tokens"] is None
    assert data["krippendorff_alpha_tokens"] is None
    assert data["disagreements"] == {"type": 0, "boundary": 0, "missing": 0}


def test_suggestions_and_other_labels_are_left_out() -> None:
    base = words_document("doc", 8)
    suggestion = token_span(base, 4, 5, "PER").with_changes(status="suggested")
    document = words_document(
        "doc", 8, {"ali": [token_span(base, 0, 1, "PER"), suggestion], "sara": [token_span(base, 0, 1, "PER")]}
    )
    gold = Layer("gold", LayerStatus.DONE, (Span(0, 2, "LOC"),))
    document = Document(**{**document.__dict__, "layers": {**document.layers, "gold": gold}})
    report = agreement([document], ["ali", "sara"], ["PER"])
    assert report.pairs[0].span_f1_exact == 1.0
    assert report.disagreements == {"type": 0, "boundary": 0, "missing": 0}


@pytest.fixture
def team(location: str) -> Iterator[Project]:
    """Three documents: ali and sara did two of them, zahra is assigned but started nothing, gold has one."""
    project = Project.create(location, preset("combined"))
    base = words_document("a", 10)
    t = lambda first, last, label: token_span(base, first, last, label)  # noqa: E731
    project.add_document(
        words_document("a", 10, {"ali": [t(0, 2, "PER"), t(4, 5, "LOC")], "sara": [t(0, 2, "PER"), t(4, 5, "ORG")]}),
        normalization="none",
    )
    project.add_document(
        words_document("b", 10, {"ali": [t(1, 3, "ORG")], "sara": [t(1, 2, "ORG")]}), normalization="none"
    )
    project.add_document(words_document("c", 10, {"ali": [t(6, 7, "PER")]}), normalization="none")
    project.assign(["a", "b", "c"], ["zahra"])
    project.add_span("a", GOLD, t(0, 2, "PER"))
    yield project
    project.close()


def test_project_agreement_takes_the_annotators_who_worked(team: Project) -> None:
    assert default_annotators(team) == ["ali", "sara"]  # not zahra (assigned only), not gold
    calls: list[tuple[int, int]] = []
    report = project_agreement(team, progress=lambda done, total: calls.append((done, total)))
    assert report.annotators == ["ali", "sara"] and report.documents == 2
    assert calls == [(3, 3)]  # the last document is always reported
    assert report.labels == team.schema.labels
    assert [(d.id, d.annotators) for d in report.per_document] == [("a", ("ali", "sara")), ("b", ("ali", "sara"))]
    only = project_agreement(team, ["sara", "ali"], ["PER"])
    assert only.labels == ["PER"] and list(only.per_label) == ["PER"] and only.span_f1_exact == 1.0
    assert only.pair("sara", "ali") is only.pair("ali", "sara") is only.pairs[0]
    assert only.pair("ali", "zahra") is None


def test_project_agreement_refusals(team: Project, new_location: NewLocation) -> None:
    with pytest.raises(ProjectError, match=r"^no annotated layers of zahra, omid \(annotators: ali, sara\)$"):
        project_agreement(team, ["ali", "zahra", "omid"])
    with pytest.raises(ProjectError, match=r"^agreement needs two annotators or more \(found: ali\)$"):
        project_agreement(team, ["ali"])
    with pytest.raises(SchemaError, match=r"^label 'NOPE' is not in schema combined \(PER, "):
        project_agreement(team, labels=["PER", "NOPE"])
    with Project.create(new_location("empty"), preset("combined")) as empty:
        with pytest.raises(ProjectError, match=r"^agreement needs two annotators or more \(found: none\)$"):
            project_agreement(empty)
        with pytest.raises(ProjectError, match=r"^no annotated layers of ali, sara \(annotators: none\)$"):
            project_agreement(empty, ["ali", "sara"])


def test_progress_every_50_documents(location: str) -> None:
    with Project.create(location, preset("combined")) as project:
        for n in range(120):
            layers: dict[str, list[Span]] = {"ali": [], "sara": []}
            project.add_document(words_document(f"d{n:03}", 3 + n % 5, layers), normalization="none")
            project.set_layer_status(f"d{n:03}", "ali", LayerStatus.DONE)
            project.set_layer_status(f"d{n:03}", "sara", LayerStatus.DONE)
        calls: list[tuple[int, int]] = []
        report = project_agreement(project, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(50, 120), (100, 120), (120, 120)] and report.documents == 120


def test_report_counts_documents_regions_and_their_text() -> None:
    first = words_document("one", 12)
    t = lambda first_token, last, label: token_span(first, first_token, last, label)  # noqa: E731
    one = words_document("one", 12, {"ali": [t(0, 2, "PER"), t(3, 4, "LOC")], "sara": [t(0, 2, "PER"), t(3, 4, "ORG")]})
    two = words_document("two", 12, {"ali": [t(6, 8, "ORG")], "sara": [t(6, 9, "ORG"), t(10, 11, "PER")]})
    report = agreement([one, two], ["ali", "sara"], LABELS)
    assert report.documents == 2 and report.pairs[0].documents == 2
    assert [(d.id, d.title, d.annotators) for d in report.per_document] == [
        ("one", "one", ("ali", "sara")),
        ("two", "two", ("ali", "sara")),
    ]
    assert [d.disagreements for d in report.per_document] == [
        {"type": 1, "boundary": 0, "missing": 0},
        {"type": 0, "boundary": 1, "missing": 1},
    ]
    assert [(d.doc_id, d.title, d.text) for d in report.disagreement_list] == [
        ("one", "one", one.text[one.tokens[3].start : one.tokens[3].end]),
        ("two", "two", two.text[two.tokens[6].start : two.tokens[8].end]),
        ("two", "two", two.text[two.tokens[10].start : two.tokens[10].end]),
    ]
    assert report.label_spans == {"ali": Counter(PER=1, LOC=1, ORG=1), "sara": Counter(PER=2, ORG=2)}
    assert report.per_label["PER"].spans == {"ali": 1, "sara": 2}


def test_nested_spans_of_one_annotator_give_their_tokens_to_the_longer_one() -> None:
    base = words_document("doc", 4)
    t = lambda first, last, label: token_span(base, first, last, label)  # noqa: E731
    nested = words_document("doc", 4, {"ali": [t(0, 1, "PER"), t(0, 3, "ORG")], "sara": [t(0, 3, "ORG")]})
    report = agreement([nested], ["ali", "sara"], LABELS)
    labels = ["O", *LABELS]
    org = labels.index("ORG")
    assert report.confusion[org][org] == 2 * 3  # all three tokens are ORG for both, counted both ways
    assert report.pairs[0].cohen_kappa_tokens == 1.0 and report.pairs[0].cohen_kappa_iob2 == 1.0


def test_to_json_is_the_whole_contract() -> None:
    documents = corpus(1, n_docs=4)
    report = agreement(documents, NAMES, LABELS)
    data = report.to_json()
    assert list(data) == [
        "annotators",
        "documents",
        "pairs",
        "span_f1_exact",
        "span_f1_overlap",
        "fleiss_kappa_tokens",
        "fleiss_kappa_iob2",
        "krippendorff_alpha_tokens",
        "krippendorff_alpha_iob2",
        "per_label",
        "disagreements",
        "confusion",
        "per_document",
    ]
    for key in list(data)[:2] + list(data)[3:9]:
        assert data[key] == getattr(report, key), key
    assert data["pairs"] == [
        {
            "a": p.a,
            "b": p.b,
            "documents": p.documents,
            "span_f1_exact": p.span_f1_exact,
            "span_f1_overlap": p.span_f1_overlap,
            "cohen_kappa_tokens": p.cohen_kappa_tokens,
            "cohen_kappa_iob2": p.cohen_kappa_iob2,
        }
        for p in report.pairs
    ]
    assert data["per_label"] == {
        label: {
            "span_f1_exact": f.span_f1_exact,
            "span_f1_overlap": f.span_f1_overlap,
            "cohen_kappa_tokens": f.cohen_kappa_tokens,
            "fleiss_kappa_tokens": f.fleiss_kappa_tokens,
            "krippendorff_alpha_tokens": f.krippendorff_alpha_tokens,
            "spans": f.spans,
        }
        for label, f in report.per_label.items()
    }
    assert data["disagreements"] == {str(kind): n for kind, n in report.disagreements.items()}
    assert data["confusion"] == {"labels": ["O", *LABELS], "counts": report.confusion}
    assert data["per_document"] == [
        {
            "id": d.id,
            "title": d.title,
            "annotators": d.annotators,
            "span_f1_exact": d.span_f1_exact,
            "span_f1_overlap": d.span_f1_overlap,
            "krippendorff_alpha_tokens": d.krippendorff_alpha_tokens,
            "disagreements": d.disagreements,
        }
        for d in report.per_document
    ]
    json.dumps(data)  # plain JSON all the way down


def test_an_annotator_without_a_compared_document_and_a_document_without_tokens() -> None:
    base = words_document("doc", 6)
    spans = {"ali": [token_span(base, 0, 2, "PER")], "sara": [token_span(base, 0, 2, "PER")]}
    layers = words_document("x", 1, {"ali": [], "sara": []}).layers
    empty = Document("empty", "empty", "", "", [0], [], [], layers=layers)
    alone = words_document("alone", 6, {"zahra": [token_span(base, 3, 4, "LOC")]})
    report = agreement([words_document("doc", 6, spans), alone, empty], ["ali", "sara", "zahra"], LABELS)
    assert report.documents == 2
    assert report.per_label["PER"].spans == {"ali": 1, "sara": 1, "zahra": 0}
    assert report.per_label["LOC"].spans == {"ali": 0, "sara": 0, "zahra": 0}
    assert [(d.id, d.krippendorff_alpha_tokens) for d in report.per_document] == [
        ("doc", pytest.approx(1.0)),
        ("empty", None),
    ]
    assert report.pair("ali", "zahra") == report.pairs[1] and report.pairs[1].documents == 0


def test_an_unknown_layer_status_is_a_project_error_naming_the_field(team: Project, location: str) -> None:
    team.close()
    behind_the_store(location, "update layers set status = 'weird' where annotator = 'ali'")
    crafted = Project.open(location)
    try:
        with pytest.raises(ProjectCorrupt, match=r"layer 'ali' of document 'a': status: unknown status 'weird'"):
            project_agreement(crafted)
    finally:
        crafted.close()
