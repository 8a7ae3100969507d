"""The gazetteer learns how often an entry is an entity where it occurs, and stops suggesting plain words."""

from __future__ import annotations

from pathlib import Path

from annotator.importers import ImportOptions, import_paths
from annotator.model import DocStatus, Layer, LayerStatus, SpanStatus
from annotator.pretag.gazetteer import Gazetteer
from annotator.pretag.pipeline import pretag
from annotator.schema import preset
from annotator.store import Project


def test_observed_entries_carry_how_often_they_were_entities() -> None:
    gazetteer = Gazetteer()
    gazetteer.add(["شب"], "ORG")
    gazetteer.add(["ایران"], "LOC")
    assert [m.linked for m in gazetteer.find(["شب", "ایران"])] == [1.0, 1.0]  # never observed
    gazetteer.observe(["شب", "یلدا"], [(0, 1)])  # marked once ...
    gazetteer.observe(["یک", "شب"], [])  # ... and twice a plain word
    gazetteer.observe(["شب", "و", "ایران"], [(2, 3)])
    shab, iran = gazetteer.find(["شب", "ایران"])
    assert shab.linked == 1 / 3
    assert iran.linked == 1.0
    assert (shab.label, shab.count, shab.share) == ("ORG", 1, 1.0)


CORPUS = """جنگ\tB-EVE
تمام\tO
شد\tO
و\tO
ایران\tB-LOC
آرام\tO
شد\tO
.\tO

جنگ\tO
روانی\tO
در\tO
ایران\tB-LOC
ادامه\tO
دارد\tO
.\tO

از\tO
جنگ\tO
و\tO
صلح\tO
در\tO
ایران\tB-LOC
گفت\tO
.\tO

ایران\tO
پس\tO
از\tO
جنگ\tO
.\tO
"""


def test_an_entry_that_is_mostly_a_plain_word_is_not_suggested(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(CORPUS, encoding="utf-8")
    with Project.create(tmp_path / "p.barchasb", preset("parstwiner")) as project:
        report = import_paths(project, [tmp_path / "c.txt"], ImportOptions(annotator="sara", sentences_per_doc=1))
        *done, new = report.documents
        for doc_id in done:
            project.set_layer_status(doc_id, "sara", LayerStatus.DONE)
            project.set_document_status(doc_id, DocStatus.DONE)
        project.put_layer(new, Layer("sara"), replace=True)  # the fourth is not annotated yet
        pretag(project, [new], annotator="sara", taggers=["gazetteer"])
        document = project.document(new)
        suggested = [
            (document.text[s.start : s.end], s.label)
            for s in document.layers["sara"].spans
            if s.status is SpanStatus.SUGGESTED
        ]
        # «ایران» was a place each of its three times; «جنگ» an event once in three: no longer suggested
        assert suggested == [("ایران", "LOC")]


def test_without_finished_documents_every_entry_is_suggested(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text(CORPUS, encoding="utf-8")
    with Project.create(tmp_path / "p.barchasb", preset("parstwiner")) as project:
        report = import_paths(project, [tmp_path / "c.txt"], ImportOptions(annotator="sara", sentences_per_doc=1))
        new = report.documents[-1]
        project.put_layer(new, Layer("sara"), replace=True)
        pretag(project, [new], annotator="sara", taggers=["gazetteer"])
        document = project.document(new)
        labels = sorted(s.label for s in document.layers["sara"].spans)
        assert labels == ["EVE", "LOC"]
