"""One export: choose documents and layer, split them, write the format, replace the target atomically."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotator.collector import collector_paused
from annotator.console import counted
from annotator.errors import ExportError, InputError, SchemaError
from annotator.importers.splits import SPLIT_KEY, corpus_split, split_order
from annotator.model import GOLD
from annotator.outputs import atomic_file, check_target, describe
from annotator.progress import Progress
from annotator.schema import NO_KEY, EntityType
from annotator.store import Project
from annotator.tags import Scheme
from exports.conll import ConllFormat, write_conll
from exports.doccano import write_doccano
from exports.folder import ExportFolder
from exports.hf import CardInfo, build_columns, tag_names, write_disk, write_parquet_folder
from exports.jsonl import write_jsonl
from exports.label_studio import CONFIG_NAME, labeling_config, write_tasks
from exports.provenance import gold_provenance
from exports.select import Item, Selection, check_conflicts, relabel, select
from exports.splits import assign, parse_split
from exports.webanno import file_names, misaligned, write_webanno

FORMATS = ("conll", "hf", "hf-disk", "jsonl", "doccano", "label-studio", "webanno-tsv")
SINGLE_FILE = {
    "conll": (".conll", ".txt", ".tsv", ".iob", ".bio"),
    "jsonl": (".jsonl", ".json"),
    "doccano": (".jsonl", ".json"),
    "label-studio": (".json",),
    "webanno-tsv": (".tsv",),
}
TOKEN_FORMATS = ("conll", "hf", "hf-disk")  # spans become tags on the stored tokens
TOOL_FORMATS = ("doccano", "label-studio", "webanno-tsv")  # for moving a project: no split unless asked
KEEP = "keep"
DEFAULT_FRACTIONS = "0.8,0.1,0.1"
LAYOUTS = ("plain", "conll2003")


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """The command line's export options, with its defaults."""

    format: str
    out: Path
    layer: str | None = None
    scheme: Scheme = Scheme.IOB2
    sep: str = "space"
    docstart: bool = False
    split: str | None = None  # None: the corpus's own splits when every document has one, else 0.8,0.1,0.1
    seed: int = 13
    unit: str = "sentence"
    only_done: bool = False
    roles: bool = False
    drop_conflicts: bool = False
    layout: str = "plain"  # CoNLL: token TAG, or conll2003's token -X- _ TAG
    label_map: Mapping[str, str] = field(default_factory=dict)  # rename labels on the way out
    license: str | None = None
    curators: tuple[str, ...] = ()
    as_predictions: bool = False  # Label Studio: our spans as predictions, not annotations


@dataclass(slots=True)
class ExportReport:
    """What was written."""

    layer: str = ""
    files: list[Path] = field(default_factory=list)
    documents: dict[str, int] = field(default_factory=dict)
    spans: int = 0
    dropped: int = 0
    skipped_without_layer: int = 0
    split: str = ""  # how the documents were split, in words
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def export(project: Project, options: ExportOptions, progress: Progress | None = None) -> ExportReport:
    """Write the export; on any error ``options.out`` keeps what it held (an earlier export, or nothing)."""
    with collector_paused():
        return _export(project, options, progress)


def _check_options(options: ExportOptions) -> None:
    if options.format not in FORMATS:
        raise ExportError(f"unknown format {options.format!r} (choose from {', '.join(FORMATS)})")
    if options.unit not in ("sentence", "document"):
        raise ExportError(f"--unit: sentence or document, got {options.unit!r}")
    if options.sep not in ("tab", "space"):
        raise ExportError(f"--sep: tab or space, got {options.sep!r}")
    if options.layout not in LAYOUTS:
        raise ExportError(f"--layout: {' or '.join(LAYOUTS)}, got {options.layout!r}")
    if options.layout == "conll2003" and options.roles:
        raise ExportError("--layout conll2003 has no role column; leave out --roles")
    if options.as_predictions and options.format != "label-studio":
        raise ExportError("--as predictions is for --format label-studio")


def _export(project: Project, options: ExportOptions, progress: Progress | None) -> ExportReport:
    _check_options(options)
    single = options.out.suffix.lower() in SINGLE_FILE.get(options.format, ())
    check_target(options.out, [project.path], folder=not single)  # before the work: fail fast
    token_level = options.format in TOKEN_FORMATS
    selection = select(
        project,
        options.layer,
        only_done=options.only_done,
        token_level=token_level,
        unit_sentences=options.unit == "sentence",
        progress=progress,
    )
    if options.format == "webanno-tsv":
        _tsv_conflicts(selection)
    _check_labels(project, selection)
    report = ExportReport(layer=selection.layer, skipped_without_layer=selection.skipped_without_layer)
    report.dropped = check_conflicts(selection, options.drop_conflicts)
    if token_level:
        _leave_out_empty(selection, report)
    if not selection.items:
        raise ExportError("no documents to export" + (" (none is done or reviewed)" if options.only_done else ""))
    _relabel(project, selection, options.label_map)
    groups, report.split = _split(selection.items, options, single)
    if single and len(groups) > 1:
        raise ExportError(f"{options.out}: a single file cannot hold {len(groups)} splits; give a folder")
    if options.format == "webanno-tsv" and single and len(selection.items) > 1:
        raise ExportError(
            f"{options.out}: WebAnno TSV holds one document per file and there are {len(selection.items)}; "
            "give a folder"
        )
    report.documents = {name: len(items) for name, items in groups.items()}
    report.spans = sum(len(i.chunks) if token_level else len(i.spans) for i in selection.items)
    report.warnings = _unseen_in_train(groups, token_level)
    if single:
        with atomic_file(options.out, [project.path]) as temporary:
            _write(project, options, selection.layer, groups, temporary, single, report)
        report.files = [Path(os.path.realpath(options.out))]
        return report
    folder = ExportFolder(options.out, [project.path])
    staging = folder.prepare()
    try:
        _write(project, options, selection.layer, groups, staging, single, report)
    except OSError as exc:
        folder.abort()
        raise ExportError(f"{options.out}: cannot write the export ({describe(exc)}); nothing was changed") from None
    except BaseException:
        folder.abort()
        raise
    report.files = folder.commit()
    return report


def _leave_out_empty(selection: Selection, report: ExportReport) -> None:
    """A document without tokens has no row or line: drawn into a split alone it made that split empty.

    An empty split breaks HuggingFace loading (``load_dataset``: "BatchSize must be greater than 0";
    ``load_from_disk``: no data file at all), so such documents are not drawn into splits at all.
    """
    empty = [item.document.id for item in selection.items if not len(item.document.tokens)]
    if not empty:
        return
    selection.items = [item for item in selection.items if len(item.document.tokens)]
    shown = ", ".join(empty[:8]) + (f", … {len(empty) - 8} more" if len(empty) > 8 else "")
    report.notes.append(f"left out {counted(len(empty), 'document')} without tokens (empty text): {shown}")


def _tsv_conflicts(selection: Selection) -> None:
    """WebAnno TSV stacks overlapping entities, but has no place for one that misses token edges."""
    from exports.select import Conflict

    for item in selection.items:
        for span in misaligned(item):
            selection.conflicts.append(Conflict(item.document.id, span, "does not align with token boundaries"))
            item.spans.remove(span)


def _check_labels(project: Project, selection: Selection) -> None:
    """Refuse a span whose label is not in the schema (a crafted or damaged project): no format has a place for it."""
    labels = set(project.schema.labels)
    for item in selection.items:
        for span in item.spans:
            if span.label not in labels:
                raise ExportError(
                    f"document {item.document.id}, layer {selection.layer}: span [{span.start}, {span.end}) has "
                    f"label {span.label!r}, which is not in the schema ({', '.join(project.schema.labels)}); "
                    "fix or remove it before exporting"
                )


def _relabel(project: Project, selection: Selection, label_map: Mapping[str, str]) -> None:
    """``--label-map`` on the way out: a corpus's own spelling written back (``PER=pers``)."""
    if not label_map:
        return
    labels = project.schema.labels
    unknown = sorted(set(label_map) - set(labels))
    if unknown:
        raise ExportError(f"--label-map: {', '.join(unknown)} not in the schema ({', '.join(labels)})")
    for target in label_map.values():
        try:
            EntityType(target, "#000000", NO_KEY)
        except SchemaError:
            raise ExportError(
                f"--label-map: {target!r} cannot be a label (no spaces, '|' or control characters)"
            ) from None
    for item in selection.items:
        relabel(item, label_map)


def _split(items: list[Item], options: ExportOptions, single: bool) -> tuple[dict[str, list[Item]], str]:
    """The documents per split, and how they were split, in words."""
    own = {item.document.id: _own_split(item) for item in items}
    keep = options.split == KEEP or (
        options.split is None and options.format not in TOOL_FORMATS and all(own.values()) and not single
    )
    if keep:
        missing = [doc_id for doc_id, split in own.items() if not split]
        if missing:
            shown = ", ".join(missing[:8]) + (f", … {len(missing) - 8} more" if len(missing) > 8 else "")
            raise ExportError(
                f"--split keep: {counted(len(missing), 'document')} {'has' if len(missing) == 1 else 'have'} "
                f"no split of their own ({shown}); "
                "import them with --split NAME, or give fractions such as --split 0.8,0.1,0.1"
            )
        groups: dict[str, list[Item]] = defaultdict(list)
        for item in items:
            groups[own[item.document.id] or ""].append(item)
        return {name: groups[name] for name in split_order(set(groups))}, "the corpus's own splits"
    if options.split is None:
        spec = "1" if single or options.format in TOOL_FORMATS else DEFAULT_FRACTIONS
    else:
        spec = options.split
    fractions = parse_split(spec)
    if single and len(fractions) > 1:
        raise ExportError(f"{options.out}: a single file cannot hold {len(fractions)} splits; give a folder")
    places = assign([item.document.id for item in items], fractions, options.seed)
    groups = defaultdict(list)
    for item in items:
        groups[places[item.document.id]].append(item)
    order = ("train", "validation", "test")
    described = "one split" if len(fractions) == 1 else f"split {spec}, seed {options.seed}"
    return {name: groups[name] for name in order if name in groups}, described


def _own_split(item: Item) -> str | None:
    value = item.document.meta.get(SPLIT_KEY)
    if not isinstance(value, str):
        return None
    try:
        return corpus_split(value)
    except InputError:
        return None


def _unseen_in_train(groups: dict[str, list[Item]], token_level: bool) -> list[str]:
    """A warning per label found in validation or test but never in train (a model cannot learn it)."""
    if len(groups) < 2 or "train" not in groups:
        return []
    counts: dict[str, Counter[str]] = {}
    for name, items in groups.items():
        counts[name] = Counter(
            label
            for item in items
            for label in ([c.label for c in item.chunks] if token_level else [s.label for s in item.spans])
        )
    warnings = []
    for label in sorted({label for name, c in counts.items() if name != "train" for label in c}):
        if counts["train"][label]:
            continue
        where = ", ".join(
            f"{counts[name][label]} in {name}" for name in groups if name != "train" and counts[name][label]
        )
        warnings.append(f"label {label} occurs in evaluation splits ({where}) but never in train")
    return warnings


def _write(
    project: Project,
    options: ExportOptions,
    layer: str,
    groups: dict[str, list[Item]],
    target: Path,
    single: bool,
    report: ExportReport,
) -> None:
    sentences = options.unit == "sentence"
    fmt = options.format
    if fmt == "conll":
        conll = ConllFormat(
            Scheme(options.scheme),
            "\t" if options.sep == "tab" else " ",
            options.docstart or options.layout == "conll2003",
            sentences,
            options.roles,
            options.layout,
        )
        for name, items in groups.items():
            write_conll(target if single else target / f"{name}.conll", items, conll)
    elif fmt == "jsonl":
        for name, items in groups.items():
            write_jsonl(target if single else target / f"{name}.jsonl", items, layer)
    elif fmt == "doccano":
        number = 1
        for name, items in groups.items():
            number = write_doccano(target if single else target / f"{name}.jsonl", items, number)
    elif fmt == "label-studio":
        _write_label_studio(project, options, layer, groups, target, single, report)
    elif fmt == "webanno-tsv":
        for name, items in groups.items():
            folder = target if len(groups) == 1 else target / name
            if not single:
                folder.mkdir(exist_ok=True)
            for item, file_name in zip(items, file_names(items), strict=True):
                write_webanno(target if single else folder / file_name, item)
    else:
        _write_hf(project, options, layer, groups, target, report)


def _write_label_studio(
    project: Project,
    options: ExportOptions,
    layer: str,
    groups: dict[str, list[Item]],
    target: Path,
    single: bool,
    report: ExportReport,
) -> None:
    for name, items in groups.items():
        file_name = "tasks.json" if len(groups) == 1 else f"{name}.json"
        write_tasks(target if single else target / file_name, items, layer, options.as_predictions)
    labels = _labels_out(project, options.label_map)
    config = labeling_config(project.schema, labels)
    if single:
        report.notes.append(f"no {CONFIG_NAME} beside a single file: export to a folder to get the labeling config")
    else:
        (target / CONFIG_NAME).write_text(config, encoding="utf-8", newline="\n")


def _labels_out(project: Project, label_map: Mapping[str, str]) -> list[str]:
    """The schema's labels as the export spells them, in schema order, each once."""
    return list(dict.fromkeys(label_map.get(label, label) for label in project.schema.labels))


def _write_hf(
    project: Project,
    options: ExportOptions,
    layer: str,
    groups: dict[str, list[Item]],
    target: Path,
    report: ExportReport,
) -> None:
    from annotator.schema import Schema

    scheme = Scheme(options.scheme)
    schema = project.schema
    if options.label_map:  # class names as the export spells the labels, still in schema order
        schema = Schema(schema.name, ()).with_labels(_labels_out(project, options.label_map))
    names = tag_names(schema, scheme)
    sentences = options.unit == "sentence"
    splits = {name: build_columns(items, names, scheme, sentences) for name, items in groups.items()}
    if options.format == "hf-disk":
        write_disk(target, splits, names)
        return
    annotators, summary, curators = [layer], "", set[str]()
    if layer == GOLD:
        provenance = gold_provenance(project, [i.document.id for items in groups.values() for i in items])
        annotators, summary, curators = provenance.annotators, provenance.describe(), provenance.curators
    info = CardInfo(
        project=project.path.stem,
        layer=layer,
        annotators=annotators,
        scheme=scheme,
        unit=options.unit,
        split=report.split,
        curators=sorted({*options.curators, *curators}),
        license=options.license,
        warnings=report.warnings,
        provenance=summary,
    )
    write_parquet_folder(target, splits, names, info)
