"""The team-review part of the main window: curation mode, agreement, team progress, package exchange."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from annotator.model import GOLD
from annotator.store import Project
from ui.actions import REVIEW_ONLY
from ui.i18n import layer_name, ltr, number, translate, word
from ui.settings import preference

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from annotator.progress import Progress
    from ui.annotation import Annotation
    from ui.jobs import Job
    from ui.panels.documents import DocumentList
    from ui.review.controller import Review
    from ui.review.curation_panel import CurationPanel


class TeamReview(QMainWindow):
    """Mixed into :class:`ui.main_window.MainWindow`, which makes every attribute declared here."""

    project: Project | None
    annotator: str
    annotation: Annotation | None
    review: Review | None
    curation_panel: CurationPanel | None
    agreement_view: QWidget | None
    team_view: QWidget | None
    actions_: dict[str, QAction]
    documents: DocumentList
    status: QLabel
    side_layout: QVBoxLayout
    splitter: QSplitter
    widths_annotating: list[int] | None
    widths_curating: list[int] | None
    jobs: list[Job]
    _refresh_documents: Callable[[], None]
    _on_job_failed: Callable[[str], None]
    _on_job_message: Callable[[object], None]
    _start: Callable[..., Job]

    @property
    def layer(self) -> str:
        """The layer being edited: yours, or gold while curating."""
        return GOLD if self.review is not None and self.review.active else self.annotator

    def set_review_mode(self, on: bool) -> None:
        """Curate the gold layer (on) or go back to annotating your own (off)."""
        if self.annotation is None:
            return
        if self.actions_["review_mode"].isChecked() != on:
            self.actions_["review_mode"].setChecked(on)  # comes back here through toggled
            return
        if self.review is None or self.curation_panel is None:
            self.review, self.curation_panel = self._build_review(self.annotation)
        self.review.active = on
        self.review.min_agree = int(preference("review_min_agree"))  # type: ignore[call-overload]
        self.annotation.annotator = self.layer
        for name in REVIEW_ONLY:
            self.actions_[name].setEnabled(on)
        self.curation_panel.setVisible(on)
        self._fit_panels(on)
        if self.annotation.document is not None:
            self.annotation.open(self.annotation.document.id)
            self.review.document_opened()
        if self.project is not None:
            title = translate(
                "MainWindow", "Barchasb — {project} — {layer}"
            )  # a mixin: tr() would take the subclass's context
            from ui.opening import project_name

            self.setWindowTitle(title.format(project=project_name(self.project), layer=layer_name(self.layer)))
            self._refresh_documents()

    def _fit_panels(self, curating: bool) -> None:
        """Curating, the side panel gets room for a column per annotator; annotating again, the text gets it back.

        Widths the user chose while curating are theirs and stay.
        """
        side, text, documents = self.splitter.sizes()
        if curating:
            self.widths_annotating = self.widths_curating = None
            if side < 560:
                self.widths_annotating = [side, text, documents]
                self.splitter.setSizes([560, max(text - (560 - side), 300), documents])
                self.widths_curating = self.splitter.sizes()
            return
        if self.widths_annotating is not None and self.splitter.sizes() == self.widths_curating:
            self.splitter.setSizes(self.widths_annotating)
        self.widths_annotating = self.widths_curating = None

    def _build_review(self, annotation: Annotation) -> tuple[Review, CurationPanel]:
        """The curation panel and its controller, made the first time curation is switched on."""
        from ui.review.controller import Review
        from ui.review.curation_panel import CurationPanel

        panel = CurationPanel()
        self.side_layout.insertWidget(1, panel, 3)
        review = Review(annotation, panel, self)
        review.curator = self.annotator  # the person curating, named on the dataset card
        review.message.connect(self.status.setText)
        review.reviewed.connect(self._on_review_reviewed)
        for name in ("previous_disagreement", "next_disagreement", "no_entity"):
            panel.toolbar.addAction(self.actions_[name])
        for name in ("accept_agreed", "reviewed_next"):
            panel.document_toolbar.addAction(self.actions_[name])
        return review, panel

    def _curate(self, step: str, *args: object) -> None:
        """Run a curation step on the controller (the actions are enabled only while curating)."""
        if self.review is not None and self.review.active:
            getattr(self.review, step)(*args)

    def package_work(self) -> Job | None:
        """Write your layers to a package file for the reviewer, in the background."""
        from ui.review.exchange import ExchangeDialogs

        if self.project is None or (path := ExchangeDialogs.package_path(self, self.annotator)) is None:
            return None
        from annotator.review.package import write_package
        from ui.jobs import Job

        annotator = self.annotator

        def work(project: Project, progress: Progress) -> str:
            documents = translate("MainWindow", "%Ln documents", None, write_package(project, annotator, path))
            return translate("MainWindow", "wrote {documents} of {annotator} to {path}").format(
                documents=documents, annotator=annotator, path=ltr(str(path))
            )

        return self._start(
            Job(self, translate("MainWindow", "Packaging…"), self.project.path, work), self._on_job_message
        )

    def merge_packages(self) -> Job | None:
        """Add annotators' packages to this project (all or nothing), in the background."""
        from ui.review.exchange import ExchangeDialogs

        if self.project is None or (request := ExchangeDialogs.merge_request(self)) is None:
            return None
        from annotator.review.package import merge_packages
        from ui.jobs import Job

        paths, replace = request

        def work(project: Project, progress: Progress) -> str:
            report = merge_packages(project, paths, replace=replace)
            outcomes = sorted(Counter(o for *_, o in report.outcomes).items())
            counts = translate("MainWindow", ", ").join(f"{number(n)} {word(o)}" for o, n in outcomes)
            merged = translate("MainWindow", "merged %Ln packages: {outcomes}", None, len(paths))
            return merged.format(outcomes=counts)

        return self._start(Job(self, translate("MainWindow", "Merging…"), self.project.path, work), self._on_job_merged)

    def _on_job_merged(self, message: object) -> None:
        self._refresh_documents()
        if self.annotation is not None:
            self.annotation.reload()
        if self.review is not None and self.review.active:
            self.review.document_opened()  # the annotators' layers changed: read them again
        self._on_job_message(message)  # last: reloading writes its own status line

    def show_team(self) -> None:
        """Who has done what: per annotator, and per document."""
        if self.project is None:
            return
        from ui.review.team_view import TeamView

        view = TeamView(self.project.progress(), self.project.documents(), self)
        _retire(self.team_view)
        view.show()
        self.team_view = view

    def show_agreement(self) -> Job | None:
        """Compute the agreement report in the background, then show it."""
        if self.project is None:
            return None
        from annotator.review.agreement import project_agreement

        def work(project: Project, progress: Progress) -> object:
            return project_agreement(project, progress=progress)

        from ui.jobs import Job

        return self._start(
            Job(self, translate("MainWindow", "Measuring agreement…"), self.project.path, work),
            self._on_job_agreement_finished,
        )

    def _on_job_agreement_finished(self, report: object) -> None:
        from annotator.review.agreement import AgreementReport
        from ui.review.agreement_view import AgreementView

        assert isinstance(report, AgreementReport)
        view = AgreementView(self)
        view.region_requested.connect(self.open_region)
        view.show_report(report)
        _retire(self.agreement_view)
        view.show()
        self.agreement_view = view

    def open_region(self, doc_id: str, start: int, end: int) -> None:
        """Curate one disagreement: curation mode, its document, the region chosen."""
        self.set_review_mode(True)
        if self.annotation is None or self.review is None:
            return
        if self.annotation.document is None or self.annotation.document.id != doc_id:
            self.documents.choose(doc_id)
        self.review.choose_at(start, end)
        self.activateWindow()

    def _on_review_reviewed(self, doc_id: str) -> None:
        self.status.setText(translate("MainWindow", "{document} reviewed").format(document=doc_id))
        self._refresh_documents()
        self.documents.step(1)


def _retire(view: QWidget | None) -> None:
    """Close and delete a view a newer one replaces (each opening would otherwise leave one behind)."""
    if view is not None:
        view.close()
        view.deleteLater()
