"""Import files into a project: read all, check all, then write all in one transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.errors import InputError, SchemaError, SpanError
from annotator.importers.conll import looks_like_conll, read_conll
from annotator.importers.encoding import read_text
from annotator.importers.jsonl import read_jsonl
from annotator.importers.records import Parsed
from annotator.importers.table import read_table
from annotator.importers.txt import read_txt
from annotator.model import Document, Layer, LayerStatus, Offsets, Span
from annotator.schema import Schema
from annotator.store.project import Project
from annotator.text.normalize import Profile
from annotator.text.offsets import text_position
from annotator.text.pipeline import analyze

FORMATS = ("auto", "txt", "jsonl", "csv", "conll")
EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".conll": "conll",
    ".conllu": "conll",
    ".iob": "conll",
    ".bio": "conll",
}
DEFAULT_ANNOTATOR = "imported"
_EDGE_SPACE = " \t\n\u00a0"

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the user asked for on the command line or in the import dialog."""

    format: str = "auto"
    encoding: str = "auto"
    annotator: str | None = None
    normalize: Profile | None = None
    add_labels: bool = False
    label_map: Mapping[str, str] = field(default_factory=dict)
    sentences_per_doc: int = 100


@dataclass(slots=True)
class ImportReport:
    """What an import added, file by file."""

    documents: list[str] = field(default_factory=list)
    spans: int = 0
    notes: list[str] = field(default_factory=list)
    added_labels: list[str] = field(default_factory=list)


def parse_label_map(spec: str) -> dict[str, str]:
    """``pers=PER,org=ORG`` → ``{"pers": "PER", "org": "ORG"}``."""
    mapping: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        source, sep, target = item.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise InputError(f"--label-map: expected FROM=TO, got {item!r}")
        mapping[source.strip()] = target.strip()
    return mapping


def expand_paths(paths: Iterable[str | Path], fmt: str) -> list[tuple[Path, str]]:
    """Files to read with their format; a folder gives its files (sorted, not recursive)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    out: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            wanted = {ext for ext, f in EXTENSIONS.items() if fmt in ("auto", f)}
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in wanted)
            if not files:
                raise InputError(f"no files to import in this folder ({', '.join(sorted(wanted))})", str(path))
            out.extend((p, fmt) for p in files)
        elif path.is_file():
            out.append((path, fmt))
        else:
            raise InputError("no such file or folder", str(path))
    return out


def import_paths(
    project: Project, paths: Iterable[str | Path], options: ImportOptions, progress: Progress | None = None
) -> ImportReport:
    """Import files; on any error nothing of this import stays in the project."""
    report = ImportReport()
    files = expand_paths(paths, options.format)
    parsed: list[Parsed] = []
    for number, (path, fmt) in enumerate(files, 1):
        parsed.extend(_read(path, fmt, options, report))
        if progress:
            progress(number, len(files) * 2)
    schema, labels = _resolve_labels(project.schema, parsed, options, report)
    documents = _build(project, schema, parsed, options, labels)
    with project.transaction():
        if report.added_labels:
            project.set_schema(schema)
        for number, (document, item, profile) in enumerate(documents, 1):
            project.add_document(document, normalization=profile, source=item.path)
            report.documents.append(document.id)
            report.spans += sum(len(layer.spans) for layer in document.layers.values())
            if progress and number % 50 == 0:
                progress(len(files) + len(files) * number // len(documents), len(files) * 2)
    if progress:
        progress(len(files) * 2, len(files) * 2)
    return report


def _read(path: Path, fmt: str, options: ImportOptions, report: ImportReport) -> list[Parsed]:
    text = read_text(path, options.encoding)
    if fmt == "auto":
        fmt = EXTENSIONS.get(path.suffix.lower(), "txt")
        if fmt == "txt" and looks_like_conll(text):
            fmt = "conll"
    if fmt == "conll":
        docs, summary = read_conll(path, text, options.normalize or Profile.NONE, options.sentences_per_doc)
        stray = f", {summary.stray_inside} I- tags start an entity" if summary.stray_inside else ""
        report.notes.append(
            f"{path}: CoNLL, {summary.separator}-separated, {summary.scheme.upper()}{stray}; "
            f"{summary.sentences} sentences in {len(docs)} documents"
        )
        return docs
    if fmt == "jsonl":
        return list(read_jsonl(path, text))
    if fmt == "csv":
        return list(read_table(path, text))
    return list(read_txt(path, text))


def _resolve_labels(
    schema: Schema, parsed: list[Parsed], options: ImportOptions, report: ImportReport
) -> tuple[Schema, dict[str, str]]:
    """Map each input label to a schema label; unknown ones fail together, or are added."""
    folded_map = {k.casefold(): v for k, v in options.label_map.items()}
    found = Counter(entity.label for item in parsed for entity in item.entities)
    labels: dict[str, str] = {}
    unknown: list[str] = []
    for label in found:
        target = options.label_map.get(label) or folded_map.get(label.casefold()) or label
        resolved = schema.resolve(target)
        if resolved is None:
            unknown.append(target)
            resolved = target
        labels[label] = resolved
    if unknown and not options.add_labels:
        listed = ", ".join(
            f"{label} ({sum(n for k, n in found.items() if labels[k] == label)})" for label in sorted(set(unknown))
        )
        raise InputError(
            f"labels not in the schema ({', '.join(schema.labels)}): {listed}; "
            "rename them with --label-map FROM=TO,... or add them with --add-labels"
        )
    if unknown:
        report.added_labels = sorted(set(unknown))
        schema = schema.with_labels(report.added_labels)
    return schema, labels


def _build(
    project: Project, schema: Schema, parsed: list[Parsed], options: ImportOptions, labels: dict[str, str]
) -> list[tuple[Document, Parsed, Profile]]:
    seen: dict[str, Parsed] = {}
    out: list[tuple[Document, Parsed, Profile]] = []
    for item in parsed:
        where = (item.path, item.line)
        if item.id in seen:
            first = seen[item.id]
            raise InputError(f"document id {item.id!r} appears twice (first at {first.path}:{first.line})", *where)
        if project.has_document(item.id):
            raise InputError(f"document id {item.id!r} is already in the project", *where)
        seen[item.id] = item
        if item.analysis is not None:
            analysis = item.analysis
            profile = options.normalize or Profile.NONE
        else:
            profile = options.normalize or project.normalization
            analysis = analyze(item.raw, profile)
        document = Document(
            id=item.id,
            title=item.title,
            raw_text=item.raw,
            text=analysis.text,
            raw_offsets=analysis.raw_offsets,
            tokens=Offsets.of(analysis.tokens),
            sentences=Offsets.of(analysis.sentences),
            meta=item.meta,
        )
        spans = _spans(document, schema, item, labels, mapped=item.analysis is None)
        if spans or item.annotated:
            annotator = item.annotator or options.annotator or DEFAULT_ANNOTATOR
            layer = Layer(annotator, LayerStatus.IN_PROGRESS, tuple(spans))
            document = replace(document, layers={annotator: layer})
        out.append((document, item, profile))
    return out


def _spans(document: Document, schema: Schema, item: Parsed, labels: dict[str, str], *, mapped: bool) -> list[Span]:
    """Entities as spans in displayed-text offsets, trimmed of edge spaces, checked against tokens."""
    spans: list[Span] = []
    limit = len(document.raw_text) if mapped else len(document.text)
    for entity in item.entities:
        line = entity.line if entity.line is not None else item.line
        if not 0 <= entity.start < entity.end <= limit:
            raise InputError(
                f"entity [{entity.start}, {entity.end}) {entity.label} is outside the text (length {limit})",
                item.path,
                line,
            )
        start, end = entity.start, entity.end
        if mapped:
            start = text_position(document.raw_offsets, start)
            end = text_position(document.raw_offsets, end, end=True)
        while start < end and document.text[start] in _EDGE_SPACE:
            start += 1
        while end > start and document.text[end - 1] in _EDGE_SPACE:
            end -= 1
        try:
            span = Span(start, end, labels[entity.label], entity.role)
            document.check_span(span)
            schema.check_role(span.label, span.role)
        except (SpanError, SchemaError) as exc:
            raise InputError(
                f"entity {entity.label} at [{entity.start}, {entity.end}): {exc}", item.path, line
            ) from None
        spans.append(span)
    return spans
