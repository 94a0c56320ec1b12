"""What comes out of a vault: statistics and lists (PDF and exports come later)."""
