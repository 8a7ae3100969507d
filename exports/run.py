"""One export: choose documents and layer, split them, write the format, replace the target atomically."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from annotator.collector import collector_paused
from annotator.errors import ExportError
from annotator.model import GOLD
from annotator.outputs import atomic_file, check_target, describe
from annotator.progress import Progress
from annotator.store import Project
from annotator.tags import Scheme
from exports.conll import ConllFormat, write_conll
from exports.folder import ExportFolder
from exports.hf import CardInfo, build_columns, tag_names, write_disk, write_parquet_folder
from exports.jsonl import write_jsonl
from exports.select import Item, check_conflicts, select
from exports.splits import assign, parse_split

FORMATS = ("conll", "hf", "hf-disk", "jsonl")
SINGLE_FILE = {"conll": (".conll", ".txt", ".tsv", ".iob", ".bio"), "jsonl": (".jsonl", ".json")}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """The command line's export options, with its defaults."""

    format: str
    out: Path
    layer: str | None = None
    scheme: Scheme = Scheme.IOB2
    sep: str = "tab"
    docstart: bool = False
    split: str | None = None  # None: the default 0.8,0.1,0.1 (or one file when --out names a file)
    seed: int = 13
    unit: str = "sentence"
    only_done: bool = False
    roles: bool = False
    drop_conflicts: bool = False


@dataclass(slots=True)
class ExportReport:
    """What was written."""

    layer: str = ""
    files: list[Path] = field(default_factory=list)
    documents: dict[str, int] = field(default_factory=dict)
    spans: int = 0
    dropped: int = 0
    skipped_without_layer: int = 0


def export(project: Project, options: ExportOptions, progress: Progress | None = None) -> ExportReport:
    """Write the export; on any error ``options.out`` keeps what it held (an earlier export, or nothing)."""
    with collector_paused():
        return _export(project, options, progress)


def _export(project: Project, options: ExportOptions, progress: Progress | None) -> ExportReport:
    if options.format not in FORMATS:
        raise ExportError(f"unknown format {options.format!r} (choose from {', '.join(FORMATS)})")
    if options.unit not in ("sentence", "document"):
        raise ExportError(f"--unit: sentence or document, got {options.unit!r}")
    if options.sep not in ("tab", "space"):
        raise ExportError(f"--sep: tab or space, got {options.sep!r}")
    single = options.out.suffix.lower() in SINGLE_FILE.get(options.format, ())
    fractions = parse_split(options.split or ("1" if single else "0.8,0.1,0.1"))
    if single and len(fractions) > 1:
        raise ExportError(f"{options.out}: a single file cannot hold {len(fractions)} splits; give a folder")
    check_target(options.out, [project.path], folder=not single)  # before the work: fail fast
    token_level = options.format != "jsonl"
    selection = select(
        project,
        options.layer,
        only_done=options.only_done,
        token_level=token_level,
        unit_sentences=options.unit == "sentence",
        progress=progress,
    )
    report = ExportReport(layer=selection.layer, skipped_without_layer=selection.skipped_without_layer)
    report.dropped = check_conflicts(selection, options.drop_conflicts)
    if not selection.items:
        raise ExportError("no documents to export" + (" (none is done or reviewed)" if options.only_done else ""))
    groups = _split(selection.items, fractions, options.seed)
    report.documents = {name: len(items) for name, items in groups.items()}
    report.spans = sum(len(i.chunks) if token_level else len(i.spans) for i in selection.items)
    if single:
        with atomic_file(options.out, [project.path]) as temporary:
            _write(project, options, selection.layer, groups, temporary, single)
        report.files = [Path(os.path.realpath(options.out))]
        return report
    folder = ExportFolder(options.out, [project.path])
    staging = folder.prepare()
    try:
        _write(project, options, selection.layer, groups, staging, single)
    except OSError as exc:
        folder.abort()
        raise ExportError(f"{options.out}: cannot write the export ({describe(exc)}); nothing was changed") from None
    except BaseException:
        folder.abort()
        raise
    report.files = folder.commit()
    return report


def _split(items: list[Item], fractions: list[float], seed: int) -> dict[str, list[Item]]:
    places = assign([item.document.id for item in items], fractions, seed)
    groups: dict[str, list[Item]] = defaultdict(list)
    for name in dict.fromkeys(places.values()):
        groups[name] = []
    for item in items:
        groups[places[item.document.id]].append(item)
    order = ("train", "validation", "test")
    return {name: groups[name] for name in order if name in groups}


def _write(
    project: Project, options: ExportOptions, layer: str, groups: dict[str, list[Item]], target: Path, single: bool
) -> None:
    sentences = options.unit == "sentence"
    if options.format == "conll":
        fmt = ConllFormat(
            Scheme(options.scheme), "\t" if options.sep == "tab" else " ", options.docstart, sentences, options.roles
        )
        for name, items in groups.items():
            write_conll(target if single else target / f"{name}.conll", items, fmt)
    elif options.format == "jsonl":
        for name, items in groups.items():
            write_jsonl(target if single else target / f"{name}.jsonl", items, layer)
    else:
        scheme = Scheme(options.scheme)
        names = tag_names(project.schema, scheme)
        splits = {name: build_columns(items, names, scheme, sentences) for name, items in groups.items()}
        if options.format == "hf-disk":
            write_disk(target, splits, names)
        else:
            annotators = (
                sorted({n for items in groups.values() for i in items for n in i.document.layers if n != GOLD})
                if layer == GOLD
                else [layer]
            )
            info = CardInfo(
                project.path.stem, layer, annotators, scheme, options.unit, options.split or "0.8,0.1,0.1", options.seed
            )
            write_parquet_folder(target, splits, names, info)
