"""Indexes for the records list and its search over a national dataset (a million acts).

The list walks live events in date (or place) order and tests each against the persons and acts
the typed text matches; gathering the events of the matching persons goes person -> act -> event.
Without these, each step read a whole act or event row (random pages, each decrypted and checked)
where an index entry was enough: 2.5 s per keystroke at a million acts (core/model/listing.py).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 16:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    # the events of the persons a search matched (covering: no act row is read); replaces 0001's
    # one-column index of the same name, which every query of it still finds here
    "ix_act_person": "act (person, deleted, event)",
    # whether an event has an act of a matching person (covering); replaces 0001's as above
    "ix_act_event": "act (event, deleted, person)",
    # the list in date order, with the uuid the tests above need (covering)
    "ix_event_live_date": "event (date_start, uuid) WHERE deleted = 0",
    # the list in place order: the same expression as listing.SORTABLE["city"]
    "ix_event_live_place": "event (coalesce(city, city_text), uuid) WHERE deleted = 0",
}


REPLACED = {"ix_act_person": "act (person)", "ix_act_event": "act (event)"}


def upgrade() -> None:
    for name, definition in INDEXES.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON {definition}")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name, definition in REPLACED.items():
        op.execute(f"CREATE INDEX {name} ON {definition}")
