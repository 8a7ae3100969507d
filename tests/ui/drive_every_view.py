"""Start the real application on a project, open and close every dialog and view through its action, then quit.

Run as a script (``python drive_every_view.py PROJECT WORKDIR``) in its own process: the crashes it looks
for happen when the interpreter tears Qt down, after the event loop has ended. It prints ``DRIVEN: <step>``
for each step it finished and ``DRIVE COMPLETE`` before quitting; anything unexpected is printed as
``DRIVE PROBLEM: ...`` and makes the exit status 3.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

Handler = Callable[[QWidget], None]
STEP_TIMEOUT_TICKS = 3000  # 20 ms ticks: a minute for a step (training the model is the slowest)


def press(dialog: QWidget, button: QDialogButtonBox.StandardButton) -> None:
    """Click one of the dialog's standard buttons, as a person does."""
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None, f"{type(dialog).__name__} has no button box"
    box.button(button).click()


def cancel(dialog: QWidget) -> None:
    press(dialog, QDialogButtonBox.StandardButton.Cancel)


def ok(dialog: QWidget) -> None:
    press(dialog, QDialogButtonBox.StandardButton.Ok)


def close(dialog: QWidget) -> None:
    assert isinstance(dialog, QDialog)
    dialog.reject()


def choose_file(path: str) -> Handler:
    """Type the path into the file dialog's name field and accept, as a person does."""

    def handler(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog).__name__
        name = dialog.findChild(QLineEdit, "fileNameEdit")  # selectFile() races the folder being read
        assert name is not None
        name.setText(path)
        dialog.accept()

    return handler


def answer_no(box: QWidget) -> None:
    assert isinstance(box, QMessageBox), type(box).__name__
    box.button(QMessageBox.StandardButton.No).click()


class Driver:
    """Runs the scenario one step at a time from a timer, answering modal dialogs as they appear."""

    def __init__(self, app: QApplication, workdir: Path) -> None:
        self.app = app
        self.workdir = workdir
        self.expected: deque[tuple[str, Handler]] = deque()  # (class name, what to do), in order
        self.problems: list[str] = []
        self.window: QWidget | None = None
        self.steps = self.scenario()
        self.waiting: Callable[[], bool] | None = None
        self.ticks = 0
        self.busy = False
        self.handled: QWidget | None = None  # the modal dialog being answered
        self.timer = QTimer()
        self.timer.timeout.connect(self.tick)
        self.timer.start(20)
        # A timer is not fired again while its own slot waits in a modal dialog: modals get a timer of their own.
        self.modal_timer = QTimer()
        self.modal_timer.timeout.connect(self.watch_modals)
        self.modal_timer.start(20)

    def expect(self, kind: str, handler: Handler) -> None:
        self.expected.append((kind, handler))

    def watch_modals(self) -> None:
        modal = self.app.activeModalWidget()
        # Qt's static dialogs live on the C++ stack: two in a row can share an address, and so a Python
        # wrapper. A dialog counts as new when it differs from the last one or a moment without one passed.
        if modal is None or not modal.isVisible():
            self.handled = None
        elif modal is not self.handled:
            self.handled = modal
            self.answer(modal)

    def tick(self) -> None:
        if self.busy:
            return
        if self.waiting is not None:
            self.ticks += 1
            if not self.waiting():
                if self.ticks > STEP_TIMEOUT_TICKS:
                    self.fail("a step did not finish in time")
                return
            self.waiting = None
        self.busy = True
        try:
            self.waiting = next(self.steps)
            self.ticks = 0
        except StopIteration:
            self.timer.stop()
            self.modal_timer.stop()
        except Exception as exc:  # report, then quit: a hung test tells nobody anything
            self.fail(f"{type(exc).__name__}: {exc}")
        finally:
            self.busy = False

    def answer(self, modal: QWidget) -> None:
        kind = type(modal).__name__
        if self.expected and self.expected[0][0] == kind:
            _, handler = self.expected.popleft()
            QTimer.singleShot(0, lambda: handler(modal))
            return
        if isinstance(modal, QMessageBox):
            print(f"DRIVEN: message box: {modal.text()}", flush=True)
            if modal.text().startswith("unexpected error"):  # a bug reached the user (ui.app.report_unexpected)
                self.problems.append(modal.text())
            QTimer.singleShot(0, modal.reject)
            return
        self.problems.append(f"unexpected modal {kind} ({modal.windowTitle()})")
        QTimer.singleShot(0, modal.reject)

    def fail(self, message: str) -> None:
        self.problems.append(message)
        print(f"DRIVE PROBLEM: {message}", flush=True)
        self.timer.stop()
        self.modal_timer.stop()
        for widget in self.app.topLevelWidgets():
            widget.close()
        self.app.exit(3)

    def jobs_done(self) -> bool:
        window = self.window
        return window is not None and all(not job.running for job in window.jobs)  # type: ignore[attr-defined]

    def trigger(self, action: str) -> None:
        assert self.window is not None
        self.window.actions_[action].trigger()  # type: ignore[attr-defined]

    def scenario(self) -> Iterator[Callable[[], bool]]:
        from ui.main_window import MainWindow

        yield lambda: any(isinstance(w, MainWindow) and w.isVisible() for w in self.app.topLevelWidgets())
        window = next(w for w in self.app.topLevelWidgets() if isinstance(w, MainWindow))
        self.window = window
        yield lambda: window.annotation is not None and window.annotation.document is not None
        yield self.jobs_done  # the first document is pre-tagged in the background

        steps: list[tuple[str, list[tuple[str, Handler]]]] = [
            ("schema", [("SchemaEditor", cancel)]),
            ("schema", [("SchemaEditor", ok)]),
            ("preferences", [("PreferencesDialog", cancel)]),
            ("preferences", [("PreferencesDialog", ok)]),
            ("shortcuts", [("ShortcutsDialog", close)]),
            ("import", [("ImportDialog", cancel)]),
            ("import", [("ImportDialog", self.fill_import)]),
            ("export", [("ExportDialog", cancel)]),
            ("export", [("ExportDialog", self.fill_export)]),
            ("new", [("NewProjectDialog", cancel)]),
            ("open", [("QFileDialog", close)]),
            ("open_team", [("OpenTeamDialog", cancel)]),
            ("open_team", [("OpenTeamDialog", self.fill_login_then_cancel)]),
            ("package", [("QFileDialog", choose_file(str(self.workdir / "ali.barchasb-package")))]),
            (
                "merge",
                [("QFileDialog", choose_file(str(self.workdir / "ali.barchasb-package"))), ("QMessageBox", answer_no)],
            ),
            ("pretag_document", []),
            ("pretag_project", []),
            ("train", []),
        ]
        for action, answers in steps:
            for kind, handler in answers:
                self.expect(kind, handler)
            self.trigger(action)
            yield lambda: self.jobs_done() and not self.expected and self.app.activeModalWidget() is None
            print(f"DRIVEN: {action}", flush=True)

        self.trigger("agreement")  # a job first, then a window of its own
        yield lambda: window.agreement_view is not None and window.agreement_view.isVisible()
        window.agreement_view.close()
        print("DRIVEN: agreement", flush=True)
        self.trigger("team")
        yield lambda: window.team_view is not None and window.team_view.isVisible()
        window.team_view.close()
        print("DRIVEN: team", flush=True)
        self.trigger("history")  # the history dock: on a file it says the history needs a server project
        yield lambda: window.history.isVisible() and window.history.panel.note.isVisible()
        self.trigger("history")
        yield lambda: not window.history.isVisible()
        print("DRIVEN: history", flush=True)
        for action in ("review_mode", "accept_agreed", "next_disagreement", "take_1", "undo", "review_mode"):
            self.trigger(action)
            yield lambda: self.jobs_done() and self.app.activeModalWidget() is None
            print(f"DRIVEN: {action}", flush=True)
        self.trigger("char_mode")
        self.trigger("show_zwnj")
        self.expect("QInputDialog", close)
        window.view.setFocus()
        if window.annotation is not None and window.annotation.spans:
            window.view.focus_span(window.annotation.spans[0])
            self.trigger("role")  # a role question, or a message that the label has none
        yield lambda: self.app.activeModalWidget() is None
        self.expected.clear()
        print("DRIVEN: role", flush=True)

        # File > Open: a second window replaces the first (which closes); quitting it ends the application
        from annotator.schema import preset
        from annotator.store import Project

        other = self.workdir / "other.barchasb"
        Project.create(other, preset("combined")).close()
        self.expect("QFileDialog", choose_file(str(other)))
        self.trigger("open")
        yield lambda: any(
            isinstance(w, MainWindow) and w is not window and w.isVisible() for w in self.app.topLevelWidgets()
        )
        replacement = next(w for w in self.app.topLevelWidgets() if isinstance(w, MainWindow) and w is not window)
        assert not window.isVisible()
        self.window = replacement
        print("DRIVEN: open another project", flush=True)
        if self.problems:
            self.fail("; ".join(self.problems))
            return
        print("DRIVE COMPLETE", flush=True)
        self.trigger("quit")

    def fill_login_then_cancel(self, dialog: QWidget) -> None:
        """Type a server by its parts, a user and a password, tick "remember" if it can be, then change one's mind."""
        for name, text in (("host", "db.example.org"), ("port", "5432"), ("database", "team"), ("user", "ali")):
            field = dialog.findChild(QLineEdit, name)
            assert field is not None, name
            field.setText(text)
            field.textEdited.emit(text)
        dialog.password.setText("not-kept")  # type: ignore[attr-defined]
        if dialog.remember.isEnabled():  # type: ignore[attr-defined]
            dialog.remember.click()  # type: ignore[attr-defined]
        assert dialog.url.text() == "postgresql://ali@db.example.org:5432/team"  # type: ignore[attr-defined]
        cancel(dialog)

    def fill_import(self, dialog: QWidget) -> None:
        source = self.workdir / "more.jsonl"
        source.write_text('{"id": "more-1", "text": "علی به تبریز رفت."}\n', encoding="utf-8")
        dialog.paths.setText(str(source))  # type: ignore[attr-defined]
        ok(dialog)

    def fill_export(self, dialog: QWidget) -> None:
        dialog.format.setCurrentText("conll")  # type: ignore[attr-defined]
        dialog.out.setText(str(self.workdir / "export"))  # type: ignore[attr-defined]
        dialog.layer.setCurrentText("ali")  # type: ignore[attr-defined]
        ok(dialog)


def main() -> int:
    project, workdir = sys.argv[1], Path(sys.argv[2])
    app = QApplication(sys.argv[:1])
    driver = Driver(app, workdir)
    from ui.app import run

    code = run(project, "ali")
    if driver.problems:
        return 3
    return code


if __name__ == "__main__":
    sys.exit(main())
