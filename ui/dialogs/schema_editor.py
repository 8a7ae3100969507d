"""The schema editor: entity types with name, colour, key, roles and description."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import SchemaError
from annotator.schema import EntityType, Schema
from ui.dialogs import modal, ok_cancel
from ui.i18n import QT_TRANSLATE_NOOP, translate

COLUMNS = (
    QT_TRANSLATE_NOOP("SchemaEditor", "name"),
    QT_TRANSLATE_NOOP("SchemaEditor", "colour"),
    QT_TRANSLATE_NOOP("SchemaEditor", "key"),
    QT_TRANSLATE_NOOP("SchemaEditor", "roles (comma-separated)"),
    QT_TRANSLATE_NOOP("SchemaEditor", "description"),
)


class ColourDelegate(QStyledItemDelegate):
    """A colour reads left to right in a mirrored table too («#f4a6a6», not «f4a6a6#»); a double-click picks it."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.direction = Qt.LayoutDirection.LeftToRight

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        return editor

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event.type() == QEvent.Type.MouseButtonDblClick:
            return True  # the colour dialog answers it (cellDoubleClicked); no text editor opens over its choice
        return super().editorEvent(event, model, option, index)


class SchemaEditor(QDialog):
    """Edit a copy of the schema; the result is validated by the core's Schema."""

    def __init__(self, schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Label schema"))
        self.name = schema.name
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("SchemaEditor", c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)  # row numbers say nothing here (and were Latin in Persian)
        self.colours = ColourDelegate(self.table)
        self.table.setItemDelegateForColumn(1, self.colours)
        for entity in schema.types:
            self.add_row(entity)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)  # the descriptions take the rest of the width
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # the message quotes names and descriptions
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        add = QPushButton(self.tr("Add type"))
        remove = QPushButton(self.tr("Remove type"))
        # Bound methods, not lambdas: a lambda holding the dialog kept it alive past its parent's teardown.
        add.clicked.connect(self._on_add_clicked)
        remove.clicked.connect(self._on_remove_clicked)
        buttons = ok_cancel(self, self._on_ok)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.result_schema: Schema | None = None
        self.resize(720, 480)

    def add_row(self, entity: EntityType | None) -> None:
        """Append a type (a blank one when ``entity`` is None)."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = (
            (entity.name, entity.color, entity.key, ", ".join(entity.roles), entity.description)
            if entity
            else ("", "#cccccc", "", "", "")
        )
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column == 1:
                item.setBackground(QColor(value))
            self.table.setItem(row, column, item)

    def schema(self) -> Schema:
        """The edited schema; raises SchemaError naming what is wrong."""
        types = []
        for row in range(self.table.rowCount()):
            cell = [self._text(row, column) for column in range(len(COLUMNS))]
            roles = tuple(r.strip() for r in cell[3].split(",") if r.strip())
            types.append(EntityType(cell[0], cell[1], cell[2], roles, cell[4]))
        return Schema(self.name, tuple(types))

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return "" if item is None else item.text().strip()

    def _on_add_clicked(self) -> None:
        self.add_row(None)
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)

    def _on_remove_clicked(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())

    def _on_ok(self) -> None:
        try:
            self.result_schema = self.schema()
        except SchemaError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        color = QColor(item.text().strip())
        if item.column() == 1 and color.isValid() and item.background().color() != color:
            item.setBackground(color)  # a typed or pasted colour shows at once, as a picked one does

    def _on_table_cell_double_clicked(self, row: int, column: int) -> None:
        if column != 1:
            return
        item = self.table.item(row, 1)
        if item is None:
            return
        color = QColorDialog.getColor(QColor(item.text()), self, self.tr("Colour"))
        if color.isValid():
            item.setText(color.name())
            item.setBackground(color)

    @classmethod
    def edit(cls, schema: Schema, parent: QWidget | None) -> Schema | None:
        """Show the editor; the new schema, or None when cancelled. Tests patch this."""
        dialog = cls(schema, parent)
        return dialog.result_schema if modal(dialog) else None
