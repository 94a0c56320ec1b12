"""Floor 4, the top: what comes out of a vault — statistics, lists, chronologies, case summaries,
CSV/XLSX exports, the consent policy, PDFs and the user guide."""
