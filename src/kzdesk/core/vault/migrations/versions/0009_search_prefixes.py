"""Full-text indexes that keep one- and two-letter prefixes, for search as one types in a national dataset.

Every word typed in the records list is matched as a prefix. FTS5 answers a prefix by merging the
lists of every indexed word that starts with it, and a short one starts many: "1" is the beginning
of every number from 1 to 19,999 of a million-act vault, so a search for "Жақсылықов Ерлан 1" spent
about 50 ms merging them in each of the three indexes, on one keystroke. With prefix='1 2' FTS5
keeps a list for each one- and two-character prefix as well and reads that one list.

The tables are made again with the option and filled from the records, with the same text functions
(kzdesk.core.model.textindex, registered on every connection) and the same triggers as 0001's.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 19:15:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As 0001 wrote them (frozen here).
FTS_TOKENIZER = "unicode61 remove_diacritics 2"
COLUMNS = {
    "person": "name, names, occupation, affiliation",
    "event": "date, city, city_text, region, region_text, place, occasion, title, description",
    "act": "act_type, legal_code, article, part, authority, court, judge, case_number, description",
}


def _text(kind: str, row: str) -> str:
    return f"kz_{kind}_text(" + ", ".join(f"{row}{column.strip()}" for column in COLUMNS[kind].split(",")) + ")"


def _make(kind: str, options: str) -> None:
    for trigger in ("insert", "update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {kind}_fts_{trigger}")
    op.execute(f"DROP TABLE IF EXISTS {kind}_fts")
    op.execute(f"CREATE VIRTUAL TABLE {kind}_fts USING fts5(body, folded, content='', "
               f"contentless_delete=1, tokenize='{FTS_TOKENIZER}'{options})")
    op.execute(f"INSERT INTO {kind}_fts(rowid, body, folded) SELECT rowid, t, kz_fold(t) "
               f"FROM (SELECT rowid, {_text(kind, '')} AS t FROM {kind} WHERE deleted = 0)")
    insert = (f"INSERT INTO {kind}_fts(rowid, body, folded) SELECT new.rowid, t, kz_fold(t) "
              f"FROM (SELECT {_text(kind, 'new.')} AS t) WHERE new.deleted = 0;")
    op.execute(f"CREATE TRIGGER {kind}_fts_insert AFTER INSERT ON {kind} BEGIN {insert} END")
    op.execute(f"CREATE TRIGGER {kind}_fts_update AFTER UPDATE ON {kind} BEGIN "
               f"DELETE FROM {kind}_fts WHERE rowid = old.rowid; {insert} END")
    op.execute(f"CREATE TRIGGER {kind}_fts_delete AFTER DELETE ON {kind} BEGIN "
               f"DELETE FROM {kind}_fts WHERE rowid = old.rowid; END")


def upgrade() -> None:
    for kind in COLUMNS:
        _make(kind, ", prefix='1 2'")


def downgrade() -> None:
    for kind in COLUMNS:
        _make(kind, "")
