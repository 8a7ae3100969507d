"""The team commands of ``barchasb``: package, merge, assign, progress, agree, curate."""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from typing import Any

from annotator.console import counted, print_json, printable, printable_lines
from annotator.errors import InputError, NotAllowed
from annotator.model import GOLD, DocStatus
from annotator.outputs import atomic_file, check_target
from annotator.review.agreement import AgreementReport
from annotator.store import Project
from annotator.store.review import LayerOutcome


def add_parsers(sub: Any) -> None:
    """Register the team commands on the ``barchasb`` subparsers."""
    pkg = sub.add_parser("package", help="write one annotator's layers to a file for the reviewer")
    pkg.add_argument("project")
    pkg.add_argument("--annotator", required=True)
    pkg.add_argument("--out", required=True, metavar="FILE")

    merge = sub.add_parser("merge", help="add annotators' packages to this (the reviewer's) project")
    merge.add_argument("project")
    merge.add_argument("packages", nargs="+", metavar="FILE")
    merge.add_argument("--replace", action="store_true", help="overwrite an annotator's different existing layer")

    assign = sub.add_parser("assign", help="say who should annotate which documents")
    assign.add_argument("project")
    assign.add_argument("doc_ids", nargs="*", metavar="DOC_ID", help="documents (default: all)")
    assign.add_argument("--annotators", required=True, help="comma-separated names")
    assign.add_argument("--per-doc", type=int, help="annotators per document, taken in turn (default: all of them)")
    assign.add_argument("--remove", action="store_true", help="withdraw these assignments instead")

    prog = sub.add_parser("progress", help="who has done what")
    prog.add_argument("project")
    prog.add_argument("--json", action="store_true")

    agree = sub.add_parser("agree", help="inter-annotator agreement: span F1, Cohen/Fleiss κ, Krippendorff α")
    agree.add_argument("project")
    agree.add_argument("--annotators", help="comma-separated (default: every annotator but gold)")
    agree.add_argument("--labels", help="comma-separated (default: every label of the schema)")
    agree.add_argument("--json", action="store_true")
    agree.add_argument("--csv", metavar="FILE", help="also write the figures per pair, label and document")

    cur = sub.add_parser("curate", help="build the gold layer: --auto accepts what annotators agree on")
    cur.add_argument("project")
    cur.add_argument("--auto", action="store_true", help="accept agreed spans into gold")
    cur.add_argument("--min-agree", type=int, metavar="K", help="annotators who must agree (default: all)")
    cur.add_argument("--annotators", help="comma-separated (default: every annotator but gold)")


def _names(spec: str | None) -> list[str] | None:
    if spec is None:
        return None
    names = [name.strip() for name in spec.split(",") if name.strip()]
    if not names:
        raise InputError(f"expected comma-separated names, got {spec!r}")
    return names


def _package(args: argparse.Namespace) -> int:
    from annotator.review.package import write_package

    with Project.open(args.project) as project:
        count = write_package(project, args.annotator, args.out)
    print(f"wrote {counted(count, 'document')} of {printable(args.annotator)} to {args.out}")
    return 0


def _merge(args: argparse.Namespace) -> int:
    from annotator.review.package import merge_packages

    with Project.open(args.project) as project:
        report = merge_packages(project, args.packages, replace=args.replace)
    by_annotator: dict[str, Counter[LayerOutcome]] = {}
    for _, name, outcome in report.outcomes:
        by_annotator.setdefault(name, Counter())[outcome] += 1
    for name, counts in sorted(by_annotator.items()):
        done = ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
        print(f"{printable(name)}: {done}")
    added = report.count(LayerOutcome.ADDED) + report.count(LayerOutcome.REPLACED)
    print(f"merged {added} layers from {len(args.packages)} packages into {args.project}")
    return 0


def _assign(args: argparse.Namespace) -> int:
    names = _names(args.annotators) or []
    with Project.open(args.project) as project:
        doc_ids = args.doc_ids or [info.id for info in project.documents()]
        if args.remove:
            count = project.unassign(doc_ids, names)
            print(f"withdrew {count} assignments")
            return 0
        per_doc = args.per_doc or len(names)
        if not 1 <= per_doc <= len(names):
            raise InputError(f"--per-doc must be between 1 and {len(names)}, not {per_doc}")
        count = 0
        with project.transaction():
            for number, doc_id in enumerate(doc_ids):
                chosen = [names[(number * per_doc + k) % len(names)] for k in range(per_doc)]
                count += project.assign([doc_id], chosen)
    print(
        f"assigned {len(doc_ids)} documents to {per_doc} of {printable(', '.join(names))} each "
        f"({count} new assignments)"
    )
    return 0


def _progress(args: argparse.Namespace) -> int:
    from annotator.review.team import summarize

    with Project.open(args.project) as project:
        people = summarize(project.progress())
        infos = project.documents()
    reviewed = sum(1 for info in infos if info.status is DocStatus.REVIEWED)
    if args.json:
        print_json({"documents": len(infos), "reviewed": reviewed, "annotators": people})
        return 0
    width = max((len(printable(name)) for name in people), default=9)
    print(f"{'annotator':<{width}}  assigned  not started  in progress  done  spans")
    for name, c in people.items():
        print(
            f"{printable(name):<{width}}  {c['assigned']:>8}  {c['not_started']:>11}  {c['in_progress']:>11}  "
            f"{c['done']:>4}  {c['spans']:>5}"
        )
    print(f"{len(infos)} documents, {reviewed} reviewed")
    return 0


def _agree(args: argparse.Namespace) -> int:
    from annotator.review.agreement import project_agreement
    from annotator.review.report_io import format_text, write_csv

    with Project.open(args.project) as project:
        if args.csv:
            check_target(args.csv, [project.path])  # before the work: a bad --csv fails at once
        report = project_agreement(project, _names(args.annotators), _names(args.labels))
        if args.csv:
            with atomic_file(args.csv, [project.path]) as temporary:
                write_csv(report, temporary)
    if args.json:
        print_json(report.to_json())
    else:
        print(printable_lines(format_text(_shown_report(report))))
    return 0


def _shown_report(report: AgreementReport) -> AgreementReport:
    """A copy of ``report`` whose names, ids and titles are escaped, so none can break a line of the table."""
    return dataclasses.replace(
        report,
        annotators=[printable(name) for name in report.annotators],
        labels=[printable(label) for label in report.labels],
        pairs=[dataclasses.replace(p, a=printable(p.a), b=printable(p.b)) for p in report.pairs],
        per_label={
            printable(label): dataclasses.replace(f, spans={printable(k): n for k, n in f.spans.items()})
            for label, f in report.per_label.items()
        },
        per_document=[
            dataclasses.replace(d, id=printable(d.id), title=printable(d.title)) for d in report.per_document
        ],
    )


def _may_curate(project: Project) -> None:
    """Refuse an annotator of a server project at once: they cannot see the layers to curate nor write gold."""
    from annotator.store import team

    who = team.whoami(project)
    if who is not None and who[1] in ("annotator", None):
        user, role = who
        raise NotAllowed(f"{user} ({role or 'not on the team'}) may not curate: curators and managers write {GOLD}")


def _curate(args: argparse.Namespace) -> int:
    from annotator.review.curation import annotators_of, auto_curate, review_regions

    with Project.open(args.project) as project:
        names = _names(args.annotators)
        if args.auto:
            _may_curate(project)
            several = sum(1 for document in project.iter_documents() if len(annotators_of(document, names)) > 1)
            report = auto_curate(project, min_agree=args.min_agree, annotators=names)
            curated = f"{report.documents} documents with two or more annotators"
            if args.min_agree is not None:  # documents with one annotator are curated too
                curated = (
                    f"{report.documents} documents curated ({several} with two or more annotators, "
                    f"{report.documents - several} with one)"
                )
            print(
                f"{curated}: {report.spans_added} agreed spans added to {GOLD}, {len(report.reviewed)} documents "
                f"now reviewed, {report.open_regions} disagreements left for the curator"
            )
            if report.single_annotator:
                print(f"{len(report.single_annotator)} documents have one annotator (use --min-agree 1 to take them)")
            return 0
        open_total = 0
        for document in project.iter_documents():
            left = [r for r in review_regions(document, project.decisions(document.id), names) if not r.resolved]
            if left:
                open_total += len(left)
                alone = len(annotators_of(document, names)) < 2
                kinds = {_kind(item.region.kind, alone) for item in left}
                print(f"{printable(document.id)}: {len(left)} open ({', '.join(sorted(kinds))})")
    print(f"{open_total} regions to settle; `curate --auto` takes the agreed ones, the rest in `barchasb gui --review`")
    return 0


def _kind(kind: object, alone: bool) -> str:
    """A region's kind of disagreement; None means nobody disagrees: agreed, or only one annotator looked."""
    if kind is not None:
        return str(kind)
    return "one annotator" if alone else "agreed"


COMMANDS = {
    "package": _package,
    "merge": _merge,
    "assign": _assign,
    "progress": _progress,
    "agree": _agree,
    "curate": _curate,
}
