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
from ui.i18n import word
from ui.plain import plain_label

ENCODINGS = ("auto", "utf-8", "utf-8-sig", "utf-16", "cp1256")


def choices(combo: QComboBox, values: list[str]) -> None:
    """Fill ``combo`` with ``values`` as data, each shown in the interface's words."""
    for value in values:
        combo.addItem(word(value), value)


def chosen(combo: QComboBox) -> str:
    """The value chosen in a combo box filled by :func:`choices` (an editable one: what was typed, if new)."""
    text = combo.currentText().strip()
    index = combo.currentIndex()
    if index >= 0 and text == combo.itemText(index):
        return str(combo.itemData(index))
    return text


class ImportDialog(QDialog):
    """Files or a folder, format, encoding, normalization, label handling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import documents"))
        self.paths = QLineEdit()
        browse_files = QPushButton(self.tr("Files…"))
        browse_folder = QPushButton(self.tr("Folder…"))
        row = QHBoxLayout()
        row.addWidget(self.paths)
        row.addWidget(browse_files)
        row.addWidget(browse_folder)
        self.format = QComboBox()
        choices(self.format, list(FORMATS))
        self.encoding = QComboBox()
        choices(self.encoding, list(ENCODINGS))
        self.encoding.setEditable(True)
        self.normalize = QComboBox()
        self.normalize.addItem(self.tr("project default"), "")
        choices(self.normalize, [str(p) for p in Profile])
        self.annotator = QLineEdit()
        self.annotator.setPlaceholderText(self.tr("the file's, else «imported»"))
        self.add_labels = QCheckBox(self.tr("add labels missing from the schema"))
        self.replace = QCheckBox(self.tr("a text already in the project: replace that annotator's layer"))
        self.label_map = QLineEdit()
        self.label_map.setPlaceholderText("pers=PER,event=EVE")
        form = QFormLayout(self)
        form.addRow(self.tr("Files"), row)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Encoding"), self.encoding)
        form.addRow(self.tr("Normalization"), self.normalize)
        form.addRow(self.tr("Annotator"), self.annotator)
        form.addRow(self.tr("Label map"), self.label_map)
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
        normalize = str(self.normalize.currentData() or "")
        options = ImportOptions(
            format=chosen(self.format),
            encoding=chosen(self.encoding) or "auto",
            annotator=self.annotator.text().strip() or None,
            normalize=Profile(normalize) if normalize else None,
            add_labels=self.add_labels.isChecked(),
            label_map=parse_label_map(self.label_map.text()),
            replace=self.replace.isChecked(),
        )
        return paths, options

    def _on_ok(self) -> None:
        # A malformed entry keeps the dialog open with the reason: closing would lose every other choice.
        if not self.paths.text().strip():
            self.error.setText(self.tr("choose files or a folder to import"))
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
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Documents"), "", self.tr("Text, JSONL, CSV, CoNLL (*.*)")
        )
        if files:
            self.paths.setText(";".join(files))

    def _on_browse_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of documents"))
        if folder:
            self.paths.setText(folder)


class ExportDialog(QDialog):
    """The options of `barchasb export`: format, target, layer, scheme, separator, split, unit and the switches."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.format = QComboBox()
        choices(self.format, list(EXPORT_FORMATS))
        self.out = QLineEdit()
        browse = QPushButton("…")
        row = QHBoxLayout()
        row.addWidget(self.out)
        row.addWidget(browse)
        self.layer = QLineEdit()
        self.layer.setPlaceholderText(self.tr("gold, else the only layer"))
        self.scheme = QComboBox()
        self.scheme.addItems([str(s) for s in Scheme])
        self.scheme.setCurrentText(str(Scheme.IOB2))  # the command line's default, not the list's first
        self.sep = QComboBox()
        choices(self.sep, ["tab", "space"])
        self.split = QLineEdit()
        self.split.setPlaceholderText(self.tr("empty: as barchasb export (0.8,0.1,0.1 unless the corpus has its own)"))
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(13)
        self.unit = QComboBox()
        choices(self.unit, ["sentence", "document"])
        self.only_done = QCheckBox(self.tr("only documents marked done or reviewed"))
        self.docstart = QCheckBox(self.tr("-DOCSTART- before each document"))
        self.roles = QCheckBox(self.tr("a role column before the tag"))
        self.drop_conflicts = QCheckBox(self.tr("leave out spans CoNLL cannot carry (nested, inside a token)"))
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("To"), row)
        form.addRow(self.tr("Layer"), self.layer)
        form.addRow(self.tr("Scheme"), self.scheme)
        form.addRow(self.tr("Separator"), self.sep)
        form.addRow(self.tr("Split"), self.split)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Unit"), self.unit)
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
            format=chosen(self.format),
            out=Path(self.out.text().strip()),
            layer=self.layer.text().strip() or None,
            scheme=Scheme(self.scheme.currentText()),
            sep=chosen(self.sep),
            docstart=self.docstart.isChecked(),
            split=self.split.text().strip() or None,
            seed=self.seed.value(),
            unit=chosen(self.unit),
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
            self.error.setText(self.tr("choose where to export: a folder, or a single .conll or .jsonl file"))
            return
        self.accept()

    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export into"))
        if folder:
            self.out.setText(folder)
