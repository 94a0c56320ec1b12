"""The record editor's core: validate a draft, save it as revisions, load it back, edit, park drafts."""

from __future__ import annotations

from kzdesk.core.model.editing import (
    ActDraft,
    AttachmentDraft,
    EventDraft,
    PersonDraft,
    SourceDraft,
    load_event,
    park_draft,
    save_event,
    take_draft,
    validate,
)
from kzdesk.core.model.persons import chronology
from kzdesk.core.model.revisions import audit_trail


def oral_draft() -> EventDraft:
    arrest = ActDraft("administrative_arrest", "administrative_offences_code", "488", "11", arrest_days="15",
                      court="СМАС ЗКО", decision_date="2021-12-17")
    fine = ActDraft("fine", "administrative_offences_code", "488", "11", fine_amount="50", fine_unit="MCI")
    return EventDraft(
        date="2021-12-17", city="Уральск", occasion="митинг", description="Три активиста осуждены",
        persons=[PersonDraft("Жақсылықов Ерлан", "public", [arrest]), PersonDraft("Серікбаева Айгүл", acts=[fine]),
                 PersonDraft("Ким Виктор")],
        sources=[SourceDraft("https://example.kz/oral", source_type="news", reliability="high")],
        attachments=[AttachmentDraft("решение.jpg", "", 5, b"\xff\xd8\xff\xe0x")])


def test_save_load_and_edit(vault) -> None:
    draft = oral_draft()
    assert validate(draft) == []
    event = save_event(vault, draft)
    with vault.engine.connect() as conn:
        loaded = load_event(conn, event)
        fine = conn.exec_driver_sql("SELECT fine_kzt FROM act WHERE act_type = 'fine'").scalar()
        person = draft.persons[0].uuid
        history = chronology(conn, person)
    assert fine == 50 * 2917
    assert loaded.city == "Oral" and loaded.date == "2021-12-17"
    assert [p.name for p in loaded.persons] == ["Жақсылықов Ерлан", "Серікбаева Айгүл", "Ким Виктор"]
    assert loaded.persons[0].acts[0].arrest_days == "15" and loaded.persons[1].acts[0].fine_unit == "MCI"
    assert loaded.sources[0].url == "https://example.kz/oral" and loaded.attachments[0].name == "решение.jpg"
    assert [h.act_type for h in history] == ["administrative_arrest"]
    # Edit: change the arrest to 10 days, drop the fine.
    loaded.persons[0].acts[0].arrest_days = "10"
    loaded.persons[1].acts = []
    save_event(vault, loaded)
    with vault.engine.connect() as conn:
        again = load_event(conn, event)
        trail = audit_trail(conn, draft.persons[0].acts[0].uuid)
        fines = conn.exec_driver_sql("SELECT count(*) FROM act WHERE act_type = 'fine' AND deleted = 0").scalar()
    assert again.persons[0].acts[0].arrest_days == "10" and fines == 0
    assert [e.action for e in trail] == ["created", "edited"] and trail[1].changed["arrest_days"] == (15, 10)


def test_validation_lists_every_bad_field() -> None:
    draft = EventDraft(date="2021-02-30", persons=[PersonDraft("", acts=[ActDraft("fine", fine_amount="пять",
                                                                                   part="3")])],
                       sources=[SourceDraft("javascript:alert(1)")])
    where = {p.where for p in validate(draft)}
    assert where == {"date", "persons.0.name", "persons.0.acts.0.fine_amount", "persons.0.acts.0.part",
                     "sources.0.url"}
    assert {p.where for p in validate(EventDraft())} == {"persons"}


def test_parked_draft_stays_encrypted_and_comes_back(vault) -> None:
    draft = oral_draft()
    park_draft(vault, draft)
    back = take_draft(vault)
    assert back == draft
    assert take_draft(vault) is None
