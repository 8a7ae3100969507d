"""Portable annotation packages: one annotator's layers, matched to documents by a hash of their text."""

from __future__ import annotations

import gzip
import json
import unicodedata
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator import __version__
from annotator.console import first_unprintable
from annotator.errors import InputError, ProjectError, SchemaError, SpanError, StaleEdit
from annotator.model import GOLD, Layer, LayerStatus, Span
from annotator.outputs import check_target, write_atomically
from annotator.schema import Schema
from annotator.store.project import Project, content_hash
from annotator.store.review import LayerOutcome, layer_started, same_annotations

FORMAT = "barchasb-package"
VERSION = 1
# A package's JSON compresses 3-10 times; anything inflating far beyond that is refused while inflating.
INFLATE_FLOOR = 64 * 2**20  # any package may inflate to this
MIN_BYTES_PER_CONTAINER = 24  # JSON bytes per object or list: real packages spend 40 or more
INFLATE_RATIO = 20  # and to this many times its compressed size
INFLATE_CEILING = 2**30
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class PackagedLayer:
    """One document's layer in a package."""

    hash: str
    doc_id: str
    title: str
    layer: Layer


@dataclass(frozen=True, slots=True)
class Package:
    """A read package: whose work, under which schema, on which texts."""

    path: str
    annotator: str
    schema: Schema
    created: str
    layers: tuple[PackagedLayer, ...]


@dataclass(slots=True)
class MergeReport:
    """What a merge did, layer by layer."""

    outcomes: list[tuple[str, str, LayerOutcome]] = field(default_factory=list)  # doc id, annotator, outcome

    def count(self, outcome: LayerOutcome) -> int:
        """How many layers had this outcome."""
        return sum(1 for *_, o in self.outcomes if o is outcome)


def write_package(project: Project, annotator: str, out: str | Path) -> int:
    """Write ``annotator``'s started layers (accepted spans only) to a gzipped JSON file; returns the count."""
    if looks_gold(annotator):
        raise ProjectError(f"a package holds one annotator's work; {GOLD!r} is made by curation, not packaged")
    check_target(out, [project.path])  # before the work: a bad --out fails at once
    documents: list[dict[str, Any]] = []
    for document in project.iter_documents(layers=[annotator]):
        layer = document.layers.get(annotator)
        if layer is None or not layer_started(layer):
            continue
        documents.append(
            {
                "hash": content_hash(document.text),
                "id": document.id,
                "title": document.title,
                "chars": len(document.text),
                "status": str(layer.status),
                "spans": [
                    {"start": s.start, "end": s.end, "label": s.label, "role": s.role, "source": s.source}
                    for s in layer.accepted()
                ],
            }
        )
    if not documents:
        known = sorted({name for info in project.documents() for name in info.layers})
        raise ProjectError(
            f"{annotator!r} has no annotated documents in {project.path} (layers: {', '.join(known) or 'none'})"
        )
    data = {
        "format": FORMAT,
        "version": VERSION,
        "annotator": annotator,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "barchasb": __version__,
        "schema": project.schema.to_json(),
        "documents": documents,
    }
    payload = gzip.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), mtime=0)
    write_atomically(out, payload, [project.path])
    return len(documents)


def looks_gold(name: str) -> bool:
    """Whether ``name`` reads as the gold layer once spaces, format characters and case are set aside."""
    kept = "".join(c for c in name.strip() if unicodedata.category(c) != "Cf" and not c.isspace())
    return kept.casefold() == GOLD.casefold()


def read_package(path: str | Path) -> Package:
    """Read and check a package; every problem names the file and the field."""
    name = str(path)
    try:
        blob = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", name) from None
    text = inflate(blob, name) if blob[:2] == b"\x1f\x8b" else blob
    _check_density(text, name)
    try:
        data = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"not a Barchasb package ({exc})", name) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError("not a Barchasb package (no 'format': 'barchasb-package')", name)
    if data.get("version") != VERSION:
        raise InputError(f"package version {data.get('version')!r}; this Barchasb reads version {VERSION}", name)
    annotator = _field(data, "annotator", str, name)
    if not annotator.strip():
        raise InputError("'annotator' is empty", name)
    if looks_gold(annotator):
        reads = "" if annotator == GOLD else f", which reads as {GOLD!r}"
        raise InputError(
            f"'annotator' is {annotator!r}{reads}: gold is made by curation in the reviewer's project", name
        )
    if (bad := first_unprintable(annotator)) is not None:
        raise InputError(f"'annotator' {annotator!r} holds a control character ({bad})", name)
    _check_strings(data, name)
    try:
        schema = Schema.from_json(_field(data, "schema", dict, name), origin="schema")
    except SchemaError as exc:
        raise InputError(f"schema: {exc}", name) from None
    entries = _field(data, "documents", list, name)
    layers = tuple(_layer(entry, annotator, f"documents[{i}]", name) for i, entry in enumerate(entries))
    return Package(name, annotator, schema, str(data.get("created", "")), layers)


def _check_density(text: bytes, name: str) -> None:
    """Refuse JSON that packs far more objects and lists into its bytes than a package ever does.

    Parsed, ``{}`` costs Python some 60 bytes for its 3, so 63 MiB of them took 1.6 GB; a real package
    spends more than 40 bytes on each of its objects (a span has five named fields).
    """
    containers = text.count(b"{") + text.count(b"[")
    if containers * MIN_BYTES_PER_CONTAINER > len(text) + 4096:
        raise InputError(
            f"refused: {containers:,} JSON objects and lists in {len(text):,} bytes is not a package "
            "(it would take far more memory than its size)",
            name,
        )


def inflate(blob: bytes, name: str) -> bytes:
    """Gunzip ``blob`` in bounded chunks; refuses more than the inflate limit (a decompression bomb)."""
    limit = min(INFLATE_CEILING, max(INFLATE_FLOOR, INFLATE_RATIO * len(blob)))
    pieces: list[bytes] = []
    size = 0
    rest = blob
    while rest:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)  # a gzip member (several may follow each other)
        pending = rest
        try:
            while not inflater.eof:
                piece = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
                if not piece and not pending:
                    raise InputError("not a Barchasb package (the gzip data is cut short)", name)
                size += len(piece)
                if size > limit:
                    raise InputError(
                        f"refused: inflates to more than {limit // 2**20} MiB from {len(blob):,} bytes "
                        "(a package is never this large; is it a decompression bomb?)",
                        name,
                    )
                pieces.append(piece)
        except zlib.error as exc:
            raise InputError(f"not a Barchasb package (bad gzip data: {exc})", name) from None
        rest = inflater.unused_data
        if rest and rest[:2] != b"\x1f\x8b":
            if rest.strip(b"\x00"):
                raise InputError("not a Barchasb package (data after the gzip stream)", name)
            break  # zero padding some tools add
    return b"".join(pieces)


def merge_packages(project: Project, paths: Iterable[str | Path], *, replace: bool = False) -> MergeReport:
    """Add the packages' layers to their documents; all or nothing, refusing whatever does not match."""
    packages = [read_package(path) for path in paths]
    report = MergeReport()
    plan: list[tuple[str, Layer]] = []
    claimed: dict[tuple[str, str], str] = {}
    schema = project.schema
    for package in packages:
        _check_schema(package, schema)
        missing: list[str] = []
        for item in package.layers:
            doc_id = project.find_by_hash(item.hash)
            if doc_id is None:
                missing.append(f"«{item.title}» ({item.doc_id}, text hash {item.hash[:12]})")
                continue
            document = project.document(doc_id)
            for span in item.layer.spans:
                try:
                    document.check_span(span, tokens=False)
                    schema.get(span.label)
                    schema.check_role(span.label, span.role)
                except (SpanError, SchemaError) as exc:
                    raise InputError(f"document {item.doc_id}: {exc}", package.path) from None
            key = (doc_id, package.annotator)
            if key in claimed:
                raise InputError(f"{package.annotator}'s layer of {doc_id} is also in {claimed[key]}", package.path)
            claimed[key] = package.path
            existing = document.layers.get(package.annotator)
            if (
                existing is not None
                and not replace
                and layer_started(existing)
                and not same_annotations(existing.spans, item.layer.spans)
            ):
                raise InputError(
                    f"{doc_id} already has a different layer of {package.annotator}; "
                    "merge again with replace (--replace) to overwrite it; nothing was merged",
                    package.path,
                )
            plan.append((doc_id, item.layer))
        if missing:
            shown = "; ".join(missing[:5]) + (f"; … {len(missing) - 5} more" if len(missing) > 5 else "")
            raise InputError(
                f"{len(missing)} of its {len(package.layers)} documents are not in {project.path}: {shown} "
                "(import those articles first; a text must match exactly)",
                package.path,
            )
    with project.transaction():
        project.will_write_spans()
        if (current := project.schema) != schema:  # changed elsewhere since the packages were checked
            for package in packages:
                try:
                    _check_schema(package, current)
                except InputError as exc:
                    raise StaleEdit(f"{_SCHEMA_CHANGED}; {exc}; nothing was merged") from None
        for doc_id, layer in plan:
            outcome = project.put_layer(doc_id, layer, replace=replace, tokens=False)
            report.outcomes.append((doc_id, layer.annotator, outcome))
    return report


_SCHEMA_CHANGED = "the schema was changed elsewhere (another window or user) while this merge ran"


def _check_schema(package: Package, schema: Schema) -> None:
    """Labels and their roles must be the same on both sides (colours and keys may differ)."""
    theirs = {t.name: set(t.roles) for t in package.schema.types}
    ours = {t.name: set(t.roles) for t in schema.types}
    problems: list[str] = []
    if only_theirs := sorted(set(theirs) - set(ours)):
        problems.append(f"labels not in this project: {', '.join(only_theirs)}")
    if only_ours := sorted(set(ours) - set(theirs)):
        problems.append(f"labels the package lacks: {', '.join(only_ours)}")
    if roles := sorted(name for name in set(ours) & set(theirs) if ours[name] != theirs[name]):
        problems.append(f"different roles for {', '.join(roles)}")
    if problems:
        raise InputError(f"its schema does not match the project's ({'; '.join(problems)})", package.path)


def _layer(entry: object, annotator: str, where: str, path: str) -> PackagedLayer:
    if not isinstance(entry, dict):
        raise InputError(f"{where}: expected an object", path)
    digest = _field(entry, "hash", str, path, where)
    status = _field(entry, "status", str, path, where)
    if status not in set(LayerStatus):
        raise InputError(f"{where}.status: {status!r} is not one of {', '.join(LayerStatus)}", path)
    spans: list[Span] = []
    for number, raw in enumerate(_field(entry, "spans", list, path, where)):
        at = f"{where}.spans[{number}]"
        if not isinstance(raw, dict):
            raise InputError(f"{at}: expected an object", path)
        role = raw.get("role")
        source = raw.get("source") or "human"
        if (role is not None and not isinstance(role, str)) or not isinstance(source, str):
            raise InputError(f"{at}: role and source must be strings", path)
        try:
            spans.append(
                Span(
                    _field(raw, "start", int, path, at),
                    _field(raw, "end", int, path, at),
                    _field(raw, "label", str, path, at),
                    role,
                    source=source,
                )
            )
        except SpanError as exc:
            raise InputError(f"{at}: {exc}", path) from None
    layer = Layer(annotator, LayerStatus(status), tuple(spans))
    return PackagedLayer(digest, str(entry.get("id", "")), str(entry.get("title", "")), layer)


def _check_strings(value: object, path: str, where: str = "") -> None:
    """Refuse text a project cannot store: a lone surrogate (JSON's ``\\ud800``), a NUL (a server cannot)."""
    stack: list[tuple[object, str]] = [(value, where)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, str):
            if "\0" in item:
                raise InputError(f"{at or 'a value'}: a NUL character (U+0000), which a project cannot hold", path)
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(f"{at or 'a value'}: a lone surrogate (\\u{ord(item[exc.start]):04x})", path) from None
        elif isinstance(item, dict):
            stack.extend((v, f"{at}.{k}" if at else str(k)) for k, v in item.items())
            stack.extend((k, at) for k in item)
        elif isinstance(item, list):
            stack.extend((v, f"{at}[{i}]") for i, v in enumerate(item))


def _field[T](data: Mapping[str, Any], key: str, kind: type[T], path: str, where: str = "") -> T:
    value = data.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        label = f"{where}.{key}" if where else key
        raise InputError(f"{label}: expected {kind.__name__}, got {type(value).__name__}", path)
    return value
