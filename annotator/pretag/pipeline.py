"""Run the pre-taggers over documents and store their output as suggestions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.errors import BarchasbError, ModelUntrusted, ProjectCorrupt
from annotator.model import Document, Offsets, Span, SpanStatus
from annotator.pretag.crf import MODEL_NAME, CrfTagger, load_tagger
from annotator.pretag.cues import SOURCE as CUES_SOURCE
from annotator.pretag.cues import cue_spans
from annotator.pretag.features import first_names
from annotator.pretag.gazetteer import Gazetteer
from annotator.pretag.rules import rule_spans
from annotator.progress import Progress
from annotator.selection import FINISHED
from annotator.store import Project
from annotator.store.codec import text_of
from annotator.text.lexicon import default_lexicon
from annotator.text.pipeline import analyze
from annotator.text.profiles import Profile

TAGGERS = ("rules", "cues", "gazetteer", "model")
# A gazetteer entry that is an entity less than half the times it occurs in finished documents is
# not suggested: replayed on ParsTwiNER, such entries (جنگ, شب, شهر, امام, دولت ...) made 70-88% of
# the gazetteer's suggestions wrong (benchmarks/assist_bench.py).
MIN_LINKED = 0.5
DEFAULT_ANNOTATOR = "auto"


class PretagError(BarchasbError):
    """A pre-tagger cannot run as asked (no trained model, unknown tagger, ...)."""


@dataclass(slots=True)
class PretagReport:
    """What a run suggested."""

    documents: int = 0
    suggestions: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class Pretagger:
    """The chosen pre-taggers with everything they need loaded once."""

    def __init__(self, project: Project, taggers: Sequence[str] = TAGGERS, min_confidence: float = 0.0) -> None:
        unknown = set(taggers) - set(TAGGERS)
        if unknown:
            raise PretagError(f"unknown taggers: {', '.join(sorted(unknown))} (choose from {', '.join(TAGGERS)})")
        self.taggers = tuple(taggers)
        self.min_confidence = min_confidence
        self.labels = frozenset(project.schema.labels)
        self.notes: list[str] = []
        self.gazetteer = project_gazetteer(project) if "gazetteer" in taggers else None
        self.model: CrfTagger | None = None
        if "model" in taggers:
            self.model = self._stored_model(project)
        self._names = first_names()
        self._known = default_lexicon().pos

    def _stored_model(self, project: Project) -> CrfTagger | None:
        """The project's model, or None with a note (none trained yet, or not signed here: never run)."""
        try:
            stored = project.load_model(MODEL_NAME)
        except ModelUntrusted as exc:  # never handed to crfsuite; the other taggers, if any, still run
            if self.taggers == ("model",):
                raise
            self.notes.append(f"{exc}; the model tagger was skipped")
            return None
        if stored is None:
            self.notes.append("no trained model yet (run `barchasb train`): the model tagger was skipped")
            return None
        return load_tagger(*stored)

    def suggest(self, document: Document) -> list[Span]:
        """Candidate suggestions for one document, overlaps resolved (best confidence, then longest)."""
        candidates: list[Span] = []
        if "rules" in self.taggers:
            candidates.extend(rule_spans(document, self.labels))
        text = document.text
        for first, last in document.sentence_token_ranges():
            tokens = document.tokens[first:last]
            words = tokens.strings(text)

            def span(a: int, b: int, label: str, source: str, confidence: float, tokens: Offsets = tokens) -> Span:
                return Span(
                    tokens.starts[a],
                    tokens.ends[b - 1],
                    label,
                    None,
                    SpanStatus.SUGGESTED,
                    source,
                    round(confidence, 3),
                )

            if "cues" in self.taggers:
                for a, b, label, confidence in cue_spans(words, self.labels, self._names, self._known):
                    candidates.append(span(a, b, label, CUES_SOURCE, confidence))
            if self.gazetteer is not None:
                for match in self.gazetteer.find(words):
                    if match.label in self.labels and match.linked >= MIN_LINKED:
                        trust = match.share * match.linked * match.count / (match.count + 1)
                        candidates.append(span(match.first, match.last, match.label, "gazetteer", 0.45 + 0.4 * trust))
            if self.model is not None:
                for chunk, confidence in self.model.chunks(words):
                    if chunk.label in self.labels:
                        candidates.append(span(chunk.first, chunk.last, chunk.label, "crf", confidence))
        return resolve(c for c in candidates if (c.confidence or 0.0) >= self.min_confidence)


def resolve(candidates: Iterable[Span]) -> list[Span]:
    """Non-overlapping suggestions, preferring higher confidence, then longer spans."""
    kept: list[Span] = []
    for span in sorted(candidates, key=lambda s: (-(s.confidence or 0.0), s.start - s.end, s.start)):
        if all(span.end <= other.start or other.end <= span.start for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def project_gazetteer(project: Project) -> Gazetteer:
    """Every accepted entity of the project (any layer) and the user's lexicon, as tokens, with how
    often each is an entity where it occurs in the finished documents."""
    gazetteer = Gazetteer()
    profile = project.normalization
    tokenized: dict[str, list[str]] = {}  # the same name is accepted many times: analyse it once
    try:
        for doc_id, label, text in project.accepted_entities():
            if type(text) is not str:  # a crafted or damaged project: the text column holds a blob or a number
                text_of(text, f"document {doc_id!r:.40}: text")
            words = tokenized.get(text)
            if words is None:
                words = tokenized[text] = _words(text, profile)
            gazetteer.add(words, text_of(label, f"document {doc_id!r:.40}: span label"))
    except ProjectCorrupt as exc:
        raise ProjectCorrupt(f"{project.path}: {exc}") from None
    for text, label, count in project.lexicon():  # the store's checked reader
        gazetteer.add(_words(text, profile), label, count)
    if gazetteer.size:
        finished = [info.id for info in project.documents() if info.status in FINISHED]
        for document in project.iter_documents(finished) if finished else ():
            _observe(gazetteer, document)
    return gazetteer


def _observe(gazetteer: Gazetteer, document: Document) -> None:
    """Count the entries' occurrences in a finished document and how many its annotators marked."""
    marked: set[tuple[int, int]] = set()
    for layer in document.layers.values():
        for span in layer.accepted():
            token_range = document.token_range(span.start, span.end)
            if token_range is not None:
                marked.add(token_range)
    words = document.tokens.strings(document.text)
    for first, last in document.sentence_token_ranges():
        inside = {(a - first, b - first) for a, b in marked if first <= a and b <= last}
        gazetteer.observe(words[first:last], inside)


def _words(text: str, profile: Profile) -> list[str]:
    analysis = analyze(text, profile)
    return [analysis.text[s:e] for s, e in analysis.tokens]


def pretag(
    project: Project,
    doc_ids: Sequence[str] | None = None,
    *,
    annotator: str = DEFAULT_ANNOTATOR,
    taggers: Sequence[str] = TAGGERS,
    min_confidence: float = 0.0,
    progress: Progress | None = None,
) -> PretagReport:
    """Suggest entities in the given documents (default: all) for ``annotator``'s layer."""
    if doc_ids is not None:
        for doc_id in doc_ids:
            if not project.has_document(doc_id):
                raise PretagError(f"no document {doc_id!r} in {project.path}")
    pretagger = Pretagger(project, taggers, min_confidence)
    report = PretagReport(notes=list(pretagger.notes))
    ids = list(doc_ids) if doc_ids is not None else [info.id for info in project.documents()]
    total = len(ids)
    # One document read at a time, never while a write is made: a file's write lock cannot be taken while a
    # read of the same connection is still open and another process wrote since ("busy" at once, no waiting).
    for number, doc_id in enumerate(ids, 1):
        document = project.text_of(doc_id)
        stored = project.replace_suggestions(doc_id, annotator, pretagger.suggest(document))
        report.documents += 1
        report.suggestions += len(stored)
        for span in stored:
            report.by_source[span.source] = report.by_source.get(span.source, 0) + 1
        if progress:
            progress(number, total)
    return report
