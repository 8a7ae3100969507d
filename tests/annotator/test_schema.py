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


def test_resolve_is_case_insensitive_only() -> None:
    schema = preset("arman")
    assert schema.resolve("org") == "ORG"
    assert schema.resolve("pers") is None


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
