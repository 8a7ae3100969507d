"""The interface's language: Qt translators, Persian digits, and the words the core hands over as identifiers."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

HERE = Path(__file__).parent
LANGUAGES = ("en", "fa")
_installed: list[QTranslator] = []  # kept alive while installed: Qt does not own them


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name pyside6-lupdate looks for
    """Mark ``text`` for translation in ``context``; it is translated where it is shown."""
    return text


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the interface's language (``%n``/``%Ln`` take ``n``); Qt's signature, so lupdate reads it."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def number(value: int | float, decimals: int = -1) -> str:
    """A number as the interface writes it (Persian digits in Persian)."""
    locale = QLocale()
    if isinstance(value, int):
        return locale.toString(value)
    return locale.toString(value, "f", decimals if decimals >= 0 else 2)


def percent(fraction: float) -> str:
    """``0.62`` as ``62%`` (``۶۲٪`` in Persian)."""
    locale = QLocale()
    return locale.toString(round(fraction * 100)) + locale.percent()


def digits(text: str) -> str:
    """ASCII digits of a figure the core formatted (``0.83``) in the interface's digits."""
    locale = QLocale()
    zero = locale.zeroDigit()
    if zero == "0":
        return text
    table = {str(d): chr(ord(zero) + d) for d in range(10)}
    table["."] = locale.decimalPoint()
    return "".join(table.get(c, c) for c in text)


# Identifiers the core uses as values, shown in the interface's words (the value itself never changes).
WORDS = {
    # document and layer status
    "new": QT_TRANSLATE_NOOP("Words", "new"),
    "pretagged": QT_TRANSLATE_NOOP("Words", "pretagged"),
    "in_progress": QT_TRANSLATE_NOOP("Words", "in progress"),
    "done": QT_TRANSLATE_NOOP("Words", "done"),
    "reviewed": QT_TRANSLATE_NOOP("Words", "reviewed"),
    "assigned": QT_TRANSLATE_NOOP("Words", "assigned"),
    "not_started": QT_TRANSLATE_NOOP("Words", "not started"),
    "spans": QT_TRANSLATE_NOOP("Words", "spans"),
    # normalization profiles
    "none": QT_TRANSLATE_NOOP("Words", "none"),
    "letters": QT_TRANSLATE_NOOP("Words", "letters"),
    "standard": QT_TRANSLATE_NOOP("Words", "standard"),
    # schema presets and formats that are words, not names
    "combined": QT_TRANSLATE_NOOP("Words", "combined"),
    "auto": QT_TRANSLATE_NOOP("Words", "auto"),
    "txt": QT_TRANSLATE_NOOP("Words", "plain text"),
    # disagreement kinds
    "type": QT_TRANSLATE_NOOP("Words", "type"),
    "boundary": QT_TRANSLATE_NOOP("Words", "boundary"),
    "missing": QT_TRANSLATE_NOOP("Words", "missing"),
    "agreed": QT_TRANSLATE_NOOP("Words", "agreed"),
    # what a merge did to each layer
    "added": QT_TRANSLATE_NOOP("Words", "added"),
    "replaced": QT_TRANSLATE_NOOP("Words", "replaced"),
    "kept": QT_TRANSLATE_NOOP("Words", "kept"),
    "unchanged": QT_TRANSLATE_NOOP("Words", "unchanged"),
    # export choices
    "tab": QT_TRANSLATE_NOOP("Words", "tab"),
    "space": QT_TRANSLATE_NOOP("Words", "space"),
    "sentence": QT_TRANSLATE_NOOP("Words", "sentence"),
    "document": QT_TRANSLATE_NOOP("Words", "document"),
}


def ltr(text: str) -> str:
    """A path, URL or command that reads left to right inside a sentence of the interface (marked only when the
    interface is right to left: an English line stays the characters it was, to copy).

    Marks, not isolates (Qt ignores U+2066..2069): without them «/tmp/out» in a Persian sentence showed as
    «tmp/out/», its leading slash taken into the right-to-left text around it.
    """
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.layoutDirection() != Qt.LayoutDirection.RightToLeft:
        return text
    return f"\u200e{text}\u200e"


def layer_name(layer: str) -> str:
    """A layer as the window names it: gold in the interface's words, an annotator by their name."""
    return translate("Words", "gold") if layer == "gold" else layer


def word(value: object) -> str:
    """An identifier of the core (a status, a profile, a kind) in the interface's words; unknown ones as they are."""
    text = str(value)
    return translate("Words", WORDS[text]) if text in WORDS else text


def system_language() -> str:
    """``fa`` when the system's locale is Persian, else ``en``."""
    return "fa" if QLocale.system().name().startswith("fa") else "en"


def compiled(language: str) -> Path | None:
    """The ``.qm`` of ``language``: shipped beside its ``.ts``, else built from it now (None when that fails)."""
    shipped = HERE / f"barchasb_{language}.qm"
    source = HERE / f"barchasb_{language}.ts"
    if shipped.exists() and (not source.exists() or shipped.stat().st_mtime >= source.stat().st_mtime):
        return shipped
    if not source.exists():
        return None
    for target in (shipped, Path(tempfile.gettempdir()) / "barchasb-i18n" / shipped.name):
        try:
            build(source, target)
        except (OSError, subprocess.CalledProcessError):
            continue
        return target
    return None


def build(source: Path, target: Path) -> None:
    """Compile a ``.ts`` into a ``.qm`` with the ``lrelease`` PySide6 ships."""
    import PySide6

    target.parent.mkdir(parents=True, exist_ok=True)
    lrelease = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    command = [str(lrelease), "-silent", str(source), "-qm", str(target)]
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def install(language: str) -> str:
    """Make ``language`` (``en`` or ``fa``) the interface's: translators, number format, layout direction.

    Call before any widget is built. Returns the language in use: English when Persian's translation
    is missing (said in one line on standard error).
    """
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication first"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language if language in LANGUAGES else "en"
    path = compiled(language)
    if path is None and language != "en":
        print(f"barchasb: warning: no {language} translation found; the interface is in English", file=sys.stderr)
        language, path = "en", compiled("en")
    names = [(str(path.parent), path.stem)] if path is not None else []
    if language != "en":  # Qt's own words: standard buttons, file dialogs, key names
        names.append((QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), f"qtbase_{language}"))
    for folder, name in names:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
    locale = QLocale("fa_IR") if language == "fa" else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    if language == "en":
        locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)  # 2252, as the command line writes it
    QLocale.setDefault(locale)
    if hasattr(app, "setLayoutDirection"):
        rtl = language == "fa"
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    app.setProperty("barchasb_language", language)
    return language


def ensure_installed() -> str:
    """The interface's language; English when no one chose one yet (a window built without :func:`install`)."""
    app = QCoreApplication.instance()
    chosen = app.property("barchasb_language") if app is not None else None
    return str(chosen) if chosen else install("en")
