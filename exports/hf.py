"""HuggingFace writers: a parquet folder with a dataset card, or the save_to_disk layout."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.model import GOLD
from annotator.schema import Schema
from annotator.tags import Scheme, encode_units
from exports.select import Item

if TYPE_CHECKING:
    import pyarrow as pa
    from datasets import Dataset, Features


@dataclass(slots=True)
class Columns:
    """One split's rows, column by column (what ``Dataset.from_dict`` takes)."""

    id: list[str] = field(default_factory=list)
    doc_id: list[str] = field(default_factory=list)
    tokens: list[list[str]] = field(default_factory=list)
    ner_tags: list[list[int]] = field(default_factory=list)
    spans: list[list[dict[str, Any]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    label_counts: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, list[Any]]:
        """The six feature columns."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "tokens": self.tokens,
            "ner_tags": self.ner_tags,
            "spans": self.spans,
            "text": self.text,
        }


def tag_names(schema: Schema, scheme: Scheme) -> list[str]:
    """``O`` then each label's prefixed names, in schema order (stable class ids)."""
    prefixes = "BIES" if scheme is Scheme.BIOES else "BI"
    return ["O"] + [f"{p}-{label}" for label in schema.labels for p in prefixes]


def build_columns(items: list[Item], names: list[str], scheme: Scheme, sentences: bool) -> Columns:
    """Rows for the items: one per sentence (or document), spans as offsets into the row's text."""
    ids = {name: i for i, name in enumerate(names)}
    columns = Columns()
    for item in items:
        document = item.document
        text = document.text
        starts, ends = document.tokens.starts, document.tokens.ends
        words = document.tokens.strings(text)
        units = document.sentence_token_ranges() if sentences else [(0, len(document.tokens))]
        chunks = sorted(zip(item.chunks, item.roles, strict=True), key=lambda pair: pair[0])
        tag_ids = list(map(ids.__getitem__, encode_units(item.chunks, units, len(words), scheme)))
        c = 0
        for number, (first, last) in enumerate(units):
            if last == first:
                continue
            base = starts[first]
            spans: list[dict[str, Any]] = []
            while c < len(chunks) and chunks[c][0].first < last:
                chunk, role = chunks[c]
                spans.append(
                    {
                        "start": starts[chunk.first] - base,
                        "end": ends[chunk.last - 1] - base,
                        "label": chunk.label,
                        "role": role,
                    }
                )
                columns.label_counts[chunk.label] += 1
                c += 1
            columns.id.append(f"{document.id}-{number}" if sentences else document.id)
            columns.doc_id.append(document.id)
            columns.tokens.append(words[first:last])
            columns.ner_tags.append(tag_ids[first:last])
            columns.spans.append(spans)
            columns.text.append(text[base : ends[last - 1]])
    return columns


def portable_features(names: list[str]) -> dict[str, Any]:
    """The features as JSON in the form datasets 3.x writes, which 3.x, 4.x and 5.x all read.

    datasets 4 writes ``List`` (``list:`` in YAML), which 3.x does not know: ``ner_tags`` came back a
    plain list there, and ``load_from_disk`` failed. ``Sequence`` of a value and a list of structs read
    the same in every version, as ``List`` in 4.x/5.x and as ``Sequence`` / ``[{...}]`` in 3.x.
    """
    string = {"dtype": "string", "_type": "Value"}
    int32 = {"dtype": "int32", "_type": "Value"}
    return {
        "id": string,
        "doc_id": string,
        "tokens": {"feature": string, "_type": "Sequence"},
        "ner_tags": {"feature": {"names": list(names), "_type": "ClassLabel"}, "_type": "Sequence"},
        "spans": [{"start": int32, "end": int32, "label": string, "role": string}],
        "text": string,
    }


def portable_yaml(names: list[str]) -> list[dict[str, Any]]:
    """The card's ``dataset_info.features``, in the same portable form (``sequence:``, ``list:`` of fields)."""
    return [
        {"name": "id", "dtype": "string"},
        {"name": "doc_id", "dtype": "string"},
        {"name": "tokens", "sequence": "string"},
        {"name": "ner_tags", "sequence": {"class_label": {"names": {str(i): n for i, n in enumerate(names)}}}},
        {
            "name": "spans",
            "list": [
                {"name": "start", "dtype": "int32"},
                {"name": "end", "dtype": "int32"},
                {"name": "label", "dtype": "string"},
                {"name": "role", "dtype": "string"},
            ],
        },
        {"name": "text", "dtype": "string"},
    ]


def features(names: list[str]) -> Features:
    """The dataset features: tokens, class-labelled tags, character spans, text."""
    from datasets import Features

    return Features.from_dict(portable_features(names))


def _hf_metadata(names: list[str]) -> dict[bytes, bytes]:
    """The Arrow schema metadata datasets reads its features from, in the portable form."""
    return {b"huggingface": json.dumps({"info": {"features": portable_features(names)}}).encode()}


@dataclass(frozen=True, slots=True)
class CardInfo:
    """What the dataset card says besides the features."""

    project: str
    layer: str
    annotators: list[str]  # whose layers the exported spans come from (for gold: whose versions fed it)
    scheme: Scheme
    unit: str
    split: str  # how the splits were made, in words
    curators: list[str] = field(default_factory=list)
    license: str | None = None
    warnings: list[str] = field(default_factory=list)
    provenance: str = ""  # for gold: how its spans came about


def to_table(columns: Columns, names: list[str]) -> pa.Table:
    """One split as an Arrow table with the portable features in its metadata."""
    import pyarrow as pa

    schema = features(names).arrow_schema.with_metadata(_hf_metadata(names))
    return pa.Table.from_pydict(columns.as_dict(), schema=schema)


def to_dataset(columns: Columns, names: list[str]) -> Dataset:
    """A Dataset built straight from Arrow (``Dataset.from_dict`` encodes every row in Python)."""
    from datasets import Dataset
    from datasets.info import DatasetInfo
    from datasets.table import InMemoryTable

    return Dataset(InMemoryTable(to_table(columns, names)), info=DatasetInfo(features=features(names)))


def write_parquet_folder(out: Path, splits: dict[str, Columns], names: list[str], info: CardInfo) -> None:
    """``README.md`` (card with YAML configs and dataset_info) and ``data/{split}-*.parquet``."""
    import pyarrow.parquet as pq

    (out / "data").mkdir(parents=True)
    sizes: dict[str, int] = {}
    for split, columns in splits.items():
        table = to_table(columns, names)
        pq.write_table(table, out / "data" / f"{split}-00000-of-00001.parquet")
        sizes[split] = table.nbytes
    (out / "README.md").write_text(dataset_card(splits, sizes, names, info), encoding="utf-8")


def write_disk(out: Path, splits: dict[str, Columns], names: list[str]) -> None:
    """The ``save_to_disk`` layout of a DatasetDict (read with ``load_from_disk``), features in the portable form."""
    import pyarrow as pa
    from datasets import DatasetDict
    from datasets.utils.logging import disable_progress_bar

    disable_progress_bar()
    DatasetDict({split: to_dataset(columns, names) for split, columns in splits.items()}).save_to_disk(str(out))
    for split in splits:
        info_path = out / split / "dataset_info.json"
        info = json.loads(info_path.read_text(encoding="utf-8"))
        info["features"] = portable_features(names)
        info_path.write_text(json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")
        for arrow in sorted((out / split).glob("*.arrow")):
            with pa.memory_map(str(arrow)) as source:
                table = pa.ipc.open_stream(source).read_all().replace_schema_metadata(_hf_metadata(names))
                rewritten = arrow.with_name(arrow.name + ".new")  # the table still reads from the mapped file
                with pa.OSFile(str(rewritten), "wb") as sink, pa.ipc.new_stream(sink, table.schema) as writer:
                    writer.write_table(table)
            os.replace(rewritten, arrow)


def dataset_card(splits: dict[str, Columns], sizes: dict[str, int], names: list[str], info: CardInfo) -> str:
    """A dataset card that ``load_dataset`` reads and a person can too."""
    import yaml

    header: dict[str, Any] = {
        "language": ["fa"],
        "license": info.license or "unknown",
        "task_categories": ["token-classification"],
        "task_ids": ["named-entity-recognition"],
        "pretty_name": f"{info.project} (Barchasb export)",
        "configs": [
            {
                "config_name": "default",
                "data_files": [{"split": split, "path": f"data/{split}-*"} for split in splits],
            }
        ],
        "dataset_info": {
            "features": portable_yaml(names),
            "splits": [
                {"name": split, "num_bytes": sizes[split], "num_examples": len(columns.id)}
                for split, columns in splits.items()
            ],
            "dataset_size": sum(sizes.values()),
        },
    }
    labels = sorted({label for columns in splits.values() for label in columns.label_counts})
    table = ["| split | rows | tokens | " + " | ".join(labels) + " |", "|---" * (len(labels) + 3) + "|"]
    for split, columns in splits.items():
        counts = " | ".join(str(columns.label_counts[label]) for label in labels)
        table.append(f"| {split} | {len(columns.id)} | {sum(map(len, columns.tokens))} | {counts} |")
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    more = ", ..." if len(names) > 7 else ""
    people = [f"- layer: `{info.layer}`"]
    if info.layer == GOLD:
        curators = ", ".join(info.curators) or "not recorded (export with `--curators NAME,...`)"
        people.append(f"- curators: {curators}")
        fed = ", ".join(info.annotators) or "none (every gold span was added by the curators)"
        people.append(f"- annotators whose layers fed gold: {fed}")
        if info.provenance:
            people.append(f"- gold spans: {info.provenance}")
    else:
        people.append(f"- annotator: {', '.join(info.annotators) or info.layer}")
    license_line = f"`{info.license}`" if info.license else "not stated (export with `--license ID`)"
    warnings = "".join(f"\n> **Warning:** {w}\n" for w in info.warnings)
    first = next(iter(splits), "train")
    body = f"""
# {info.project}

Persian named entities exported by Barchasb on {today}.

{chr(10).join(people)}
- license: {license_line}
- tagging scheme: {info.scheme.upper()} (`ner_tags` class names: {", ".join(names[:7])}{more})
- one row per {info.unit}; documents never cross splits ({info.split})
- `spans` are `[start, end)` character (code point) offsets into `text`, with the entity label and role
{warnings}
## Entities per split

{chr(10).join(table)}

## Use

```python
from datasets import load_dataset
dataset = load_dataset("path/to/this/folder")
labels = dataset["{first}"].features["ner_tags"].feature.names
```
"""
    front: str = yaml.safe_dump(header, allow_unicode=True, sort_keys=False)
    return "---\n" + front + "---\n" + body
