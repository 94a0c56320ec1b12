"""Who may appear, and how, in what leaves the vault: one policy for every report and export.

A person's consent (public / anonymised / confidential) is what they agreed to when the monitor
recorded them; an event or act may be stricter still. Three output profiles:

- full: everything as recorded, sensitive details included — for the coordinator's own use;
- lawyer: every person by name (a lawyer works under privilege), sensitive details (contacts,
  IIN, address, notes) left out;
- public: confidential persons, events and acts left out entirely, anonymised persons shown under
  a pseudonym, sensitive details left out.

A pseudonym is derived from the record's uuid (random, so nothing can be guessed back from it):
the same person gets the same pseudonym on every page, in every file and every month, which is
what lets readers follow one anonymous person through a chronology.

Every public output says how many acts it left out for consent, and how to change that
(withheld_note): a coordinator who sees an empty list must know why.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kzdesk.core.i18n import ntr, tr
from kzdesk.core.model.records import stricter
from kzdesk.core.reports.profiles import PROFILES

if TYPE_CHECKING:
    from sqlalchemy import Connection
PSEUDONYM_DOMAIN = b"kzdesk/pseudonym/v1\n"


def pseudonym_code(uuid: str) -> str:
    """The language-independent part of a pseudonym (what hashed report content keeps)."""
    return hashlib.sha256(PSEUDONYM_DOMAIN + uuid.encode()).hexdigest()[:6].upper()


def pseudonym(uuid: str, lang: str | None = None) -> str:
    """A stable stand-in name for an anonymised person: "Person 3FA9C1" in the report language."""
    return tr("Person {code}", lang, code=pseudonym_code(uuid))


@dataclass(frozen=True)
class Disclosure:
    """The policy of one output profile."""

    profile: str = "public"

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ValueError(self.profile)

    @property
    def sensitive(self) -> bool:
        """Whether contacts, IIN, address and notes may appear."""
        return self.profile == "full"

    def shows(self, *levels: str | None) -> bool:
        """Whether something under these consent levels (person, event, act…) may appear at all."""
        return self.profile != "public" or stricter(*levels) != "confidential"

    def hides_name(self, consent: str | None) -> bool:
        return self.profile == "public" and stricter(consent) != "public"

    def name(self, uuid: str, name: str, consent: str | None, lang: str | None = None) -> str:
        """How a person is named (call shows() first: a confidential person is left out in public)."""
        return pseudonym(uuid, lang) if self.hides_name(consent) else name


def withheld_note(count: int, lang: str | None = None) -> str:
    """The line a public report or export carries when consent kept acts out ("" when none was)."""
    if count <= 0:
        return ""
    return ntr("{n} act not shown: its consent is not public. Change it with 'kzdesk consent set', or in the editor.",
               "{n} acts not shown: their consent is not public. Change it with 'kzdesk consent set', or in the "
               "editor.", count, lang)


def withheld_acts(conn: Connection, profile: str = "public", start: str | None = None, end: str | None = None,
                  city: str | None = None, act_types: tuple[str, ...] = ()) -> int:
    """How many live acts (of events whose first day is in the period and city, of these types) the
    profile leaves out: the count withheld_note tells."""
    policy = Disclosure(profile)
    sql = ("SELECT p.consent, e.consent, a.consent FROM act a JOIN event e ON e.uuid = a.event "
           "JOIN person p ON p.uuid = a.person WHERE a.deleted = 0 AND e.deleted = 0 AND p.deleted = 0")
    params: list[str] = []
    for clause, value in (("e.date_start >= ?", start), ("e.date_start <= ?", end), ("e.city = ?", city)):
        if value:
            sql += f" AND {clause}"
            params.append(value)
    if act_types:
        sql += f" AND a.act_type IN ({','.join('?' * len(act_types))})"
        params += act_types
    return sum(not policy.shows(*levels) for levels in conn.exec_driver_sql(sql, tuple(params)))
