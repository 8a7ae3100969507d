"""Pre-tagging and training while two annotators edit (separate processes, a file or a server): every
acknowledged edit is stored exactly, no accepted span is touched by the pre-tagger, and no suggestion
overlaps an accepted span of its layer."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from contextlib import suppress
from pathlib import Path

import pytest

from annotator.errors import ProjectBusy
from annotator.importers import ImportOptions, import_paths
from annotator.model import Span, SpanStatus
from annotator.pretag.crf import MODEL_NAME
from annotator.pretag.pipeline import Pretagger, pretag
from annotator.schema import preset
from annotator.store import Project
from annotator.store.edits import Expected
from tests.storage import query

TEXTS = (
    "آقای محمد تبریزی روز ۱۲ آبان ۱۴۰۴ در جلفا گفت تورم ۳۸٫۵ درصد است.",
    "خانم زهرا کریمی در تهران با دکتر علی رضایی دیدار کرد و گفت قیمت ۲۰ هزار تومان است.",
    "شرکت ملی نفت ایران روز ۳ مهر ۱۴۰۲ در شیراز اعلام کرد که آقای حسن احمدی مدیر شد.",
)
DOCS = 9
ANNOTATORS = ("ali", "sara")
EDITS = 120  # per annotator

# One annotator: add, relabel, delete, undo and redo in its own layer, each a checked edit as the window makes
# it; every acknowledged change is logged as the span's state after it (null: gone).
ANNOTATOR = textwrap.dedent(
    """
    import json, random, sys, time
    from pathlib import Path
    from annotator.model import Span
    from annotator.store import Project
    from annotator.store.edits import Expected

    path, name, places, flags, seed, edits = sys.argv[1:]
    places = json.loads(Path(places).read_text(encoding="utf-8"))
    flags = Path(flags)
    rng = random.Random(int(seed))
    labels = ["PER", "LOC", "ORG", "DAT"]
    mine = {doc: {} for doc in places}  # what this annotator believes its layer holds
    undo, redo = [], []
    with (
        Project.open(path) as p,
        open(flags / f"{name}.log", "w", encoding="utf-8") as log,
        open(flags / f"{name}.clashes", "w", encoding="utf-8") as clashes,
    ):
        while not (flags / "pretagger-ready").exists():
            time.sleep(0.01)

        def acknowledged(doc, span_id, span):
            log.write(json.dumps([doc, span_id, None if span is None else [span.start, span.end, span.label]]) + "\\n")
            log.flush()
            if span is None:
                del mine[doc][span_id]
            else:
                mine[doc][span_id] = span
            # the layer as the window reloads it after the edit: a suggestion never lies over an accepted span
            layer = p.layer_spans(doc, name)
            accepted = [s for s in layer if s.status.value == "accepted"]
            for s in layer:
                if s.status.value == "suggested" and any(a.start < s.end and s.start < a.end for a in accepted):
                    edit = None if span is None else [span.start, span.end, span.label]
                    clashes.write(json.dumps([doc, s.start, s.end, s.label, "after", span_id, edit]) + "\\n")

        def step(doc, before, after):
            if before is None:
                p.restore_span(doc, name, after)
            elif after is None:
                p.remove_span(before.id, expect=Expected(doc, name, before))
            else:
                p.update_span(before.id, expect=Expected(doc, name, before), label=after.label)
            acknowledged(doc, (before or after).id, after)

        def rounds():
            return len(list(flags.glob("round-*")))

        for _ in range(int(edits)):
            doc = rng.choice(sorted(places))
            kind = rng.choices(["add", "relabel", "delete", "undo", "redo"], [3, 1, 4, 4, 1])[0]
            if kind in ("relabel", "delete") and not mine[doc]:
                kind = "add"
            if kind in ("undo", "redo"):  # a whole round of the third process comes between an edit and its undo
                wait = rounds() + 2
                while rounds() < wait and not (flags / "worker-done").exists():
                    time.sleep(0.005)
            if kind == "undo" and undo:
                doc, before, after = undo.pop()
                step(doc, after, before)
                redo.append((doc, before, after))
            elif kind == "redo" and redo:
                doc, before, after = redo.pop()
                step(doc, before, after)
                undo.append((doc, before, after))
            elif kind in ("add", "undo", "redo"):
                start, end = rng.choice(places[doc]["suggested"] if rng.random() < 0.7 else places[doc]["tokens"])
                added = p.add_span(doc, name, Span(start, end, rng.choice(labels)))
                acknowledged(doc, added.id, added)
                undo.append((doc, None, added))
                redo.clear()
            else:
                before = mine[doc][rng.choice(sorted(mine[doc]))]
                after = None if kind == "delete" else before.with_changes(label=rng.choice(labels))
                step(doc, before, after)
                undo.append((doc, before, after))
                redo.clear()
    (flags / f"done-{name}").touch()
    """
)

# The third process: pre-tags the whole project (into `auto`, or into the annotators' own layers as the window
# does), or trains the model on ali's layer and pre-tags with it, round after round until both annotators are done.
WORKER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from annotator.pretag.pipeline import pretag
    from annotator.pretag.training import train_project
    from annotator.selection import LayerChoiceError
    from annotator.store import Project

    path, mode, flags = sys.argv[1:]
    flags = Path(flags)
    rounds = trained = 0
    try:
        with Project.open(path) as p:
            (flags / "pretagger-ready").touch()
            while rounds < 2 or not all((flags / f"done-{name}").exists() for name in ("ali", "sara")):
                if mode == "auto":
                    pretag(p)
                elif mode == "own":
                    for name in ("ali", "sara"):
                        pretag(p, annotator=name)
                else:
                    try:
                        train_project(p, layer="ali")
                        trained += 1
                    except (LayerChoiceError, ValueError):  # ali has no accepted span yet: a round without
                        pass
                    for name in ("auto", "ali", "sara"):
                        pretag(p, annotator=name, taggers=("model",))
                rounds += 1
                (flags / f"round-{rounds}").touch()
    finally:
        (flags / "worker-done").touch()  # an annotator never waits for a round that will not come
    print(rounds, trained)
    """
)


@pytest.fixture
def project(tmp_path: Path, location: str) -> str:
    source = tmp_path / "docs.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": TEXTS[i % len(TEXTS)]}, ensure_ascii=False) for i in range(DOCS)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Project.create(location, preset("combined")) as created:
        import_paths(created, [source], ImportOptions())
    return location


def places(location: str) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """Where the annotators put spans: on the pre-taggers' suggestions, and on single tokens."""
    with Project.open(location) as project:
        pretagger = Pretagger(project, ("rules", "cues"))
        out: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for document in project.iter_documents(None):
            tokens = document.tokens
            out[document.id] = {
                "suggested": sorted((s.start, s.end) for s in pretagger.suggest(document)),
                "tokens": [(tokens.starts[i], tokens.ends[i]) for i in range(len(tokens.starts))],
            }
        return out


def replayed(log: Path) -> set[tuple[str, int, int, int, str]]:
    """The layer an annotator's acknowledged edits leave: ``(doc, id, start, end, label)``."""
    state: dict[tuple[str, int], tuple[int, int, str]] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        doc, span_id, span = json.loads(line)
        if span is None:
            del state[doc, span_id]
        else:
            state[doc, span_id] = (span[0], span[1], span[2])
    return {(doc, span_id, *span) for (doc, span_id), span in state.items()}


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


@pytest.mark.parametrize("mode", ["auto", "own", "trained"])
def test_pretagging_and_training_while_two_annotators_edit_lose_nothing(
    project: str, tmp_path: Path, mode: str
) -> None:
    """(auto) pre-tags into `auto`; (own) into the annotators' layers; (trained) trains on ali's layer, then
    pre-tags with the stored model: all while ali and sara make checked edits in their layers."""
    flags = tmp_path / "flags"
    flags.mkdir()
    spots = tmp_path / "places.json"
    spots.write_text(json.dumps(places(project)), encoding="utf-8")
    with Project.open(project) as before:
        texts = {d.id: before.text_of(d.id).text for d in before.documents()}
    procs = [
        subprocess.Popen([sys.executable, "-c", ANNOTATOR, project, name, *map(str, (spots, flags, seed, EDITS))])
        for seed, name in enumerate(ANNOTATORS)
    ]
    worker = subprocess.Popen([sys.executable, "-c", WORKER, project, mode, str(flags)], stdout=subprocess.PIPE)
    try:
        assert [p.wait(timeout=120) for p in procs] == [0, 0]
        out, _ = worker.communicate(timeout=120)
    finally:
        for proc in (*procs, worker):
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert worker.returncode == 0
    rounds, trained = map(int, out.split())
    assert rounds >= 2 and (trained >= 1 if mode == "trained" else trained == 0)

    with Project.open(project) as after:
        assert {d.id: after.text_of(d.id).text for d in after.documents()} == texts
        layers: dict[str, set[str]] = {}
        for document in after.iter_documents(None):
            layers[document.id] = set(document.layers)
            for name, layer in document.layers.items():
                accepted = [s for s in layer.spans if s.status is SpanStatus.ACCEPTED]
                suggested = [s for s in layer.spans if s.status is SpanStatus.SUGGESTED]
                clash = [(a, s) for a in accepted for s in suggested if overlaps(a, s)]
                assert clash == [], f"{document.id}/{name}: suggestions over accepted spans"
                assert all(not overlaps(a, b) for i, a in enumerate(suggested) for b in suggested[i + 1 :])
                if name == "auto" or mode == "auto":
                    assert accepted == [] if name == "auto" else suggested == []
                if mode == "trained":
                    assert all(s.source == "crf" for s in suggested)
        for name in ANNOTATORS:
            stored = {
                (doc_id, s.id, s.start, s.end, s.label)
                for doc_id in texts
                for s in after.layer_spans(doc_id, name)
                if s.status is SpanStatus.ACCEPTED and s.id is not None
            }
            for doc_id in texts:
                assert all(
                    (s.role, s.source, s.confidence) == (None, "human", None)
                    for s in after.layer_spans(doc_id, name)
                    if s.status is SpanStatus.ACCEPTED
                )
            assert stored == replayed(flags / f"{name}.log"), f"{name}'s layer differs from what was acknowledged"
            seen = (flags / f"{name}.clashes").read_text(encoding="utf-8").splitlines()
            assert seen == [], f"{name} saw suggestions over accepted spans after their edits"
        allowed = {*ANNOTATORS, "ali" if mode == "own" else "auto", "sara" if mode == "own" else "auto"}
        assert set().union(*layers.values()) <= allowed
        assert query(project, "SELECT count(*) FROM rejections") == [(0,)]
        model = after.load_model(MODEL_NAME)
        assert (model is not None) == (mode == "trained")


def test_the_places_the_annotators_use_include_the_suggestions(project: str) -> None:
    """The edits land where the pre-tagger suggests, or the overlap checks above would prove little."""
    spots = places(project)
    with Project.open(project) as opened:
        pretagger = Pretagger(opened, ("rules", "cues"))
        document = opened.document("d0")
        suggested = {(s.start, s.end) for s in pretagger.suggest(document)}
    assert len(suggested) == 3 and suggested == set(spots["d0"]["suggested"])


def test_an_undone_delete_supersedes_the_suggestions_made_meanwhile(project: str) -> None:
    """ali deletes a span, pre-tagging then suggests there, ali undoes the delete: the accepted span wins."""
    with Project.open(project) as ali, Project.open(project) as tagger:
        text = ali.text_of("d0").text
        start = text.index("محمد")
        mine = ali.add_span("d0", "ali", Span(start, start + len("محمد"), "PER"))
        assert mine.id is not None
        ali.remove_span(mine.id, expect=Expected("d0", "ali", mine))
        pretag(tagger, ["d0"], annotator="ali", taggers=("cues",))
        (suggested,) = tagger.layer_spans("d0", "ali")
        assert suggested.status is SpanStatus.SUGGESTED and suggested.start == start < mine.end < suggested.end
        ali.restore_span("d0", "ali", mine)
        assert ali.layer_spans("d0", "ali") == (mine,)
        # a suggested span put back (the undo of a rejection's removal) leaves the others alone
        ali.remove_span(mine.id, expect=Expected("d0", "ali", mine))
        pretag(tagger, ["d0"], annotator="ali", taggers=("rules", "cues"))
        first, *others = tagger.layer_spans("d0", "ali")
        assert others and first.status is SpanStatus.SUGGESTED and first.start == start
        ali.reject_span(first.id or 0, expect=Expected("d0", "ali", first))
        ali.restore_span("d0", "ali", first)
        assert ali.layer_spans("d0", "ali") == (first, *others)


def test_an_accepted_span_added_while_suggestions_are_stored_is_never_under_them(project: str) -> None:
    """ali adds a span while the pre-tagger's transaction that stores a suggestion there is still open: the add
    waits (here: refused as busy, then made again), so the accepted span supersedes the suggestion."""
    with Project.open(project) as ali, Project.open(project) as tagger:
        text = ali.text_of("d0").text
        start = text.index("محمد")
        ali.add_span("d0", "ali", Span(0, len("آقای"), "PER"))  # the layer exists, the document is started
        ali.set_busy_timeout(0.2)
        mine = Span(start, start + len("محمد"), "PER")
        suggestion = Span(start, text.index("تبریزی") + len("تبریزی"), "PER", None, SpanStatus.SUGGESTED, "cues", 0.5)
        added = None
        with tagger.transaction():
            assert tagger.replace_suggestions("d0", "ali", [suggestion]) == [suggestion]
            with suppress(ProjectBusy):
                added = ali.add_span("d0", "ali", mine)
        if added is None:
            added = ali.add_span("d0", "ali", mine)
        spans = ali.layer_spans("d0", "ali")
        assert [(s.start, s.end, s.status) for s in spans] == [
            (0, len("آقای"), SpanStatus.ACCEPTED),
            (start, added.end, SpanStatus.ACCEPTED),
        ]


def test_two_pretaggers_at_once_both_finish(project: str) -> None:
    """Two windows pre-tag (each into its annotator's layer) at the same time: neither waits for the other forever."""
    script = textwrap.dedent(
        """
        import sys
        from annotator.pretag.pipeline import pretag
        from annotator.store import Project
        with Project.open(sys.argv[1]) as p:
            for _ in range(4):
                pretag(p, annotator=sys.argv[2], taggers=("rules", "cues"))
        """
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, project, name]) for name in ANNOTATORS]
    try:
        assert [p.wait(timeout=120) for p in procs] == [0, 0]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    with Project.open(project) as after:
        for name in ANNOTATORS:
            assert len(after.layer_spans("d0", name)) == 3
