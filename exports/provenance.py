"""Where a gold layer's spans came from: agreement, an annotator's version, or the curator's own hand."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.console import counted
from annotator.model import GOLD
from annotator.review.curation import AGREED_SOURCE
from annotator.store import Project


@dataclass(slots=True)
class Provenance:
    """Counts of gold spans by origin, and the annotators whose layers fed gold."""

    agreed: int = 0  # `curate --auto`: the annotators marked the same span
    picked: int = 0  # the curator took one annotator's version
    curated: int = 0  # the curator added or changed it
    fed: Counter[str] = field(default_factory=Counter)  # annotator -> gold spans their layer gave
    curators: set[str] = field(default_factory=set)  # who marked the documents reviewed (document meta)

    @property
    def annotators(self) -> list[str]:
        """The annotators whose layers fed gold, by name."""
        return sorted(self.fed)

    def describe(self) -> str:
        """One line for the dataset card."""
        parts = [
            f"{counted(self.agreed, 'span')} agreed by the annotators",
            f"{counted(self.picked, 'span')} taken from one annotator's version",
            f"{counted(self.curated, 'span')} added or changed by the curators",
        ]
        fed = ", ".join(f"{name} {count}" for name, count in sorted(self.fed.items()))
        return "; ".join(parts) + (f" (spans per annotator: {fed})" if fed else "")


def gold_provenance(project: Project, doc_ids: Sequence[str]) -> Provenance:
    """Read the gold layers of these documents and say where each accepted span came from."""
    found = Provenance()
    for document in project.iter_documents(list(doc_ids)):
        gold = document.layers.get(GOLD)
        if gold is None:
            continue
        names = document.meta.get("curators")
        if isinstance(names, list):
            found.curators.update(name for name in names if isinstance(name, str) and name)
        others = {name: layer.accepted() for name, layer in document.layers.items() if name != GOLD}
        for span in gold.accepted():
            key = (span.start, span.end, span.label)
            if span.source in others:
                found.picked += 1
                found.fed[span.source] += 1
            elif span.source == AGREED_SOURCE:
                found.agreed += 1
                for name, spans in others.items():
                    if any((s.start, s.end, s.label) == key for s in spans):
                        found.fed[name] += 1
            else:
                found.curated += 1
    return found
