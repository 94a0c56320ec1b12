"""Floor 3: bulk import of existing monitoring spreadsheets, over model and vault (never exchange)."""
