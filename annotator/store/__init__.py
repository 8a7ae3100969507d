"""The project file: one SQLite database per project."""

from annotator.store.project import DocumentInfo, Project

__all__ = ["DocumentInfo", "Project"]
