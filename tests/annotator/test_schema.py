from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.errors import SchemaError
from annotator.schema import PRESETS, EntityType, Schema, load_schema, preset


def test_presets_have_the_corpus_labels() -> None:
    assert preset("arman").labels == ["PER", "ORG", "LOC", "FAC", "PRO", "EVE"]
    assert preset("peyma").labels == ["PER", "ORG", "LOC", "DAT", "TIM", "MON", "PCT"]
    assert preset("parstwiner").labels == ["PER", "ORG", "LOC", "EVE", "POG", "NAT"]
    combined = preset("combined").labels
    for name in PRESETS:
        assert set(preset(name).labels) <= set(combined)
    assert len(combined) == len(set(combined)) == 12


def test_keys_are_unique_and_roles_checked() -> None:
    schema = preset("combined")
    assert len({t.key for t in schema.types}) == len(schema.types)
    schema.check_role("PER", "source")
    schema.check_role("LOC", None)
    with pytest.raises(SchemaError, match="not allowed"):
        schema.check_role("LOC", "source")


def test_resolve_knows_the_corpus_spellings() -> None:
    schema = preset("arman")
    assert schema.resolve("org") == "ORG"
    assert schema.resolve("pers") == "PER" and schema.resolve("event") == "EVE"  # ArmanPersoNER's spellings
    assert schema.resolve("Person") == "PER"
    assert schema.resolve("DAT") is None  # not in this preset
    assert schema.resolve("persian") is None


def test_aliases_survive_the_schema_json() -> None:
    again = Schema.from_json(json.loads(json.dumps(preset("arman").to_json())))
    assert again == preset("arman") and again.resolve("event") == "EVE"
    assert "aliases" not in Schema("x", (EntityType("A", "#000000", "a"),)).to_json()["types"][0]


@pytest.mark.parametrize(
    ("schema", "name"), [("arman", "arman.conll"), ("peyma", "peyma.txt"), ("parstwiner", "parstwiner.txt")]
)
def test_the_public_corpora_import_with_their_preset_and_no_flags(tmp_path: Path, schema: str, name: str) -> None:
    from annotator.importers import ImportOptions, import_paths
    from annotator.store import Project
    from tests.conftest import DATA

    with Project.create(tmp_path / "p.barchasb", preset(schema)) as project:
        report = import_paths(project, [DATA / name], ImportOptions())
        labels = {s.label for d in report.documents for s in project.document(d).layers["imported"].spans}
    assert labels <= set(preset(schema).labels) and not report.added_labels
    if schema == "arman":
        assert labels == {"PER", "ORG", "LOC", "FAC", "PRO", "EVE"}  # pers and event among them


def test_duplicate_key_is_rejected() -> None:
    with pytest.raises(SchemaError, match="key 'p'"):
        Schema("x", (EntityType("A", "#000000", "p"), EntityType("B", "#ffffff", "p")))


def test_with_labels_adds_free_keys() -> None:
    schema = preset("combined").with_labels(["QTY", "LAW"])
    assert schema.labels[-2:] == ["QTY", "LAW"]
    assert len({t.key for t in schema.types}) == len(schema.types)


def test_schema_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(preset("peyma").to_json()), encoding="utf-8")
    assert load_schema(str(path)) == preset("peyma")
    path.write_text('{"types": [{"name": "bad name"}]}', encoding="utf-8")
    with pytest.raises(SchemaError, match="bad name"):
        load_schema(str(path))
    with pytest.raises(SchemaError, match="unknown schema"):
        load_schema("nonsense")


def test_types_beyond_the_free_keys_have_no_key() -> None:
    many = preset("combined").with_labels([f"X{i}" for i in range(60)])
    keys = [t.key for t in many.types]
    assert keys.count("") == 60 - 23 and keys[-1] == ""  # 29 spare keys, 6 of them taken by the preset
    assert len({k for k in keys if k}) == len([k for k in keys if k])  # no key twice
    again = Schema.from_json(json.loads(json.dumps(many.to_json())))
    assert again == many and again.types[-1].key == ""


def test_keys_in_json_missing_null_or_given() -> None:
    schema = Schema.from_json(
        {"types": [{"name": "A", "key": "1"}, {"name": "B"}, {"name": "C", "key": None}, {"name": "D", "key": ""}]}
    )
    assert [t.key for t in schema.types] == ["1", "2", "", ""]  # a missing key gets a free one, not one in use
    crowded = Schema.from_json({"types": [{"name": f"T{i}"} for i in range(40)]})
    assert [t.key for t in crowded.types][-11:] == [""] * 11
    with pytest.raises(SchemaError, match="key 'x' is used by A and B"):
        Schema.from_json({"types": [{"name": "A", "key": "x"}, {"name": "B", "key": "x"}]})


@pytest.mark.parametrize(
    "name",
    ["PER\x1b[31m", "A\u202eB", "a\tb", "x\x00", "B\u2066", "L\u2028", "P\x85", "S\ud800", "<img src=x>\x1b[31m"],
)
def test_label_names_with_control_characters_are_refused(name: str) -> None:
    with pytest.raises(SchemaError, match="control characters"):
        EntityType(name, "#ffffff", "")
    with pytest.raises(SchemaError, match="control characters"):
        Schema.from_json({"name": "crafted", "types": [{"name": name}]})
