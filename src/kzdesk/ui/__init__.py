"""The desktop face of kzdesk (PySide6). Everything here calls into kzdesk.core; nothing in core calls here."""
