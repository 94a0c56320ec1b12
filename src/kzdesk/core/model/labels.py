"""The words a stored code is shown as, and the way back from a word to its code.

A spreadsheet shows codes as words in its language ("решение оставлено в силе", not "upheld"); an
import must read those words back, or a file kzdesk wrote could not come in again. Both directions
come from the one table per field below.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from kzdesk.core.i18n import LANGUAGES, N_, tr
from kzdesk.core.model.names import identity_key
from kzdesk.core.model.records import APPEAL_STATES, CONSENT_LEVELS, FINE_UNITS

CONSENT_LABELS = {"public": N_("public"), "anonymised": N_("anonymised"), "confidential": N_("confidential")}
APPEAL_LABELS = {"none": N_("no appeal"), "filed": N_("filed"), "upheld": N_("decision upheld"),
                 "overturned": N_("overturned"), "changed": N_("changed"), "rejected": N_("appeal rejected")}
UNIT_LABELS = {"KZT": N_("KZT"), "MCI": N_("MCI")}
YES_NO_LABELS: dict[Any, str] = {True: N_("yes"), False: N_("no")}
GENDERS = ("female", "male")
GENDER_LABELS = {"female": N_("female"), "male": N_("male")}
# Words people write for a gender besides the labels: the usual abbreviations and adjectives.
_GENDER_WORDS = {"f": "female", "ж": "female", "жен": "female", "женский": "female", "әйел": "female",
                 "m": "male", "м": "male", "муж": "male", "мужской": "male", "ер": "male", "еркек": "male"}

assert set(CONSENT_LABELS) == set(CONSENT_LEVELS) and set(APPEAL_LABELS) == set(APPEAL_STATES)
assert set(UNIT_LABELS) == set(FINE_UNITS)


@cache
def _words(table: tuple[tuple[Any, str], ...]) -> dict[str, Any]:
    words: dict[str, Any] = {}
    for code, msgid in table:
        words[identity_key(str(code))] = code
        for lang in LANGUAGES:
            words.setdefault(identity_key(tr(msgid, lang)), code)
    return words


def code_for(table: Mapping[Any, str], text: str, extra: Mapping[str, Any] | None = None) -> Any:
    """The code a cell means: the code itself or its word in any shipped language, in any case; None when
    it means none of them (the caller says what was expected)."""
    key = identity_key(text)
    found = _words(tuple(table.items())).get(key)
    if found is None and extra:
        found = extra.get(key)
    return found


def gender_for(text: str) -> str | None:
    return code_for(GENDER_LABELS, text, _GENDER_WORDS)  # type: ignore[no-any-return]
