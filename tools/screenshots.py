"""Render each main view of the window, in English and in Persian, to PNG files (offscreen, no screen needed).

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--lang en|fa]

Without --lang it runs once per language, each in a process of its own (a language is chosen before any
widget exists). The project is the sample one (samples/ and samples/team/), made in a temporary folder;
preferences go to a temporary folder too, so the user's are never touched. Files: <view>-<lang>.png.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ("annotating", "suggestions", "curation", "agreement", "team", "export", "preferences")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--lang", choices=("en", "fa"))
    args = parser.parse_args(argv)
    if args.lang is None:
        for lang in ("en", "fa"):
            subprocess.run([sys.executable, __file__, "--out", args.out, "--lang", lang], check=True)
        return 0
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        for path in shoot(args.lang, Path(args.out), Path(folder)):
            print(path)
    return 0


def shoot(lang: str, out: Path, folder: Path) -> list[Path]:
    """Every view in ``lang``, written to ``out``; the sample project is made in ``folder``."""
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    QCoreApplication.setOrganizationName("BarchasbScreenshots")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui.i18n import install

    install(lang)
    QSettings().setValue("preferences/auto_pretag", False)

    from annotator.importers import ImportOptions, import_paths
    from annotator.model import SpanStatus
    from annotator.pretag.pipeline import pretag
    from annotator.review.agreement import project_agreement
    from annotator.schema import preset
    from annotator.store import Project
    from ui.dialogs.preferences import PreferencesDialog
    from ui.dialogs.transfer import ExportDialog
    from ui.main_window import MainWindow
    from ui.review.agreement_view import AgreementView
    from ui.review.team_view import TeamView

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget: QWidget, view: str) -> None:
        widget.show()
        for _ in range(5):
            app.processEvents()
        path = out / f"{view}-{lang}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"{path}: could not write the image")
        written.append(path)

    project = Project.create(folder / "sample.barchasb", preset("combined"))
    import_paths(project, [ROOT / "samples"], ImportOptions())
    import_paths(project, [ROOT / "samples" / "team"], ImportOptions())
    doc_id = project.documents()[0].id
    pretag(project, [doc_id], annotator="maryam")  # a new annotator's view: the model's suggestions

    window = MainWindow(project, "maryam")
    window.resize(1300, 760)
    window.show()
    app.processEvents()
    window.documents.choose(doc_id)
    app.processEvents()
    annotation = window.annotation
    assert annotation is not None
    accepted = [s for s in annotation.spans if s.status is SpanStatus.SUGGESTED][:3]
    for span in accepted:  # some spans accepted, the rest still suggestions
        window.view.focus_span(span)
        annotation.accept()
    save(window, "annotating")
    suggestion = next((s for s in annotation.spans if s.status is SpanStatus.SUGGESTED), None)
    if suggestion is not None:
        window.view.focus_span(suggestion)
        annotation.span_list.select_span(suggestion.id)
    save(window, "suggestions")

    window.set_review_mode(True)
    window.documents.choose(doc_id)
    app.processEvents()
    if window.review is not None:
        window.review.step(True)
    save(window, "curation")
    window.set_review_mode(False)

    agreement = AgreementView(window)
    agreement.show_report(project_agreement(project))
    agreement.tabs.setCurrentIndex(0)
    save(agreement, "agreement")
    agreement.tabs.setCurrentWidget(agreement.disagreements)
    save(agreement, "agreement-disagreements")

    save(TeamView(project.progress(), project.documents(), window), "team")
    save(ExportDialog(window), "export")
    save(PreferencesDialog(window), "preferences")
    for widget in QApplication.topLevelWidgets():
        widget.close()
    window.deleteLater()
    app.processEvents()
    project.close()
    return written


if __name__ == "__main__":
    sys.exit(main())
