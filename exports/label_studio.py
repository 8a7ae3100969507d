"""Label Studio writer: tasks it imports with our spans as annotations or predictions, and a labeling config."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.importers.label_studio import LAYER_FIELD
from annotator.schema import Schema
from exports.select import Item

FROM_NAME, TO_NAME = "label", "text"
CONFIG_NAME = "labeling_config.xml"


def task(item: Item, layer: str, as_predictions: bool) -> dict[str, Any]:
    """One task: ``data`` (text, our id, title, layer, meta) and one annotation or prediction of ``labels`` results."""
    document = item.document
    data: dict[str, Any] = {"text": document.text, "doc_id": document.id, "title": document.title, LAYER_FIELD: layer}
    for key, value in document.meta.items():
        data.setdefault(key, value)
    results = []
    for number, span in enumerate(sorted(item.spans, key=lambda s: (s.start, s.end, s.label)), 1):
        result: dict[str, Any] = {
            "id": f"{document.id}-{number}",
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {
                "start": span.start,  # code points: what Label Studio stores and draws
                "end": span.end,
                "text": document.text[span.start : span.end],
                "labels": [span.label],
            },
        }
        if as_predictions and span.confidence is not None:
            result["score"] = span.confidence
        results.append(result)
    if as_predictions:
        scores = [s.confidence for s in item.spans if s.confidence is not None]
        prediction: dict[str, Any] = {"model_version": f"barchasb-{layer}", "result": results}
        if scores:
            prediction["score"] = round(sum(scores) / len(scores), 4)
        return {"data": data, "predictions": [prediction]}
    return {"data": data, "annotations": [{"result": results}]}


def write_tasks(path: Path, items: list[Item], layer: str, as_predictions: bool) -> None:
    """Write a JSON array of tasks (Label Studio's import format)."""
    tasks = [task(item, layer, as_predictions) for item in items]
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8", newline="\n")


def labeling_config(schema: Schema, labels: list[str]) -> str:
    """A labeling config for these labels, with the schema's colours and keys, the text laid out right to left.

    Label Studio's ``<Text>`` tag has no direction attribute; a ``<Style>`` block sets ``direction: rtl``
    on a ``<View>`` around it (Persian is drawn left to right otherwise), and ``white-space: pre-wrap``
    keeps line breaks and spaces where the offsets count them.
    """
    lines = [
        "<View>",
        "  <Style>",
        "    .barchasb-rtl { direction: rtl; text-align: right; }",
        "    .barchasb-rtl .htx-text { white-space: pre-wrap; }",
        "  </Style>",
        f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">',
    ]
    for label in labels:
        attributes = f"value={quoteattr(label)}"
        if label in schema:
            kind = schema.get(label)
            attributes += f" background={quoteattr(kind.color)}"
            if kind.key:
                attributes += f" hotkey={quoteattr(kind.key)}"
            if kind.description:
                attributes += f" hint={quoteattr(kind.description)}"
        lines.append(f"    <Label {attributes}/>")
    lines += [
        "  </Labels>",
        '  <View className="barchasb-rtl">',
        f'    <Text name="{TO_NAME}" value="$text"/>',
        "  </View>",
        "</View>",
        "",
    ]
    return "\n".join(lines)
