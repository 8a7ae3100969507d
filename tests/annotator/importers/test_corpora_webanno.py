"""INCEpTION's WebAnno TSV 3.3 as it writes real projects: sub-token spans, other layers, empty documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.importers import ImportOptions, import_paths
from annotator.store import Project

NE = "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value"
ZWNJ = "\u200c"


def tsv(tmp_path: Path, name: str, header: list[str], rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(["#FORMAT=WebAnno TSV 3.3", *header, "", "", *rows]) + "\n", encoding="utf-8")
    return path


def test_an_entity_on_part_of_a_token_is_refused_not_dropped(project: Project, tmp_path: Path) -> None:
    # INCEpTION writes a span inside a token as a sub-token row; it was skipped, and the entity lost
    rows = [f"#Text=ایرانی{ZWNJ}ها آمدند", f"1-1\t0-9\tایرانی{ZWNJ}ها\t_\t_\t", "1-1.1\t0-5\tایران\t*\tLOC\t"]
    rows.append("1-2\t10-15\tآمدند\t_\t_\t")
    path = tsv(tmp_path, "doc.tsv", [NE], rows)
    with pytest.raises(InputError) as caught:
        import_paths(project, [path], ImportOptions())
    assert str(caught.value).startswith(f"{path}:7: a named entity on part of a token (1-1.1 «ایران» at 0-5)")
    assert project.documents() == []


def test_chain_and_relation_layers_beside_the_named_entities(project: Project, tmp_path: Path) -> None:
    header = [
        "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS|PosValue|coarseValue",
        NE,
        "#T_CH=de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink|referenceType|referenceRelation",
        "#T_RL=de.tudarmstadt.ukp.dkpro.core.api.syntax.type.dependency.Dependency|DependencyType|flavor|"
        "BT_de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS",
    ]
    rows = [
        "#Text=😀 محمد تبریزی در جلفا",
        "1-1\t0-2\t😀\t_\t_\t_\t_\t_\t_\t_\t_\t_\t",
        "1-2\t3-7\tمحمد\tN\t_\tsource[1]\tPER[1]\t*->1-1\t*->1-1\tnsubj\tbasic\t1-3\t",
        "1-3\t8-14\tتبریزی\tN\t_\tsource[1]\tPER[1]\t_\t_\t_\t_\t_\t",
        "1-4\t15-17\tدر\t_\t_\t_\t_\t_\t_\t_\t_\t_\t",
        "1-5\t18-22\tجلفا\tN\t_\t*\tLOC\t_\t_\t_\t_\t_\t",
        "",
        "#Text=او گفت\\nامروز",
        "2-1\t23-25\tاو\t_\t_\t_\t_\t*->1-2\t*->1-2\t_\t_\t_\t",
        "2-2\t26-29\tگفت\t_\t_\t_\t_\t_\t_\t_\t_\t_\t",
        "2-3\t30-35\tامروز\t_\t_\t_\tDAT\t_\t_\t_\t_\t_\t",
    ]
    import_paths(project, [tsv(tmp_path, "news.tsv", header, rows)], ImportOptions())
    doc = project.document("news")
    found = [(doc.text[s.start : s.end], s.label, s.role) for s in doc.layers["imported"].spans]
    assert found == [("محمد تبریزی", "PER", "source"), ("جلفا", "LOC", None), ("امروز", "DAT", None)]
    assert doc.text == "😀 محمد تبریزی در جلفا\nاو گفت\nامروز"


def test_entities_in_a_custom_layer_are_named_not_silently_lost(project: Project, tmp_path: Path) -> None:
    # an INCEpTION project with its own span layer instead of Named entity: it imported with no entities, no word
    header = ["#T_SP=webanno.custom.Entity|kind"]
    rows = ["#Text=محمد در جلفا", "1-1\t0-4\tمحمد\tPER\t", "1-2\t5-7\tدر\t_\t", "1-3\t8-12\tجلفا\tLOC\t"]
    path = tsv(tmp_path, "custom.tsv", header, rows)
    with pytest.raises(InputError) as caught:
        import_paths(project, [path], ImportOptions())
    assert str(caught.value).startswith(f"{path}:6: the annotations here are in the custom layer webanno.custom.Entity")
    assert project.documents() == []


def test_a_custom_layer_beside_the_named_entities_is_left_alone(project: Project, tmp_path: Path) -> None:
    header = [NE, "#T_SP=webanno.custom.Sentiment|polarity"]
    rows = ["#Text=محمد آمد", "1-1\t0-4\tمحمد\t*\tPER\t_\t", "1-2\t5-8\tآمد\t_\t_\tpositive\t"]
    import_paths(project, [tsv(tmp_path, "both.tsv", header, rows)], ImportOptions())
    doc = project.document("both")
    assert [(doc.text[s.start : s.end], s.label) for s in doc.layers["imported"].spans] == [("محمد", "PER")]
