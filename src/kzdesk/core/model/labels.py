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
GENDER_LABELS = {"female": N_("female"), "male": N_("male")}
# Words people write for a gender besides the labels: the usual abbreviations and adjectives.
_GENDER_WORDS = {"f": "female", "ж": "female", "жен": "female", "женский": "female", "әйел": "female",
                 "m": "male", "м": "male", "муж": "male", "мужской": "male", "ер": "male", "еркек": "male"}

# The headers of a spreadsheet's columns, by column key: the export writes them in the file's language and
# the import reads them back in any shipped language.
COLUMN_HEADERS = {
    "act": N_("Act id"), "event": N_("Event id"), "date": N_("Event date"), "city": N_("City"),
    "region": N_("Region"), "place": N_("Place"), "occasion": N_("Occasion"), "person": N_("Person"),
    "gender": N_("Gender"), "birth_year": N_("Birth year"), "occupation": N_("Occupation"),
    "affiliation": N_("Affiliation"), "contacts": N_("Contacts"), "national_id": N_("IIN"),
    "address": N_("Address"), "notes": N_("Notes"), "act_type": N_("Act type"), "legal_code": N_("Legal code"),
    "article": N_("Article"), "part": N_("Part"), "article_title": N_("Article title"),
    "arrest_days": N_("Arrest days"), "fine_amount": N_("Fine amount"), "fine_unit": N_("Fine unit"),
    "fine_kzt": N_("Fine in KZT"), "hours": N_("Hours"), "years": N_("Years"), "months": N_("Months"),
    "authority": N_("Authority"), "court": N_("Court"), "judge": N_("Judge"), "case_number": N_("Case number"),
    "decision_date": N_("Decision date"), "appeal": N_("Appeal"), "appeal_outcome": N_("Appeal outcome"),
    "appeal_date": N_("Appeal date"), "fine_paid": N_("Fine paid"), "fine_paid_by": N_("Fine paid by"),
    "act_description": N_("Act description"), "event_description": N_("Event description"),
    "sources": N_("Sources"), "consent": N_("Consent"), "person_consent": N_("Person's consent"),
    "event_consent": N_("Event's consent"), "act_consent": N_("Act's own consent"), "profile": N_("Profile"),
    # Read by the import and written by the template only (the export has the two descriptions and no status).
    "description": N_("Description"), "status": N_("Status"), "status_date": N_("Status date"),
}

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
