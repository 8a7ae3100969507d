"""The ``barchasb`` command line: parses arguments, calls the core, prints results."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from typing import Any

from annotator import __version__, cli_review, cli_team
from annotator.console import counted, print_json, printable, printable_lines
from annotator.errors import BarchasbError, PasswordRequired
from annotator.importers import FORMATS, ImportOptions, import_paths, parse_label_map
from annotator.outputs import atomic_file, check_target
from annotator.schema import PRESETS, load_schema
from annotator.store import Project
from annotator.store.server_urls import check_schema_name, shown, with_schema
from annotator.text.profiles import Profile

EXPORT_FORMATS = ("conll", "hf", "hf-disk", "jsonl", "doccano", "label-studio", "webanno-tsv")  # exports.FORMATS

PROFILES = [str(p) for p in Profile]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="barchasb", description="Persian named-entity annotation.")
    parser.add_argument("--version", action="version", version=f"barchasb {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = sub.add_parser("new", help="create a project: a file, or a postgresql://user@host:port/dbname database")
    new.add_argument("project")
    new.add_argument("--schema", default="combined", help=f"{'|'.join(PRESETS)} or FILE.json (default: combined)")
    new.add_argument(
        "--normalize",
        choices=PROFILES,
        default="standard",
        help="normalization of txt/JSONL/CSV input (default: standard)",
    )
    new.add_argument(
        "--db-schema",
        type=_db_schema,
        metavar="NAME",
        help="a server project: the database schema that holds it (default: barchasb; several projects can share a "
        "database); written into the URL's options, which every later command is given",
    )

    imp = sub.add_parser("import", help="import documents (and their entities) into a project")
    imp.add_argument("project")
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--format", choices=FORMATS, default="auto")
    imp.add_argument("--encoding", default="auto", help="auto (UTF-8, UTF-16 with BOM, Windows-1256) or a codec name")
    imp.add_argument("--annotator", help="layer for imported entities (default: the file's, else 'imported')")
    imp.add_argument(
        "--normalize", choices=PROFILES, help="override the project's profile (CoNLL is not normalized unless given)"
    )
    imp.add_argument("--add-labels", action="store_true", help="add labels missing from the schema")
    imp.add_argument(
        "--replace",
        action="store_true",
        help="a text already in the project: replace that annotator's layer (default: keep it)",
    )
    imp.add_argument("--label-map", default="", help="rename labels: pers=PER,org=ORG,...")
    imp.add_argument(
        "--split",
        metavar="NAME",
        help="the corpus split of these documents: train, validation (dev, valid), test or another name "
        "(default: the one the file is named for: train.txt, dev.conll, test_fold1.txt)",
    )
    imp.add_argument(
        "--sentences-per-doc",
        type=int,
        default=100,
        help="CoNLL without -DOCSTART-: sentences per document (default: 100)",
    )

    docs = sub.add_parser("docs", help="list the documents of a project")
    docs.add_argument("project")
    docs.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="show one document")
    show.add_argument("project")
    show.add_argument("doc_id", metavar="DOC_ID")
    show.add_argument("--json", action="store_true")

    exp = sub.add_parser(
        "export", help="write a training set (CoNLL, HuggingFace, JSONL) or files for doccano, Label Studio, INCEpTION"
    )
    exp.add_argument("project")
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exp.add_argument("--out", required=True, help="a folder (one file per split) or, for one split, one file")
    exp.add_argument("--layer", help="whose annotations: gold (default where it exists) or an annotator")
    exp.add_argument("--scheme", choices=("iob2", "iob1", "bioes"), default="iob2")
    exp.add_argument(
        "--sep", choices=("space", "tab"), default="space", help="CoNLL column separator (default: space, as conlleval)"
    )
    exp.add_argument(
        "--layout",
        choices=("plain", "conll2003"),
        default="plain",
        help="CoNLL: `token TAG` (plain) or CoNLL-2003's `token -X- _ TAG` with -DOCSTART- -X- -X- O",
    )
    exp.add_argument("--docstart", action="store_true", help="CoNLL: a -DOCSTART- line before each document")
    exp.add_argument(
        "--split",
        help="keep (the corpus's own splits; the default when every document has one) or fractions for "
        "train[,validation],test (default 0.8,0.1,0.1; doccano, Label Studio and WebAnno TSV: one split)",
    )
    exp.add_argument("--seed", type=int, default=13)
    exp.add_argument("--unit", choices=("sentence", "document"), default="sentence")
    exp.add_argument("--only-done", action="store_true", help="only documents marked done or reviewed")
    exp.add_argument("--roles", action="store_true", help="CoNLL: a role column before the tag")
    exp.add_argument("--label-map", default="", help="write labels under other names: PER=pers,EVE=event,...")
    exp.add_argument("--license", metavar="ID", help="HuggingFace card: the data's license (e.g. cc-by-4.0)")
    exp.add_argument("--curators", metavar="NAMES", help="HuggingFace card: who curated gold (comma-separated)")
    exp.add_argument(
        "--as",
        dest="as_",
        choices=("annotations", "predictions"),
        default="annotations",
        help="Label Studio: our spans as annotations (default) or as predictions to review",
    )
    exp.add_argument(
        "--drop-conflicts",
        action="store_true",
        help="leave out spans the format cannot carry (overlapping, misaligned) instead of stopping",
    )

    pre = sub.add_parser("pretag", help="suggest entities: rules, cue words, gazetteer, learned model")
    pre.add_argument("project")
    pre.add_argument("doc_ids", nargs="*", metavar="DOC_ID", help="documents to pre-tag (default: all)")
    pre.add_argument("--annotator", default="auto", help="layer that receives the suggestions (default: auto)")
    pre.add_argument("--taggers", default="rules,cues,gazetteer,model", help="comma-separated, in any order")
    pre.add_argument("--min-confidence", type=_confidence, default=0.0, help="from 0 to 1 (default: 0)")

    train = sub.add_parser("train", help="train the learned tagger on the project (and CoNLL files)")
    train.add_argument("project")
    train.add_argument("--conll", nargs="+", default=[], metavar="FILE")
    train.add_argument("--layer", help="gold (default where it exists) or an annotator")

    ev = sub.add_parser("evaluate", help="strict entity-level precision, recall, F1 of the learned tagger")
    ev.add_argument("project", nargs="?", help="use this project's trained model")
    ev.add_argument("--train", nargs="+", default=[], metavar="FILE", help="train a model on these CoNLL files")
    ev.add_argument("--test", required=True, metavar="FILE")
    ev.add_argument("--json", action="store_true")

    lex = sub.add_parser("lexicon", help="import or export the gazetteer's user lexicon (text<TAB>label)")
    lex.add_argument("project")
    way = lex.add_mutually_exclusive_group(required=True)
    way.add_argument("--import", dest="import_file", metavar="FILE")
    way.add_argument("--export", dest="export_file", metavar="FILE")

    ren = sub.add_parser("render", help="draw an annotated document to a PNG, as the editor shows it")
    ren.add_argument("project")
    ren.add_argument("doc_id", metavar="DOC_ID")
    ren.add_argument("--out", required=True, metavar="FILE.png")
    ren.add_argument("--layer", help="whose spans (default: the document's first layer)")
    ren.add_argument(
        "--width",
        type=_render_width,
        default=900,
        metavar="PX",
        help=f"image width in pixels, {MIN_WIDTH} to {MAX_WIDTH} (default: 900)",
    )

    cp = sub.add_parser(
        "copy",
        help="copy a whole project between a file and a PostgreSQL database (either way, or file to file)",
        description="SRC and DST are each a project file or a postgresql://user@host:port/dbname URL; "
        "DST must not hold a project yet.",
    )
    cp.add_argument("source", metavar="SRC")
    cp.add_argument("target", metavar="DST")
    cp.add_argument(
        "--db-schema",
        type=_db_schema,
        metavar="NAME",
        help="a server DST: the database schema that receives the project (default: barchasb); written into the "
        "URL's options, which every later command is given",
    )

    gui = sub.add_parser("gui", help="open the annotator window")
    gui.add_argument("project", nargs="?")
    gui.add_argument("--annotator", help="your annotator name (asked once and remembered when omitted)")
    gui.add_argument("--review", action="store_true", help="open in curation mode (the gold layer)")
    gui.add_argument(
        "--lang", choices=("fa", "en"), help="the interface's language (default: the preference, else the system's)"
    )
    cli_review.add_parsers(sub)
    cli_team.add_parsers(sub)
    return parser


MIN_WIDTH, MAX_WIDTH = 200, 10000


def _confidence(text: str) -> float:
    """A ``--min-confidence`` value: a number from 0 to 1 (nan and inf are refused)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:  # also false for nan
        raise argparse.ArgumentTypeError(f"the confidence must be a number from 0 to 1, not {printable(text)!r}")
    return value


def _db_schema(text: str) -> str:
    """A ``--db-schema`` value: a plain lower-case name PostgreSQL does not keep for itself."""
    try:
        return check_schema_name(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(printable(str(exc))) from None


def _render_width(text: str) -> int:
    """A ``render --width`` value: a whole number of pixels in a range a picture can be drawn at."""
    try:
        width = int(text)
    except ValueError:
        width = 0
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise argparse.ArgumentTypeError(
            f"the width must be a whole number of pixels from {MIN_WIDTH} to {MAX_WIDTH}, not {printable(text)!r}"
        )
    return width


def _error(message: str) -> None:
    """Print ``barchasb: error: MESSAGE`` on standard error, each of its lines made printable."""
    print("barchasb: error: " + printable_lines(message), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (1 for errors in the input or the project)."""
    args = build_parser().parse_args(argv)
    try:
        return int(COMMANDS[args.command](args) or 0)
    except PasswordRequired as exc:
        _error(f"{exc} (the command line takes it from PGPASSWORD, ~/.pgpass or a service file)")
        return 1
    except BarchasbError as exc:
        _error(str(exc))
        return 1
    except BrokenPipeError:  # e.g. `barchasb docs P | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (sqlite3.DatabaseError, OSError) as exc:  # a damaged page, a full or vanished disk: one line
        print(f"barchasb: error: {printable(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("barchasb: interrupted; nothing from the unfinished step was saved", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: one line, never a traceback
        detail = printable(str(exc)).strip()
        print(f"barchasb: error: internal error: {type(exc).__name__}: {detail} (please report it)", file=sys.stderr)
        return 1


def _new(args: argparse.Namespace) -> int:
    location = with_schema(args.project, args.db_schema)
    schema = load_schema(args.schema)
    with Project.create(location, schema, Profile(args.normalize)):
        pass
    print(
        f"created {printable(shown(location))}: schema {schema.name} ({', '.join(schema.labels)}), "
        f"normalization {args.normalize}"
    )
    if location != args.project:
        print(f"open it with this URL (its options name the schema {args.db_schema}): {printable(shown(location))}")
    return 0


def _import(args: argparse.Namespace) -> int:
    options = ImportOptions(
        format=args.format,
        encoding=args.encoding,
        annotator=args.annotator,
        normalize=Profile(args.normalize) if args.normalize else None,
        add_labels=args.add_labels,
        label_map=parse_label_map(args.label_map),
        sentences_per_doc=args.sentences_per_doc,
        replace=args.replace,
        split=args.split,
    )
    with Project.open(args.project) as project:
        progress = _terminal_progress("importing") if sys.stderr.isatty() else None
        report = import_paths(project, args.paths, options, progress)
    for note in report.notes:
        print(printable_lines(note))
    if report.added_labels:
        print(f"added labels to the schema: {printable(', '.join(report.added_labels))}")
    joined = sum(1 for *_, outcome in report.layers if outcome in ("added", "replaced"))
    layers = f", and {counted(joined, 'layer')} to documents already there" if joined else ""
    documents, entities = counted(len(report.documents), "document"), counted(report.spans, "entity", "entities")
    print(f"imported {documents} with {entities}{layers} into {args.project}")
    return 0


def _terminal_progress(what: str) -> Any:
    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{what}: {100 * done // max(total, 1)}%", end=end, file=sys.stderr, flush=True)

    return show


def _docs(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        infos = project.documents()
    if args.json:
        print_json([info.to_json() for info in infos])
        return 0
    width = max((len(printable(i.id)) for i in infos), default=2)
    print(f"{'id':<{width}}  {'tokens':>6}  {'status':<11}  layers  title")
    for info in infos:
        print(
            f"{printable(info.id):<{width}}  {info.tokens:>6}  {info.status!s:<11}  "
            f"{printable(','.join(info.layers)) or '-':<6}  {printable(info.title)}"
        )
    print(f"{counted(len(infos), 'document')}, {counted(sum(i.tokens for i in infos), 'token')}")
    return 0


def _show(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        doc = project.document(args.doc_id)
    if args.json:
        print_json(
            {
                "id": doc.id,
                "title": doc.title,
                "meta": dict(doc.meta),
                "raw_text": doc.raw_text,
                "text": doc.text,
                "raw_offsets": list(doc.raw_offsets),
                "tokens": [list(t) for t in doc.tokens],
                "sentences": [list(s) for s in doc.sentences],
                "layers": {
                    name: {"status": str(layer.status), "spans": [s.to_json() for s in layer.spans]}
                    for name, layer in doc.layers.items()
                },
            }
        )
        return 0
    print(f"{printable(doc.id)}: {printable(doc.title)}")
    print(
        f"status {doc.status}; {len(doc.tokens)} tokens in {len(doc.sentences)} sentences; {len(doc.text)} characters"
    )
    print()
    print(printable_lines(doc.text))
    for name, layer in doc.layers.items():
        print(f"\n[{printable(name)}] {layer.status}, {len(layer.spans)} spans")
        for span in layer.spans:
            extra = f" role={printable(span.role)}" if span.role else ""
            mark = " (suggested)" if span.status == "suggested" else ""
            shown = printable(doc.text[span.start : span.end])
            print(f"  {span.start:>6}-{span.end:<6} {printable(span.label):<4} {shown}{extra}{mark}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from annotator.tags import Scheme
    from exports import ExportOptions, export

    curators = tuple(name.strip() for name in (args.curators or "").split(",") if name.strip())
    options = ExportOptions(
        format=args.format,
        out=Path(args.out),
        layer=args.layer,
        scheme=Scheme(args.scheme),
        sep=args.sep,
        docstart=args.docstart,
        split=args.split,
        seed=args.seed,
        unit=args.unit,
        only_done=args.only_done,
        roles=args.roles,
        drop_conflicts=args.drop_conflicts,
        layout=args.layout,
        label_map=parse_label_map(args.label_map),
        license=args.license,
        curators=curators,
        as_predictions=args.as_ == "predictions",
    )
    with Project.open(args.project) as project:
        progress = _terminal_progress("exporting") if sys.stderr.isatty() else None
        report = export(project, options, progress)
    splits = ", ".join(f"{name} {count}" for name, count in report.documents.items())
    print(
        f"exported layer {printable(report.layer)}: {counted(sum(report.documents.values()), 'document')} ({splits}; "
        f"{report.split}), {counted(report.spans, 'entity', 'entities')}"
    )
    if report.skipped_without_layer:
        left_out = counted(report.skipped_without_layer, "document")
        print(f"left out {left_out} without a {printable(report.layer)} layer")
    if report.dropped:
        print(f"dropped {report.dropped} spans that the format cannot carry")
    for note in report.notes:
        print(f"note: {printable_lines(note)}")
    for warning in report.warnings:
        print(f"barchasb: warning: {printable(warning)}", file=sys.stderr)
    for path in report.files:
        print(f"  {printable(str(path))}")
    return 0


def _pretag(args: argparse.Namespace) -> int:
    from annotator.pretag.pipeline import pretag

    taggers = [t.strip() for t in args.taggers.split(",") if t.strip()]
    with Project.open(args.project) as project:
        progress = _terminal_progress("pre-tagging") if sys.stderr.isatty() else None
        report = pretag(
            project,
            args.doc_ids or None,
            annotator=args.annotator,
            taggers=taggers,
            min_confidence=args.min_confidence,
            progress=progress,
        )
    for note in report.notes:
        print(f"note: {printable_lines(note)}")
    sources = ", ".join(f"{source} {count}" for source, count in sorted(report.by_source.items()))
    print(
        f"pre-tagged {counted(report.documents, 'document')}: {counted(report.suggestions, 'suggestion')} "
        f"in layer {printable(args.annotator)}" + (f" ({printable(sources)})" if sources else "")
    )
    return 0


def _train(args: argparse.Namespace) -> int:
    from annotator.pretag.training import train_project

    with Project.open(args.project) as project:
        progress = _terminal_progress("training") if sys.stderr.isatty() else None
        model, summary = train_project(project, args.conll, args.layer, progress)
    meta = model.meta
    labels = printable(", ".join(meta["labels"])) or "none"
    print(
        f"trained on {printable(str(summary))}: {meta['tokens']} tokens, labels {labels}, "
        f"{meta['train_seconds']:.1f} s; saved in {args.project}"
    )
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from annotator.pretag.crf import MODEL_NAME, CrfTagger
    from annotator.pretag.training import conll_sentences, evaluate

    if bool(args.project) == bool(args.train):
        print("barchasb: error: evaluate needs either PROJECT or --train FILE...", file=sys.stderr)
        return 2
    if args.train:
        sentences = [s for path in args.train for s in conll_sentences(path)]
        progress = _terminal_progress("training") if sys.stderr.isatty() else None
        model = CrfTagger.train(sentences, progress=progress)
    else:
        with Project.open(args.project) as project:
            stored = project.load_model(MODEL_NAME)
        if stored is None:
            print(f"barchasb: error: {args.project} has no trained model (run `barchasb train`)", file=sys.stderr)
            return 1
        model = CrfTagger.deserialize(*stored)
    result = evaluate(model, conll_sentences(args.test))
    if args.json:
        print_json(result)
        return 0
    print(f"{'type':<6} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>8}")
    for label, score in result["per_type"].items():
        print(
            f"{printable(label):<6} {score['precision']:>9.4f} {score['recall']:>9.4f} {score['f1']:>9.4f} "
            f"{score['support']:>8}"
        )
    print(
        f"{'micro':<6} {result['precision']:>9.4f} {result['recall']:>9.4f} {result['f1']:>9.4f} "
        f"{sum(s['support'] for s in result['per_type'].values()):>8}"
    )
    print(f"training {result['train_seconds']:.1f} s; tagging {result['tokens_per_second']:,.0f} tokens/s")
    if _scheme_of(args.test) == "bioes":
        print(
            f"note: {args.test} is tagged BIOES; these scores read its S- and E- tags as entities. conlleval knows "
            "only IOB and counts S- and E- entities wrongly: give it an IOB2 file (export --scheme iob2)"
        )
    return 0


def _scheme_of(path: str) -> str:
    """The tagging scheme of a CoNLL file (iob1, iob2 or bioes)."""
    from pathlib import Path

    from annotator.importers.conll import read_conll
    from annotator.importers.encoding import read_text

    return read_conll(Path(path), read_text(Path(path)), sentences_per_doc=10**9)[1].scheme


def _lexicon(args: argparse.Namespace) -> int:
    from annotator.pretag.lexicon_file import read_lexicon, write_lexicon

    with Project.open(args.project) as project:
        if args.import_file:
            entries = read_lexicon(args.import_file, project.schema)
            project.add_lexicon(entries)
            print(f"imported {len(entries)} lexicon entries into {args.project}")
        else:
            with atomic_file(args.export_file, [project.path]) as temporary:
                count = write_lexicon(temporary, project)
            print(f"wrote {count} lexicon entries to {args.export_file}")
    return 0


def _render(args: argparse.Namespace) -> int:
    from ui.render import render

    with Project.open(args.project) as project:
        project.document(args.doc_id)  # raises DocumentNotFound with a clear message
        check_target(args.out, [project.path])
    with atomic_file(args.out, [args.project]) as temporary:
        render(args.project, args.doc_id, str(temporary), args.layer, args.width)
    print(f"wrote {args.out}")
    return 0


def _gui(args: argparse.Namespace) -> int:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        print(
            "barchasb: error: no screen (DISPLAY is not set). Run it in a desktop session, "
            "or under Xvfb: xvfb-run barchasb gui PROJECT",
            file=sys.stderr,
        )
        return 1
    from ui.app import run

    return run(args.project, args.annotator, review=args.review, lang=args.lang)


def _copy(args: argparse.Namespace) -> int:
    from annotator.store.copying import copy_project

    target = with_schema(args.target, args.db_schema)
    progress = _terminal_progress("copying") if sys.stderr.isatty() else None
    report = copy_project(args.source, target, progress)
    print(f"copied {report.summary()} from {printable(shown(args.source))} to {printable(shown(target))}")
    if target != args.target:
        print(f"open it with this URL (its options name the schema {args.db_schema}): {printable(shown(target))}")
    return 0


COMMANDS = {
    "new": _new,
    "import": _import,
    "docs": _docs,
    "show": _show,
    "export": _export,
    "pretag": _pretag,
    "train": _train,
    "evaluate": _evaluate,
    "lexicon": _lexicon,
    "render": _render,
    "gui": _gui,
    "copy": _copy,
    **cli_review.COMMANDS,
    **cli_team.COMMANDS,
}

if __name__ == "__main__":
    sys.exit(main())
