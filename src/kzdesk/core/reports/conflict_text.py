"""A conflict as a coordinator reads it, the same in the window and on the command line: whose record,
which event (its date, its place as named that day, the act), the values in words and who wrote each."""

from __future__ import annotations

import json

from kzdesk.core.exchange.authorship import FUTURE_MARK, MERGE_AUTHOR, UNPROVEN
from kzdesk.core.exchange.conflicts import Candidate, Conflict, field_label, value_words
from kzdesk.core.exchange.merge import DELETED
from kzdesk.core.i18n import N_, tr
from kzdesk.core.model.fields import short_date
from kzdesk.core.model.labels import YES_NO_LABELS
from kzdesk.core.model.vocab import label, vocabulary
from kzdesk.core.reports.wording import KIND, place

# "status" is a record kind too: a person's status from a day.
KINDS = {**KIND, "status": N_("status")}
DELETION = {True: N_("delete the record"), False: N_("keep the record")}


def about(conflict: Conflict, lang: str) -> str:
    """The persons the record is about; a record about no one (a source) by its kind."""
    if conflict.persons:
        return ", ".join(conflict.persons)
    return tr(KINDS[conflict.kind], lang) if conflict.kind in KINDS else conflict.kind


def event(conflict: Conflict, lang: str) -> str:
    """The event's date, its place as it was named on that date, and the act's type ("" for no event)."""
    if conflict.kind == "status":  # a status belongs to no event: the day it began says which one it is
        return tr("status from {date}", lang, date=short_date(conflict.status_date, lang)) \
            if conflict.status_date else ""
    act_type = vocabulary().act_types.get(conflict.act_type or "")
    parts = [short_date(conflict.event_date, lang) if conflict.event_date else "",
             place(conflict.city, conflict.city_text, lang, conflict.event_date),
             label(act_type.labels, lang) if act_type else conflict.act_type or ""]
    return ", ".join(p for p in parts if p)


def value(conflict: Conflict, stored: object, lang: str) -> str:
    """A value as a person reads it: text as typed, a code in words, a deletion as what it does, none as a
    dash."""
    words = value_words(conflict.kind, conflict.field, stored, lang)  # "serving a prison term", not "prison"
    if words is not None:
        return words
    if conflict.field == DELETED:
        return tr(DELETION[bool(stored)], lang)
    if stored is None or stored == "":
        return "—"
    if isinstance(stored, bool):
        return tr(YES_NO_LABELS[stored], lang)
    if isinstance(stored, str):
        return stored
    return json.dumps(stored, ensure_ascii=False)


def author(candidate: Candidate, lang: str) -> str:
    """Who wrote a value (a proven author, with the start of their fingerprint), when (in this computer's
    time zone), and a flag on a stamp from the future."""
    name = candidate.author_name
    if candidate.author is None:
        who = tr(UNPROVEN, lang)
    elif name == MERGE_AUTHOR:
        who = ""
    elif candidate.author_fingerprint:
        who = f"{name} ({candidate.author_fingerprint})" if name else candidate.author_fingerprint
    else:
        who = name or ""
    notes = [who] if who else []
    if candidate.written is not None:
        local = candidate.written.astimezone()
        notes.append(f"{short_date(local.date().isoformat(), lang)} {local:%H:%M}")
    if candidate.future:
        notes.append(tr(FUTURE_MARK, lang))
    return ", ".join(notes)


def lines(conflict: Conflict, lang: str) -> list[str]:
    """The conflict as plain text: a heading line, then one numbered line per value (the number is what
    `kzdesk conflicts resolve ID --pick N` takes)."""
    heading = " · ".join(p for p in (about(conflict, lang), event(conflict, lang),
                                     field_label(conflict.field, lang, conflict.kind)) if p)
    out = [f"{conflict.id[:16]}  {heading}"]
    for number, candidate in enumerate(conflict.candidates, 1):
        who = author(candidate, lang)
        text = value(conflict, candidate.value, lang)
        out.append(f"    {number}) {text}  —  {who}" if who else f"    {number}) {text}")
    return out
