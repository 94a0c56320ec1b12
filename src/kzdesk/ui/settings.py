"""Program settings, declared once with type and default. Nothing sensitive belongs here: no names,
no recent files, no paths of documents, no key material — only how the program behaves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", str, int, bool)


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T


LANGUAGE = Option("ui/language", "")  # "" = follow the system
IDLE_LOCK_MINUTES = Option("security/idle_lock_minutes", 5)
ALLOWED = {LANGUAGE.key, IDLE_LOCK_MINUTES.key, "ui/geometry"}


class Settings:
    """Typed access to QSettings; unknown keys are refused so nothing else creeps in."""

    def __init__(self, store: QSettings) -> None:
        self._store = store

    def get(self, option: Option[T]) -> T:
        value: Any = self._store.value(option.key, option.default)
        kind = type(option.default)
        try:
            # QSettings' INI backend gives strings back; "false" must not become True.
            if kind is bool and isinstance(value, str):
                return value.lower() in ("1", "true")
            return kind(value)
        except (TypeError, ValueError):
            return option.default

    def set(self, option: Option[T], value: T) -> None:
        self._store.setValue(option.key, value)
        self._store.sync()

    def geometry(self) -> QByteArray | None:
        value = self._store.value("ui/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._store.setValue("ui/geometry", geometry)
        self._store.sync()

    def keys(self) -> list[str]:
        return list(self._store.allKeys())
