"""A pair of acts that may be one act reported twice, as a coordinator reads it, the same in the
window and on the command line: for each act its date, city, type, legal basis, sanction and who
recorded it."""

from __future__ import annotations

from kzdesk.core.exchange.duplicate_acts import ActPair, ActSide
from kzdesk.core.i18n import tr
from kzdesk.core.model.fields import short_date
from kzdesk.core.reports import wording

# The facts shown for each act, in order (the window's rows, the command line's columns).
FACTS = ("date", "city", "type", "basis", "sanction", "recorded_by")


def facts(side: ActSide, lang: str) -> dict[str, str]:
    """What one act says, in words."""
    return {
        "date": short_date(side.date, lang) if side.date else "",
        "city": wording.place(side.city, side.city_text, lang, side.date),
        "type": wording.act_type(side.act_type, lang),
        "basis": wording.legal_basis(side.legal_code, side.article, side.part, side.date, lang, with_title=False),
        "sanction": wording.sanction(side.as_act(), lang),
        "recorded_by": side.recorded_by or side.author[:12],
    }


def lines(pair: ActPair, lang: str) -> list[str]:
    """The pair as plain text: a heading line with both ids and the person, then one line per act."""
    names = pair.a.name if pair.a.name == pair.b.name else f"{pair.a.name} ~ {pair.b.name}"
    out = [f"{pair.a.uuid[:8]} ~ {pair.b.uuid[:8]}  {names}"]
    for side in (pair.a, pair.b):
        said = facts(side, lang)
        shown = [said[f] for f in FACTS[:-1] if said[f]]
        out.append(f"  {side.uuid[:8]}  " + " · ".join(shown) + "  — " +
                   tr("recorded by {who}", lang, who=said["recorded_by"]))
    return out
