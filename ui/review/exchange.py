"""Exchanging work without a server, from the window: package your layers, merge the team's packages."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.i18n import translate


def _filter() -> str:
    return translate("ExchangeDialogs", "Barchasb packages (*.barchasb-package *.pkg);;All files (*)")


class ExchangeDialogs:
    """The questions the exchange asks; tests patch these class methods."""

    @classmethod
    def package_path(cls, parent: QWidget, annotator: str) -> str | None:
        """Where to write the annotator's package, or None when cancelled."""
        path, _ = QFileDialog.getSaveFileName(
            parent, translate("ExchangeDialogs", "Package your annotations"), f"{annotator}.barchasb-package", _filter()
        )
        return path or None

    @classmethod
    def merge_request(cls, parent: QWidget) -> tuple[list[str], bool] | None:
        """The packages to merge and whether a differing layer may be overwritten; None when cancelled."""
        paths, _ = QFileDialog.getOpenFileNames(
            parent, translate("ExchangeDialogs", "Merge annotators' packages"), "", _filter()
        )
        if not paths:
            return None
        answer = QMessageBox.question(
            parent,
            translate("ExchangeDialogs", "Barchasb"),
            translate(
                "ExchangeDialogs",
                "When a package holds a different version of a layer that is already here, overwrite it?\n"
                "(No: such a merge stops and nothing changes.)",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return paths, answer == QMessageBox.StandardButton.Yes
