"""kzdesk: encrypted, offline recording of political persecution in Kazakhstan."""

__version__ = "0.1.0"
