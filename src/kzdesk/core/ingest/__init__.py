"""Bulk import of existing monitoring spreadsheets."""
