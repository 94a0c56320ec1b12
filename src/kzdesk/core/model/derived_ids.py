"""Records whose id is derived from what they are about, the same in every vault: a decision about two
persons or two acts, a person's status from a day.

Two coordinators deciding about the same pair (or setting a status for the same person and day) thus
write revisions of one record, and a disagreement meets as a conflict instead of both standing. That
holds only if every such record carries its derived id: a bundle's record of one of these kinds with
any other id is refused (exchange/bundle.py), or a hostile key could file a second, contrary decision
beside the first.
"""

from __future__ import annotations

from typing import Any

from kzdesk.core.model.revisions import sha256_hex

LINK_DOMAIN = b"kzdesk/link/v1\n"
ACT_LINK_DOMAIN = b"kzdesk/act-link/v1\n"
STATUS_DOMAIN = b"kzdesk/status/v1\n"


def _derive(domain: bytes, *parts: str) -> str:
    return sha256_hex(domain + "\n".join(parts).encode())[:32]


def link_id(a: str, b: str) -> str:
    """The record id of the decision about a pair of persons, in either order."""
    return _derive(LINK_DOMAIN, *sorted((a, b)))


def act_link_id(a: str, b: str) -> str:
    """The record id of the decision about a pair of acts, in either order."""
    return _derive(ACT_LINK_DOMAIN, *sorted((a, b)))


def status_id(person: str, day: str) -> str:
    """The record id of a person's status from a day."""
    return _derive(STATUS_DOMAIN, person, day)


def derived_id(kind: str, body: dict[str, Any]) -> str | None:
    """The id a record of this kind must carry, from its fields; None for a kind with minted ids."""
    if kind == "link":
        return link_id(str(body["person_a"]), str(body["person_b"]))
    if kind == "act_link":
        return act_link_id(str(body["act_a"]), str(body["act_b"]))
    if kind == "status":
        return status_id(str(body["person"]), str(body["date"]))
    return None
