from __future__ import annotations

from collections import Counter
from pathlib import Path

from annotator.model import Span, SpanStatus
from annotator.pretag.assist import NEVER, Outcome, compare, count_actions, replay


def suggestion(start: int, end: int, label: str, confidence: float, source: str = "crf") -> Span:
    return Span(start, end, label, None, SpanStatus.SUGGESTED, source, confidence)


GOLD = [Span(0, 5, "PER"), Span(10, 15, "LOC"), Span(20, 30, "ORG"), Span(40, 45, "PER"), Span(50, 55, "LOC")]
SUGGESTIONS = [
    suggestion(0, 5, "PER", 0.95),  # exact, above the threshold: accept-all takes it
    suggestion(10, 15, "LOC", 0.5),  # exact, below: accepted one by one
    suggestion(20, 25, "ORG", 0.9),  # right label, wrong end: a boundary fix
    suggestion(40, 45, "LOC", 0.85),  # right boundaries, wrong label: a relabel
    suggestion(60, 65, "PER", 0.99, "gazetteer"),  # no entity there, accept-all took it: a reject
    suggestion(70, 75, "PER", 0.3, "cues"),  # no entity there, below the threshold: left grey, free
]  # the LOC at 50-55 is missed: an add


def test_each_suggestion_is_matched_one_to_one_and_classified() -> None:
    outcomes, missed = compare(SUGGESTIONS, GOLD)
    assert [o.kind for o in outcomes] == ["exact", "exact", "boundary", "relabel", "wrong", "wrong"]
    assert outcomes[4] == Outcome("gazetteer", "PER", 0.99, "wrong", 60, 65)
    assert missed == 1


def test_actions_at_a_threshold_are_counted_exactly() -> None:
    outcomes, missed = compare(SUGGESTIONS, GOLD)
    assert count_actions(outcomes, missed, 0.8) == Counter(
        accept_all=1, accept_one=1, boundary=1, relabel=1, reject=1, add=1
    )
    # without accept-all every right suggestion is accepted by hand, and wrong ones cost nothing
    assert count_actions(outcomes, missed, NEVER) == Counter(accept_one=2, boundary=1, relabel=1, add=1)
    # accepting everything turns the grey wrong one into a span to delete as well
    assert count_actions(outcomes, missed, 0.0) == Counter(accept_all=1, boundary=1, relabel=1, reject=2, add=1)


def test_a_suggestion_across_two_entities_fixes_one_and_the_other_is_added() -> None:
    gold = [Span(0, 5, "PER"), Span(6, 10, "PER")]
    outcomes, missed = compare([suggestion(0, 10, "ORG", 0.4)], gold)
    assert [o.kind for o in outcomes] == ["both"] and missed == 1
    assert count_actions(outcomes, missed, 0.8) == Counter(boundary=1, relabel=1, add=1)


def test_an_exact_match_wins_over_a_larger_overlap() -> None:
    gold = [Span(0, 10, "ORG"), Span(12, 20, "LOC")]
    outcomes, missed = compare([suggestion(0, 20, "ORG", 0.5), suggestion(12, 20, "LOC", 0.5)], gold)
    assert [o.kind for o in outcomes] == ["boundary", "exact"] and missed == 0


CORPUS = """ایران\tB-LOC
و\tO
عراق\tB-LOC
امروز\tO
توافق\tO
کردند\tO
.\tO

سفیر\tO
ایران\tB-LOC
به\tO
عراق\tB-LOC
رفت\tO
.\tO

کره\tB-LOC
هم\tO
آمد\tO
.\tO

ایران\tB-ORG
خودرو\tI-ORG
سود\tO
داد\tO
.\tO
"""


def test_replay_pretags_each_document_with_what_the_earlier_ones_taught(tmp_path: Path) -> None:
    conll = tmp_path / "tiny.txt"
    conll.write_text(CORPUS, encoding="utf-8")
    results = replay(tmp_path / "p.barchasb", [conll], sentences_per_doc=1, retrain_every=0)
    assert [(r.tokens, r.gold, r.missed) for r in results] == [(7, 2, 2), (6, 2, 0), (4, 1, 1), (5, 1, 0)]
    # nothing is known before the first document is done
    assert results[0].outcomes == [] and results[0].actions(0.8).counts == Counter(add=2)
    # the gazetteer learnt ایران and عراق from the first document (seen once each: confidence 0.65)
    assert [o[:4] for o in results[1].outcomes] == [("gazetteer", "LOC", 0.65, "exact")] * 2
    assert results[1].actions(0.6).counts == Counter(accept_all=1)
    assert results[1].actions(0.8).counts == Counter(accept_one=2)
    # «ایران» of «ایران خودرو» is suggested as the place (seen twice now): a boundary and a label to fix
    (outcome,) = results[3].outcomes
    assert (outcome.label, outcome.kind, outcome.confidence) == ("LOC", "both", 0.717)
    total = results[1].actions(0.6)
    for result in (results[0], results[2], results[3]):
        total.add(result.actions(0.6))
    assert (total.total, total.gold, total.tokens) == (7, 6, 22)  # add 2; accept-all; add; accept-all, fix, relabel
    assert total.per_100_tokens() == (100 * 7 / 22, 100 * 6 / 22)
    assert total.saved() == 1 - 7 / 6


def test_replay_retrains_the_model_every_n_documents_done(tmp_path: Path) -> None:
    from annotator.pretag.crf import MODEL_NAME
    from annotator.store import Project

    conll = tmp_path / "tiny.txt"
    conll.write_text(CORPUS, encoding="utf-8")
    seen: list[str] = []
    replay(
        tmp_path / "p.barchasb",
        [conll],
        sentences_per_doc=1,
        retrain_every=2,
        on_document=lambda r: seen.append(r.doc_id),
    )
    assert len(seen) == 4
    with Project.open(tmp_path / "p.barchasb") as project:
        assert project.load_model(MODEL_NAME) is not None
        # the gold was kept out of the project: only the annotator's finished layers hold entities
        layers = {name for info in project.documents() for name in info.layers}
        assert "reference" not in layers or all(
            not project.document(info.id).layers["reference"].spans for info in project.documents()
        )
