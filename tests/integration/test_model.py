"""The data model holds what monitors record: one event, several persons, several acts each,
sources, citations, evidence files — and the sensitive fields are marked."""

from __future__ import annotations

import hashlib

import pytest
from sqlmodel import Session, select

from kzdesk.core.model.attachments import attach, base_name, read_attachment
from kzdesk.core.model.records import Act, Attachment, Event, Person, Source


def test_event_with_several_persons_and_acts(vault) -> None:
    photo = b"\x89PNG\r\n\x1a\n court ruling photo"
    with vault.transaction() as conn:
        changes = vault.changeset()
        event = changes.create("event", {"date": "2021-12", "date_precision": "month", "date_start": "2021-12-01",
                                         "date_end": "2021-12-31", "city": "oral", "region": "west_kazakhstan",
                                         "occasion": "rally", "description": "Митинг 16 декабря"})
        people = [changes.create("person", {"name": n, "name_key": n.casefold(), "consent": c,
                                            "national_id": "900101300123", "contacts": "+7 701 000 00 00"})
                  for n, c in (("Ким Виктор", "public"), ("Оспанова Динара", "anonymised"))]
        changes.create("participation", {"event": event, "person": people[0], "role": "organiser"})
        acts = []
        for person in people:
            acts.append(changes.create("act", {"event": event, "person": person, "act_type": "detention",
                                               "authority": "УП г. Уральск"}))
            acts.append(changes.create("act", {"event": event, "person": person, "act_type": "administrative_arrest",
                                               "legal_code": "administrative_offences_code", "article": "488",
                                               "part": "11", "arrest_days": 15, "court": "СМАС ЗКО",
                                               "judge": "Иванов И.", "case_number": "2710-21-00-3/1234",
                                               "decision_date": "2021-12-17", "appeal": "filed"}))
        source = changes.create("source", {"url": "https://example.kz/oral", "source_type": "news",
                                           "reliability": "high", "retrieved": "2021-12-18"})
        for act in acts:
            changes.create("citation", {"source": source, "target_kind": "act", "target": act})
        ruling = attach(changes, conn, photo, "C:\\Users\\aigul\\Desktop\\решение суда.png", "act", acts[1])
        vault.commit(changes, conn)
    with Session(vault.engine) as session:
        assert len(session.exec(select(Act).where(Act.event == event)).all()) == 4
        assert {a.person for a in session.exec(select(Act)).all()} == set(people)
        stored = session.get(Attachment, ruling)
        assert stored.original_name == "решение суда.png" and stored.media_type == "image/png"
        assert stored.sha256 == hashlib.sha256(photo).hexdigest() and stored.size == len(photo)
        assert session.get(Source, source).reliability == "high"
        assert session.get(Event, event).date_precision == "month"
    with vault.engine.connect() as conn:
        assert read_attachment(conn, ruling) == ("решение суда.png", photo)
        revisions = conn.exec_driver_sql("SELECT count(*) FROM revision").scalar()
    assert revisions == 1 + 2 + 1 + 4 + 1 + 4 + 1


def test_sensitive_fields_are_marked() -> None:
    columns = Person.__table__.columns
    marked = {c.name for c in columns if c.info.get("sensitive")}
    assert marked == {"contacts", "national_id", "address", "notes"}
    assert columns["name"].info.get("sensitive") is None


def test_foreign_keys_are_enforced(vault) -> None:
    from sqlalchemy.exc import IntegrityError

    changes = vault.changeset()
    changes.create("act", {"event": "0" * 32, "person": "1" * 32, "act_type": "fine"})
    with pytest.raises(IntegrityError):
        vault.commit(changes)
    with vault.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM revision").scalar() == 0


@pytest.mark.parametrize(("original", "name"), [("/home/a/протокол.pdf", "протокол.pdf"),
                                                ("C:\\Users\\b\\фото 1.jpg", "фото 1.jpg"), ("", "attachment"),
                                                ("../../etc/passwd", "passwd")])
def test_original_paths_are_not_kept(original: str, name: str) -> None:
    assert base_name(original) == name
