"""Label schemas: entity types with colour, key and allowed roles, and the corpus presets."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.errors import SchemaError

_NAME = re.compile(r"[^\s|\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]+")  # no controls
NO_KEY = ""  # a type without a shortcut key (there are more types than free keys)
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")  # in role names


@dataclass(frozen=True, slots=True)
class EntityType:
    """One entity type: its name (the tag suffix), colour, shortcut key ("": none) and allowed roles."""

    name: str
    color: str
    key: str
    roles: tuple[str, ...] = ()
    description: str = ""
    aliases: tuple[str, ...] = ()  # how corpora spell it (Arman's `pers`, `event`): read as this type on import

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name) or self.name == "O":
            raise SchemaError(
                f"entity type name {self.name!r} must be non-empty, without spaces, '|' or control characters"
            )
        if not _COLOR.fullmatch(self.color):
            raise SchemaError(f"entity type {self.name}: colour {self.color!r} is not #RRGGBB")
        if self.key != NO_KEY and (len(self.key) != 1 or self.key.isspace()):
            raise SchemaError(f"entity type {self.name}: key {self.key!r} must be one character")
        for role in self.roles:  # a NUL would be stored in a file and refused by a server
            if not role.strip() or _CONTROL.search(role):
                raise SchemaError(
                    f"entity type {self.name}: role {role!r} must be non-empty, without control characters"
                )


@dataclass(frozen=True)
class Schema:
    """An ordered set of entity types."""

    name: str
    types: tuple[EntityType, ...]
    _by_name: dict[str, EntityType] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name: dict[str, EntityType] = {}
        keys: dict[str, str] = {}
        for entity in self.types:
            if entity.name in by_name:
                raise SchemaError(f"schema {self.name}: type {entity.name} appears twice")
            if entity.key in keys:
                raise SchemaError(
                    f"schema {self.name}: key {entity.key!r} is used by {keys[entity.key]} and {entity.name}"
                )
            if entity.key != NO_KEY:
                keys[entity.key] = entity.name
            by_name[entity.name] = entity
        object.__setattr__(self, "_by_name", by_name)

    @property
    def labels(self) -> list[str]:
        """Type names in schema order."""
        return [t.name for t in self.types]

    def __contains__(self, label: object) -> bool:
        return label in self._by_name

    def get(self, label: str) -> EntityType:
        """The entity type called ``label``."""
        try:
            return self._by_name[label]
        except KeyError:
            raise SchemaError(f"label {label!r} is not in schema {self.name} ({', '.join(self.labels)})") from None

    def resolve(self, label: str) -> str | None:
        """The schema's spelling of ``label`` (exact, then case-insensitive, then a known alias), or None."""
        if label in self._by_name:
            return label
        folded = label.casefold()
        for name in self._by_name:
            if name.casefold() == folded:
                return name
        for entity in self.types:
            if any(alias.casefold() == folded for alias in entity.aliases):
                return entity.name
        return None

    def check_role(self, label: str, role: str | None) -> None:
        """Raise unless ``role`` is None or allowed for ``label``."""
        if role is not None and role not in self.get(label).roles:
            allowed = ", ".join(self.get(label).roles) or "none"
            raise SchemaError(f"role {role!r} is not allowed for {label} (allowed: {allowed})")

    def with_labels(self, labels: Iterable[str]) -> Schema:
        """A copy with any missing ``labels`` appended, each with a colour and a free key while keys last."""
        types = list(self.types)
        used = {t.key for t in types}
        for label in labels:
            if label in self:
                continue
            key = next((k for k in _SPARE_KEYS if k not in used), NO_KEY)
            used.add(key)
            types.append(EntityType(label, _SPARE_COLORS[len(types) % len(_SPARE_COLORS)], key))
        return Schema(self.name, tuple(types))

    def to_json(self) -> dict[str, Any]:
        """The JSON form (also the format of ``--schema FILE.json``)."""
        return {
            "name": self.name,
            "types": [
                {"name": t.name, "color": t.color, "key": t.key, "roles": list(t.roles), "description": t.description}
                | ({"aliases": list(t.aliases)} if t.aliases else {})
                for t in self.types
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], origin: str = "schema") -> Schema:
        """Build and validate a schema from its JSON form."""
        try:
            entries = list(data["types"])
            given = {str(t["key"]) for t in entries if t.get("key")}
            spare = iter(k for k in _SPARE_KEYS if k not in given)
            types = tuple(
                EntityType(
                    name=str(t["name"]),
                    color=str(t.get("color") or _SPARE_COLORS[i % len(_SPARE_COLORS)]),
                    # no "key": a free one while they last; "key": null or "": no key
                    key=str(t["key"]) if t.get("key") else NO_KEY if "key" in t else next(spare, NO_KEY),
                    roles=tuple(str(r) for r in t.get("roles", ())),
                    description=str(t.get("description", "")),
                    aliases=tuple(str(a) for a in t.get("aliases", ())),
                )
                for i, t in enumerate(entries)
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise SchemaError(f"{origin}: expected {{'name': ..., 'types': [{{'name': ...}}]}} ({exc})") from None
        return cls(str(data.get("name", "custom")), types)


_SPARE_KEYS = "123456789abcdfghijkmnqsuvwxyz"
_SPARE_COLORS = ("#8dd3c7", "#fdb462", "#bebada", "#fb8072", "#80b1d3", "#b3de69", "#fccde5", "#bc80bd")

_NEWS_ROLES = ("source", "subject")
# Aliases: ArmanPersoNER writes pers, org, loc, fac, pro, event (case aside, only pers and event differ);
# PEYMA writes B_ORG-style tags, which the CoNLL reader takes as B-ORG; other corpora spell types out.
_ALL_TYPES = {
    "PER": EntityType("PER", "#f4a6a6", "p", _NEWS_ROLES, "person", ("pers", "person")),
    "ORG": EntityType("ORG", "#9ec9f0", "o", _NEWS_ROLES, "organisation", ("organization", "organisation")),
    "LOC": EntityType("LOC", "#a8e0a0", "l", (), "location", ("location",)),
    "FAC": EntityType("FAC", "#d6c1f0", "f", (), "facility", ("facility",)),
    "PRO": EntityType("PRO", "#f7d59b", "r", (), "product", ("product",)),
    "EVE": EntityType("EVE", "#f2b6dc", "e", (), "event", ("event",)),
    "DAT": EntityType("DAT", "#c9e7f2", "d", (), "date", ("date",)),
    "TIM": EntityType("TIM", "#d9e8b5", "t", (), "time", ("time",)),
    "MON": EntityType("MON", "#f0e68c", "m", (), "money", ("money",)),
    "PCT": EntityType("PCT", "#e0c8a8", "c", (), "percent", ("percent",)),
    "POG": EntityType("POG", "#c4d4b0", "g", (), "political group", ()),
    "NAT": EntityType("NAT", "#b8d8d0", "n", (), "nationality", ("nationality",)),
}
PRESETS: dict[str, tuple[str, ...]] = {
    "arman": ("PER", "ORG", "LOC", "FAC", "PRO", "EVE"),
    "peyma": ("PER", "ORG", "LOC", "DAT", "TIM", "MON", "PCT"),
    "parstwiner": ("PER", "ORG", "LOC", "EVE", "POG", "NAT"),
    "combined": tuple(_ALL_TYPES),
}


def preset(name: str) -> Schema:
    """One of the built-in schemas: arman, peyma, parstwiner, combined."""
    try:
        names = PRESETS[name]
    except KeyError:
        raise SchemaError(f"unknown schema preset {name!r} (choose from {', '.join(PRESETS)})") from None
    return Schema(name, tuple(_ALL_TYPES[n] for n in names))


def load_schema(spec: str) -> Schema:
    """A preset name or the path of a schema JSON file."""
    if spec in PRESETS:
        return preset(spec)
    path = Path(spec)
    if not path.suffix.lower() == ".json":
        raise SchemaError(f"unknown schema {spec!r}: a preset ({', '.join(PRESETS)}) or a .json file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SchemaError(f"{spec}: cannot read ({exc.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SchemaError(f"{spec}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise SchemaError(f"{spec}: the schema must be a JSON object")
    return Schema.from_json(data, origin=spec)
