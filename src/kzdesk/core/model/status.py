"""A person's status over time, in the categories the monitors' lists count.

Each status is a `status` record (records.Status): the person, the day it began, its code and, for
a release or a death, why. A status stays in force until the person's next one, so a list "as of"
any day takes, for each person, the latest status on or before that day: pre-trial detention ends
when a sentence or a release follows. Statuses are written through a Changeset like every other
record, so they are audited, travel in bundles and merge; their uuid is derived from the person
and the day, so two coordinators giving different codes for the same day meet as a conflict.

Statuses can also be proposed from acts where the act says it unambiguously (a prison sentence
starts a term, a release act ends it); a proposal is only written when someone applies it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from kzdesk.core.errors import InputError
from kzdesk.core.i18n import N_, tr
from kzdesk.core.model.derived_ids import status_id
from kzdesk.core.model.fields import Problem, parse_day
from kzdesk.core.model.records import STATUS_CODES, STATUS_REASONS
from kzdesk.core.model.vault import Vault

STATUS_LABELS = {
    "prison": N_("serving a prison term"),
    "pre_trial": N_("in pre-trial detention"),
    "house_arrest": N_("under house arrest"),
    "psychiatric": N_("in forced psychiatric placement"),
    "restriction_of_liberty": N_("sentenced to restriction of liberty"),
    "prosecuted": N_("under criminal prosecution"),
    "released": N_("released"),
    "died": N_("died"),
    "emigrated": N_("left the country"),
}
REASON_LABELS = {
    "parole": N_("on parole"), "end_of_term": N_("at the end of the term"), "acquittal": N_("acquitted"),
    "amnesty": N_("under an amnesty"), "pardon": N_("pardoned"),
    "in_custody": N_("in custody"), "killed": N_("killed"),
}
# The status an act starts, where the act type says it unambiguously.
ACT_STATUS = {
    "imprisonment": "prison", "pretrial_detention": "pre_trial", "house_arrest": "house_arrest",
    "psychiatric_placement": "psychiatric", "restriction_of_liberty": "restriction_of_liberty",
    "criminal_charge": "prosecuted", "release": "released", "death": "died",
}
# Statuses that are not a deprivation or restriction: being charged changes only these.
_FREE = (None, "released", "emigrated")


def status_label(code: str | None, lang: str | None = None, reason: str | None = None) -> str:
    """A status in words, with its reason: "released (pardoned)"."""
    if code is None:
        return ""
    text = tr(STATUS_LABELS[code], lang) if code in STATUS_LABELS else code
    if reason in REASON_LABELS:
        text += f" ({tr(REASON_LABELS[reason], lang)})"
    return text


@dataclass(frozen=True)
class StatusEntry:
    """One status of a person, from `date` until their next one."""

    uuid: str
    person: str
    date: str
    code: str
    reason: str | None
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {"status": self.uuid, "person": self.person, "date": self.date, "code": self.code,
                "reason": self.reason, "note": self.note}


def check_status(code: str, day: str | None, reason: str | None) -> tuple[str, str, str | None]:
    """A status as typed (code, day as DD.MM.YYYY or YYYY-MM-DD, reason) in its stored form, or an
    InputError saying what is wrong."""
    code = code.strip()
    if code not in STATUS_CODES:
        raise InputError("Unknown status {code}; choose one of: {codes}", code=code, codes=", ".join(STATUS_CODES))
    try:
        parsed = parse_day(day or "")
    except Problem as problem:
        raise InputError(problem.msgid, **problem.params) from None
    if parsed is None:
        raise InputError("A status needs the date it began.")
    reason = (reason or "").strip() or None
    if reason is not None and reason not in STATUS_REASONS.get(code, ()):
        allowed = STATUS_REASONS.get(code, ())
        if not allowed:
            raise InputError("The status {code} takes no reason.", code=code)
        raise InputError("Unknown reason {reason}; choose one of: {reasons}", reason=reason,
                         reasons=", ".join(allowed))
    return code, parsed, reason


def write_status(conn: Connection, changes: Any, person: str, code: str, day: str, reason: str | None = None,
                 note: str | None = None) -> str:
    """Add to a changeset the person's status from day (already checked): a new record, or an
    edit of the one for that day. Returns its uuid."""
    uuid = status_id(person, day)
    fields = {"person": person, "date": day, "code": code, "reason": reason, "note": note}
    row = conn.exec_driver_sql("SELECT deleted FROM status WHERE uuid = ?", (uuid,)).first()
    if row is None:
        changes.create("status", fields, record=uuid)
    elif row[0]:
        changes.resolve(conn, "status", uuid, fields, (), deleted=False)
    else:
        changes.update(conn, "status", uuid, fields)
    return uuid


def set_status(vault: Vault, person: str, code: str, day: str | None, reason: str | None = None,
               note: str | None = None) -> str:
    """Record that the person has this status from day on; returns the status record's uuid."""
    code, parsed, reason = check_status(code, day, reason)
    note = (note or "").strip() or None
    with vault.transaction() as conn:
        found = conn.exec_driver_sql("SELECT deleted FROM person WHERE uuid = ?", (person,)).first()
        if found is None or found[0]:
            raise InputError("No person {person}.", person=person)
        changes = vault.changeset()
        uuid = write_status(conn, changes, person, code, parsed, reason, note)
        vault.commit(changes, conn)
    return uuid


def _entries(rows: Iterable[Any]) -> list[StatusEntry]:
    return [StatusEntry(str(u), str(p), str(d), str(c), r, n) for u, p, d, c, r, n in rows]


_COLUMNS = "uuid, person, date, code, reason, note"


def history(conn: Connection, person: str) -> list[StatusEntry]:
    """Every current status of the person, oldest first."""
    return _entries(conn.exec_driver_sql(
        f"SELECT {_COLUMNS} FROM status WHERE person = ? AND deleted = 0 ORDER BY date, uuid", (person,)))


def in_force(conn: Connection, as_of: str) -> dict[str, StatusEntry]:
    """For each person with a status on or before as_of, the one in force that day."""
    out: dict[str, StatusEntry] = {}
    for entry in _entries(conn.exec_driver_sql(
            f"SELECT {_COLUMNS} FROM status WHERE deleted = 0 AND date <= ? ORDER BY date, uuid", (as_of,))):
        out[entry.person] = entry  # a later day replaces an earlier one
    return out


@dataclass(frozen=True)
class Proposal:
    """A status the acts say a person had from a day, not yet recorded."""

    person: str
    name: str
    date: str
    code: str
    act: str
    act_type: str

    def to_json(self) -> dict[str, str]:
        return {"person": self.person, "name": self.name, "date": self.date, "code": self.code, "act": self.act,
                "act_type": self.act_type}


def propose(conn: Connection) -> list[Proposal]:
    """Statuses the acts imply and nobody has recorded: for each act whose type starts a status and
    whose day is known (its decision date, or its event's exact day), unless that day already has a
    status, two acts of that day say different things, the status would not change, or (for a
    criminal charge) the person is already held or restricted. By person, then day."""
    marks = ",".join("?" * len(ACT_STATUS))
    acts = conn.exec_driver_sql(
        f"SELECT a.person, p.name, coalesce(a.decision_date, CASE WHEN e.date_precision = 'day' THEN e.date END) "
        f"AS day, a.act_type, a.uuid FROM act a JOIN event e ON e.uuid = a.event JOIN person p ON p.uuid = a.person "
        f"WHERE a.deleted = 0 AND e.deleted = 0 AND p.deleted = 0 AND a.act_type IN ({marks}) AND day IS NOT NULL "
        f"ORDER BY a.person, day, a.uuid", tuple(ACT_STATUS)).fetchall()
    recorded: dict[str, dict[str, str]] = {}
    for person, day, code in conn.exec_driver_sql("SELECT person, date, code FROM status WHERE deleted = 0"):
        recorded.setdefault(str(person), {})[str(day)] = str(code)
    by_day: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    names: dict[str, str] = {}
    for person, name, day, act_type, act in acts:
        names[person] = name
        by_day.setdefault((person, day), []).append((ACT_STATUS[act_type], act, act_type))
    proposals: list[Proposal] = []
    for (person, day), said in sorted(by_day.items()):
        codes = {code for code, _, _ in said}
        if len(codes) > 1:
            codes.discard("prosecuted")  # charged and detained the same day: the detention says more
        if len(codes) != 1 or day in recorded.get(person, {}):
            continue
        code = codes.pop()
        timeline = recorded.get(person, {})
        earlier = [d for d in timeline if d < day]
        current = timeline[max(earlier)] if earlier else None
        if code == current or (code == "prosecuted" and current not in _FREE):
            continue
        _, act, act_type = next(s for s in said if s[0] == code)
        proposals.append(Proposal(person, names[person], day, code, act, act_type))
        recorded.setdefault(person, {})[day] = code  # what follows is judged against it
    return proposals


def apply(vault: Vault, proposals: Iterable[Proposal]) -> int:
    """Record the proposed statuses in one changeset; returns how many were written."""
    wanted = list(proposals)
    with vault.transaction() as conn:
        changes = vault.changeset()
        for p in wanted:
            write_status(conn, changes, p.person, p.code, p.date)
        vault.commit(changes, conn)
    return len(wanted)
