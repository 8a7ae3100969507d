"""Curation and the agreement view, driven with the keyboard and the mouse as a reviewer does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.importers import ImportOptions, import_paths
from annotator.model import GOLD, DocStatus, LayerStatus, Span
from annotator.review.agreement import project_agreement
from annotator.review.report_io import figure
from annotator.schema import preset
from annotator.store import Project
from tests.conftest import SAMPLE
from tests.ui.conftest import MessageBoxes
from tests.ui.test_main_window import DOC, window
from ui.main_window import MainWindow


def gold(project: Project) -> list[tuple[str, str]]:
    document = project.document(DOC)
    layer = document.layers.get(GOLD)
    return [(document.text[s.start : s.end], s.label) for s in layer.spans] if layer else []


def test_curating_with_the_keyboard_settles_every_region_with_undo(
    qtbot: QtBot, team: Project, project_path: Path, tmp_path: Path
) -> None:
    w = window(qtbot, team, "reviewer")
    w.documents.choose(DOC)
    qtbot.keyClick(w.view, "r", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.layer == GOLD and w.curation_panel.isVisible()
    assert gold(team) == [("ارس", "LOC")]  # what all three marked is pre-accepted
    regions = w.curation_panel.region_model
    assert regions.rowCount() == 3
    headers = [regions.headerData(c, Qt.Orientation.Horizontal) for c in range(regions.columnCount())]
    assert headers == ["state", "kind", "text", "ali", "sara", "zahra"]  # every annotator's marks, a column each
    ilna_row = [regions.index(1, c).data() for c in range(regions.columnCount())]
    assert ilna_row == ["•", "type", "ایلنا", "ORG", "PER", "ORG"]
    view = w.curation_panel.regions
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(regions.index(0, 2)).center())
    first = team.document(DOC).text.index("ارس")
    assert w.view.selected_range() == (first, first + 3)  # a click on a region selects it in the editor
    assert "1 of 3 regions settled" in w.curation_panel.summary.text()

    text = team.document(DOC).text
    qtbot.keyClick(w.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    ilna = text.index("ایلنا")
    assert w.view.selected_range() == (ilna, ilna + 5)
    qtbot.keyClick(w.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # on to the next open region
    assert w.view.selected_range()[0] == text.index("محمد تبریزی")  # type: ignore[index]
    qtbot.keyClick(w.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # and back
    assert w.view.selected_range() == (ilna, ilna + 5)
    assert w.curation_panel.versions.item(1, 1).text() == "ایلنا (PER)"  # sara's row
    qtbot.keyClick(w.view, "1", Qt.KeyboardModifier.AltModifier)
    assert gold(team) == [("ارس", "LOC"), ("ایلنا", "ORG")]
    qtbot.keyClick(w.view, "z", Qt.KeyboardModifier.ControlModifier)
    assert gold(team) == [("ارس", "LOC")]
    qtbot.keyClick(w.view, "z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert gold(team) == [("ارس", "LOC"), ("ایلنا", "ORG")]

    qtbot.keyClick(w.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    name = text.index("محمد تبریزی")
    assert w.view.selected_range() == (name, name + 11)
    qtbot.keyClick(w.view, "d", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert team.document(DOC).status is not DocStatus.REVIEWED  # a region is still open
    assert "1 region still to settle" in w.status.text()
    qtbot.keyClick(w.view, "0", Qt.KeyboardModifier.AltModifier)
    assert team.decisions(DOC) == [(name, name + 11)]
    assert w.curation_panel.versions.item(3, 1).text() == "no entity here (decided)"
    qtbot.keyClick(w.view, "d", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert team.document(DOC).status is DocStatus.REVIEWED
    assert team.document(DOC).meta["curators"] == ["reviewer"]  # named on a dataset card of gold

    w.grab().save(str(tmp_path / "curation.png"))
    with Project.open(project_path) as reopened:  # every step is already in the file
        assert reopened.document(DOC).status is DocStatus.REVIEWED
        assert len(reopened.document(DOC).layers[GOLD].spans) == 2 and reopened.decisions(DOC)


def test_editing_gold_by_hand_and_leaving_curation(qtbot: QtBot, team: Project) -> None:
    w = window(qtbot, team, "reviewer")
    w.documents.choose(DOC)
    w.set_review_mode(True)
    text = team.document(DOC).text
    start = text.index("ایلنا")
    w.view.select_range(start, start + 5)
    qtbot.keyClick(w.view, "o")  # the label key of ORG, straight into gold
    assert ("ایلنا", "ORG") in gold(team)
    assert "2 of 3 regions settled" in w.curation_panel.summary.text()
    w.set_review_mode(False)
    assert w.layer == "reviewer" and not w.curation_panel.isVisible()
    assert not w.actions_["take_1"].isEnabled()


def test_agreement_view_shows_the_report_and_opens_a_disagreement(qtbot: QtBot, team: Project, tmp_path: Path) -> None:
    w = window(qtbot, team, "reviewer")
    qtbot.keyClick(w.view, "g", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: w.agreement_view is not None, timeout=10_000)
    view = w.agreement_view
    report = project_agreement(team)
    names = report.annotators
    assert names == ["ali", "imported", "sara", "zahra"]  # mixed.jsonl brings two layers of its own
    assert view.heatmap.rowCount() == 4 and view.heatmap.item(0, 0).text() == ""
    pair = report.pair("ali", "sara")
    assert view.heatmap.item(names.index("ali"), names.index("sara")).text() == figure(pair.span_f1_exact)
    view.figure_choice.setCurrentText("Cohen's κ (tokens)")
    assert view.heatmap.item(0, 1).text() == figure(report.pair(names[0], names[1]).cohen_kappa_tokens)
    assert view.labels.rowCount() == len(team.schema.labels)
    model = view.disagreements.model()
    assert model.rowCount() == len(report.disagreement_list) == 2
    assert model.index(0, 1).data() == "type"
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3, 7)] == names
    assert model.index(0, 3 + names.index("sara")).data() == "ایلنا (PER)"
    assert view.documents.item(0, 0).data(Qt.ItemDataRole.UserRole) == DOC
    labels = [view.confusion.verticalHeaderItem(r).text() for r in range(view.confusion.rowCount())]
    assert labels == ["O", "PER", "ORG", "LOC"]  # the labels in use
    o, per = report.confusion[0], report.confusion[1]
    assert view.confusion.item(1, 0).text() == str(per[0]) and view.confusion.item(0, 0).text() == str(o[0])
    view.grab().save(str(tmp_path / "agreement.png"))

    view.tabs.setCurrentWidget(view.disagreements)
    qtbot.waitExposed(view.disagreements)
    rect = view.disagreements.visualRect(model.index(1, 0))
    # a person's double-click is a press and release, then a second press: item views need the first
    qtbot.mouseClick(view.disagreements.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.disagreements.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.layer == GOLD
    text = team.document(DOC).text
    name = text.index("محمد تبریزی")
    assert w.view.selected_range() == (name, name + 11)
    assert w.curation_panel.versions.item(0, 1).text() == "محمد تبریزی (PER)"


def test_agreement_with_one_annotator_says_why(qtbot: QtBot, tmp_path: Path, message_boxes: MessageBoxes) -> None:
    alone = Project.create(tmp_path / "alone.barchasb", preset("combined"))
    import_paths(alone, [SAMPLE], ImportOptions())
    alone.add_span(DOC, "ali", Span(0, 4, "PER"))
    w = window(qtbot, alone, "reviewer")
    w.show_agreement()
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=10_000)
    assert "two annotators or more" in message_boxes.texts[0]


def test_team_progress_shows_who_has_done_what(qtbot: QtBot, team: Project) -> None:
    team.assign([DOC], ["ali", "sara", "zahra", "omid"])
    team.set_layer_status(DOC, "ali", LayerStatus.DONE)
    w = window(qtbot, team, "reviewer")
    qtbot.keyClick(w.view, "m", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = w.team_view
    names = [view.totals.item(r, 0).text() for r in range(view.totals.rowCount())]
    assert "omid" in names and "ali" in names
    columns = [view.grid.horizontalHeaderItem(c).text() for c in range(view.grid.columnCount())]
    row = next(r for r in range(view.grid.rowCount()) if view.grid.item(r, 0).text() == team.document(DOC).title)
    assert view.grid.item(row, columns.index("ali")).text() == "done (3)"
    assert view.grid.item(row, columns.index("zahra")).text() == "in progress (2)"
    assert view.grid.item(row, columns.index("omid")).text() == "assigned"
    omid = view.totals.item(names.index("omid"), 0)
    assert omid is not None and view.totals.item(names.index("omid"), 1).text() == "1"


def test_starting_in_curation_mode_pre_accepts_the_first_document(qtbot: QtBot, team: Project) -> None:
    w = MainWindow(team, "reviewer")
    w.set_review_mode(True)  # what `barchasb gui --review` does before the window is shown
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.annotation is not None and w.annotation.document is not None)
    assert w.annotation.document.id == DOC  # the project's first document
    assert gold(team) == [("ارس", "LOC")]
    assert w.windowTitle().endswith("— gold")


def test_importing_a_second_annotators_file_adds_a_layer(
    qtbot: QtBot, team: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs.transfer import ImportDialog

    record = {"text": team.document(DOC).raw_text, "label": [], "annotator": "omid"}
    path = tmp_path / "omid.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    dialog = ImportDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.paths, str(path))
    qtbot.mouseClick(dialog.replace, Qt.MouseButton.LeftButton)
    request = dialog.request()
    assert request[0] == [str(path)] and request[1].replace
    monkeypatch.setattr(ImportDialog, "ask", classmethod(lambda cls, parent: request))
    w = window(qtbot, team, "reviewer")
    job = w.import_documents()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    assert "imported 0 documents with 0 entities, and 1 layer to documents already there" in w.status.text()
    assert "omid" in team.document(DOC).layers


def test_an_annotator_sees_their_assigned_documents(qtbot: QtBot, team: Project) -> None:
    team.assign([DOC], ["sara"])
    w = window(qtbot, team, "sara")
    assert w.documents.only_mine.isVisible()
    assert w.documents.cells(DOC)[0] == "★"
    qtbot.mouseClick(w.documents.only_mine, Qt.MouseButton.LeftButton)
    assert w.documents.ids() == [DOC]
    qtbot.mouseClick(w.documents.only_mine, Qt.MouseButton.LeftButton)
    assert w.documents.count() == len(team.documents())
    other = window(qtbot, team, "omid")  # nothing assigned to omid: no such filter
    assert not other.documents.only_mine.isVisible()


def test_package_and_merge_from_the_window(
    qtbot: QtBot, team: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.review.exchange import ExchangeDialogs

    package = tmp_path / "ali.barchasb-package"
    monkeypatch.setattr(ExchangeDialogs, "package_path", classmethod(lambda cls, parent, name: str(package)))
    w = window(qtbot, team, "ali")
    qtbot.keyClick(w.view, "k", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: package.exists(), timeout=10_000)
    qtbot.waitUntil(lambda: "wrote 1 document of ali" in w.status.text(), timeout=10_000)

    reviewer = Project.create(tmp_path / "review.barchasb", preset("combined"))
    import_paths(reviewer, [SAMPLE], ImportOptions())
    r = window(qtbot, reviewer, "reviewer")
    monkeypatch.setattr(ExchangeDialogs, "merge_request", classmethod(lambda cls, parent: ([str(package)], False)))
    job = r.merge_packages()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert "merged 1 package: 1 added" in r.status.text()
    assert [s.label for s in reviewer.document(DOC).layers["ali"].spans] == ["LOC", "ORG", "PER"]
    tooltip = r.documents.table.model().index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "ali" in tooltip  # the list names the new layer


def test_a_refused_merge_is_shown_and_changes_nothing(
    qtbot: QtBot, team: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: MessageBoxes
) -> None:
    from ui.review.exchange import ExchangeDialogs

    broken = tmp_path / "broken.barchasb-package"
    broken.write_text('{"format": "barchasb-package", "version": 1, "annotator": "x"}', encoding="utf-8")
    monkeypatch.setattr(ExchangeDialogs, "merge_request", classmethod(lambda cls, parent: ([str(broken)], False)))
    w = window(qtbot, team, "reviewer")
    before = sorted(team.document(DOC).layers)
    w.merge_packages()
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=10_000)
    assert "broken.barchasb-package: schema: expected dict, got NoneType" in message_boxes.texts[0]
    assert sorted(team.document(DOC).layers) == before


def test_accepting_agreed_spans_keeps_the_curators_picks(qtbot: QtBot, team: Project) -> None:
    w = window(qtbot, team, "reviewer")
    w.documents.choose(DOC)
    w.set_review_mode(True)
    w.review.min_agree = 2  # two of three make a majority
    qtbot.keyClick(w.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # «ایلنا»: ORG, PER, ORG
    qtbot.keyClick(w.view, "2", Qt.KeyboardModifier.AltModifier)  # the curator takes sara's PER
    qtbot.keyClick(w.view, "a", Qt.KeyboardModifier.AltModifier)  # the majority must not overrule the pick
    assert ("ایلنا", "PER") in gold(team) and ("ایلنا", "ORG") not in gold(team)
