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
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from kzdesk.core.i18n import tr
from kzdesk.core.model.records import stricter

PROFILES = ("full", "lawyer", "public")
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
