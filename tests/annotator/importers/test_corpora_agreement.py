"""Two annotators' files of one corpus, imported as layers: `barchasb agree` against figures computed here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from seqeval.metrics.sequence_labeling import get_entities
from sklearn.metrics import cohen_kappa_score

from annotator.cli import main

ZWNJ = "\u200c"
TOKENS = ["محمد", "تبریزی", "در", "جلفا", "گفت", ".", "", "سازمان", "منطقه", "آزاد", "ارس", "در", "تهران"]
TOKENS += [f"کتاب{ZWNJ}ها", "را", "خرید", "", "😀", "علی", "و", "رضا", "آمدند"]
SARA = ["B-PER", "I-PER", "O", "B-LOC", "O", "O", "", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-LOC"]
SARA += ["O", "O", "O", "", "O", "B-PER", "O", "B-PER", "O"]
OMID = ["B-PER", "O", "O", "B-LOC", "O", "O", "", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-ORG"]
OMID += ["B-PRO", "O", "O", "", "O", "B-PER", "I-PER", "I-PER", "O"]


def conll(path: Path, tags: list[str]) -> Path:
    lines = [f"{token}\t{tag}" if token else "" for token, tag in zip(TOKENS, tags, strict=True)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def sentences(tags: list[str]) -> list[list[str]]:
    return [part.split() for part in " ".join(t or "|" for t in tags).split("|")]


def test_agreement_of_two_imported_annotators(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = str(tmp_path / "p.barchasb")
    assert main(["new", project]) == 0
    assert main(["import", project, str(conll(tmp_path / "sara.conll", SARA)), "--annotator", "sara"]) == 0
    assert main(["import", project, str(conll(tmp_path / "omid.conll", OMID)), "--annotator", "omid"]) == 0
    capsys.readouterr()
    assert main(["agree", project, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    (pair,) = figures["pairs"]
    # span-level exact F1: entities equal in type and both token edges, per sentence
    sara = {(n, *e) for n, s in enumerate(sentences(SARA)) for e in get_entities(s)}
    omid = {(n, *e) for n, s in enumerate(sentences(OMID)) for e in get_entities(s)}
    assert pair["span_f1_exact"] == pytest.approx(2 * len(sara & omid) / (len(sara) + len(omid)))
    assert pair["span_f1_exact"] == pytest.approx(1 / 3)
    # token-level Cohen's kappa over each token's label (O outside entities), and over the IOB2 tags
    labels = [[t.split("-")[-1] for t in tags if t] for tags in (SARA, OMID)]
    assert pair["cohen_kappa_tokens"] == pytest.approx(cohen_kappa_score(*labels))
    assert pair["cohen_kappa_iob2"] == pytest.approx(cohen_kappa_score([t for t in SARA if t], [t for t in OMID if t]))
    per = figures["per_label"]["PER"]
    binary = [[label == "PER" for label in layer] for layer in labels]
    assert per["cohen_kappa_tokens"] == pytest.approx(cohen_kappa_score(*binary))
    assert per["spans"] == {"sara": 3, "omid": 2}
