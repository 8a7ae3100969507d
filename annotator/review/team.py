"""Who has done what: each annotator's assigned, started and finished documents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from annotator.model import LayerStatus
from annotator.store.review import LayerProgress

COLUMNS = ("assigned", "not_started", "in_progress", "done", "spans")


def summarize(rows: Iterable[LayerProgress]) -> dict[str, dict[str, int]]:
    """Per annotator (sorted): documents assigned, not started, in progress, done, and accepted spans."""
    people: dict[str, Counter[str]] = {}
    for row in rows:
        counts = people.setdefault(row.annotator, Counter())
        counts["assigned"] += row.assigned
        if row.status is LayerStatus.DONE:
            counts["done"] += 1
        elif row.status is LayerStatus.IN_PROGRESS or row.accepted:
            counts["in_progress"] += 1
        else:
            counts["not_started"] += 1
        counts["spans"] += row.accepted
    return {name: {key: people[name][key] for key in COLUMNS} for name in sorted(people)}
