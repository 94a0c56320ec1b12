"""The monitoring data model: records with revision history, vocabularies, search."""
