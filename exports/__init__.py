"""Writers that turn a project's stored tokens, sentences and spans into training files."""

from exports.run import FORMATS, ExportOptions, ExportReport, export

__all__ = ["FORMATS", "ExportOptions", "ExportReport", "export"]
