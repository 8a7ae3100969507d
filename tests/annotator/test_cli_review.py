"""The team workflow through the command line, as the README lists it: with project files and on a server."""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.model import Span
from annotator.store import Project
from tests.annotator.test_cli import new_location, run
from tests.conftest import SAMPLE

ALI = """-DOCSTART-

علی	B-PER
دایی	I-PER
به	O
تهران	B-LOC
رفت	O
.	O

بانک	B-ORG
ملی	I-ORG
ایران	I-ORG
سود	O
داد	O
.	O
"""
SARA = """-DOCSTART-

علی	B-PER
دایی	I-PER
به	O
تهران	B-ORG
رفت	O
.	O

بانک	B-ORG
ملی	I-ORG
ایران	B-LOC
سود	O
داد	O
.	O
"""


@pytest.fixture
def fresh(location: str, capsys: pytest.CaptureFixture[str]) -> str:
    """A new empty project: a file, or a server database (every test here runs on both)."""
    assert run(capsys, "new", location)[0] == 0
    return location


@pytest.fixture
def place(location: str, request: pytest.FixtureRequest) -> Callable[[str], str]:
    """More projects of the kind ``location`` is: ``NAME.barchasb`` files, or fresh databases on the server."""
    return lambda name: new_location(location, name, request)


def annotate(path: str, name: str, words: dict[str, str]) -> None:
    """Tag the sample article as an annotator would in the editor: whole words, one label each."""
    with Project.open(path) as opened:
        doc_id = opened.documents()[0].id
        document = opened.document(doc_id)
        for word, label in words.items():
            start = document.text.index(word)
            opened.add_span(doc_id, name, Span(start, start + len(word), label))


def test_two_annotators_package_merge_agree_curate_export(
    tmp_path: Path, place: Callable[[str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    projects = {}
    for name, words in {"ali": {"ارس": "LOC", "ایلنا": "ORG"}, "sara": {"ارس": "LOC", "ایلنا": "PER"}}.items():
        path = place(name)
        assert run(capsys, "new", path)[0] == 0
        assert run(capsys, "import", path, str(SAMPLE))[0] == 0
        annotate(path, name, words)
        code, out, _ = run(capsys, "package", path, "--annotator", name, "--out", str(tmp_path / f"{name}.pkg"))
        assert code == 0 and f"wrote 1 document of {name}" in out
        projects[name] = path
    reviewer = place("review")
    run(capsys, "new", reviewer)
    run(capsys, "import", reviewer, str(SAMPLE))
    code, out, err = run(capsys, "merge", reviewer, str(tmp_path / "ali.pkg"), str(tmp_path / "sara.pkg"))
    assert code == 0, err
    assert "merged 2 layers from 2 packages" in out
    code, out, _ = run(capsys, "docs", reviewer, "--json")
    assert json.loads(out)[0]["layers"] == ["ali", "sara"]

    code, out, _ = run(capsys, "agree", reviewer, "--json", "--csv", str(tmp_path / "agree.csv"))
    report = json.loads(out)
    assert {
        "annotators",
        "documents",
        "pairs",
        "fleiss_kappa_tokens",
        "krippendorff_alpha_tokens",
        "per_label",
        "disagreements",
    } <= set(report)
    assert report["annotators"] == ["ali", "sara"] and report["documents"] == 1
    pair = report["pairs"][0]
    assert set(pair) >= {"a", "b", "span_f1_exact", "span_f1_overlap", "cohen_kappa_tokens", "cohen_kappa_iob2"}
    assert pair["span_f1_exact"] == pytest.approx(0.5)
    assert report["disagreements"] == {"type": 1, "boundary": 0, "missing": 0}
    assert set(report["per_label"]["LOC"]) >= {"span_f1_exact", "span_f1_overlap", "cohen_kappa_tokens"}
    assert report["per_label"]["LOC"]["span_f1_exact"] == 1.0
    assert report["per_label"]["DAT"]["span_f1_exact"] is None
    rows = list(csv.DictReader((tmp_path / "agree.csv").open(encoding="utf-8-sig")))
    assert [r["scope"] for r in rows][:2] == ["overall", "pair"] and any(r["scope"] == "document" for r in rows)

    code, out, _ = run(capsys, "agree", reviewer)
    assert code == 0 and "ali ~ sara" in out and "type 1" in out
    code, _, err = run(capsys, "agree", reviewer, "--csv", str(tmp_path / "no" / "such" / "a.csv"))
    assert code == 1 and f"{tmp_path / 'no' / 'such'}: no such folder" in err
    code, _, err = run(capsys, "agree", reviewer, "--labels", "PER,XYZ")
    assert code == 1 and "'XYZ' is not in schema" in err
    code, _, err = run(capsys, "agree", reviewer, "--annotators", "ali,omid")
    assert code == 1 and "no annotated layers of omid" in err

    code, out, _ = run(capsys, "curate", reviewer, "--auto")
    assert code == 0 and "1 agreed spans added to gold" in out and "1 disagreements left" in out
    with Project.open(reviewer) as opened:
        document = opened.document(opened.documents()[0].id)
        gold = document.layers["gold"].spans
        assert [(document.text[s.start : s.end], s.label, s.source) for s in gold] == [("ارس", "LOC", "agreement")]
        assert document.status == "new"  # a disagreement is still open
    code, out, _ = run(capsys, "curate", reviewer)
    assert "1 regions to settle" in out
    out_file = tmp_path / "gold.jsonl"
    code, out, err = run(capsys, "export", reviewer, "--format", "jsonl", "--out", str(out_file))
    assert code == 0, err
    assert json.loads(out_file.read_text(encoding="utf-8").splitlines()[0])["annotator"] == "gold"


def test_merge_refuses_what_does_not_match(
    tmp_path: Path, place: Callable[[str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    ali = place("ali")
    run(capsys, "new", ali)
    run(capsys, "import", ali, str(SAMPLE))
    annotate(ali, "ali", {"ارس": "LOC"})
    package = str(tmp_path / "ali.pkg")
    run(capsys, "package", ali, "--annotator", "ali", "--out", package)

    empty = place("empty")
    run(capsys, "new", empty)
    code, _, err = run(capsys, "merge", empty, package)
    assert code == 1 and "1 of its 1 documents are not in" in err and "import those articles first" in err

    peyma = place("peyma")
    run(capsys, "new", peyma, "--schema", "peyma")
    run(capsys, "import", peyma, str(SAMPLE))
    code, _, err = run(capsys, "merge", peyma, package)
    assert code == 1 and "schema does not match" in err and "labels not in this project" in err

    reviewer = place("r")
    run(capsys, "new", reviewer)
    run(capsys, "import", reviewer, str(SAMPLE))
    assert run(capsys, "merge", reviewer, package)[0] == 0
    code, out, _ = run(capsys, "merge", reviewer, package)
    assert code == 0 and "1 unchanged" in out
    annotate(ali, "ali", {"ایلنا": "ORG"})
    run(capsys, "package", ali, "--annotator", "ali", "--out", package)
    code, _, err = run(capsys, "merge", reviewer, package)
    assert code == 1 and "already has a different layer of ali" in err and "--replace" in err
    code, out, _ = run(capsys, "merge", reviewer, package, "--replace")
    assert code == 0 and "1 replaced" in out
    with Project.open(reviewer) as opened:
        assert len(opened.document(opened.documents()[0].id).layers["ali"].spans) == 2

    broken = tmp_path / "broken.pkg"
    data = json.loads(gzip.decompress(Path(package).read_bytes()))
    data["documents"][0]["spans"][0]["start"] = "x"
    broken.write_bytes(gzip.compress(json.dumps(data).encode()))
    code, _, err = run(capsys, "merge", reviewer, str(broken))
    assert code == 1 and "broken.pkg: documents[0].spans[0].start: expected int, got str" in err
    # a NUL, which a server cannot store: refused on a file as well (before, a file took it and a server failed)
    data["documents"][0]["spans"][0] |= {"start": 0, "source": "r\x00s"}
    data["annotator"] = "sara"
    broken.write_bytes(gzip.compress(json.dumps(data).encode()))
    code, _, err = run(capsys, "merge", reviewer, str(broken))
    assert code == 1 and err.count("\n") == 1, err
    assert "broken.pkg: documents[0].spans[0].source: a NUL character (U+0000), which a project cannot hold" in err
    assert json.loads(run(capsys, "docs", reviewer, "--json")[1])[0]["layers"] == ["ali"]
    (tmp_path / "junk.pkg").write_bytes(b"\x1f\x8bnot gzip")
    code, _, err = run(capsys, "merge", reviewer, str(tmp_path / "junk.pkg"))
    assert code == 1 and "not a Barchasb package" in err


def test_two_annotators_conll_files_give_one_document_with_two_layers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fresh: str
) -> None:
    project = fresh
    (tmp_path / "ali.conll").write_text(ALI, encoding="utf-8")
    (tmp_path / "sara.conll").write_text(SARA, encoding="utf-8")
    code, out, _ = run(capsys, "import", project, str(tmp_path / "ali.conll"), "--annotator", "ali")
    assert code == 0 and "imported 1 document " in out
    code, out, _ = run(capsys, "import", project, str(tmp_path / "sara.conll"), "--annotator", "sara")
    assert code == 0 and "imported 0 documents with 4 entities, and 1 layer to documents already there" in out
    code, out, _ = run(capsys, "docs", project, "--json")
    assert [d["layers"] for d in json.loads(out)] == [["ali", "sara"]]
    code, out, _ = run(capsys, "import", project, str(tmp_path / "ali.conll"), "--annotator", "sara")
    assert "1 layer not imported: the same annotator already has a different layer there, kept" in out
    code, out, _ = run(capsys, "import", project, str(tmp_path / "ali.conll"), "--annotator", "sara", "--replace")
    assert "1 layer replaced on a document already in the project: ali-1 (sara)" in out
    code, out, _ = run(capsys, "agree", project, "--json")
    assert json.loads(out)["pairs"][0]["span_f1_exact"] == 1.0


def test_assign_and_progress(capsys: pytest.CaptureFixture[str], fresh: str, data_dir: Path) -> None:
    project = fresh
    run(capsys, "import", project, str(data_dir / "mixed.jsonl"), str(SAMPLE))
    code, out, _ = run(capsys, "assign", project, "--annotators", "ali,sara,zahra", "--per-doc", "2")
    assert code == 0 and "assigned 4 documents to 2 of ali, sara, zahra each (8 new assignments)" in out
    code, out, _ = run(capsys, "progress", project, "--json")
    data = json.loads(out)
    assert data["documents"] == 4 and data["reviewed"] == 0
    assert {name: row["assigned"] for name, row in data["annotators"].items() if name != "sara"} | {
        "sara": data["annotators"]["sara"]["assigned"]
    } == {"ali": 3, "sara": 3, "zahra": 2, "imported": 0}
    code, out, _ = run(capsys, "progress", project)
    assert code == 0 and "annotator" in out and "4 documents, 0 reviewed" in out
    code, _, err = run(capsys, "assign", project, "--annotators", "ali", "--per-doc", "2")
    assert code == 1 and "--per-doc must be between 1 and 1" in err


def test_the_bundled_team_sample_joins_the_sample_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fresh: str
) -> None:
    run(capsys, "import", fresh, str(SAMPLE.parent))
    code, out, _ = run(capsys, "import", fresh, str(SAMPLE.parent / "team"))
    assert code == 0 and "2 layers to documents already there" in out
    code, out, _ = run(capsys, "agree", fresh, "--json")
    report = json.loads(out)
    assert report["annotators"] == ["ali", "sara"]
    assert report["disagreements"] == {"type": 4, "boundary": 1, "missing": 3}


def test_curate_with_one_annotator_and_min_agree_one(
    fresh: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: `open (None)` for a one-annotator document, and --min-agree 1 counted it among 'two or more'."""
    source = tmp_path / "docs.jsonl"
    rows = [{"id": "both", "text": "علی به تهران رفت."}, {"id": "alone", "text": "بانک ملی ایران سود داد."}]
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    run(capsys, "import", fresh, str(source))
    with Project.open(fresh) as opened:
        for doc_id, name, word, label in [
            ("both", "ali", "علی", "PER"),
            ("both", "sara", "علی", "PER"),
            ("both", "ali", "تهران", "LOC"),
            ("both", "sara", "تهران", "ORG"),
            ("alone", "ali", "بانک ملی ایران", "ORG"),
        ]:
            start = opened.document(doc_id).text.index(word)
            opened.add_span(doc_id, name, Span(start, start + len(word), label))
    code, out, _ = run(capsys, "curate", fresh)
    assert code == 0 and "None" not in out
    assert "both: 2 open (agreed, type)" in out
    assert "alone: 1 open (one annotator)" in out
    code, out, _ = run(capsys, "curate", fresh, "--auto")
    assert out.startswith("1 documents with two or more annotators: 1 agreed spans added to gold")
    assert "1 documents have one annotator (use --min-agree 1 to take them)" in out
    code, out, _ = run(capsys, "curate", fresh, "--auto", "--min-agree", "1")
    assert code == 0
    assert out.startswith("2 documents curated (1 with two or more annotators, 1 with one): 1 agreed spans added")
