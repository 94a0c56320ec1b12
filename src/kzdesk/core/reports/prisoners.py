"""The list of political prisoners and persecuted persons.

A person is a *political prisoner* while an act depriving them of liberty is in force: pre-trial
detention, house arrest, psychiatric placement, a transfer, or imprisonment whose term (from the
decision date) has not run out — a term without a decision date is taken as running. Anyone else
with a criminal charge, a travel ban or a sentence is listed as *persecuted*. Each row: the name as
the profile allows, the status, every article, the latest sentence, its court and the dates.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.i18n import N_, tr
from kzdesk.core.model.names import sort_key
from kzdesk.core.reports import wording
from kzdesk.core.reports.consent import Disclosure
from kzdesk.core.reports.export import Table, neutralise, to_csv
from kzdesk.core.reports.pdf import Writer, render, standard_frame

CUSTODY = ("pretrial_detention", "house_arrest", "psychiatric_placement", "transfer")
TERMS = ("imprisonment", "sentence", "restriction_of_liberty")
PROSECUTION = ("criminal_charge", "travel_ban", "sentence", "restriction_of_liberty", "imprisonment",
               "activity_ban", "community_service", *CUSTODY)
STATUS = {"prisoner": N_("political prisoner"), "persecuted": N_("persecuted")}


@dataclass(frozen=True)
class Listed:
    name: str
    status: str  # "prisoner" or "persecuted"
    articles: list[str]
    sentence: str
    court: str
    first: str | None
    last: str | None


def _term_runs(act: dict[str, Any], today: str) -> bool:
    if not (act["years"] or act["months"]):
        return False
    if not act["decision_date"]:
        return True
    start = date.fromisoformat(act["decision_date"][:10])
    months = start.month - 1 + (act["months"] or 0) + 12 * (act["years"] or 0)
    year, month = start.year + months // 12, months % 12 + 1
    end = date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    return end.isoformat() >= today


def gather(conn: Connection, profile: str = "public", lang: str = "en", today: str | None = None) -> list[Listed]:
    """Prisoners first, then the persecuted, each by name."""
    policy = Disclosure(profile)
    today = today or datetime.now(UTC).strftime("%Y-%m-%d")
    marks = ",".join("?" * len(PROSECUTION))
    result = conn.exec_driver_sql(
        f"SELECT a.*, e.date AS event_date, e.date_start, e.consent AS event_consent, p.name AS person_name, "
        f"p.consent AS person_consent FROM act a JOIN event e ON e.uuid = a.event JOIN person p ON p.uuid = a.person "
        f"WHERE a.deleted = 0 AND e.deleted = 0 AND p.deleted = 0 AND a.person IN "
        f"(SELECT person FROM act WHERE deleted = 0 AND act_type IN ({marks})) "
        f"ORDER BY a.person, e.date_start, a.decision_date, a.uuid", PROSECUTION)
    by_person: dict[str, list[dict[str, Any]]] = {}
    for act in map(dict, result.mappings()):
        if policy.shows(act["person_consent"], act["event_consent"], act["consent"]):
            by_person.setdefault(act["person"], []).append(act)
    listed = []
    for person, acts in by_person.items():
        prisoner = any(a["act_type"] in CUSTODY or (a["act_type"] in TERMS and _term_runs(a, today)) for a in acts)
        judged = [a for a in acts if a["act_type"] in TERMS or a["court"]]
        latest = judged[-1] if judged else acts[-1]
        articles = list(dict.fromkeys(
            wording.legal_basis(a["legal_code"], a["article"], a["part"], None, lang, with_title=False)
            for a in acts if a["article"]))
        listed.append(Listed(policy.name(person, acts[0]["person_name"], acts[0]["person_consent"], lang),
                             "prisoner" if prisoner else "persecuted", articles,
                             " ".join(x for x in (wording.act_type(latest["act_type"], lang),
                                                  wording.sanction(latest, lang)) if x),
                             latest["court"] or "", acts[0]["event_date"], acts[-1]["event_date"]))
    return sorted(listed, key=lambda x: (x.status != "prisoner", sort_key(x.name)))


HEADER = (N_("Name"), N_("Status"), N_("Articles"), N_("Latest decision"), N_("Court"), N_("First recorded"),
          N_("Latest"))


def rows(listed: list[Listed], lang: str) -> list[list[str]]:
    return [[x.name, tr(STATUS[x.status], lang), "; ".join(x.articles), x.sentence, x.court,
             wording.long_date(x.first, lang) if x.first else "", wording.long_date(x.last, lang) if x.last else ""]
            for x in listed]


def as_csv(listed: list[Listed], lang: str, profile: str, today: str | None = None) -> bytes:
    """The same list as a spreadsheet table: neutralised cells, the profile in the last column."""
    headers = (*(tr(h, lang) for h in HEADER), tr("Profile", lang))
    table = Table(profile, lang, today or datetime.now(UTC).strftime("%Y-%m-%d"), headers,
                  tuple(tuple(neutralise(cell) for cell in (*row, profile)) for row in rows(listed, lang)))
    return to_csv(table)


def as_pdf(listed: list[Listed], lang: str, profile: str, today: str | None = None) -> bytes:
    w = Writer()
    w.p(tr("Political prisoners and persecuted persons", lang), "title")
    w.p(tr("Profile: {profile}", lang, profile=profile), "small")
    for status, title in (("prisoner", N_("Political prisoners")), ("persecuted", N_("Persecuted persons"))):
        part = [x for x in listed if x.status == status]
        w.p(f"{tr(title, lang)} ({len(part)})", "h2")
        w.grid([tr(h, lang) for h in HEADER], rows(part, lang), [30, 24, 30, 30, 18, 21, 21])
    marking = {"public": N_("For publication: only persons who consented are named"),
               "lawyer": N_("For lawyers: do not publish"), "full": N_("Internal: do not pass on")}[profile]
    return render(w.story, standard_frame(tr(marking, lang), lang, today),
                  tr("Political prisoners and persecuted persons", lang))
