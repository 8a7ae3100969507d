"""Knowledge that ships with the software: place names (our list and pycountry's Persian country names)
and the word lists of the cue tagger."""

from __future__ import annotations

import gettext
import importlib.util
import json
from functools import cache
from pathlib import Path

from annotator.pretag.gazetteer import Gazetteer

DATA = Path(__file__).parent / "data"
PLACES = DATA / "places.txt"


def _lines(path: Path) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#"}


@cache
def place_names() -> frozenset[str]:
    """Place names in Persian: the bundled list plus every country pycountry translates to Persian."""
    return frozenset(_lines(PLACES) | _pycountry_persian())


@cache
def place_words() -> frozenset[str]:
    """Place names plus the short form of those pycountry lists with a qualifier (ایران of «ایران، جمهوری اسلامی»)."""
    names = place_names()
    return names | {name.partition("،")[0].strip() for name in names if "،" in name}


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of a bundled list in data/ (whitespace-separated, ``#`` lines are comments)."""
    return frozenset(word for line in _lines(DATA / name) for word in line.split())


@cache
def stem_pairs(name: str) -> tuple[tuple[str, str], ...]:
    """The ``past#present`` verb stems of a bundled list in data/."""
    pairs = (line.partition("#") for line in sorted(_lines(DATA / name)))
    return tuple((past.strip(), present.strip()) for past, _, present in pairs)


def _pycountry_persian() -> set[str]:
    spec = importlib.util.find_spec("pycountry")
    if spec is None or spec.origin is None:
        return set()
    root = Path(spec.origin).parent
    catalog = root / "locales" / "fa" / "LC_MESSAGES" / "iso3166-1.mo"
    database = root / "databases" / "iso3166-1.json"
    if not (catalog.exists() and database.exists()):
        return set()
    with catalog.open("rb") as handle:
        translate = gettext.GNUTranslations(handle).gettext
    countries = json.loads(database.read_text(encoding="utf-8"))["3166-1"]
    out: set[str] = set()
    for country in countries:
        for key in ("name", "common_name"):
            if key in country:
                persian = translate(country[key])
                if persian != country[key]:
                    out.add(persian)
    return out


@cache
def knowledge_gazetteer() -> Gazetteer:
    """Place names as a LOC gazetteer: a CRF feature, too ambiguous to suggest on its own (فارس is a
    province, a news agency and the language). A list of organisations was tried and lowered dev F1."""
    gazetteer = Gazetteer()
    for name in place_names():
        gazetteer.add(name.split(), "LOC")
    return gazetteer
