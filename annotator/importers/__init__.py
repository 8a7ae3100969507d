"""Readers for txt, JSONL/JSON, CSV/TSV and CoNLL, and the import into a project."""

from annotator.importers.batch import (
    FORMATS,
    ImportOptions,
    ImportReport,
    expand_paths,
    import_paths,
    parse_label_map,
)

__all__ = ["FORMATS", "ImportOptions", "ImportReport", "expand_paths", "import_paths", "parse_label_map"]
