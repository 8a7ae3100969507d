from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from annotator.cli import main
from annotator.model import Span
from annotator.store import Project


def test_render_writes_the_annotated_document(
    project: Project, project_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = project.document("ilna-aras-free-zone").text
    start = text.index("جلفا")
    project.add_span("ilna-aras-free-zone", "sara", Span(start, start + 4, "LOC"))
    out = tmp_path / "doc.png"
    assert main(["render", str(project_path), "ilna-aras-free-zone", "--out", str(out), "--width", "700"]) == 0
    image = QImage(str(out))
    assert image.width() == 700 and image.height() > 600  # the whole article, not one screen
    # the LOC colour appears where «جلفا» is highlighted
    colour = project.schema.get("LOC").color.lower()
    found = any(image.pixelColor(x, y).name() == colour for x in range(0, 700, 3) for y in range(0, image.height(), 3))
    assert found
    assert main(["render", str(project_path), "nope", "--out", str(out)]) == 1
    assert "no document 'nope'" in capsys.readouterr().err
