"""Which layer a project-wide operation (export, training) reads by default."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.errors import BarchasbError
from annotator.model import GOLD, DocStatus
from annotator.store import Project

FINISHED = frozenset({DocStatus.DONE, DocStatus.REVIEWED})


class LayerChoiceError(BarchasbError):
    """No layer, or no single obvious layer, to read."""


def choose_layer(project: Project, requested: str | None, doc_ids: Sequence[str] | None = None) -> str:
    """``requested``, else ``gold`` if any document has it, else the single annotator's layer."""
    infos = project.documents()
    if doc_ids is not None:
        wanted = set(doc_ids)
        infos = [i for i in infos if i.id in wanted]
    names = sorted({name for info in infos for name in info.layers})
    if requested:
        if requested not in names:
            raise LayerChoiceError(f"no document has a layer {requested!r} (layers: {', '.join(names) or 'none'})")
        return requested
    if GOLD in names:
        return GOLD
    if len(names) == 1:
        return names[0]
    if not names:
        raise LayerChoiceError("no document has any annotations")
    raise LayerChoiceError(f"several layers ({', '.join(names)}): choose one with --layer")
