"""Import and export dialogs: they only collect options; the work runs as a background job."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from annotator.errors import InputError
from annotator.importers import FORMATS, ImportOptions, parse_label_map
from annotator.tags import Scheme
from annotator.text.profiles import Profile
from exports import FORMATS as EXPORT_FORMATS
from exports import ExportOptions
from ui.dialogs import modal, ok_cancel
from ui.plain import plain_label

ENCODINGS = ("auto", "utf-8", "utf-8-sig", "utf-16", "cp1256")


class ImportDialog(QDialog):
    """Files or a folder, format, encoding, normalization, label handling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import documents")
        self.paths = QLineEdit()
        browse_files = QPushButton("Files…")
        browse_folder = QPushButton("Folder…")
        row = QHBoxLayout()
        row.addWidget(self.paths)
        row.addWidget(browse_files)
        row.addWidget(browse_folder)
        self.format = QComboBox()
        self.format.addItems(FORMATS)
        self.encoding = QComboBox()
        self.encoding.addItems(ENCODINGS)
        self.encoding.setEditable(True)
        self.normalize = QComboBox()
        self.normalize.addItems(["project default", *(str(p) for p in Profile)])
        self.annotator = QLineEdit()
        self.annotator.setPlaceholderText("the file's, else «imported»")
        self.add_labels = QCheckBox("add labels missing from the schema")
        self.replace = QCheckBox("a text already in the project: replace that annotator's layer")
        self.label_map = QLineEdit()
        self.label_map.setPlaceholderText("pers=PER,event=EVE")
        form = QFormLayout(self)
        form.addRow("Files", row)
        form.addRow("Format", self.format)
        form.addRow("Encoding", self.encoding)
        form.addRow("Normalization", self.normalize)
        form.addRow("Annotator", self.annotator)
        form.addRow("Label map", self.label_map)
        form.addRow("", self.add_labels)
        form.addRow("", self.replace)
        self.error = plain_label()  # the core's message, which quotes what was typed
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        form.addRow(ok_cancel(self, self._on_ok))
        self.result_request: tuple[list[str], ImportOptions] | None = None
        browse_files.clicked.connect(self._on_browse_files_clicked)
        browse_folder.clicked.connect(self._on_browse_folder_clicked)

    def request(self) -> tuple[list[str], ImportOptions]:
        """The chosen paths and options (raises InputError on a malformed label map)."""
        paths = [p for p in self.paths.text().split(";") if p.strip()]
        normalize = self.normalize.currentText()
        options = ImportOptions(
            format=self.format.currentText(),
            encoding=self.encoding.currentText() or "auto",
            annotator=self.annotator.text().strip() or None,
            normalize=None if normalize == "project default" else Profile(normalize),
            add_labels=self.add_labels.isChecked(),
            label_map=parse_label_map(self.label_map.text()),
            replace=self.replace.isChecked(),
        )
        return paths, options

    def _on_ok(self) -> None:
        # A malformed entry keeps the dialog open with the reason: closing would lose every other choice.
        if not self.paths.text().strip():
            self.error.setText("choose files or a folder to import")
            return
        try:
            self.result_request = self.request()
        except InputError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[list[str], ImportOptions] | None:
        """Show the dialog; None when cancelled. Tests patch this."""
        dialog = cls(parent)
        return dialog.result_request if modal(dialog) else None

    def _on_browse_files_clicked(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Documents", "", "Text, JSONL, CSV, CoNLL (*.*)")
        if files:
            self.paths.setText(";".join(files))

    def _on_browse_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder of documents")
        if folder:
            self.paths.setText(folder)


class ExportDialog(QDialog):
    """The options of `barchasb export`: format, target, layer, scheme, separator, split, unit and the switches."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.format = QComboBox()
        self.format.addItems(EXPORT_FORMATS)
        self.out = QLineEdit()
        browse = QPushButton("…")
        row = QHBoxLayout()
        row.addWidget(self.out)
        row.addWidget(browse)
        self.layer = QLineEdit()
        self.layer.setPlaceholderText("gold, else the only layer")
        self.scheme = QComboBox()
        self.scheme.addItems([str(s) for s in Scheme])
        self.scheme.setCurrentText(str(Scheme.IOB2))  # the command line's default, not the list's first
        self.sep = QComboBox()
        self.sep.addItems(["tab", "space"])
        self.split = QLineEdit()
        self.split.setPlaceholderText("empty: as barchasb export (0.8,0.1,0.1 unless the corpus has its own)")
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(13)
        self.unit = QComboBox()
        self.unit.addItems(["sentence", "document"])
        self.only_done = QCheckBox("only documents marked done or reviewed")
        self.docstart = QCheckBox("-DOCSTART- before each document")
        self.roles = QCheckBox("a role column before the tag")
        self.drop_conflicts = QCheckBox("leave out spans CoNLL cannot carry (nested, inside a token)")
        form = QFormLayout(self)
        form.addRow("Format", self.format)
        form.addRow("To", row)
        form.addRow("Layer", self.layer)
        form.addRow("Scheme", self.scheme)
        form.addRow("Separator", self.sep)
        form.addRow("Split", self.split)
        form.addRow("Seed", self.seed)
        form.addRow("Unit", self.unit)
        form.addRow("", self.only_done)
        form.addRow("", self.docstart)
        form.addRow("", self.roles)
        form.addRow("", self.drop_conflicts)
        self.error = plain_label()
        self.error.setStyleSheet("color: #b00020;")
        form.addRow(self.error)
        form.addRow(ok_cancel(self, self._on_ok))
        browse.clicked.connect(self._on_browse_clicked)

    def request(self) -> ExportOptions:
        """The chosen options."""
        return ExportOptions(
            format=self.format.currentText(),
            out=Path(self.out.text().strip()),
            layer=self.layer.text().strip() or None,
            scheme=Scheme(self.scheme.currentText()),
            sep=self.sep.currentText(),
            docstart=self.docstart.isChecked(),
            split=self.split.text().strip() or None,
            seed=self.seed.value(),
            unit=self.unit.currentText(),
            only_done=self.only_done.isChecked(),
            roles=self.roles.isChecked(),
            drop_conflicts=self.drop_conflicts.isChecked(),
        )

    @classmethod
    def ask(cls, parent: QWidget | None) -> ExportOptions | None:
        """Show the dialog; None when cancelled. Tests patch this."""
        dialog = cls(parent)
        return dialog.request() if modal(dialog) else None

    def _on_ok(self) -> None:
        if not self.out.text().strip():  # an empty path would mean the current folder, wherever that is
            self.error.setText("choose where to export: a folder, or a single .conll or .jsonl file")
            return
        self.accept()

    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export into")
        if folder:
            self.out.setText(folder)
