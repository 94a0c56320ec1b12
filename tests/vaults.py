"""Vaults for tests: the test passphrase and data, snapshots of a directory, vaults that exchange bundles.

Shared by the integration, security and window tests (a helper module, not a test module): test modules
import from here, never from each other or from a conftest, so importing one test never collects another.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from keyring.backend import KeyringBackend

from kzdesk.core.exchange import trust
from kzdesk.core.exchange.card import Card
from kzdesk.core.exchange.importing import ImportOutcome, import_bundles
from kzdesk.core.exchange.own import own_card
from kzdesk.core.model.revisions import REVISION_COLUMNS, RevisionRow, revision_from_row
from kzdesk.core.model.vault import Profile, Vault
from kzdesk.core.vault.kdf import floor_params

DATA = Path(__file__).parent / "data"
PASSPHRASE = "correct horse қазақ батарея"


class MemoryKeyring(KeyringBackend):
    """A stand-in for the OS keyring (the one thing that cannot run here)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def snapshot(directory: Path) -> dict[str, str]:
    """Every file under directory with the SHA-256 of its bytes (to prove nothing changed)."""
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def import_bundle(vault: Vault, path: Path) -> ImportOutcome:
    """One bundle through the one import the faces use (import_bundles), for tests that take them singly."""
    return import_bundles(vault, [path])[0]


def make_vault(path: Path, role: str, name: str) -> Vault:
    return Vault.create(path, "pass phrase", Profile(role, name, ""), kdf=floor_params())


def introduce(a: Vault, b: Vault) -> None:
    """a trusts b's card (as if carried by hand and the fingerprint compared)."""
    card = Card.parse(own_card(b).export(b.identity))
    with a.transaction() as conn:
        trust.add(conn, card, a.identity.key_id)


def record_case(vault: Vault, name: str, city: str, date: str, consent: str, **person: object) -> str:
    """One person, one event, one act, as a volunteer enters it; returns the person's uuid."""
    with vault.transaction() as conn:
        changes = vault.changeset()
        who = changes.create("person", {"name": name, "name_key": name.lower(), "consent": consent, **person})
        event = changes.create("event", {"date": date, "date_precision": "day", "date_start": date,
                                         "date_end": date, "city": city.lower(), "consent": "public"})
        changes.create("act", {"event": event, "person": who, "act_type": "administrative_arrest",
                               "legal_code": "administrative_offences_code", "article": "488", "arrest_days": 10})
        changes.create("citation", {"source": changes.create("source", {"url": "https://example.org/x"}),
                                    "target_kind": "person", "target": who})
        vault.commit(changes, conn)
    return who


def record(vault: Vault, name: str) -> dict[str, str]:
    """A person, an event in Oral and an act against them; returns their ids by kind."""
    with vault.transaction() as conn:
        changes = vault.changeset()
        person = changes.create("person", {"name": name, "name_key": name.lower(), "consent": "public"})
        event = changes.create("event", {"date": "2021-12-05", "date_precision": "day", "date_start": "2021-12-05",
                                         "date_end": "2021-12-05", "city": "oral", "consent": "public"})
        act = changes.create("act", {"event": event, "person": person, "act_type": "administrative_arrest",
                                     "legal_code": "administrative_offences_code", "article": "488",
                                     "arrest_days": 10})
        vault.commit(changes, conn)
    return {"person": person, "event": event, "act": act}


def head(vault: Vault, kind: str, uuid: str) -> RevisionRow:
    """The current revision of a record."""
    with vault.engine.connect() as conn:
        row = conn.exec_driver_sql(f"SELECT {', '.join('r.' + c for c in REVISION_COLUMNS.split(', '))} "
                                   f"FROM {kind} t JOIN revision r ON r.id = t.rev WHERE t.uuid = ?", (uuid,)).one()
    return revision_from_row(row)


def stale_save_conflict(vault: Vault, kept: int = 12, typed: str = "10") -> tuple[str, str]:
    """An arrest of 15 days saved from the editor's core; while a second editor holds it, the days
    are set to `kept` elsewhere and that editor saves `typed`: one open conflict on arrest_days.
    Returns (act uuid, conflict id)."""
    from kzdesk.core.model.editing import ActDraft, EventDraft, PersonDraft, load_event, save_draft, save_event

    arrest = ActDraft("administrative_arrest", "administrative_offences_code", "488", "11", arrest_days="15")
    event = save_event(vault, EventDraft("2021-12-17", "Уральск", persons=[PersonDraft("Ким Виктор", "public",
                                                                                        [arrest])]))
    with vault.engine.connect() as conn:
        draft = load_event(conn, event)
    act = draft.persons[0].acts[0]
    assert act.uuid is not None
    with vault.transaction() as conn:
        changes = vault.changeset()
        changes.update(conn, "act", act.uuid, {"arrest_days": kept})
        vault.commit(changes, conn)
    act.arrest_days = typed
    assert save_draft(vault, draft).conflicts == 1
    with vault.engine.connect() as conn:
        conflict = conn.exec_driver_sql("SELECT id FROM conflict WHERE status = 'open'").scalar_one()
    return act.uuid, str(conflict)


# --- December 2021, with consent decisions (the export's and the round trip's month) -----------------
CONFIDENTIAL = "Ким Виктор"
ANONYMISED = "Құрманова Ольга"  # four acts in four events
ALSO_ANONYMISED = "Тәжібаев Нұрлан"
IN_SECRET_EVENT = "Айтбаев Мұрат"  # a public person whose only event (Shymkent) is confidential
SECRET_ACT = ("Ғабдуллин Сәуле", "291700")  # one confidential act of a public person
DELETED_ACT = "Нұрланова Анна"  # her only act is tombstoned
ANONYMISED_EVENT = ("aktau", "2021-12-11")  # a public person's only event, recorded as anonymised
IN_ANONYMISED_EVENT = "Ұзақбаев Анна"
IIN = "900101400123"
ADDRESS = "Семей, ул. Абая, 1"
PHONE = "+7 701 000 00 00"


def prepare_month(vault: Vault) -> dict[str, str]:
    """Import December 2021 and record who agreed to what; returns person uuids by name key."""
    from kzdesk.core.ingest.csv_import import import_csv
    from kzdesk.core.model.names import identity_key

    import_csv(vault, DATA / "monitoring_2021_12.csv")
    with vault.transaction() as conn:
        persons = dict(conn.exec_driver_sql("SELECT name_key, uuid FROM person").fetchall())
        changes = vault.changeset()
        for uuid, city, day in conn.exec_driver_sql("SELECT uuid, city, date FROM event").fetchall():
            level = ("confidential" if city == "shymkent" else "anonymised" if (city, day) == ANONYMISED_EVENT
                     else "public")
            changes.update(conn, "event", uuid, {"consent": level})
        levels = {identity_key(CONFIDENTIAL): "confidential", identity_key(ANONYMISED): "anonymised",
                  identity_key(ALSO_ANONYMISED): "anonymised"}
        details = {"birth_year": 1990, "occupation": "журналист", "gender": "female", "national_id": IIN,
                   "address": ADDRESS, "contacts": PHONE, "notes": "просила не публиковать имя"}
        for key, uuid in persons.items():
            # One update per record: a second one in the same changeset would start from the stored row.
            changes.update(conn, "person", uuid, {"consent": levels.get(key, "public"),
                                                  **(details if key == identity_key(ANONYMISED) else {})})
        secret = conn.exec_driver_sql("SELECT uuid FROM act WHERE person = ? AND fine_amount = ?",
                                      (persons[identity_key(SECRET_ACT[0])], SECRET_ACT[1])).scalar_one()
        changes.update(conn, "act", secret, {"consent": "confidential"})
        deleted = conn.exec_driver_sql("SELECT uuid FROM act WHERE person = ?",
                                       (persons[identity_key(DELETED_ACT)],)).scalar_one()
        changes.delete(conn, "act", deleted)
        vault.commit(changes, conn)
    return persons


# The tables an import writes, to compare two vaults that took the same bundles.
MERGED_TABLES = ("person", "event", "act", "revision", "pending_record", "conflict", "revision_origin")


def rows(vault: Vault, *tables: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of each table, sorted."""
    with vault.engine.connect() as conn:
        return {t: sorted(tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {t}")) for t in tables}
