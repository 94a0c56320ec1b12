"""A person's status codes and their reasons (what records.py stores, what the command line offers).

Apart from records.py so that building the command line, which lists them as choices, imports no
database code.
"""

# A person's status as the monitors' lists count it (codes used in CSV files and --json).
STATUS_CODES = ("prison", "pre_trial", "house_arrest", "psychiatric", "restriction_of_liberty", "prosecuted",
                "released", "died", "emigrated")
# Why a status began, where the monitors distinguish it: only these codes take a reason.
STATUS_REASONS: dict[str, tuple[str, ...]] = {
    "released": ("parole", "end_of_term", "acquittal", "amnesty", "pardon"),
    "died": ("in_custody", "killed"),
}
