"""`kzdesk import --check`: what importing a spreadsheet would do, row by row, touching nothing.

Each row is read and checked exactly as the import reads it. A row with problems says why it would be
refused; any other row says whether its person is already in the vault (the same name, as the import
matches it), is new, or was met on an earlier row of the file, and whether it starts a new event.
The vault is only read; the file is read once, as a stream.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from kzdesk.core.i18n import N_, language, tr
from kzdesk.core.ingest.columns import Mapping
from kzdesk.core.ingest.csv_import import ParsedRow, RowProblem, _Check, check_rows
from kzdesk.core.ingest.sheets import Note, Sheet
from kzdesk.core.model.names import identity_key
from kzdesk.core.model.vault import Vault
from kzdesk.core.model.vocab import label, vocabulary
from kzdesk.core.vault.engine import sql_slices

BATCH = 2000  # rows whose persons are looked up in the vault at once


class PersonMatch(StrEnum):
    KNOWN = N_("already in the vault")
    NEW = N_("new")
    EARLIER_ROW = N_("new, as on an earlier row")


@dataclass(frozen=True)
class RowOutcome:
    """One row: its problems (it would be refused), or what it would create or match."""

    row: int
    person: str
    act_type: str
    person_match: PersonMatch | None = None
    new_event: bool = False
    problems: list[RowProblem] = field(default_factory=list)

    def message(self, lang: str | None = None) -> str:
        if self.problems:
            # Each reason in its own statement: a tr() inside another's arguments escapes extraction.
            reasons = [tr("column {column}: {reason}", lang, column=p.column, reason=tr(p.msgid, lang, **p.params))
                       for p in self.problems]
            return tr("Row {row}: refused — {reasons}", lang, row=self.row, reasons="; ".join(reasons))
        assert self.person_match is not None
        event = tr("a new event", lang) if self.new_event else tr("the event of an earlier row", lang)
        return tr("Row {row}: {person} ({match}) — {act} in {event}", lang, row=self.row, person=self.person,
                  match=tr(self.person_match.value, lang), act=self.act_label(lang), event=event)

    def act_label(self, lang: str | None) -> str:
        entry = vocabulary().act_types.get(self.act_type)
        return label(entry.labels, lang or language()) if entry else self.act_type

    def to_json(self) -> dict[str, object]:
        return {"row": self.row, "person": self.person, "act_type": self.act_type,
                "person_match": self.person_match.name.casefold() if self.person_match else None,
                "new_event": self.new_event,
                "problems": [{"column": p.column, "reason": tr(p.msgid, "en", **p.params)} for p in self.problems]}


def check_import(vault: Vault, path: Path, mapping: Mapping | None = None) -> Iterator[RowOutcome | Note]:
    """Every row's outcome in file order, then the notes on how the file was read (its encoding, the
    columns left out). The rows are checked by the import's own first pass (check_rows), so a row this
    says would be imported is one the import takes. Raises InputError as the import does for a file it
    cannot read at all."""
    seen: set[str] = set()  # the name keys of new persons met on a row so far
    check = _Check()  # its event_refs' first rows say which row starts an event
    unstarted: set[str] = set()  # event_refs whose rows so far were all refused
    with Sheet(path) as sheet:
        batch: list[tuple[ParsedRow | None, list[RowProblem]]] = []
        for checked in check_rows(sheet, vocabulary(), mapping, check):
            batch.append(checked)
            if len(batch) == BATCH:
                yield from _outcomes(vault, batch, seen, check, unstarted)
                batch = []
        yield from _outcomes(vault, batch, seen, check, unstarted)
        yield from sheet.notes


def _outcomes(vault: Vault, batch: list[tuple[ParsedRow | None, list[RowProblem]]], seen: set[str],
              check: _Check, unstarted: set[str]) -> Iterator[RowOutcome]:
    keys = sorted({identity_key(row.person) for row, _ in batch if row is not None} - seen)
    known: set[str] = set()
    with vault.engine.connect() as conn:
        for marks, chunk in sql_slices(keys):
            known.update(r[0] for r in conn.exec_driver_sql(
                f"SELECT name_key FROM person WHERE deleted = 0 AND name_key IN ({marks})", chunk))
    for row, found in batch:
        if row is not None and found and not row.event_last and check.events.first(row.event_key) == row.row:
            unstarted.add(row.event_key)  # a refused row starts no event: the ref's next good row does
        if row is None or found:
            yield RowOutcome(found[0].row, row.person if row else "",
                             str(row.act.get("act_type") or "") if row else "", problems=found)
            continue
        key = identity_key(row.person)
        if key in known:
            match = PersonMatch.KNOWN
        elif key in seen:
            match = PersonMatch.EARLIER_ROW
        else:
            match = PersonMatch.NEW
            seen.add(key)
        # A row of its own event (no event_ref) starts one; a row with an event_ref, if it is the ref's first.
        new_event = bool(row.event_last) or check.events.first(row.event_key) == row.row
        if not new_event and row.event_key in unstarted:
            unstarted.discard(row.event_key)
            new_event = True
        yield RowOutcome(row.row, row.person, str(row.act.get("act_type") or ""), match, new_event)
