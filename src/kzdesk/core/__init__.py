"""The Qt-free core of kzdesk, in floors that import only downward: vault, model, then ingest and
exchange side by side, then reports; the small modules at this root (errors, i18n, files, atomic,
resources, install, process) serve every floor and import none.

Nothing under this package may import PySide6, and no floor imports a floor above it or beside it
(tests/unit/test_layering.py enforces both; docs/ARCHITECTURE.md draws the floors).
"""
