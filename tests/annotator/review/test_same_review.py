"""Agreement, curation and packages of one team's work are the same on a project file and on a server project."""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from annotator.errors import BarchasbError
from annotator.model import GOLD
from annotator.review.agreement import default_annotators, project_agreement
from annotator.review.curation import auto_curate, review_regions
from annotator.review.package import merge_packages, write_package
from annotator.review.team import summarize
from annotator.schema import preset
from annotator.store import Project
from tests.annotator.review.conftest import random_layers, words_document

NAMES = ["ali", "sara", "zahra"]


def spans_of(project: Project) -> list[Any]:
    """Every document's layers: status and every field of every span (ids too)."""
    return [
        (d.id, str(d.status), d.meta, {name: (str(layer.status), layer.spans) for name, layer in d.layers.items()})
        for d in project.iter_documents()
    ]


def session(location: str, work: Path) -> list[tuple[str, Any]]:
    """A team's review on random layers; what each step returned or said, the location written as P."""
    rng = random.Random(5)
    steps: list[tuple[str, Any]] = []

    def step(name: str, call: Callable[..., Any], *args: Any) -> None:
        try:
            result = call(*args)
        except BarchasbError as exc:
            result = ("error", type(exc).__name__, str(exc).replace(location, "P").replace(str(work), "W"))
        steps.append((name, result))

    with Project.create(location, preset("combined")) as project:
        for number, length in enumerate(rng.sample(range(8, 60), 14)):  # lengths differ, and so do the texts
            base = words_document(f"d{number:02}", length)
            layers = random_layers(rng, base, NAMES, base=0.3)
            if number % 4 == 0:
                layers.pop(rng.choice(NAMES))
            if number == 13:
                layers = {"ali": layers["ali"]}
            project.add_document(words_document(base.id, len(base.tokens), layers), normalization="none")
        project.assign([f"d{n:02}" for n in range(0, 14, 3)], ["omid"])
        step("annotators", lambda: default_annotators(project))
        step("agreement", lambda: project_agreement(project).to_json())
        step("agreement of two", lambda: project_agreement(project, ["zahra", "ali"], ["PER", "LOC"]).to_json())
        step("agreement refused", lambda: project_agreement(project, ["ali", "omid"]))
        step("progress", lambda: [tuple(row) for row in project.progress()])
        step("team", lambda: summarize(project.progress()))
        step("curate 2", lambda: asdict(auto_curate(project, min_agree=2)))
        step("curate all", lambda: asdict(auto_curate(project)))
        for info in project.documents():
            items = review_regions(project.document(info.id), project.decisions(info.id))
            steps.append((f"regions of {info.id}", [(i.region.start, i.region.end, str(i.region.kind)) for i in items]))
            open_items = [i for i in items if not i.resolved]
            for item in open_items[:2]:
                region = item.region
                version = next((v for v in region.versions.values() if v), [])
                step("resolve", project.resolve_region, info.id, region.start, region.end, version)
            if len(open_items) > 2:
                lone = open_items[-1].region
                change = project.resolve_region(info.id, lone.start, lone.end, [])
                step("decisions", project.decisions, info.id)
                step("undo", project.undo_region, change)
        step("reviewed", lambda: project.mark_reviewed("d02", curator="maryam"))
        step("gold", lambda: spans_of(project))
        step("package", lambda: write_package(project, "sara", work / "sara.json"))
        package = json.loads(gzip.decompress((work / "sara.json").read_bytes()))
        package.pop("created")
        steps.append(("package file", package))
        step("package of nobody", lambda: write_package(project, "nobody", work / "x.json"))
        step("package of gold", lambda: write_package(project, GOLD, work / "x.json"))
        step("merge", lambda: [(d, a, str(o)) for d, a, o in merge_packages(project, [work / "sara.json"]).outcomes])
    return steps


def test_review_is_the_same_on_a_file_and_on_the_server(tmp_path: Path, pg_url: str) -> None:
    (tmp_path / "file").mkdir()
    (tmp_path / "server").mkdir()
    on_file = session(str(tmp_path / "p.barchasb"), tmp_path / "file")
    on_server = session(pg_url, tmp_path / "server")
    assert [name for name, _ in on_server] == [name for name, _ in on_file]
    for (name, file_result), (_, server_result) in zip(on_file, on_server, strict=True):
        assert server_result == file_result, name
    results = dict(on_file)
    assert results["agreement refused"][0] == "error" and results["package of gold"][0] == "error"
    names = [name for name, _ in on_file]
    assert results["curate 2"]["spans_added"] > 0 and names.count("resolve") > 2 and "undo" in names
    assert [o for *_, o in results["merge"]] == ["unchanged"] * len(results["merge"]) and results["merge"]
