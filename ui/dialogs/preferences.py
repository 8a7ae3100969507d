"""Preferences: font, background pre-tagging, retraining, the accept-all threshold, curation majority."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from ui.dialogs import modal, ok_cancel
from ui.editor.fonts import installed_family, persian_font
from ui.i18n import percent
from ui.settings import preference, set_preference


class PercentBox(QDoubleSpinBox):
    """A fraction shown and typed as a percentage («90%», «۹۰٪»), as the Edit menu and the F1 list name it."""

    def textFromValue(self, value: float) -> str:
        return percent(value)

    def valueFromText(self, text: str) -> float:
        parsed = _percent_of(text)
        return self.value() if parsed is None else parsed

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        parsed = _percent_of(text)
        if parsed is None:
            state = QValidator.State.Intermediate if not _digits_of(text) else QValidator.State.Invalid
        else:
            state = QValidator.State.Acceptable if 0.0 <= parsed <= 1.0 else QValidator.State.Intermediate
        return state, text, position


def _digits_of(text: str) -> str:
    """``text`` with Persian and Arabic digits as ASCII, without the percent signs and spaces."""
    table = {0x06F0 + d: str(d) for d in range(10)} | {0x0660 + d: str(d) for d in range(10)}
    return text.translate(table).replace("٪", "").replace("%", "").replace("٫", ".").strip()


def _percent_of(text: str) -> float | None:
    """``"85%"``, ``"۸۵٪"`` or ``"85"`` as 0.85; None when it is no number."""
    try:
        return round(float(_digits_of(text)) / 100, 4)
    except ValueError:
        return None


class PreferencesDialog(QDialog):
    """Edits the preferences stored in QSettings (window state is kept apart)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        # "automatic" first: empty means the first installed of the Persian fonts (ui/editor/fonts.py)
        self.font_family = QComboBox()
        automatic = installed_family(persian_font())
        self.font_family.addItem(self.tr("automatic ({family})").format(family=automatic), "")
        family = str(preference("font_family"))
        families = QFontDatabase.families(QFontDatabase.WritingSystem.Arabic)  # fonts that can draw Persian
        for name in [*families, *([family] if family and family not in families else [])]:
            self.font_family.addItem(name, name)
        self.font_family.setCurrentIndex(max(self.font_family.findData(family), 0))
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 40)
        self.font_size.setValue(int(preference("font_size")))  # type: ignore[call-overload]
        self.auto_pretag = QCheckBox(self.tr("pre-tag a new document when it is first opened"))
        self.auto_pretag.setChecked(bool(preference("auto_pretag")))
        self.retrain_every = QSpinBox()
        self.retrain_every.setRange(0, 1000)
        self.retrain_every.setSpecialValueText(self.tr("never"))
        self.retrain_every.setValue(int(preference("retrain_every")))  # type: ignore[call-overload]
        self.threshold = PercentBox()
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setValue(float(preference("accept_threshold")))  # type: ignore[arg-type]
        self.min_agree = QSpinBox()
        self.min_agree.setRange(0, 20)
        self.min_agree.setSpecialValueText(self.tr("all annotators"))
        self.min_agree.setValue(int(preference("review_min_agree")))  # type: ignore[call-overload]
        self.language = QComboBox()  # each language named in its own words
        for text, code in ((self.tr("as the system"), ""), ("English", "en"), ("فارسی", "fa")):
            self.language.addItem(text, code)
        self.language.setCurrentIndex(max(self.language.findData(str(preference("language"))), 0))
        self._shown = self.choices()  # as the dialog opened: only a change is saved
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Font"), self.font_family)
        form.addRow(self.tr("Font size"), self.font_size)
        form.addRow("", self.auto_pretag)
        form.addRow(self.tr("Retrain after documents done"), self.retrain_every)
        form.addRow(self.tr("Accept all at or above"), self.threshold)
        form.addRow(self.tr("Curation pre-accepts spans marked by"), self.min_agree)
        form.addRow(ok_cancel(self))

    def choices(self) -> dict[str, object]:
        """What the fields say now, by preference key."""
        return {
            "font_family": str(self.font_family.currentData() or ""),
            "font_size": self.font_size.value(),
            "auto_pretag": self.auto_pretag.isChecked(),
            "retrain_every": self.retrain_every.value(),
            "accept_threshold": round(self.threshold.value(), 2),
            "review_min_agree": self.min_agree.value(),
        }

    def save(self) -> None:
        """Write to QSettings what the user changed, and nothing else (OK alone changes nothing)."""
        for key, value in self.choices().items():
            if value != self._shown[key]:
                set_preference(key, value)
        if self.language.currentData() != preference("language"):
            set_preference("language", self.language.currentData())

    @classmethod
    def edit(cls, parent: QWidget | None) -> bool:
        """Show the dialog and save on OK; True when saved. Tests patch this."""
        dialog = cls(parent)
        if modal(dialog):
            dialog.save()
            return True
        return False
