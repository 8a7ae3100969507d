"""Editor speed, offscreen: opening a large document, a label key press, cold start.

Usage: python benchmarks/editor_bench.py [--chars N] [--spans N] [--presses N]
Prints, measured in one run: opening and showing a document of ~200,000 characters with 5,000
spans vs a bare QPlainTextEdit.setPlainText plus the same formats (target ratio <= 2); the median
time from a label key press to the repainted span (target <= 16 ms); and cold start of the app
to its first painted window vs a bare PySide6 window (target ratio <= 1.5).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Both programs print the time from their first line to the first paint of the main window (a
# paint event reaching any of its widgets), and the barchasb one also to the first document on screen.
FIRST_PAINT = """
from PySide6.QtCore import QEvent, QObject
class FirstPaint(QObject):
    at = None
    def eventFilter(self, watched, event):
        if self.at is None and event.type() == QEvent.Type.Paint:
            self.at = time.perf_counter()
        return False
"""
BARE_WINDOW = """
import time, sys
t = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit
app = QApplication([])
{first_paint}
probe = FirstPaint(); app.installEventFilter(probe)
w = QMainWindow(); w.setCentralWidget(QPlainTextEdit("سلام")); w.resize(1300, 760); w.show()
while probe.at is None:
    app.processEvents()
print(probe.at - t)
"""
# The same bare window laid out right to left, as any Persian editor must be: the first use of a Qt
# enum makes PySide build every enum of the Qt namespace (~20 ms), which the bare window never pays.
BARE_RTL_WINDOW = BARE_WINDOW.replace(
    "from PySide6.QtWidgets", "from PySide6.QtCore import Qt\nfrom PySide6.QtWidgets"
).replace("w.resize(1300, 760);", "w.resize(1300, 760); w.setLayoutDirection(Qt.LayoutDirection.RightToLeft);")
APP_WINDOW = """
import time, sys
t = time.perf_counter()
sys.path.insert(0, {root!r})
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication
from annotator.store import Project
from ui.main_window import MainWindow
app = QApplication([])
{first_paint}
probe = FirstPaint(); app.installEventFilter(probe)
QCoreApplication.setOrganizationName("BarchasbBench")
QSettings().setValue("preferences/auto_pretag", False)
w = MainWindow(Project.open({project!r}), "bench"); w.resize(1300, 760); w.show()
while w.annotation.document is None:
    app.processEvents()
app.processEvents(); w.grab()
print(probe.at - t, time.perf_counter() - t)
w.close()
"""


def cold(programs: dict[str, str], runs: int = 9) -> dict[str, list[float]]:
    """For each program, the best of ``runs`` fresh interpreters for each figure it prints.

    The programs take turns, so a drift of the machine's speed during the runs touches them alike.
    """
    results: dict[str, list[list[float]]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, code in programs.items():
            printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            results[name].append([float(v) for v in printed.split()])
    return {name: [min(column) for column in zip(*rows, strict=True)] for name, rows in results.items()}


def to_first_paint(code: str) -> str:
    """The program, ending at its first paint."""
    code = code.replace("while w.annotation.document is None:", "while probe.at is None:")
    return code.replace("app.processEvents(); w.grab()\n", "").replace("print(", "import os; os._exit(0)\nprint(", 1)


def instructions(code: str) -> int | None:
    """CPU instructions the program executes, counted by callgrind (None without valgrind): unlike
    seconds, the same on a busy machine."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", code],
            capture_output=True,
            text=True,
        )
        found = re.search(r"Collected : (\d+)", run.stderr)
        return int(found.group(1)) if found and run.returncode == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--spans", type=int, default=5_000)
    parser.add_argument("--presses", type=int, default=15)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit

    from annotator.importers import ImportOptions, import_paths
    from annotator.model import Span
    from annotator.schema import preset
    from annotator.store import Project
    from benchmarks.export_bench import corpus
    from ui.editor.view import span_format
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    app.setOrganizationName("BarchasbBench")
    QSettings().setValue("preferences/auto_pretag", False)
    with tempfile.TemporaryDirectory() as tmp:
        words = [w for s in corpus(args.chars // 5, seed=4) for w, _ in s]
        text, lines, size = [], [], 0
        for i, word in enumerate(words):
            lines.append(word)
            size += len(word) + 1
            if i % 40 == 39:
                text.append(" ".join(lines))
                lines = []
            if size >= args.chars:
                break
        (Path(tmp) / "big.txt").write_text("\n".join([*text, " ".join(lines)]), encoding="utf-8")
        path = Path(tmp) / "bench.barchasb"
        project = Project.create(path, preset("combined"))
        import_paths(project, [Path(tmp) / "big.txt"], ImportOptions())
        document = project.document("big")
        step = max(len(document.tokens) // args.spans, 2)
        labels = project.schema.labels
        spans = [
            Span(document.tokens.starts[i], document.tokens.ends[i], labels[(i // step) % len(labels)])
            for i in range(0, len(document.tokens), step)
        ][: args.spans]
        with project.transaction():
            for span in spans:
                project.add_span("big", "bench", span)
        document = project.document("big")
        n_spans = len(document.layers["bench"].spans)
        print(f"document: {len(document.text):,} characters, {len(document.tokens):,} tokens, {n_spans:,} spans")

        bare = QPlainTextEdit()
        bare.resize(900, 700)
        bare.show()
        started = time.perf_counter()
        bare.setPlainText(document.text)
        selections = []
        for span in document.layers["bench"].spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(bare.document())
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = span_format(project.schema.get(span.label).color, False)
            selections.append(selection)
        bare.setExtraSelections(selections)
        app.processEvents()
        bare.viewport().grab()
        bare_time = time.perf_counter() - started
        bare.close()

        window = MainWindow(project, "bench")
        window.show()
        while window.annotation.document is None:  # type: ignore[union-attr]  # opened after the first paint
            app.processEvents()
        window.annotation.undo_stack.clear()  # type: ignore[union-attr]
        started = time.perf_counter()
        window.annotation.open("big")  # type: ignore[union-attr]
        app.processEvents()
        window.view.viewport().grab()
        open_time = time.perf_counter() - started
        print(
            f"open and show: barchasb {open_time * 1000:.0f} ms, bare QPlainTextEdit + formats "
            f"{bare_time * 1000:.0f} ms, ratio {open_time / bare_time:.2f} (target <= 2)"
        )

        free = [i for i in range(1, len(document.tokens), step)][: args.presses]
        times = []
        for index in free:
            window.view.select_range(document.tokens.starts[index], document.tokens.ends[index])
            started = time.perf_counter()
            QTest.keyClick(window.view, "p")
            app.processEvents()  # runs the repaint the edit scheduled
            times.append(time.perf_counter() - started)
        print(
            f"label key press to repainted span: median {statistics.median(times) * 1000:.1f} ms, "
            f"max {max(times) * 1000:.1f} ms over {len(times)} presses (target <= 16 ms median)"
        )
        window.close()
        project.close()

        QTest.qWait(10)
        _ = Qt
        sample = Path(tmp) / "sample.barchasb"  # an ordinary project: the bundled sample article
        with Project.create(sample, preset("combined")) as small:
            import_paths(small, [ROOT / "samples"], ImportOptions())
        # Bytecode as after a first launch (or a regular pip install); PySide6's own is compiled at install.
        for package in ("annotator", "ui", "exports"):
            compileall.compile_dir(ROOT / package, quiet=1)
        programs = {
            "bare": BARE_WINDOW.format(first_paint=FIRST_PAINT),
            "bare_rtl": BARE_RTL_WINDOW.format(first_paint=FIRST_PAINT),
            "app": APP_WINDOW.format(root=str(ROOT), project=str(sample), first_paint=FIRST_PAINT),
        }
        best = cold(programs)
        (bare_start,), (bare_rtl_start,), (app_start, app_document) = best["bare"], best["bare_rtl"], best["app"]
        print(
            f"cold start to first painted window: barchasb {app_start:.2f} s, bare PySide6 {bare_start:.2f} s, "
            f"ratio {app_start / bare_start:.2f} (target <= 1.5); the sample article on screen at {app_document:.2f} s"
        )
        print(
            f"  against a bare window laid out right to left ({bare_rtl_start:.2f} s): "
            f"ratio {app_start / bare_rtl_start:.2f}"
        )
        counted = {name: instructions(to_first_paint(code)) for name, code in programs.items()}
        app, bare, bare_rtl = counted["app"], counted["bare"], counted["bare_rtl"]
        if app and bare and bare_rtl:
            print(
                f"  instructions to the first paint (callgrind): barchasb {app:,}, bare {bare:,}, ratio "
                f"{app / bare:.2f}; against the right-to-left window {app / bare_rtl:.2f}"
            )


if __name__ == "__main__":
    main()
