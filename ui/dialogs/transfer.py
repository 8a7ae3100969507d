"""Import and export dialogs: they only collect options; the work runs as a background job."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
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
from annotator.model import GOLD
from annotator.tags import Scheme
from annotator.text.profiles import Profile
from exports import FORMATS as EXPORT_FORMATS
from exports import ExportOptions
from exports.run import DEFAULT_FRACTIONS, KEEP, TOKEN_FORMATS
from ui.dialogs import modal, ok_cancel
from ui.i18n import QT_TRANSLATE_NOOP, translate, word
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
    """The options of `barchasb export`, with its defaults; checks what it can before closing."""

    def __init__(
        self,
        parent: QWidget | None = None,
        layers: Sequence[str] = (),
        previous: ExportOptions | None = None,
        error: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.layers = list(layers)
        self.format = QComboBox()
        choices(self.format, list(EXPORT_FORMATS))
        self.out = QLineEdit()
        self.out.setPlaceholderText(self.tr("a folder (one file per split), or one file for a single split"))
        browse = QPushButton(self.tr("Folder…"))
        row = QHBoxLayout()
        row.addWidget(self.out)
        row.addWidget(browse)
        self.layer = QComboBox()  # the layers there are: nothing to mistype
        self.layer.addItem(self.tr("automatic: gold, else the only layer"), "")
        for name in self.layers:
            self.layer.addItem(name, name)
        self.scheme = QComboBox()
        self.scheme.addItems([str(s) for s in Scheme])
        self.sep = QComboBox()
        choices(self.sep, ["space", "tab"])  # space first: conlleval's, and the command line's default
        self.layout_ = QComboBox()
        self.layout_.addItem(self.tr("token TAG"), "plain")
        self.layout_.addItem(self.tr("CoNLL-2003: token -X- _ TAG"), "conll2003")
        self.split = QComboBox()
        self.split.setEditable(True)  # any fractions may be typed, e.g. 0.7,0.15,0.15
        self.split.addItem(
            self.tr("automatic: the corpus's own splits when every document has one, else 0.8,0.1,0.1"), ""
        )
        self.split.addItem(self.tr("the corpus's own splits"), KEEP)
        self.split.addItem(DEFAULT_FRACTIONS, DEFAULT_FRACTIONS)
        self.split.addItem("1", "1")
        completer = self.split.completer()
        if completer is not None:  # completes in place: a popup would take the next click
            completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.unit = QComboBox()
        choices(self.unit, ["sentence", "document"])
        self.label_map = QLineEdit()
        self.label_map.setPlaceholderText(self.tr("rename on the way out, e.g. PER=pers,LOC=loc"))
        self.license = QLineEdit()
        self.license.setPlaceholderText(self.tr("the dataset card's license, e.g. cc-by-4.0"))
        self.curators = QLineEdit()
        self.curators.setPlaceholderText(self.tr("who curated gold, comma-separated"))
        self.only_done = QCheckBox(self.tr("only documents marked done or reviewed"))
        self.docstart = QCheckBox(self.tr("-DOCSTART- before each document"))
        self.roles = QCheckBox(self.tr("a role column before the tag"))
        self.predictions = QCheckBox(self.tr("Label Studio: the spans as predictions to review, not annotations"))
        self.drop_conflicts = QCheckBox(self.tr("leave out spans the format cannot carry (nested, inside a token)"))
        form = QFormLayout(self)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("To"), row)
        form.addRow(self.tr("Layer"), self.layer)
        form.addRow(self.tr("Scheme"), self.scheme)
        form.addRow(self.tr("Separator"), self.sep)
        form.addRow(self.tr("Layout"), self.layout_)
        form.addRow(self.tr("Split"), self.split)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Label map"), self.label_map)
        form.addRow(self.tr("License"), self.license)
        form.addRow(self.tr("Curators"), self.curators)
        for switch in (self.only_done, self.docstart, self.roles, self.predictions, self.drop_conflicts):
            form.addRow("", switch)
        self.error = plain_label(error)  # the reason OK was refused, or why the last export was
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        form.addRow(ok_cancel(self, self._on_ok))
        self._show(previous or ExportOptions(EXPORT_FORMATS[0], Path()))
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self._on_format_changed()
        browse.clicked.connect(self._on_browse_clicked)

    def _show(self, options: ExportOptions) -> None:
        """Put ``options`` in the fields: the command line's defaults, or what the user chose last time."""
        _pick(self.format, options.format)
        self.out.setText("" if str(options.out) == "." else str(options.out))
        if options.layer and self.layer.findData(options.layer) < 0:
            self.layer.addItem(options.layer, options.layer)
        _pick(self.layer, options.layer or "")
        self.scheme.setCurrentText(str(options.scheme))
        _pick(self.sep, options.sep)
        _pick(self.layout_, options.layout)
        if options.split and self.split.findData(options.split) < 0:
            self.split.addItem(options.split, options.split)
        _pick(self.split, options.split or "")
        self.seed.setValue(options.seed)
        _pick(self.unit, options.unit)
        self.label_map.setText(",".join(f"{a}={b}" for a, b in options.label_map.items()))
        self.license.setText(options.license or "")
        self.curators.setText(", ".join(options.curators))
        self.only_done.setChecked(options.only_done)
        self.docstart.setChecked(options.docstart)
        self.roles.setChecked(options.roles)
        self.predictions.setChecked(options.as_predictions)
        self.drop_conflicts.setChecked(options.drop_conflicts)

    def request(self) -> ExportOptions:
        """The chosen options (raises InputError on a malformed label map)."""
        fmt = chosen(self.format)
        return ExportOptions(
            format=fmt,
            out=Path(self.out.text().strip()),
            layer=chosen(self.layer) or None,
            scheme=Scheme(self.scheme.currentText()),
            sep=chosen(self.sep),
            docstart=self.docstart.isChecked() and fmt == "conll",
            split=chosen(self.split) or None,
            seed=self.seed.value(),
            unit=chosen(self.unit),
            only_done=self.only_done.isChecked(),
            roles=self.roles.isChecked() and fmt == "conll",
            drop_conflicts=self.drop_conflicts.isChecked(),
            layout=chosen(self.layout_) if fmt == "conll" else "plain",
            label_map=parse_label_map(self.label_map.text()),
            license=self.license.text().strip() or None,
            curators=tuple(n.strip() for n in self.curators.text().split(",") if n.strip()),
            as_predictions=self.predictions.isChecked() and fmt == "label-studio",
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        layers: Sequence[str] = (),
        previous: ExportOptions | None = None,
        error: str = "",
    ) -> ExportOptions | None:
        """Show the dialog (as it was left, with the reason, after a refused export); None when cancelled."""
        dialog = cls(parent, layers, previous, error)
        return dialog.chosen_options if modal(dialog) else None

    def _on_ok(self) -> None:
        # a refusal keeps the dialog open with the reason: closing would lose every other choice
        if not self.out.text().strip():  # an empty path would mean the current folder, wherever that is
            self.error.setText(self.tr("choose where to export: a folder, or a single .conll or .jsonl file"))
            return
        if not chosen(self.layer) and GOLD not in self.layers and len(self.layers) > 1:
            self.error.setText(
                self.tr("several layers ({layers}) and no gold: choose one in Layer").format(
                    layers=", ".join(self.layers)
                )
            )
            return
        if chosen(self.format) == "conll" and chosen(self.layout_) == "conll2003" and self.roles.isChecked():
            self.error.setText(self.tr("the CoNLL-2003 layout has no role column: untick the role column"))
            return
        try:
            self.chosen_options = self.request()
        except InputError as exc:
            self.error.setText(in_dialog_words(str(exc)))
            return
        self.accept()

    def _on_format_changed(self) -> None:
        fmt = chosen(self.format)
        for widget, on in (
            (self.scheme, fmt in TOKEN_FORMATS),
            (self.sep, fmt == "conll"),
            (self.layout_, fmt == "conll"),
            (self.docstart, fmt == "conll"),
            (self.roles, fmt == "conll"),
            (self.unit, fmt in TOKEN_FORMATS),
            (self.license, fmt in ("hf", "hf-disk")),
            (self.curators, fmt in ("hf", "hf-disk")),
            (self.predictions, fmt == "label-studio"),
        ):
            widget.setEnabled(on)

    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export into"))
        if folder:
            self.out.setText(folder)


def _pick(combo: QComboBox, value: str) -> None:
    """Choose the entry whose value is ``value`` (left as it is when there is none)."""
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


# The command line's options, as the export dialog names them.
FIELDS = {
    "--layer": QT_TRANSLATE_NOOP("ExportDialog", "Layer"),
    "--split": QT_TRANSLATE_NOOP("ExportDialog", "Split"),
    "--label-map": QT_TRANSLATE_NOOP("ExportDialog", "Label map"),
    "--sep": QT_TRANSLATE_NOOP("ExportDialog", "Separator"),
    "--layout": QT_TRANSLATE_NOOP("ExportDialog", "Layout"),
    "--unit": QT_TRANSLATE_NOOP("ExportDialog", "Unit"),
    "--roles": QT_TRANSLATE_NOOP("ExportDialog", "the role column"),
    "--as": QT_TRANSLATE_NOOP("ExportDialog", "Label Studio predictions"),
    "--format": QT_TRANSLATE_NOOP("ExportDialog", "Format"),
    "--scheme": QT_TRANSLATE_NOOP("ExportDialog", "Scheme"),
    "--license": QT_TRANSLATE_NOOP("ExportDialog", "License"),
    "--curators": QT_TRANSLATE_NOOP("ExportDialog", "Curators"),
    "--only-done": QT_TRANSLATE_NOOP("ExportDialog", "only documents marked done"),
    "--docstart": QT_TRANSLATE_NOOP("ExportDialog", "-DOCSTART-"),
    "--drop-conflicts": QT_TRANSLATE_NOOP("ExportDialog", "leave out spans the format cannot carry"),
    "--out": QT_TRANSLATE_NOOP("ExportDialog", "To"),
}
PHRASES = {  # advice that names another command's option
    "import them with --split NAME": QT_TRANSLATE_NOOP(
        "ExportDialog", "give them a split when importing (Split in the import's options)"
    ),
    "choose one with --layer": QT_TRANSLATE_NOOP("ExportDialog", "choose one in Layer"),
}


def in_dialog_words(message: str) -> str:
    """A refusal of the core, which names command-line options, in the export dialog's words."""
    for phrase, words in PHRASES.items():
        message = message.replace(phrase, translate("ExportDialog", words))

    def field(match: re.Match[str]) -> str:
        name = FIELDS.get(match.group(0))
        return translate("ExportDialog", name) if name else match.group(0).lstrip("-")

    return re.sub(r"--[a-z][a-z-]*", field, message)
