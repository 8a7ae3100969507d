"""Import files into a project: read all, check all, then write all in one transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.console import counted, first_unprintable, printable
from annotator.errors import InputError, SchemaError, SpanError, StaleEdit
from annotator.importers.conll import looks_like_conll, read_conll
from annotator.importers.doccano import read_doccano
from annotator.importers.encoding import read_text
from annotator.importers.jsonl import json_records, read_jsonl
from annotator.importers.label_studio import read_label_studio
from annotator.importers.records import Parsed
from annotator.importers.splits import SPLIT_KEY, corpus_split, split_of_file
from annotator.importers.table import read_table
from annotator.importers.txt import read_txt
from annotator.importers.webanno import read_webanno
from annotator.model import Document, Layer, Offsets, Span
from annotator.progress import Progress
from annotator.schema import NO_KEY, EntityType, Schema
from annotator.store.project import Project, content_hash
from annotator.store.review import LayerOutcome
from annotator.text.offsets import text_position
from annotator.text.pipeline import analyze
from annotator.text.profiles import Profile

FORMATS = ("auto", "txt", "jsonl", "csv", "conll", "doccano", "label-studio", "webanno-tsv")
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
_TOOL_EXTENSIONS = {"doccano": {".jsonl", ".json"}, "label-studio": {".json", ".jsonl"}, "webanno-tsv": {".tsv"}}
DEFAULT_ANNOTATOR = "imported"
_EDGE_SPACE = " \t\n\u00a0"


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
    replace: bool = False  # a document already in the project: replace the annotator's layer
    split: str | None = None  # the corpus split of every imported document (default: the file's name says)


@dataclass(slots=True)
class ImportReport:
    """What an import added, file by file."""

    documents: list[str] = field(default_factory=list)
    spans: int = 0
    notes: list[str] = field(default_factory=list)
    added_labels: list[str] = field(default_factory=list)
    layers: list[tuple[str, str, LayerOutcome]] = field(default_factory=list)  # documents already there


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
            wanted = {ext for ext, f in EXTENSIONS.items() if fmt in ("auto", f)} | _TOOL_EXTENSIONS.get(fmt, set())
            # hidden files are not documents (an export folder's .barchasb-export.json manifest)
            files = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in wanted and not p.name.startswith(".")
            )
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
    if options.split is not None:
        options = replace(options, split=corpus_split(options.split))
    files = expand_paths(paths, options.format)
    read = project.schema  # labels are added to this schema, unless someone changes it before the import writes
    parsed: list[Parsed] = []
    for number, (path, fmt) in enumerate(files, 1):
        parsed.extend(_read(path, fmt, options, report))
        if progress:
            progress(number, len(files) * 2)
    schema, labels = _resolve_labels(read, parsed, options, report)
    prepared = _prepare(project, schema, parsed, options, labels)
    with project.transaction():
        project.one_at_a_time("import")  # another import's texts, added meanwhile, are found: not added twice
        project.will_write_spans()  # the schema read below is the one its spans are stored under
        plan = _plan(project, prepared)
        if report.added_labels:
            try:  # never over a schema another window or user changed since it was read
                project.set_schema(schema, expect=read)
            except StaleEdit:
                raise StaleEdit(f"{_SCHEMA_CHANGED}; nothing was imported: import again") from None
        elif (current := project.schema) != read:
            _check_labels_kept(current, prepared)
        for number, (document, item, profile) in enumerate(plan.documents, 1):
            project.add_document(document, normalization=profile, source=item.path)
            report.documents.append(document.id)
            report.spans += sum(len(layer.spans) for layer in document.layers.values())
            if progress and number % 50 == 0:
                progress(len(files) + len(files) * number // len(plan.documents), len(files) * 2)
        for doc_id, layer in plan.layers:
            outcome = project.put_layer(doc_id, layer, replace=options.replace)
            report.layers.append((doc_id, layer.annotator, outcome))
            if outcome in (LayerOutcome.ADDED, LayerOutcome.REPLACED):
                report.spans += len(layer.spans)
    _note_layers(report, plan.unannotated)
    if progress:
        progress(len(files) * 2, len(files) * 2)
    return report


_SCHEMA_CHANGED = "the schema was changed elsewhere (another window or user) while this import ran"


def _check_labels_kept(schema: Schema, prepared: list[_Prepared]) -> None:
    """Every entity still has its label and role in a schema changed since the import read it."""
    for ready in prepared:
        for span in ready.layer.spans if ready.layer is not None else ():
            try:
                if span.label not in schema:
                    raise SchemaError(f"{span.label} is no longer in it")
                schema.check_role(span.label, span.role)
            except SchemaError as exc:
                raise StaleEdit(f"{_SCHEMA_CHANGED}: {exc}; nothing was imported: import again") from None


def _read(path: Path, fmt: str, options: ImportOptions, report: ImportReport) -> list[Parsed]:
    """The documents of one file, each with its corpus split in its meta when one is known."""
    parsed = _read_format(path, fmt, options, report)
    split = options.split or split_of_file(path)
    for item in parsed:
        given = item.meta.get(SPLIT_KEY)
        if options.split or not isinstance(given, str) or not given:
            if split:
                item.meta[SPLIT_KEY] = split
            else:
                item.meta.pop(SPLIT_KEY, None)
        else:
            try:
                item.meta[SPLIT_KEY] = corpus_split(given)
            except InputError:
                message = f"document {item.id}: its split {given!r} is not a split name"
                raise InputError(message, str(path), item.line) from None
    if split and parsed:
        report.notes.append(f"{path}: split {split}" + (" (--split)" if options.split else " (from the file name)"))
    return parsed


def _read_format(path: Path, fmt: str, options: ImportOptions, report: ImportReport) -> list[Parsed]:
    text = read_text(path, options.encoding)
    if fmt == "auto":
        fmt = _detect(path, text)
    if fmt == "webanno-tsv":
        return list(read_webanno(path, text))
    if fmt == "doccano":
        return list(read_doccano(path, text))
    if fmt == "label-studio":
        return list(read_label_studio(path, text, options.annotator))
    if fmt == "conll":
        docs, summary = read_conll(path, text, options.normalize or Profile.NONE, options.sentences_per_doc)
        stray = summary.stray_inside if summary.scheme != "iob1" else 0  # in IOB1 every entity may start so
        stray_note = f", {counted(stray, 'I- tag')} start{'s' if stray == 1 else ''} an entity" if stray else ""
        report.notes.append(
            f"{path}: CoNLL, {summary.separator}-separated, {summary.scheme.upper()}{stray_note}; "
            f"{counted(summary.sentences, 'sentence')} in {counted(len(docs), 'document')}"
        )
        return docs
    if fmt == "jsonl":
        return list(read_jsonl(path, text))
    if fmt == "csv":
        return list(read_table(path, text))
    return list(read_txt(path, text))


def _detect(path: Path, text: str) -> str:
    """The format by extension, then by content: WebAnno TSV's header, Label Studio's tasks, CoNLL columns."""
    fmt = EXTENSIONS.get(path.suffix.lower(), "txt")
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("#FORMAT=WebAnno TSV"):
        return "webanno-tsv"
    if fmt == "jsonl" and _label_studio_tasks(path, text):
        return "label-studio"
    if fmt == "txt" and looks_like_conll(text):
        return "conll"
    return fmt


def _label_studio_tasks(path: Path, text: str) -> bool:
    """True when the first object is a Label Studio task (``"data": {...}`` and no ``"text"`` of its own)."""
    try:
        item = next(json_records(path, text), (None,))[0]
    except InputError:
        return False  # the JSONL reader names the problem
    return isinstance(item, dict) and isinstance(item.get("data"), dict) and "text" not in item


def _resolve_labels(
    schema: Schema, parsed: list[Parsed], options: ImportOptions, report: ImportReport
) -> tuple[Schema, dict[str, str]]:
    """Map each input label to a schema label; unknown ones fail together, or are added."""
    folded_map = {k.casefold(): v for k, v in options.label_map.items()}
    found: Counter[str] = Counter()
    first_at: dict[str, tuple[str, int | None]] = {}
    for item in parsed:
        for entity in item.entities:
            found[entity.label] += 1
            first_at.setdefault(entity.label, (item.path, entity.line if entity.line is not None else item.line))
    labels: dict[str, str] = {}
    unknown: list[str] = []
    for label in found:
        target = options.label_map.get(label) or folded_map.get(label.casefold()) or label
        resolved = schema.resolve(target)
        if resolved is None:
            unknown.append(target)
            resolved = target
        labels[label] = resolved
    where = {label: min((first_at[k] for k in found if labels[k] == label), key=_place) for label in unknown}
    if unknown and not options.add_labels:
        path, line = min(where.values(), key=_place)

        def shown(label: str) -> str:
            count = sum(n for k, n in found.items() if labels[k] == label)
            at_path, at_line = where[label]
            at = f", line {at_line}" if at_path == path else f", {at_path}"
            at = "" if (at_path, at_line) == (path, line) else at
            return f"{printable(label)} ({count}{at})"

        raise InputError(
            f"labels not in the schema ({', '.join(schema.labels)}): {', '.join(map(shown, sorted(set(unknown))))}; "
            "rename them with --label-map FROM=TO,... or add them with --add-labels",
            path,
            line,
        )
    for label in unknown:
        try:
            EntityType(label, "#000000", NO_KEY)
        except SchemaError:
            raise InputError(
                f"cannot add label '{printable(label)}': a label has no spaces, '|' or control characters "
                "(rename it with --label-map FROM=TO)",
                *where[label],
            ) from None
    if unknown:
        report.added_labels = sorted(set(unknown))
        schema = schema.with_labels(report.added_labels)
    return schema, labels


def _place(at: tuple[str, int | None]) -> tuple[str, int]:
    """Order of places in the input: by file, then line."""
    return at[0], at[1] or 0


@dataclass(slots=True)
class _Plan:
    """New documents, layers for documents already in the project, and texts seen before without entities."""

    documents: list[tuple[Document, Parsed, Profile]] = field(default_factory=list)
    layers: list[tuple[str, Layer]] = field(default_factory=list)
    unannotated: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """One input document, analysed and checked on its own: what it is before the project is asked about it."""

    document: Document
    item: Parsed
    profile: Profile
    layer: Layer | None
    digest: str


def _prepare(
    project: Project, schema: Schema, parsed: list[Parsed], options: ImportOptions, labels: dict[str, str]
) -> list[_Prepared]:
    """Analyse every item and check its names and entities (the slow part, before any write lock is taken)."""
    prepared: list[_Prepared] = []
    project_profile = project.normalization  # read once: on a server each read is a round trip
    for item in parsed:
        where = (item.path, item.line)
        _check_name("document id", item.id, where)
        _check_name("annotator", item.annotator or options.annotator or DEFAULT_ANNOTATOR, where)
        _check_storable(item)
        if item.analysis is not None:
            analysis = item.analysis
            profile = options.normalize or Profile.NONE
        else:
            profile = options.normalize or project_profile
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
            status=item.status,
        )
        spans = _spans(document, schema, item, labels, mapped=item.analysis is None)
        annotator = item.annotator or options.annotator or DEFAULT_ANNOTATOR
        layer = Layer(annotator, item.layer_status, tuple(spans)) if spans or item.annotated else None
        prepared.append(_Prepared(document, item, profile, layer, content_hash(document.text)))
    return prepared


def _plan(project: Project, prepared: list[_Prepared]) -> _Plan:
    """What to write: a text already in the project (or earlier in this import) gives a layer, not a copy.

    Runs inside the import's transaction, so that what it finds in the project is what the import writes over.
    """
    plan = _Plan()
    seen: dict[str, Parsed] = {}
    pending: dict[str, int] = {}  # content hash → index in plan.documents
    for ready in prepared:
        document, item, layer, digest = ready.document, ready.item, ready.layer, ready.digest
        known = project.find_by_hash(digest)
        if known is not None:
            if layer is None:
                plan.unannotated.append(known)
            else:
                _check_layer(project.text_of(known), layer, item)
                plan.layers.append((known, layer))
            continue
        earlier = pending.get(digest)
        if earlier is not None:
            first, first_item, first_profile = plan.documents[earlier]
            if layer is None:
                plan.unannotated.append(first.id)
                continue
            _check_layer(first, layer, item)
            if layer.annotator not in first.layers:
                first = replace(first, layers={**first.layers, layer.annotator: layer})
                plan.documents[earlier] = (first, first_item, first_profile)
            else:  # the same annotator again: as if it came in a later import (unchanged, kept, or --replace)
                plan.layers.append((first.id, layer))
            continue
        if item.id in seen:
            first_seen = seen[item.id]
            raise InputError(
                f"document id {item.id!r} appears twice (first at {first_seen.path}:{first_seen.line})",
                item.path,
                item.line,
            )
        if project.has_document(item.id):
            stem = Path(item.path).stem
            named = item.id == stem or item.id.startswith(f"{stem}-")
            hint = " (ids without their own are made from the file's name: rename the file to import it too)"
            raise InputError(
                f"document id {item.id!r} is already in the project, with a different text{hint if named else ''}",
                item.path,
                item.line,
            )
        seen[item.id] = item
        pending.setdefault(digest, len(plan.documents))
        if layer is not None:
            document = replace(document, layers={layer.annotator: layer})
        plan.documents.append((document, item, ready.profile))
    return plan


def _check_layer(document: Document, layer: Layer, item: Parsed) -> None:
    """The entities of a repeated text must sit on the tokens of the document they join."""
    for span in layer.spans:
        try:
            document.check_span(span)
        except SpanError as exc:
            raise InputError(
                f"this text is already document {document.id!r}, tokenized differently: {exc}", item.path, item.line
            ) from None


def _note_layers(report: ImportReport, unannotated: list[str]) -> None:
    """Say what happened to texts that were already in the project."""
    by_outcome: dict[LayerOutcome, list[str]] = {}
    for doc_id, annotator, outcome in report.layers:
        by_outcome.setdefault(outcome, []).append(f"{doc_id} ({annotator})")
    wording = {  # (one layer, several layers)
        LayerOutcome.ADDED: ("added to a document", "added to documents"),
        LayerOutcome.REPLACED: ("replaced on a document", "replaced on documents"),
        LayerOutcome.UNCHANGED: ("already in the project as it is", "already in the project as they are"),
        LayerOutcome.KEPT: ("not imported", "not imported"),
    }
    tails = {
        LayerOutcome.ADDED: " already in the project",
        LayerOutcome.REPLACED: " already in the project",
        LayerOutcome.UNCHANGED: "",
        LayerOutcome.KEPT: ": the same annotator already has a different layer there, kept "
        "(--replace overwrites it; --annotator NAME imports it as another layer)",
    }
    for outcome, layers in by_outcome.items():
        words = wording[outcome][len(layers) != 1] + tails[outcome]
        report.notes.append(f"{counted(len(layers), 'layer')} {words}: {_listed(layers)}")
    if unannotated:
        texts = counted(len(unannotated), "text")
        report.notes.append(f"{texts} already in the project (or repeated), skipped: {_listed(unannotated)}")


def _listed(items: list[str], limit: int = 8) -> str:
    more = f", … {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more


def _spans(document: Document, schema: Schema, item: Parsed, labels: dict[str, str], *, mapped: bool) -> list[Span]:
    """Entities as spans in displayed-text offsets, trimmed of edge spaces, checked against tokens."""
    spans: list[Span] = []
    limit = len(document.raw_text) if mapped else len(document.text)
    for entity in item.entities:
        line = entity.line if entity.line is not None else item.line
        if not 0 <= entity.start < entity.end <= limit:
            raise InputError(
                f"entity [{entity.start}, {entity.end}) {entity.label} is empty or outside the text (length {limit})",
                item.path,
                line,
            )
        start, end = entity.start, entity.end
        if mapped:  # offsets a person or tool gave: their edge spaces go (a reader's own tokens are kept whole)
            start = text_position(document.raw_offsets, start)
            end = text_position(document.raw_offsets, end)
            while start < end and document.text[start] in _EDGE_SPACE:
                start += 1
            while end > start and document.text[end - 1] in _EDGE_SPACE:
                end -= 1
        try:
            span = Span(start, end, labels[entity.label], entity.role, entity.status, entity.source, entity.confidence)
            document.check_span(span)
        except SpanError as exc:
            raise InputError(
                f"entity {entity.label} at [{entity.start}, {entity.end}): {exc}{_utf16_hint(item, entity.start)}",
                item.path,
                line,
            ) from None
        try:
            schema.check_role(span.label, span.role)
        except SchemaError as exc:
            raise InputError(
                f"entity {entity.label} at [{entity.start}, {entity.end}): {exc}", item.path, line
            ) from None
        spans.append(span)
    return spans


def _utf16_hint(item: Parsed, start: int) -> str:
    """A JSON file's offsets that miss after an emoji were likely counted in UTF-16 units, as doccano does."""
    if item.analysis is not None or Path(item.path).suffix.lower() not in (".jsonl", ".json", ".ndjson"):
        return ""
    if not any(ord(char) > 0xFFFF for char in item.raw[:start]):
        return ""
    return "; an emoji comes before it: if the file is from doccano (UTF-16 offsets), import it with --format doccano"


def _check_storable(item: Parsed) -> None:
    """Refuse a NUL character: a server cannot store one, so a project file takes none either."""
    for what, value in (("the text", item.raw), ("the title", item.title)):
        if (at := value.find("\0")) >= 0:
            raise InputError(
                f"{what} holds a NUL character (U+0000) at character {at}, which a project cannot hold",
                item.path,
                item.line,
            )
    for entity in item.entities:
        if "\0" in entity.source:
            raise InputError(
                f"the source of entity {entity.label} at [{entity.start}, {entity.end}) holds a NUL character (U+0000)",
                item.path,
                entity.line if entity.line is not None else item.line,
            )


def _check_name(what: str, name: str, where: tuple[str, int | None]) -> None:
    """Refuse a document id or annotator name with control, bidi or line-separator characters."""
    if (bad := first_unprintable(name)) is not None:
        raise InputError(f"{what} {name!r} holds a control character ({bad})", *where)
