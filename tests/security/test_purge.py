"""Receipts and purge in normal use, between real vaults and real bundles: a volunteer's bundle is
merged by a coordinator, who signs a receipt; the volunteer erases what it confirms.

- a receipt signed by a coordinator whose key the volunteer revoked erases nothing;
- a new act recorded for a person already sent: the purge works, the person and the act stay,
  everything else confirmed is gone, and no erased word is left in any page of the database;
- attachments are erased with their bytes;
- a re-send with `export-bundle --all` can be purged with the receipt for the re-send.

"Gone" is checked in the decrypted pages of the database file (free pages included), not only in
what SQL still shows: the pages are decrypted here with the vault's own data key.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from kzdesk.core.errors import InputError
from kzdesk.core.exchange import trust
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.importing import import_bundles
from kzdesk.core.exchange.receipts import NOT_SENT, STILL_NEEDED, Receipt, preview, purge, read_receipt, write_receipt
from kzdesk.core.model.editing import ActDraft, AttachmentDraft, EventDraft, PersonDraft, save_event
from kzdesk.core.model.vault import Vault
from kzdesk.core.vault.layout import DATABASE_FILE

from ..vaults import introduce, make_vault, snapshot

PAGE = 4096
RESERVE = 80  # SQLCipher 4: a 16-byte IV and a 64-byte HMAC-SHA512 at the end of every page


def plaintext_pages(vault_path: Path, passphrase: str = "pass phrase") -> bytes:
    """Every page of the database file (and of its WAL, if any), decrypted with the data key."""
    dek = Vault.unwrap(vault_path, passphrase)
    out = []
    for name in (DATABASE_FILE, DATABASE_FILE + "-wal"):
        path = vault_path / name
        if not path.exists():
            continue
        data = path.read_bytes()
        frames = range(0, len(data) - PAGE + 1, PAGE) if name == DATABASE_FILE else \
            range(32 + 24, len(data) - PAGE + 1, PAGE + 24)  # WAL: 32-byte header, 24-byte frame headers
        for offset in frames:
            page = data[offset:offset + PAGE]
            start = 16 if offset == 0 and name == DATABASE_FILE else 0  # page 1 begins with the salt
            decryptor = Cipher(algorithms.AES(dek), modes.CBC(page[PAGE - RESERVE:PAGE - RESERVE + 16])).decryptor()
            out.append(decryptor.update(page[start:PAGE - RESERVE]) + decryptor.finalize())
    return b"".join(out)


def readable(vault_path: Path, word: str) -> bool:
    """Whether word (as written, case-folded as the search index keeps it, or UTF-16) is in any page."""
    pages = plaintext_pages(vault_path)
    return any(form in pages for form in (word.encode(), word.lower().encode(), word.encode("utf-16-le")))


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Vault, Vault]]:
    coordinator = make_vault(tmp_path / "coordinator", "coordinator", "Coordinator Almaty")
    volunteer = make_vault(tmp_path / "volunteer", "volunteer", "Oral")
    introduce(volunteer, coordinator)
    introduce(coordinator, volunteer)
    yield volunteer, coordinator
    volunteer.close()
    coordinator.close()


def send(volunteer: Vault, coordinator: Vault, out: Path, everything: bool = False, deliver: bool = True) -> None:
    """Export a bundle; deliver it (import on the coordinator) unless it is lost on the way."""
    export_bundle(volunteer, out, everything=everything)
    if deliver:
        assert [o.status for o in import_bundles(coordinator, [out])] == ["merged"]


def receipt_for(volunteer: Vault, coordinator: Vault) -> Receipt:
    with coordinator.engine.connect() as conn:
        data = write_receipt(conn, coordinator.identity, volunteer.identity.key_id)
    with volunteer.engine.connect() as conn:
        return read_receipt(conn, data, volunteer.identity.key_id)


def rows(vault: Vault) -> dict[str, list[str]]:
    with vault.engine.connect() as conn:
        tables = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted(repr(tuple(r)) for r in conn.exec_driver_sql(f'SELECT * FROM "{t}"')) for t in tables}


def count(vault: Vault, table: str) -> int:
    with vault.engine.connect() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


def canary() -> str:
    return f"KZCANARY{uuid.uuid4().hex}"


# --- a revoked coordinator ------------------------------------------------------------------------
def test_a_receipt_from_a_revoked_coordinator_erases_nothing(pair: tuple[Vault, Vault], tmp_path: Path,
                                                             kz) -> None:
    volunteer, coordinator = pair
    save_event(volunteer, EventDraft(date="2021-12-05", city="Oral", description="sent and received",
                                     persons=[PersonDraft("Жақсылықов Ерлан", acts=[ActDraft("detention")])]))
    send(volunteer, coordinator, tmp_path / "1.kzb")
    with coordinator.engine.connect() as conn:
        data = write_receipt(conn, coordinator.identity, volunteer.identity.key_id)
    (tmp_path / "r.kzr").write_bytes(data)
    read_before = receipt_for(volunteer, coordinator)  # read while the key was still trusted
    with volunteer.engine.connect() as conn:
        assert preview(conn, read_before).erased_total == 3  # the event, the person, the act
    # The coordinator's laptop was seized: the volunteer revokes its key.
    with volunteer.transaction() as conn:
        trust.revoke(conn, coordinator.identity.key_id, 0)
    before = rows(volunteer)
    with volunteer.engine.connect() as conn, pytest.raises(InputError) as refused:
        read_receipt(conn, data, volunteer.identity.key_id)
    assert "revoked" in refused.value.message("en") and "nothing was erased" in refused.value.message("en")
    with pytest.raises(InputError):  # a receipt read before the revocation is checked again when used
        purge(volunteer, read_before)
    assert rows(volunteer) == before
    volunteer.close()
    files = snapshot(volunteer.path)
    result = kz("--lang", "ru", "purge", "--receipt", str(tmp_path / "r.kzr"), "--yes",
                vault=volunteer.path, passphrase="pass phrase")
    assert result.code == InputError.exit_code and "отозван" in result.err, result.err
    assert snapshot(volunteer.path) == files


# --- a new act for a person already sent ----------------------------------------------------------
def test_a_new_act_for_a_sent_person_keeps_the_person_and_erases_the_rest(pair: tuple[Vault, Vault],
                                                                          tmp_path: Path) -> None:
    volunteer, coordinator = pair
    secret = canary()
    kept_name = "Кеңесбаев Арман KEPTNAME"
    first = EventDraft(date="2021-12-05", city="Oral", description=f"{secret} the first event",
                       persons=[PersonDraft(kept_name, acts=[ActDraft("detention", description=f"{secret} act")]),
                                PersonDraft(f"{secret} Әлихан", acts=[ActDraft("warning")])])
    save_event(volunteer, first)
    send(volunteer, coordinator, tmp_path / "1.kzb")
    assert readable(volunteer.path, secret)  # the pages really are read: the canary is there before
    # A month later the same man is detained again; recorded, not yet sent.
    person = first.persons[0].uuid
    second = EventDraft(date="2022-01-10", city="Oral", description="the second event",
                        persons=[PersonDraft(kept_name, uuid=person, acts=[ActDraft("fine", fine_amount="5",
                                                                                    fine_unit="MCI")])])
    save_event(volunteer, second)
    receipt = receipt_for(volunteer, coordinator)

    result = purge(volunteer, receipt)  # today: "The vault database is damaged" (a foreign key)

    assert result.erased == {"person": 1, "event": 1, "act": 2}
    assert result.kept == {NOT_SENT: {"event": 1, "act": 1}, STILL_NEEDED: {"person": 1}}
    with volunteer.engine.connect() as conn:
        assert [r[0] for r in conn.exec_driver_sql("SELECT uuid FROM person")] == [person]
        assert [r[0] for r in conn.exec_driver_sql("SELECT uuid FROM event")] == [second.uuid]
        assert [r[0] for r in conn.exec_driver_sql("SELECT person FROM act")] == [person]
        assert {r[0] for r in conn.exec_driver_sql("SELECT record FROM revision")} == {
            person, second.uuid, second.persons[0].acts[0].uuid}
        assert [r[0] for r in conn.exec_driver_sql("PRAGMA foreign_key_check")] == []
        assert [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")] == ["ok"]
    assert not readable(volunteer.path, secret)
    assert readable(volunteer.path, "KEPTNAME")  # what stays is still there, readable to the program
    # The next bundle carries the new act; once it is confirmed, the person can go as well.
    send(volunteer, coordinator, tmp_path / "2.kzb")
    result = purge(volunteer, receipt_for(volunteer, coordinator))
    assert result.erased == {"person": 1, "event": 1, "act": 1} and result.kept == {}
    assert count(volunteer, "person") == count(volunteer, "revision") == count(volunteer, "revision_proof") == 0
    assert not readable(volunteer.path, "KEPTNAME")


def test_what_purge_keeps_is_said_on_the_command_line(pair: tuple[Vault, Vault], tmp_path: Path, kz) -> None:
    volunteer, coordinator = pair
    first = EventDraft(date="2021-12-05", city="Oral",
                       persons=[PersonDraft("Жақсылықов Ерлан", acts=[ActDraft("detention")])])
    save_event(volunteer, first)
    send(volunteer, coordinator, tmp_path / "1.kzb")
    save_event(volunteer, EventDraft(date="2022-01-10", city="Oral", persons=[
        PersonDraft("Жақсылықов Ерлан", uuid=first.persons[0].uuid, acts=[ActDraft("warning")])]))
    with coordinator.engine.connect() as conn:
        (tmp_path / "r.kzr").write_bytes(write_receipt(conn, coordinator.identity, volunteer.identity.key_id))
    volunteer.close()
    result = kz("--lang", "ru", "purge", "--receipt", str(tmp_path / "r.kzr"), "--yes", vault=volunteer.path,
                passphrase="pass phrase")
    assert result.code == 0, result.err
    assert "Удалено записей: 2." in result.out  # the first event and its act
    assert "Записей оставлено на этом компьютере: 3" in result.out
    assert "ещё не отправлено" in result.out and "нужно записи, которая остаётся" in result.out


# --- attachments ----------------------------------------------------------------------------------
def test_attachments_are_erased_with_their_bytes(pair: tuple[Vault, Vault], tmp_path: Path) -> None:
    volunteer, coordinator = pair
    secret = canary()
    ruling = f"%PDF-1.4 court ruling {secret}".encode()
    draft = EventDraft(date="2021-12-05", city="Oral", description="with evidence",
                       persons=[PersonDraft("Жақсылықов Ерлан", acts=[ActDraft("detention")])],
                       attachments=[AttachmentDraft("ruling.pdf", hashlib.sha256(ruling).hexdigest(), len(ruling),
                                                    data=ruling)])
    save_event(volunteer, draft)
    send(volunteer, coordinator, tmp_path / "1.kzb")
    assert readable(volunteer.path, secret)

    result = purge(volunteer, receipt_for(volunteer, coordinator))  # today: a foreign key stops it

    assert result.erased == {"person": 1, "event": 1, "act": 1, "attachment": 1} and result.kept == {}
    assert count(volunteer, "attachment") == count(volunteer, "blob") == count(volunteer, "revision") == 0
    assert not readable(volunteer.path, secret)


# --- a re-send with --all -------------------------------------------------------------------------
@pytest.mark.parametrize("confirmed", ["the re-send", "the first bundle"])
def test_a_resend_with_all_can_be_purged(pair: tuple[Vault, Vault], tmp_path: Path, confirmed: str) -> None:
    volunteer, coordinator = pair
    save_event(volunteer, EventDraft(date="2021-12-05", city="Oral",
                                     persons=[PersonDraft("Жақсылықов Ерлан", acts=[ActDraft("detention")])]))
    # The first bundle is lost on the way (or, in the other case, the re-send is).
    send(volunteer, coordinator, tmp_path / "1.kzb", deliver=confirmed == "the first bundle")
    send(volunteer, coordinator, tmp_path / "2.kzb", everything=True, deliver=confirmed == "the re-send")

    result = purge(volunteer, receipt_for(volunteer, coordinator))  # today: nothing, ever, for the re-send

    assert result.erased == {"person": 1, "event": 1, "act": 1} and result.kept == {}
    assert count(volunteer, "revision") == count(volunteer, "export_mark") == count(volunteer, "revision_proof") == 0
