"""The Qt binding itself must not wear the interpreter down over a long session."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_keep_none_alive() -> None:
    # PySide6 6.12.0 dropped one reference to None per call of a method returning nothing; on
    # Python 3.11 that aborts the program ("none_dealloc") after some tens of thousands of calls.
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(2000):
        obj.setObjectName("x")
    assert sys.getrefcount(None) >= before - 50
