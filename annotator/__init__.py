"""Barchasb core: Persian NER documents, text pipeline, project store and importers (GUI-free)."""

__version__ = "0.1.0"
