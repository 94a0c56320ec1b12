"""The Qt-free core of kzdesk: vault, data model, import, exchange and reports.

Nothing under this package may import PySide6 (tests/unit/test_layering.py enforces it).
"""
