"""Small widgets shared by several windows."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView

from kzdesk.core.model.names import sort_key
from kzdesk.core.model.vocab import label, vocabulary

W = TypeVar("W", bound=QObject)


def city_combo(language: str) -> QComboBox:
    """An editable city box: gazetteer cities in the interface language, free text allowed."""
    combo = QComboBox()
    fill_cities(combo, language)
    return combo


def fill_cities(combo: QComboBox, language: str) -> None:
    combo.setEditable(True)
    cities = vocabulary().cities
    for city_id in sorted(cities, key=lambda c: sort_key(label(cities[c].labels, language))):
        combo.addItem(label(cities[city_id].labels, language), city_id)
    combo.setCurrentIndex(-1)
    combo.setEditText("")


def named(obj: W, name: str, **properties: Any) -> W:
    """Give a widget its object name (tests and style sheets find it by that) and set properties
    through their setters: named(QLineEdit(), "search", clearButtonEnabled=True)."""
    obj.setObjectName(name)
    for key, value in properties.items():
        getattr(obj, f"set{key[0].upper()}{key[1:]}")(value)
    return obj


def table_view(model: object) -> QTableView:
    """A read-only, row-selecting table as every list in the program shows it."""
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setAlternatingRowColors(True)
    return view


def mono_font(points: int) -> QFont:
    """The system's fixed-width font: recovery words line up and read without ambiguity."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(points)
    return font
