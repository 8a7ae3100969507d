"""The label palette: every entity type with its colour and key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from annotator.schema import Schema
from ui.plain import menu_text, tip


class LabelPalette(QWidget):
    """One button per label; clicking one labels the selection like its key does."""

    label_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.buttons: dict[str, QPushButton] = {}

    def show_schema(self, schema: Schema) -> None:
        """One button per type, with its key."""
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons.clear()
        rules = []
        for index, entity in enumerate(schema.types):
            key = f"  [{entity.key}]" if entity.key else ""  # a label added beyond the free keys has none
            button = QPushButton(menu_text(f"{entity.name}{key}"))
            button.setObjectName(f"label{index}")
            button.setProperty("label", entity.name)
            # The description comes from the project file: shown as its characters, never as HTML.
            button.setToolTip(tip(entity.description or entity.name))
            button.clicked.connect(self._on_button_clicked)
            self.grid.addWidget(button, index // 2, index % 2)
            self.buttons[entity.name] = button
            rules.append(f"QPushButton#label{index} {{ background-color: {entity.color}; color: #101010; }}")
        # One style sheet for the panel: a sheet per button costs a style object each (~20 ms at start-up).
        self.setStyleSheet("\n".join(rules))

    def _on_button_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton):
            self.label_clicked.emit(str(button.property("label")))
