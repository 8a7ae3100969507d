"""The main window: composition of the panels, the editor and the action table."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import BarchasbError
from annotator.model import GOLD, DocStatus, LayerStatus, SpanStatus
from annotator.schema import Schema, preset
from annotator.store import Project

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from annotator.progress import Progress
    from exports import ExportOptions
    from ui.jobs import Job
    from ui.live_views import LiveViews
    from ui.review.controller import Review
    from ui.review.curation_panel import CurationPanel
from ui.actions import build_actions, menu_title
from ui.annotation import Annotation
from ui.editor.fonts import persian_font
from ui.editor.view import DocumentView
from ui.i18n import ensure_installed, install, layer_name, ltr, number, percent, system_language
from ui.messages import warn
from ui.opening import open_location, project_name
from ui.panels.documents import DocumentList
from ui.panels.palette import LabelPalette
from ui.panels.spans import SpanList
from ui.plain import menu_text, plain_label
from ui.review.window import TeamReview
from ui.settings import auto_pretag, preference, recent_projects, remember_project


class MainWindow(TeamReview):
    """One open project, annotated as ``annotator``."""

    def __init__(self, project: Project | None, annotator: str = "annotator", parent: QWidget | None = None) -> None:
        ensure_installed()  # ui.app chose the language already; anything else gets English
        super().__init__(parent)
        self.project = project
        from ui.roles import layer_of

        self.annotator = annotator = layer_of(project, annotator)  # an annotator on a server edits their login's layer
        self.view = DocumentView()
        self.documents = DocumentList()
        self.span_list = SpanList()
        self.label_panel = LabelPalette()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.label_panel)
        side_layout.addWidget(self.span_list, 1)
        self.side_layout = side_layout
        self.splitter = QSplitter()
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.documents)
        self.splitter.setSizes([390, 570, 340])  # the document table's title, status and counts without scrolling
        self.setCentralWidget(self.splitter)
        self.status = plain_label()  # shows document ids, paths and messages that carry them
        self.statusBar().addWidget(self.status)
        self.char_mode_label = QLabel(self.tr("character mode"))  # the mode stays in view whatever the message
        self.char_mode_label.setToolTip(self.tr("Selections go by character, not by token (Ctrl+M to leave)"))
        self.char_mode_label.setStyleSheet("QLabel { background: #fff3c4; color: #5d4300; padding: 0 6px; }")
        self.char_mode_label.hide()
        self.statusBar().addPermanentWidget(self.char_mode_label)
        self.resize(1300, 760)
        self.actions_ = build_actions(self)
        self.annotation: Annotation | None = None
        self.review: Review | None = None  # made when curation is first switched on
        self.curation_panel: CurationPanel | None = None
        self.widths_annotating: list[int] | None = None  # the panels' widths before curation widened the side
        self.widths_curating: list[int] | None = None  # ... and as curation left them
        self.agreement_view: QWidget | None = None
        self.team_view: QWidget | None = None
        self.jobs: list[Job] = []
        self.auto_pretag = auto_pretag()
        self.done_since_training = 0
        self.live: LiveViews | None = None  # other people's changes, and the connection's state
        if project is not None:
            self.annotation = Annotation(project, annotator, self.view, self.span_list, self)
            self.annotation.changed.connect(self._on_annotation_changed)
        self._build_menus()
        self._apply_preferences()
        self.documents.document_chosen.connect(self._on_documents_document_chosen)
        self.label_panel.label_clicked.connect(self._on_palette_label_clicked)
        self._load()
        if project is not None:
            from ui.live_views import LiveViews

            self.live = LiveViews(self)
        from ui.panels.history import HistoryDock
        from ui.roles import RoleGuard

        self.roles = RoleGuard(self)  # the user's role on a server: shown, and what it cannot do switched off
        self.history = HistoryDock(self)

    def _build_menus(self) -> None:
        menus: dict[str, object] = {}
        from ui.actions import ACTIONS

        for spec in ACTIONS:
            menu = menus.get(spec.menu)
            if menu is None:
                menu = menus[spec.menu] = self.menuBar().addMenu(menu_title(spec.menu))
            menu.addAction(self.actions_[spec.id])  # type: ignore[attr-defined]
        a, act = self.annotation, self.actions_
        act["quit"].triggered.connect(self.close)
        act["open"].triggered.connect(self._on_open)
        act["open_team"].triggered.connect(self._on_open_team)
        act["new"].triggered.connect(self.new_project)
        act["import"].triggered.connect(self.import_documents)
        act["export"].triggered.connect(self.export)
        self._recent_menu()
        act["shortcuts"].triggered.connect(self._on_shortcuts)
        act["char_mode"].toggled.connect(self._on_char_mode_toggled)
        act["show_zwnj"].toggled.connect(self._on_show_zwnj_toggled)
        act["next_document"].triggered.connect(lambda: self.documents.step(1))
        act["previous_document"].triggered.connect(lambda: self.documents.step(-1))
        act["done_next"].triggered.connect(self._on_done_next)
        act["pretag_document"].triggered.connect(lambda: self.pretag(current_only=True))
        act["pretag_project"].triggered.connect(lambda: self.pretag(current_only=False))
        act["train"].triggered.connect(self.train)
        act["preferences"].triggered.connect(self._on_preferences)
        act["schema"].triggered.connect(self.edit_schema)
        act["uncertain_first"].toggled.connect(self._on_uncertain_first_toggled)
        act["agreement"].triggered.connect(self.show_agreement)
        act["team"].triggered.connect(self.show_team)
        act["package"].triggered.connect(self.package_work)
        act["merge"].triggered.connect(self.merge_packages)
        act["review_mode"].toggled.connect(self.set_review_mode)
        if a is None:
            return
        act["accept_agreed"].triggered.connect(lambda: self._curate("accept_agreed"))
        act["next_disagreement"].triggered.connect(lambda: self._curate("step", True))
        act["previous_disagreement"].triggered.connect(lambda: self._curate("step", False))
        act["no_entity"].triggered.connect(lambda: self._curate("no_entity"))
        act["reviewed_next"].triggered.connect(lambda: self._curate("mark_reviewed"))
        for n in range(1, 10):
            act[f"take_{n}"].triggered.connect(lambda _=False, n=n: self._curate("take", n))
        act["undo"].triggered.connect(a.undo_stack.undo)
        act["redo"].triggered.connect(a.undo_stack.redo)
        act["delete"].triggered.connect(a.delete)
        act["accept"].triggered.connect(a.accept)
        act["reject"].triggered.connect(a.reject)
        act["accept_all"].triggered.connect(a.accept_all)
        act["role"].triggered.connect(lambda: a.set_role())
        act["grow_start"].triggered.connect(lambda: a.resize("start", 1))
        act["shrink_start"].triggered.connect(lambda: a.resize("start", -1))
        act["grow_end"].triggered.connect(lambda: a.resize("end", 1))
        act["shrink_end"].triggered.connect(lambda: a.resize("end", -1))
        act["next_span"].triggered.connect(lambda: a.go(True))
        act["previous_span"].triggered.connect(lambda: a.go(False))
        act["next_suggestion"].triggered.connect(lambda: a.go(True, suggestions_only=True))
        act["previous_suggestion"].triggered.connect(lambda: a.go(False, suggestions_only=True))

    def _schema(self) -> Schema | None:
        return None if self.project is None else self.project.schema

    def _load(self) -> None:
        if self.project is None:
            self.setWindowTitle(self.tr("Barchasb"))
            self.status.setText(self.tr("No project open: File › Open project… (Ctrl+O) or New project… (Ctrl+N)"))
            return
        self.setWindowTitle(
            self.tr("Barchasb — {project} — {layer}").format(
                project=project_name(self.project), layer=layer_name(self.layer)
            )
        )
        self.label_panel.show_schema(self.project.schema)
        self._refresh_documents()
        # The first document opens once the window has painted: a long article never delays the window.
        self.view.first_painted.connect(self._on_view_first_painted)

    def _on_view_first_painted(self) -> None:
        QTimer.singleShot(0, self._open_first_document)

    def _open_first_document(self) -> None:
        try:
            if self.annotation is not None and self.annotation.document is not None:
                return  # something opened a document already
            if self.documents.current_id() is None:
                self.documents.choose_first()
        finally:
            if self.live is not None:
                self.live.start()  # once the window shows its first document: the listener never delays it

    def refresh_documents(self) -> None:
        """Read the document list again (statuses, counts, assignments)."""
        self._refresh_documents()

    def _refresh_documents(self) -> None:
        assert self.project is not None
        infos = self.project.documents()
        if self.actions_["uncertain_first"].isChecked():
            doubt = self.project.uncertainty(self.annotator)  # empty until the model has suggested
            infos.sort(key=lambda info: -doubt.get(info.id, -1.0))
        mine = {doc_id for doc_id, names in self.project.assignments().items() if self.annotator in names}
        self.documents.show_documents(infos, self.project.span_counts(self.layer), mine)

    def _on_uncertain_first_toggled(self, on: bool) -> None:
        if on:  # the model's order, not a column's
            self.documents.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self._refresh_documents()

    def _on_documents_document_chosen(self, doc_id: str) -> None:
        if self.annotation is None or self.project is None:
            return
        try:
            self.annotation.open(doc_id)
            self.view.setFocus()
            document = self.annotation.document
            if self.review is not None and self.review.active:
                if self.review.document_opened():
                    self._refresh_documents()  # agreed spans went into gold: the counts changed
                return
        except BarchasbError as exc:  # the connection was lost, or the document went away
            warn(self, str(exc))
            return
        if self.auto_pretag and document is not None and document.status is DocStatus.NEW:
            self.pretag(current_only=True, quiet=True)  # nobody should face an untagged article

    def pretag(self, current_only: bool, quiet: bool = False) -> Job | None:
        """Suggest entities in the background for this document or the whole project."""
        if self.annotation is None or self.annotation.document is None:
            return None
        return self.pretag_documents([self.annotation.document.id] if current_only else None, quiet)

    def pretag_documents(self, doc_ids: list[str] | None, quiet: bool = False) -> Job | None:
        """Suggest entities in the background for these documents (None: all)."""
        if self.project is None:
            return None
        if quiet and not self.roles.allows("pretag_document"):
            return None  # a curator has no layer of their own: automatic pre-tagging has nothing to write
        from annotator.pretag.pipeline import pretag  # loaded when first needed: start-up stays quick

        annotator = self.annotator

        def work(project: Project, progress: Progress) -> object:
            return pretag(project, doc_ids, annotator=annotator, progress=progress)

        from ui.jobs import Job

        return self._start(
            Job(self, self.tr("Pre-tagging…"), self.project.path, work, dialog=not quiet),
            self._on_job_pretag_finished,
            quiet=quiet,
        )

    def train(self, quiet: bool = False) -> Job | None:
        """Train the learned tagger in the background."""
        if self.project is None:
            return None
        from annotator.pretag.training import train_project

        layers = {name for info in self.project.documents() for name in info.layers}
        layer = GOLD if GOLD in layers else self.annotator  # the curated layer, else your own

        def work(project: Project, progress: Progress) -> str:
            model, _ = train_project(project, layer=layer, progress=progress)  # its summary is the command line's
            seconds = number(round(model.meta["train_seconds"]))
            sentences = self.tr("%Ln sentences", "", int(model.meta["sentences"]))
            return self.tr("trained on {sentences} of the layer {layer} in {seconds} s").format(
                sentences=sentences, layer=layer_name(layer), seconds=seconds
            )

        from ui.jobs import Job

        job = Job(self, self.tr("Training the model…"), self.project.path, work, dialog=not quiet)
        return self._start(job, self._on_job_message, quiet=quiet)

    def _on_job_pretag_finished(self, report: object) -> None:
        if self.annotation is not None:
            self.annotation.reload()
        self._refresh_documents()
        suggestions, documents = getattr(report, "suggestions", 0), getattr(report, "documents", 0)
        self.status.setText(
            self.tr("{suggestions} in {documents}").format(
                suggestions=self.tr("%Ln suggestions", "", suggestions),
                documents=self.tr("%Ln documents", "", documents),
            )
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        for job in self.jobs:  # a thread must not outlive its window
            if job.running:
                job.cancel()
                job.wait()
        if self.live is not None:
            self.live.stop()
        super().closeEvent(event)

    def _on_quiet_job_failed(self, message: str) -> None:
        # background work the user did not ask for: said in the status line, no dialog in the way
        self.status.setText(self.tr("background work failed: {message}").format(message=message))

    def _on_job_failed(self, message: str) -> None:
        warn(self, message)  # never empty: a cancel is a signal of its own

    def _on_job_cancelled(self, title: str) -> None:
        self.status.setText(self.tr("{work} cancelled: nothing was changed").format(work=title.rstrip("…")))

    def _on_palette_label_clicked(self, label: str) -> None:
        if self.annotation is not None:
            self.annotation.label(label)

    def _on_annotation_changed(self) -> None:
        assert self.annotation is not None and self.annotation.document is not None
        spans = self.annotation.spans
        suggested = sum(1 for s in spans if s.status is SpanStatus.SUGGESTED)
        edited = self.annotation.undo_stack.count() > 0 and self.layer != GOLD  # a person's edit, as the store sees it
        self.documents.update_document(self.annotation.document.id, len(spans) - suggested, suggested, edited)
        self.status.setText(
            self.tr("{document}: {entities}, {suggestions} · layer {layer}").format(
                document=self.annotation.document.id,
                entities=self.tr("%Ln entities", "", len(spans) - suggested),
                suggestions=self.tr("%Ln suggestions", "", suggested),
                layer=layer_name(self.layer),
            )
        )

    def _on_done_next(self) -> None:
        if self.project is None or self.annotation is None or self.annotation.document is None:
            return
        doc_id = self.annotation.document.id
        from ui.dialogs.open_suggestions import settle_open_suggestions

        if not settle_open_suggestions(self, self.annotation):
            return  # cancelled: the document stays as it is
        try:
            self.project.set_layer_status(doc_id, self.annotator, LayerStatus.DONE)
            self.project.set_document_status(doc_id, DocStatus.DONE)
            self._refresh_documents()
        except BarchasbError as exc:
            warn(self, str(exc))
            return
        self.documents.step(1)
        self.done_since_training += 1
        every = int(preference("retrain_every"))  # type: ignore[call-overload]
        if every and self.done_since_training >= every:
            self.done_since_training = 0
            self.train(quiet=True)

    def _recent_menu(self) -> None:
        recent = recent_projects()
        menu = self.menuBar().actions()[0].menu()
        if not isinstance(menu, QMenu) or not recent:
            return
        submenu = menu.addMenu(self.tr("Recent projects"))
        for path in recent:
            action = submenu.addAction(menu_text(ltr(path)))  # «/tmp/a.barchasb», not «tmp/a.barchasb/»
            action.setData(path)
            action.triggered.connect(self._on_recent_triggered)

    def _on_recent_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.open_project(str(action.data()))

    def import_documents(self) -> Job | None:
        """Ask for files and options, then import in the background (all or nothing)."""
        if self.project is None:
            return None
        from ui.dialogs.transfer import ImportDialog

        request = ImportDialog.ask(self)  # it checks the label map itself and stays open until it is right
        if request is None:
            return None
        paths, options = request
        from annotator.importers import import_paths

        def work(project: Project, progress: Progress) -> object:
            return import_paths(project, paths, options, progress)

        from ui.jobs import Job

        return self._start(Job(self, self.tr("Importing…"), self.project.path, work), self._on_job_import_finished)

    def export(self, previous: ExportOptions | None = None, error: str = "") -> Job | None:
        """Ask for options, then export in the background; a refusal brings the dialog back as it was left."""
        if self.project is None:
            return None
        from ui.dialogs.transfer import ExportDialog

        layers = sorted({name for info in self.project.documents() for name in info.layers})
        options = ExportDialog.ask(self, layers, previous, error)
        if options is None:
            return None
        from exports import export

        def work(project: Project, progress: Progress) -> str:
            report = export(project, options, progress)
            documents = self.tr("%Ln documents", "", sum(report.documents.values()))
            return self.tr("exported {documents} to {path}").format(documents=documents, path=ltr(str(options.out)))

        from ui.jobs import Job

        job = Job(self, self.tr("Exporting…"), self.project.path, work)
        return self._start(job, self._on_job_message, failed=lambda message: self._on_export_failed(options, message))

    def _on_export_failed(self, options: ExportOptions, message: str) -> None:
        from ui.dialogs.transfer import in_dialog_words

        self.export(options, in_dialog_words(message))

    def _on_job_import_finished(self, report: object) -> None:
        self._refresh_documents()
        imported = list(getattr(report, "documents", []))
        joined = sum(1 for *_, outcome in getattr(report, "layers", []) if outcome in ("added", "replaced"))
        layers = self.tr(", and %Ln layers to documents already there", "", joined) if joined else ""
        self.status.setText(
            self.tr("imported {documents} with {entities}{layers}").format(
                documents=self.tr("%Ln documents", "", len(imported)),
                entities=self.tr("%Ln entities", "", int(getattr(report, "spans", 0))),
                layers=layers,
            )
        )
        if imported and self.auto_pretag:
            self.pretag_documents(imported, quiet=True)  # suggestions are ready before anyone opens them
        if self.annotation is not None and self.annotation.document is None:
            self.documents.choose_first()

    def _on_open_team(self) -> None:
        from ui.dialogs.login import OpenTeamDialog

        url = OpenTeamDialog.ask(self)
        if url:
            self.open_project(url)

    def _on_open(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open project"), "", self.tr("Barchasb projects (*.barchasb)")
        )
        if path:
            self.open_project(path)

    def new_project(self) -> None:
        """Create a project file and switch to it."""
        from ui.dialogs.new_project import NewProjectDialog

        choice = NewProjectDialog.ask(self)
        if choice is None:
            return
        path, schema, profile = choice
        try:
            Project.create(path, preset(schema), profile).close()
        except BarchasbError as exc:
            warn(self, str(exc))
            return
        self.open_project(path)

    def open_project(self, path: str) -> None:
        """Replace this window with one on another project (a file, or a team server URL)."""
        project = open_location(self, path)  # asks for a password when the server wants one
        if project is None:
            return
        remember_project(str(project.path))
        replacement = MainWindow(project, self.annotator)
        replacement.show()
        self.replaced_by = replacement
        self.close()

    def edit_schema(self) -> None:
        """Edit the label schema; labels still in use cannot be removed (the core refuses)."""
        if self.project is None:
            return
        from ui.dialogs.schema_editor import SchemaEditor

        try:
            original = self.project.schema  # as stored now: someone else may have changed it since
        except BarchasbError as exc:
            warn(self, str(exc))
            return
        schema = SchemaEditor.edit(original, self)
        if schema is None:
            return
        try:
            self.project.set_schema(schema, expect=original)  # another editor's change is refused, not lost
        except BarchasbError as exc:
            warn(self, str(exc))
            if self.live is not None:
                self.live.schema = True
                self.live.apply()  # show the schema as it is now
            return
        self.label_panel.show_schema(schema)
        if self.annotation is not None and self.annotation.document is not None:
            self.annotation.open(self.annotation.document.id)

    def _on_preferences(self) -> None:
        from ui.dialogs.preferences import PreferencesDialog

        language = str(preference("language"))
        if PreferencesDialog.edit(self):
            self._apply_preferences()
            if str(preference("language")) != language:
                self.switch_language(str(preference("language")) or system_language())

    def switch_language(self, language: str) -> None:
        """Show the window in ``language`` now: a new window on the project, at the same document and mode."""
        if self.project is None:
            project = None
        else:
            project = open_location(self, str(self.project.path))
            if project is None:
                return
        install(language)
        replacement = MainWindow(project, self.annotator)
        replacement.setGeometry(self.geometry())
        replacement.show()
        if self.review is not None and self.review.active:
            replacement.set_review_mode(True)
        if self.annotation is not None and self.annotation.document is not None:
            replacement.documents.choose(self.annotation.document.id)
        self.replaced_by = replacement
        self.close()

    def _apply_preferences(self) -> None:
        self.auto_pretag = auto_pretag()
        family = str(preference("font_family")) or None
        self.view.setFont(persian_font(int(preference("font_size")), family))  # type: ignore[call-overload]
        threshold = float(preference("accept_threshold"))  # type: ignore[arg-type]
        if self.annotation is not None:
            self.annotation.accept_threshold = threshold
        text = self.tr("Accept all suggestions at or above {percent}").format(percent=percent(threshold))
        self.actions_["accept_all"].setText(menu_text(text))

    def _on_char_mode_toggled(self, on: bool) -> None:
        self.view.char_mode = on
        self.char_mode_label.setVisible(on)

    def _on_show_zwnj_toggled(self, on: bool) -> None:
        self.view.show_zwnj = on
        self.view.viewport().update()

    def _on_shortcuts(self) -> None:
        from ui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog.show_for(self._schema(), self, self.actions_)

    def _start(
        self,
        job: Job,
        finished: Callable[[object], None],
        *,
        quiet: bool = False,
        failed: Callable[[str], None] | None = None,
    ) -> Job:
        """Run a job: its result goes to ``finished``, a failure to ``failed`` (default: a box, or the status line)."""
        for ended in [j for j in self.jobs if not j.running]:
            self.jobs.remove(ended)
            ended.deleteLater()
        job.finished.connect(finished)
        job.failed.connect(failed or (self._on_quiet_job_failed if quiet else self._on_job_failed))
        job.cancelled.connect(self._on_job_cancelled)
        self.jobs.append(job.start())
        return job

    def _on_job_message(self, message: object) -> None:
        self.status.setText(str(message))
