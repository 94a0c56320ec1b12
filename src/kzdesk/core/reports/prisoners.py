"""The list of political prisoners and persecuted persons, as of a day, grouped as the monitors
publish it.

Each person is placed by their status in force on the day (model/status.py): the latest status
recorded on or before it, or, where none is recorded, the latest one their acts imply
unambiguously (status.propose: a prison sentence, pre-trial detention, a release…). Groups:

- political prisoners: serving a prison term, in pre-trial detention, in forced psychiatric placement;
- under house arrest;
- sentenced to restriction of liberty;
- persecuted: under criminal prosecution, and others with an act of prosecution (a travel ban, a
  sentence of another kind…) but no status.

Released, dead and emigrated persons are not listed. Each row: the name as the profile allows, the
status and the day it began, every article of their acts up to the day, and the latest sentence.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.i18n import N_, ntr, tr
from kzdesk.core.model.names import sort_key
from kzdesk.core.model.status import in_force, propose, status_label
from kzdesk.core.reports import wording
from kzdesk.core.reports.consent import Disclosure, withheld_note
from kzdesk.core.reports.export import Table, encode, neutralise
from kzdesk.core.reports.pdf import Writer, render, standard_frame

TERMS = ("imprisonment", "sentence", "restriction_of_liberty", "activity_ban", "community_service")
PROSECUTION = ("criminal_charge", "travel_ban", "sentence", "restriction_of_liberty", "imprisonment",
               "activity_ban", "community_service", "pretrial_detention", "house_arrest", "psychiatric_placement",
               "transfer")
# The monitors' groups, in their order, and the status codes each holds (None: no status, other).
GROUPS: tuple[tuple[str, str, tuple[str | None, ...]], ...] = (
    ("prisoners", N_("Political prisoners"), ("prison", "pre_trial", "psychiatric")),
    ("house_arrest", N_("Under house arrest"), ("house_arrest",)),
    ("restriction", N_("Sentenced to restriction of liberty"), ("restriction_of_liberty",)),
    ("persecuted", N_("Persecuted persons"), ("prosecuted", None)),
)
GROUP_OF = {code: key for key, _, codes in GROUPS for code in codes}
GROUP_LABEL = {"prisoners": N_("political prisoner"), "house_arrest": N_("house arrest"),
               "restriction": N_("restriction of liberty"), "persecuted": N_("persecuted")}
OTHER = N_("other persecution")


@dataclass(frozen=True)
class Listed:
    person: str
    name: str
    group: str  # a key of GROUPS
    code: str | None  # the status in force on the day; None: persecuted without a status
    reason: str | None
    since: str | None  # the day that status began
    articles: list[str]
    sentence: str
    court: str


def utc_day() -> str:
    """Today in UTC (YYYY-MM-DD): the day a list is for when none is given."""
    return datetime.now(UTC).strftime("%Y-%m-%d")


def _term_runs(act: dict[str, Any], today: str) -> bool:
    """Whether a term (years and months from its decision date) still runs on today; a term
    without a decision date is taken as running."""
    if not (act["years"] or act["months"]):
        return False
    if not act["decision_date"]:
        return True
    start = date.fromisoformat(act["decision_date"][:10])
    months = start.month - 1 + (act["months"] or 0) + 12 * (act["years"] or 0)
    year, month = start.year + months // 12, months % 12 + 1
    end = date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    return end.isoformat() >= today


def gather(conn: Connection, profile: str = "public", lang: str = "en", as_of: str | None = None) -> list[Listed]:
    """Everyone held, restricted or prosecuted on as_of (default today), by group, then by name."""
    policy = Disclosure(profile)
    as_of = as_of or utc_day()
    statuses: dict[str, tuple[str, str, str | None]] = {}
    implied = sorted((p for p in propose(conn) if p.date <= as_of), key=lambda p: p.date)
    terms = {str(u): {"years": y, "months": m, "decision_date": d} for u, y, m, d in conn.exec_driver_sql(
        "SELECT uuid, years, months, decision_date FROM act WHERE act_type IN ('imprisonment', "
        "'restriction_of_liberty') AND (years IS NOT NULL OR months IS NOT NULL)")}
    for p in implied:
        # A term the acts imply ends when it runs out; a recorded status ends only by the next one.
        ended = p.act in terms and not _term_runs(terms[p.act], as_of)
        statuses[p.person] = ("released" if ended else p.code, p.date, None)
    # A recorded status outranks what the acts imply, unless the acts say something newer.
    for person, entry in in_force(conn, as_of).items():
        if person not in statuses or statuses[person][1] <= entry.date:
            statuses[person] = (entry.code, entry.date, entry.reason)
    result = conn.exec_driver_sql(
        "SELECT a.*, e.date AS event_date, e.date_start, e.consent AS event_consent, p.name AS person_name, "
        "p.consent AS person_consent FROM act a JOIN event e ON e.uuid = a.event JOIN person p ON p.uuid = a.person "
        "WHERE a.deleted = 0 AND e.deleted = 0 AND p.deleted = 0 "
        "AND coalesce(a.decision_date, e.date_start, '') <= ? "
        "ORDER BY a.person, e.date_start, a.decision_date, a.uuid", (as_of,))
    acts: dict[str, list[dict[str, Any]]] = {}
    for act in map(dict, result.mappings()):
        acts.setdefault(act["person"], []).append(act)
    persons = {str(u): (str(n), str(c)) for u, n, c in conn.exec_driver_sql(
        "SELECT uuid, name, consent FROM person WHERE deleted = 0")}
    listed = []
    for person, (name, consent) in persons.items():
        code, since, reason = statuses.get(person, (None, None, None))
        own = acts.get(person, [])
        if code is None and not any(a["act_type"] in PROSECUTION for a in own):
            continue
        if code not in GROUP_OF:
            continue  # released, dead or emigrated: not on the list
        shown = [a for a in own if policy.shows(consent, a["event_consent"], a["consent"])]
        if not policy.shows(consent) or (code is None and not shown):
            continue
        judged = [a for a in shown if a["act_type"] in TERMS]
        latest = judged[-1] if judged else None
        articles = list(dict.fromkeys(
            wording.legal_basis(a["legal_code"], a["article"], a["part"], None, lang, with_title=False)
            for a in shown if a["article"]))
        sentence = "" if latest is None else " ".join(
            x for x in (wording.act_type(latest["act_type"], lang), wording.sanction(latest, lang)) if x)
        listed.append(Listed(person, policy.name(person, name, consent, lang), GROUP_OF[code], code, reason, since,
                             articles, sentence, (latest or {}).get("court") or ""))
    order = [key for key, _, _ in GROUPS]
    return sorted(listed, key=lambda x: (order.index(x.group), sort_key(x.name), x.person))


@dataclass(frozen=True)
class Withheld:
    """What consent kept off a list: persons the full list holds that this profile leaves out, and
    the acts (up to the day) of the full list's persons that it does not show."""

    persons: int = 0
    acts: int = 0

    def lines(self, lang: str | None = None) -> list[str]:
        """What the list says about it, and how to change it (nothing when nothing was withheld)."""
        out = [ntr("{n} person not listed: their consent is not public. Change it with 'kzdesk consent set', or "
                   "in the editor.", "{n} persons not listed: their consent is not public. Change it with "
                   "'kzdesk consent set', or in the editor.", self.persons, lang)] if self.persons else []
        return [*out, withheld_note(self.acts, lang)] if self.acts else out


def withheld(conn: Connection, profile: str = "public", as_of: str | None = None) -> Withheld:
    """How many persons and acts the profile keeps off the list of as_of for consent (a coordinator
    who sees a short list must know why)."""
    policy = Disclosure(profile)
    as_of = as_of or utc_day()
    full = {x.person for x in gather(conn, "full", "en", as_of)}
    shown = {x.person for x in gather(conn, profile, "en", as_of)}
    acts = sum(str(person) in full and not policy.shows(*levels) for person, *levels in conn.exec_driver_sql(
        "SELECT a.person, p.consent, e.consent, a.consent FROM act a JOIN event e ON e.uuid = a.event "
        "JOIN person p ON p.uuid = a.person WHERE a.deleted = 0 AND e.deleted = 0 AND p.deleted = 0 "
        "AND coalesce(a.decision_date, e.date_start, '') <= ?", (as_of,)))
    return Withheld(len(full - shown), acts)


def counts(listed: list[Listed]) -> dict[str, int]:
    """How many persons each group holds (keys of GROUPS)."""
    out = {key: 0 for key, _, _ in GROUPS}
    for x in listed:
        out[x.group] += 1
    return out


def status_counts(listed: list[Listed]) -> dict[str, int]:
    """How many persons hold each status code ("other": persecuted without a status)."""
    out: dict[str, int] = {}
    for x in listed:
        out[x.code or "other"] = out.get(x.code or "other", 0) + 1
    return out


HEADER = (N_("Name"), N_("Group"), "status", N_("Status"), N_("Since"), N_("Articles"), N_("Sentence"),
          N_("Court"))


def _status_text(x: Listed, lang: str) -> str:
    return status_label(x.code, lang, x.reason) if x.code else tr(OTHER, lang)


def rows(listed: list[Listed], lang: str) -> list[list[str]]:
    """One row per person: name, group, status code (as in CSV files in and out), status in words,
    the day it began, articles, sentence, court."""
    return [[x.name, tr(GROUP_LABEL[x.group], lang), x.code or "", _status_text(x, lang),
             wording.long_date(x.since, lang) if x.since else "", "; ".join(x.articles), x.sentence, x.court]
            for x in listed]


def as_table(listed: list[Listed], lang: str, profile: str, today: str | None = None) -> Table:
    """The list as a spreadsheet table: neutralised cells, the profile in the last column. One row
    per person and nothing else: what consent withheld is said by the face (the CLI's stderr)."""
    headers = (*(tr(h, lang) for h in HEADER), tr("Profile", lang))
    return Table(profile, lang, today or utc_day(), headers,
                 tuple(tuple(neutralise(cell) for cell in (*row, profile)) for row in rows(listed, lang)))


def as_csv(listed: list[Listed], lang: str, profile: str, today: str | None = None) -> bytes:
    return encode(as_table(listed, lang, profile, today), "csv")


def as_xlsx(listed: list[Listed], lang: str, profile: str, today: str | None = None) -> bytes:
    return encode(as_table(listed, lang, profile, today), "xlsx")


def summary(listed: list[Listed], lang: str) -> str:
    """The monitors' opening line: each group's count, political prisoners by status."""
    n, by_code = counts(listed), status_counts(listed)
    parts = [f"{tr(title, lang)}: {n[key]}" for key, title, _ in GROUPS]
    detail = ", ".join(f"{status_label(code, lang)}: {by_code.get(code, 0)}" for code in ("prison", "pre_trial",
                                                                                     "psychiatric"))
    parts[0] += f" ({detail})"
    return "; ".join(parts) + "."


def as_pdf(listed: list[Listed], lang: str, profile: str, as_of: str | None = None,
           today: str | None = None, kept_out: Withheld | None = None) -> bytes:
    w = Writer()
    title = tr("Political prisoners and persecuted persons", lang)
    w.p(title, "title")
    w.p(tr("As of {date}", lang, date=wording.long_date(as_of or today or utc_day(), lang)), "h2")
    w.p(tr("Profile: {profile}", lang, profile=profile), "small")
    w.p(summary(listed, lang))
    for line in (kept_out or Withheld()).lines(lang):
        w.p(line, "small")
    header = [tr(h, lang) for h in (N_("Name"), N_("Status"), N_("Since"), N_("Articles"), N_("Sentence"),
                                    N_("Court"))]
    for key, group_title, _ in GROUPS:
        part = [x for x in listed if x.group == key]
        w.p(f"{tr(group_title, lang)} ({len(part)})", "h2")
        w.grid(header, [[r[0], r[3], r[4], r[5], r[6], r[7]] for r in rows(part, lang)], [32, 38, 24, 28, 30, 22])
    marking = {"public": N_("For publication: only persons who consented are named"),
               "lawyer": N_("For lawyers: do not publish"), "full": N_("Internal: do not pass on")}[profile]
    return render(w.story, standard_frame(tr(marking, lang), lang, today), title)
