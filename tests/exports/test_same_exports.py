"""Every export of one project is byte for byte the same from a project file and from a server project."""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path

from annotator.errors import BarchasbError
from annotator.model import GOLD, Span
from annotator.review.curation import AGREED_SOURCE
from annotator.store import Project
from annotator.tags import Scheme
from exports import ExportOptions, export
from tests.exports.conftest import add, news

FORMATS = ("conll", "hf", "hf-disk", "jsonl", "doccano", "label-studio", "webanno-tsv")

VARIANTS: list[dict[str, object]] = [
    {"format": fmt, "layer": layer, "drop_conflicts": drop}
    for fmt in FORMATS
    for layer in ("sara", GOLD, "ali")
    for drop in (False, True)
] + [
    {"format": "conll", "layer": "sara", "scheme": Scheme.BIOES, "roles": True, "docstart": True, "sep": "tab"},
    {"format": "conll", "layer": GOLD, "unit": "document", "layout": "conll2003", "split": "1"},
    {"format": "conll", "layer": GOLD, "only_done": True, "label_map": {"PER": "pers"}, "split": "0.5,0.5"},
    {"format": "hf", "layer": GOLD, "license": "cc-by-4.0", "curators": ("reza",), "scheme": Scheme.IOB1},
    {"format": "jsonl", "split": "0.5,0.5", "seed": 7},
    {"format": "label-studio", "layer": "ali", "as_predictions": True},
    {"format": "webanno-tsv", "layer": "nobody"},
]


def team_project(location: str, tmp_path: Path) -> Project:
    """The news project, with a second annotator, a curated gold layer and the curators who marked it."""
    project = news(location, tmp_path)
    add(project, "c", "ali", "ایلنا", "ORG", confidence=0.1 + 0.2)  # a float that prints with every digit
    add(project, "c", "ali", "گزارش", "EVE", confidence=1e-300)
    add(project, "a", "ali", "محمد تبریزی", "PER", role="subject")
    text = project.document("b").text
    start = text.index("تهران")
    project.add_span("b", "sara", Span(start, start + 3, "LOC"), tokens=False)  # «تهر»: a conflict to drop or refuse
    add(project, "a", GOLD, "محمد تبریزی", "PER", source=AGREED_SOURCE)
    add(project, "a", GOLD, "جلفا", "LOC", source="sara")
    add(project, "c", GOLD, "خبرگزاری ایلنا", "ORG", role="source")
    project.mark_reviewed("a", curator="maryam")
    project.mark_reviewed("c", curator="zahra")
    return project


def exports_of(location: str, tmp_path: Path, work: Path) -> list[tuple[str, object]]:
    """Each variant's outcome: the report and every file written (name and bytes), or the error's message."""
    outcomes: list[tuple[str, object]] = []
    with team_project(location, tmp_path) as project:
        name = project.path.stem
        for number, variant in enumerate(VARIANTS):
            fields = dict(variant)
            out = work / f"{number}-{fields['format']}"
            try:
                report = export(project, ExportOptions(out=out, **fields))  # type: ignore[arg-type]
            except BarchasbError as exc:
                outcomes.append((repr(variant), ("error", type(exc).__name__, str(exc).replace(location, "P"))))
                continue
            files = {}
            for path in sorted(p for p in ([out] if out.is_file() else out.rglob("*")) if p.is_file()):
                data = path.read_bytes()
                if path.name == "README.md":  # the dataset card is named after the project, and dated
                    data = re.sub(rb"\d{4}-\d\d-\d\d \d\d:\d\d UTC", b"DATE", data.replace(name.encode(), b"P"))
                files[str(path.relative_to(work))] = data
            shown = asdict(report) | {"files": sorted(str(p.relative_to(work.resolve())) for p in report.files)}
            outcomes.append((repr(variant), ("written", shown, files)))
    return outcomes


def test_every_export_is_the_same_from_a_file_and_from_the_server(tmp_path: Path, pg_url: str) -> None:
    (tmp_path / "file").mkdir()
    (tmp_path / "server").mkdir()
    on_file = exports_of(str(tmp_path / "team_project.barchasb"), tmp_path, tmp_path / "file")
    on_server = exports_of(pg_url, tmp_path, tmp_path / "server")
    for (variant, file_outcome), (_, server_outcome) in zip(on_file, on_server, strict=True):
        assert server_outcome == file_outcome, variant
    kinds = [outcome[0] for _, outcome in on_file]  # type: ignore[index]
    assert kinds.count("written") >= 30 and kinds.count("error") >= 5  # both paths are compared
