"""Typed values on every write path: "12 суток" for days of arrest is refused, nothing is stored.

Resolving a conflict used to store whatever was typed; from then on the records list raised on
every repaint and statistics counted 12 days. A value typed to settle a conflict is now parsed as
the editor parses it, and a bundle from a buggy or hostile peer carrying such a value is refused.
"""

from __future__ import annotations

import json
from pathlib import Path

from kzdesk.core.exchange import trust
from kzdesk.core.exchange.bundle import build
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.model.revisions import make_revision
from kzdesk.core.model.vault import Vault

from ..vaults import PASSPHRASE, head, import_bundle, introduce, make_vault, record, stale_save_conflict


def _state(vault: Vault, act: str) -> tuple[object, str]:
    with vault.engine.connect() as conn:
        days = conn.exec_driver_sql("SELECT arrest_days FROM act WHERE uuid = ?", (act,)).scalar()
        status = conn.exec_driver_sql("SELECT status FROM conflict").scalar()
    return days, status


def test_conflicts_resolve_value_is_parsed_like_the_editor(kz, vault_path: Path) -> None:
    vault = Vault.open(vault_path, PASSPHRASE)
    act, conflict = stale_save_conflict(vault)
    before = _state(vault, act)
    vault.close()
    assert before[0] in (10, 12) and before[1] == "open"
    for lang, reason in (("ru", "не целое число"), ("kk", "бүтін сан емес"), ("en", "is not a whole number")):
        refused = kz("--lang", lang, "conflicts", "resolve", conflict, "--value", "12 суток", vault=vault_path)
        assert refused.code == 1 and "12 суток" in refused.err and reason in refused.err, refused.err
    vault = Vault.open(vault_path, PASSPHRASE)
    assert _state(vault, act) == before  # nothing stored: same value, conflict still open
    vault.close()
    assert kz("conflicts", "resolve", conflict, "--value", "12", vault=vault_path).code == 0
    vault = Vault.open(vault_path, PASSPHRASE)
    days, status = _state(vault, act)
    assert (days, type(days), status) == (12, int, "resolved")  # a whole number, as the editor stores it
    vault.close()


def test_a_bundle_carrying_12_days_as_text_is_refused(tmp_path: Path) -> None:
    coordinator = make_vault(tmp_path / "c", "coordinator", "Coordinator")
    volunteer = make_vault(tmp_path / "v", "volunteer", "Volunteer")
    introduce(coordinator, volunteer)
    introduce(volunteer, coordinator)
    act = record(volunteer, "Ким Виктор")["act"]
    first = tmp_path / "first.kzb"
    export_bundle(volunteer, first)
    assert import_bundle(coordinator, first).status == "merged"
    # The volunteer's own record, edited by a buggy or hostile build of the program: text in a number field.
    rev = head(volunteer, "act", act)
    bad = make_revision("act", act, {**json.loads(rev.body), "arrest_days": "12 суток"}, (rev.id,),
                        f"{int(rev.hlc[:13]) + 1:013d}-00000000-evil", volunteer.identity.key_id)
    with volunteer.transaction() as conn:
        settings = dict(conn.exec_driver_sql("SELECT key, value FROM setting").fetchall())
        recipients = trust.coordinator_recipients(conn)
    data, _manifest = build(volunteer.identity, int(settings.get("export_seq", 1)) + 1, settings.get("export_prev"),
                            recipients, [bad], {})
    hostile = tmp_path / "hostile.kzb"
    hostile.write_bytes(data)
    outcome = import_bundle(coordinator, hostile)
    assert outcome.status != "merged"
    with coordinator.engine.connect() as conn:
        days = conn.exec_driver_sql("SELECT arrest_days FROM act WHERE uuid = ?", (act,)).scalar()
        known = conn.exec_driver_sql("SELECT count(*) FROM revision WHERE id = ?", (bad.id,)).scalar()
    assert (days, known) == (10, 0)
    coordinator.close()
    volunteer.close()


def test_conflicts_list_says_whose_record_which_event_and_the_values_in_words(kz, vault_path: Path) -> None:
    """`kzdesk conflicts` in plain text reads as the window's Conflicts tab: the person, the event's date,
    its city as named that day and the act, the field's label, and numbered values (the --pick numbers)
    with who wrote each and when — no uuids or field codes to decode."""
    vault = Vault.open(vault_path, PASSPHRASE)
    _act, conflict = stale_save_conflict(vault)
    with vault.engine.connect() as conn:
        who = conn.exec_driver_sql("SELECT name FROM person").scalar()
    vault.close()
    for lang, field, city in (("ru", "Дни ареста", "Уральск"), ("kk", "Қамау күндері", "Орал"),
                              ("en", "Days of arrest", "Oral")):
        shown = kz("--lang", lang, "conflicts", vault=vault_path)
        assert shown.code == 0, shown.err
        heading, *values = shown.out.splitlines()
        assert heading.startswith(conflict[:16]) and who in heading and field in heading, heading
        assert "17.12.2021" in heading or "17\u00a0Dec 2021" in heading, heading
        assert city in heading and "arrest_days" not in heading, heading
        assert [v.split(")")[0].strip() for v in values] == ["1", "2"], values
        assert {v.split(")")[1].split("—")[0].strip() for v in values} == {"10", "12"}, values
        assert all("—" in v and str(__import__("datetime").date.today().year) in v for v in values), values


def test_a_consent_conflict_shows_its_values_in_words(tmp_path: Path) -> None:
    """A coded field in dispute reads as the words the window and the export use, never as the code."""
    from kzdesk.core.exchange.conflicts import open_conflicts
    from kzdesk.core.reports import conflict_text

    volunteer = make_vault(tmp_path / "v", "volunteer", "Айгүл")
    coordinator = make_vault(tmp_path / "c", "coordinator", "Бақыт")
    introduce(volunteer, coordinator)
    introduce(coordinator, volunteer)
    case = record(volunteer, "Ким Виктор")
    export_bundle(volunteer, tmp_path / "1.kzb")
    assert import_bundle(coordinator, tmp_path / "1.kzb").status == "merged"
    for vault, level in ((coordinator, "anonymised"), (volunteer, "confidential")):
        with vault.transaction() as conn:
            edit = vault.changeset()
            edit.update(conn, "person", case["person"], {"consent": level})
            vault.commit(edit, conn)
    export_bundle(volunteer, tmp_path / "2.kzb")
    assert import_bundle(coordinator, tmp_path / "2.kzb").counts["conflicts"] == 1
    with coordinator.engine.connect() as conn:
        [conflict] = open_conflicts(conn)
    assert {conflict_text.value(conflict, c.value, "kk") for c in conflict.candidates} == {"анонимді", "құпия"}
    for vault in (volunteer, coordinator):
        vault.close()
