"""HuggingFace writers: a parquet folder with a dataset card, or the save_to_disk layout."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.schema import Schema
from annotator.tags import Scheme, encode_units
from exports.select import Item

if TYPE_CHECKING:
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


def features(names: list[str]) -> Features:
    """The dataset features: tokens, class-labelled tags, character spans, text."""
    from datasets import ClassLabel, Features, List, Value

    return Features(
        {
            "id": Value("string"),
            "doc_id": Value("string"),
            "tokens": List(Value("string")),
            "ner_tags": List(ClassLabel(names=names)),
            "spans": List(
                {"start": Value("int32"), "end": Value("int32"), "label": Value("string"), "role": Value("string")}
            ),
            "text": Value("string"),
        }
    )


@dataclass(frozen=True, slots=True)
class CardInfo:
    """What the dataset card says besides the features."""

    project: str
    layer: str
    annotators: list[str]
    scheme: Scheme
    unit: str
    split: str
    seed: int


def to_dataset(columns: Columns, feats: Features) -> Dataset:
    """A Dataset built straight from Arrow (``Dataset.from_dict`` encodes every row in Python)."""
    import pyarrow as pa
    from datasets import Dataset
    from datasets.info import DatasetInfo
    from datasets.table import InMemoryTable

    table = pa.Table.from_pydict(columns.as_dict(), schema=feats.arrow_schema)
    return Dataset(InMemoryTable(table), info=DatasetInfo(features=feats))


def write_parquet_folder(out: Path, splits: dict[str, Columns], names: list[str], info: CardInfo) -> None:
    """``README.md`` (card with YAML configs and dataset_info) and ``data/{split}-*.parquet``."""
    from datasets.utils.logging import disable_progress_bar

    disable_progress_bar()  # the caller reports progress
    feats = features(names)
    (out / "data").mkdir(parents=True)
    sizes: dict[str, int] = {}
    for split, columns in splits.items():
        dataset = to_dataset(columns, feats)
        dataset.to_parquet(str(out / "data" / f"{split}-00000-of-00001.parquet"))
        sizes[split] = dataset.data.nbytes
    (out / "README.md").write_text(dataset_card(splits, sizes, feats, names, info), encoding="utf-8")


def write_disk(out: Path, splits: dict[str, Columns], names: list[str]) -> None:
    """The ``save_to_disk`` layout of a DatasetDict (read with ``load_from_disk``)."""
    from datasets import DatasetDict
    from datasets.utils.logging import disable_progress_bar

    disable_progress_bar()
    feats = features(names)
    DatasetDict({split: to_dataset(columns, feats) for split, columns in splits.items()}).save_to_disk(str(out))


def dataset_card(
    splits: dict[str, Columns], sizes: dict[str, int], feats: Features, names: list[str], info: CardInfo
) -> str:
    """A dataset card that ``load_dataset`` reads and a person can too."""
    import yaml

    header = {
        "language": ["fa"],
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
            "features": feats._to_yaml_list(),
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
    body = f"""
# {info.project}

Persian named entities exported by Barchasb on {today}.

- layer: `{info.layer}`; annotators: {", ".join(info.annotators) or "none"}
- tagging scheme: {info.scheme.upper()} (`ner_tags` class names: {", ".join(names[:7])}{more})
- one row per {info.unit}; documents never cross splits (split {info.split}, seed {info.seed})
- `spans` are `[start, end)` character offsets into `text`, with the entity label and role

## Entities per split

{chr(10).join(table)}

## Use

```python
from datasets import load_dataset
dataset = load_dataset("path/to/this/folder")
labels = dataset["train"].features["ner_tags"].feature.names
```
"""
    front: str = yaml.safe_dump(header, allow_unicode=True, sort_keys=False)
    return "---\n" + front + "---\n" + body
