"""One act reported twice: two volunteers recorded the same 9 March arrest of one human under two
spellings. Once the coordinator reads the two records as one person, the two acts are a candidate;
until decided, every report says how many possible double reports it holds; once decided "same",
the act counts and is told once; the decisions are records that travel and merge."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from kzdesk.core.errors import InputError
from kzdesk.core.exchange.conflicts import open_conflicts
from kzdesk.core.exchange.duplicate_acts import (
    act_decisions,
    act_link_id,
    decide_acts,
    doubles_note,
    find_double_acts,
    uncounted,
)
from kzdesk.core.exchange.exporting import export_bundle
from kzdesk.core.exchange.links import decide
from kzdesk.core.model.revisions import audit_trail
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports import case, chronology, period_stats
from kzdesk.core.reports.stats import vault_stats

from ..vaults import import_bundle, introduce, make_vault, record_case, snapshot

DAY = "2022-03-09"
VOLUNTEERS: dict[Path, tuple[Vault, ...]] = {}  # the volunteers behind a `field` coordinator


def act_of(vault: Vault, person: str) -> str:
    with vault.engine.connect() as conn:
        return str(conn.exec_driver_sql("SELECT uuid FROM act WHERE person = ? ORDER BY uuid", (person,)).scalar())


def add_act(vault: Vault, person: str, day: str, article: str = "488", act_type: str = "administrative_arrest") -> str:
    """One more event and act against a person already in the vault."""
    with vault.transaction() as conn:
        changes = vault.changeset()
        event = changes.create("event", {"date": day, "date_precision": "day", "date_start": day, "date_end": day,
                                         "city": "oral", "consent": "public"})
        act = changes.create("act", {"event": event, "person": person, "act_type": act_type,
                                     "legal_code": "administrative_offences_code", "article": article,
                                     "arrest_days": 10})
        vault.commit(changes, conn)
    return act


@pytest.fixture
def field(tmp_path: Path):
    """Two volunteers who each reported the 9 March arrest of one activist, spelled two ways."""
    coordinator = make_vault(tmp_path / "c", "coordinator", "Almaty")
    oral = make_vault(tmp_path / "oral", "volunteer", "Oral volunteer")
    aktobe = make_vault(tmp_path / "aktobe", "volunteer", "Aktobe volunteer")
    for volunteer in (oral, aktobe):
        introduce(volunteer, coordinator)
        introduce(coordinator, volunteer)
    a = record_case(oral, "Жақсылықов Ерлан", "Oral", DAY, "public")
    b = record_case(aktobe, "Zhaksylykov Erlan", "Oral", DAY, "public")
    for i, volunteer in enumerate((oral, aktobe)):
        export_bundle(volunteer, tmp_path / f"{i}.kzb")
        assert import_bundle(coordinator, tmp_path / f"{i}.kzb").status == "merged"
    VOLUNTEERS[coordinator.path] = (oral, aktobe)
    yield coordinator, a, b
    VOLUNTEERS.pop(coordinator.path)
    for vault in (coordinator, oral, aktobe):
        vault.close()


def pairs(vault: Vault) -> set[frozenset[str]]:
    with vault.engine.connect() as conn:
        return {frozenset((p.a.uuid, p.b.uuid)) for p in find_double_acts(conn)}


def test_candidates_only_for_one_human_on_one_day_under_one_article(field) -> None:
    coordinator, a, b = field
    act_a, act_b = act_of(coordinator, a), act_of(coordinator, b)
    assert pairs(coordinator) == set()  # two person records nobody said are one human
    decide(coordinator, a, b, "different")
    assert pairs(coordinator) == set()
    decide(coordinator, a, b, "link")  # the coordinator changes their mind: one human after all
    assert pairs(coordinator) == {frozenset((act_a, act_b))}
    # Another day, another article or another act type is another act.
    add_act(coordinator, b, "2022-03-10")
    add_act(coordinator, b, DAY, article="669")
    add_act(coordinator, b, DAY, act_type="detention")
    assert pairs(coordinator) == {frozenset((act_a, act_b))}
    with coordinator.engine.connect() as conn:
        pair = find_double_acts(conn)[0]
    # The pair shows what each volunteer recorded, the first recorded on the left.
    assert (pair.a.uuid, pair.a.name, pair.a.recorded_by) == (act_a, "Жақсылықов Ерлан", "Oral volunteer")
    assert (pair.b.name, pair.b.recorded_by, pair.b.date, pair.b.article) == ("Zhaksylykov Erlan",
                                                                               "Aktobe volunteer", DAY, "488")


def test_merged_persons_give_candidates_too(field) -> None:
    coordinator, a, b = field
    decide(coordinator, a, b, "merge")  # both acts are now the kept record's
    assert pairs(coordinator) == {frozenset(_acts(coordinator, a))}


def _chronology(vault: Vault, lang: str = "en") -> str:
    with vault.engine.connect() as conn:
        return chronology.as_text(chronology.gather(conn, "2022-03-01", "2022-03-31", None, lang), lang)


def _case(vault: Vault, person: str, lang: str = "en") -> tuple[dict[str, object], str]:
    with vault.engine.connect() as conn:
        content = case.gather(conn, person)
    pdf = case.build_pdf(content, lang)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return content, " ".join(text.split())


def test_reports_say_so_until_decided_and_count_once_after_same(field) -> None:
    coordinator, a, b = field
    decide(coordinator, a, b, "link")
    act_a, act_b = act_of(coordinator, a), act_of(coordinator, b)
    hint = "Includes 1 possible double report: see Probable duplicates."
    with coordinator.engine.connect() as conn:
        stats = period_stats.compute(conn, "2022-03-01", "2022-03-31")
        overall = vault_stats(conn)
    assert (stats.acts, stats.persons, stats.arrest_days, stats.possible_doubles, stats.doubles) == (2, 1, 20, 1, 0)
    assert (overall.acts, overall.possible_doubles) == (2, 1)
    assert hint in " ".join(PdfReader(io.BytesIO(period_stats.as_pdf(stats, "en"))).pages[0].extract_text().split())
    text = _chronology(coordinator)
    assert hint in text and text.count("administrative arrest") == 2
    content, printed = _case(coordinator, a)
    assert len(content["acts"]) == 2 and content["possible_doubles"] == 1  # type: ignore[arg-type]
    assert hint in printed

    decide_acts(coordinator, act_b, act_a, "same", note="both from the court's ruling")
    with coordinator.engine.connect() as conn:
        assert uncounted(conn) == {act_b}  # the later report is the double; the first recorded counts
        stats = period_stats.compute(conn, "2022-03-01", "2022-03-31")
        overall = vault_stats(conn)
        assert case.verify_report(conn, case.build_pdf(case.gather(conn, a), "en")).ok
    assert (stats.acts, stats.persons, stats.arrest_days, stats.possible_doubles, stats.doubles) == (1, 1, 10, 0, 1)
    assert (overall.acts, overall.acts_by_type, overall.possible_doubles) == (1, {"administrative_arrest": 1}, 0)
    assert "Acts reported twice (counted once)" in PdfReader(io.BytesIO(period_stats.as_pdf(stats, "en"))) \
        .pages[0].extract_text()
    text = _chronology(coordinator)
    assert "possible double" not in text and text.count("administrative arrest") == 1
    content, printed = _case(coordinator, b)
    assert [x["uuid"] for x in content["acts"]] == [act_a]  # type: ignore[index]
    assert "possible_doubles" not in content and "possible double" not in printed
    assert pairs(coordinator) == set()


def test_a_persons_chronology_tells_a_double_report_once_after_same(field) -> None:
    """The Persons tab's chronology (model.persons.chronology, as the window loads it) lists the act
    once after "same", and both again after "different"."""
    from kzdesk.core.model.persons import chronology as persons_chronology

    coordinator, a, b = field
    decide(coordinator, a, b, "link")
    acts = [act_of(coordinator, a), act_of(coordinator, b)]

    def told() -> list[str]:
        with coordinator.engine.connect() as conn:
            return [entry.act for entry in persons_chronology(conn, a, uncounted(conn))]

    assert sorted(told()) == sorted(acts)
    decide_acts(coordinator, *acts, "same")
    assert len(told()) == 1 and told()[0] in acts
    decide_acts(coordinator, *acts, "different")
    assert sorted(told()) == sorted(acts)


def test_different_acts_remove_the_hint_and_count_both(field) -> None:
    coordinator, a, b = field
    decide(coordinator, a, b, "merge")
    decide_acts(coordinator, *_acts(coordinator, a), "different")
    with coordinator.engine.connect() as conn:
        stats = period_stats.compute(conn, "2022-03-01", "2022-03-31")
    assert (stats.acts, stats.possible_doubles, stats.doubles) == (2, 0, 0)
    assert "possible double" not in _chronology(coordinator)
    assert "possible double" not in _case(coordinator, a)[1]


def _acts(vault: Vault, person: str) -> list[str]:
    with vault.engine.connect() as conn:
        return [str(u) for (u,) in conn.exec_driver_sql("SELECT uuid FROM act WHERE person = ? AND deleted = 0",
                                                        (person,))]


def test_the_hint_in_three_languages() -> None:
    assert doubles_note(2, "en") == "Includes 2 possible double reports: see Probable duplicates."
    assert doubles_note(1, "ru") == "Включает 1 возможное повторное сообщение: см. «Вероятные дубликаты»."
    assert doubles_note(2, "ru") == "Включает 2 возможных повторных сообщения: см. «Вероятные дубликаты»."
    assert doubles_note(5, "ru") == "Включает 5 возможных повторных сообщений: см. «Вероятные дубликаты»."
    assert doubles_note(3, "kk") == "Бұған ықтимал 3 қайталанған хабар кіреді: «Ықтимал қайталанулар» бөлімін қараңыз."


def _second_coordinator(coordinator: Vault, tmp_path: Path) -> Vault:
    """Another coordinator who trusts the first and its volunteers (relayed revisions are believed
    from their authors' keys) and has received everything the first holds, in a real bundle."""
    other = make_vault(tmp_path / "c2", "coordinator", "Shymkent coordinator")
    introduce(coordinator, other)
    introduce(other, coordinator)
    for volunteer in VOLUNTEERS[coordinator.path]:
        introduce(other, volunteer)
    export_bundle(coordinator, tmp_path / "all.kzb", everything=True)
    assert import_bundle(other, tmp_path / "all.kzb").status == "merged"
    return other


def test_decisions_are_audited_and_travel_in_bundles(field, tmp_path: Path) -> None:
    coordinator, a, b = field
    decide(coordinator, a, b, "link")
    act_a, act_b = act_of(coordinator, a), act_of(coordinator, b)
    first = decide_acts(coordinator, act_a, act_b, "different")
    assert decide_acts(coordinator, act_b, act_a, "same", note="one ruling") == first == act_link_id(act_a, act_b)
    with coordinator.engine.connect() as conn:
        trail = audit_trail(conn, first)
        made = act_decisions(conn)
    assert [entry.action for entry in trail] == ["created", "edited"]
    assert trail[1].changed["decision"] == ("different", "same")
    assert [(d.act_a, d.act_b, d.decision, d.note) for d in made] == [
        (min(act_a, act_b), max(act_a, act_b), "same", "one ruling")]
    other = _second_coordinator(coordinator, tmp_path)
    with other.engine.connect() as conn:
        assert uncounted(conn) == {act_b}  # the same act kept on both sides: the first recorded
        assert period_stats.compute(conn, "2022-03-01", "2022-03-31").acts == 1
        assert [(d.decision, d.author) for d in act_decisions(conn)] == [("same", coordinator.identity.key_id)]
        assert [e.action for e in audit_trail(conn, first)] == ["created", "edited"]
    other.close()


def test_two_coordinators_who_disagree_see_a_conflict(field, tmp_path: Path) -> None:
    coordinator, a, b = field
    decide(coordinator, a, b, "link")
    other = _second_coordinator(coordinator, tmp_path)
    act_a, act_b = act_of(coordinator, a), act_of(coordinator, b)
    decide_acts(coordinator, act_a, act_b, "same")
    decide_acts(other, act_a, act_b, "different")
    export_bundle(coordinator, tmp_path / "c1.kzb")
    export_bundle(other, tmp_path / "c2.kzb")
    assert import_bundle(other, tmp_path / "c1.kzb").counts["conflicts"] >= 1
    assert import_bundle(coordinator, tmp_path / "c2.kzb").counts["conflicts"] >= 1
    for vault in (coordinator, other):
        with vault.engine.connect() as conn:
            conflicts = [c for c in open_conflicts(conn) if c.kind == "act_link"]
            rows = conn.exec_driver_sql("SELECT * FROM act_link").fetchall()
        assert [c.field for c in conflicts] == ["decision"]
        assert sorted(v.value for v in conflicts[0].candidates) == ["different", "same"]
        assert conflicts[0].persons and set(conflicts[0].persons) <= {"Жақсылықов Ерлан", "Zhaksylykov Erlan"}
    with coordinator.engine.connect() as conn:  # rows: the other coordinator's, read last in the loop
        assert conn.exec_driver_sql("SELECT * FROM act_link").fetchall() == rows
    other.close()


def test_bad_ids_change_nothing(field) -> None:
    coordinator, a, b = field
    act_a = act_of(coordinator, a)
    coordinator.close()
    before = snapshot(coordinator.path)
    reopened = Vault.open(coordinator.path, "pass phrase")
    for args in ((act_a, "0" * 32, "same"), (act_a, act_a, "same"), (act_a, act_of(reopened, b), "merge")):
        with pytest.raises(InputError):
            decide_acts(reopened, *args)
    reopened.close()
    assert snapshot(coordinator.path) == before


def test_command_line_lists_and_decides_act_pairs(field, kz) -> None:
    coordinator, a, b = field
    decide(coordinator, a, b, "link")
    act_a, act_b = act_of(coordinator, a), act_of(coordinator, b)
    coordinator.close()
    run = {"vault": coordinator.path, "passphrase": "pass phrase"}
    listed = kz("duplicates", "--acts", "--json", **run).json()
    assert [(p["a"]["uuid"], p["b"]["uuid"], p["a"]["recorded_by"]) for p in listed] == [
        (act_a, act_b, "Oral volunteer")]
    text = kz("duplicates", "--acts", "--lang", "ru", **run).out
    assert act_a[:8] in text and "Жақсылықов Ерлан ~ Zhaksylykov Erlan" in text and "09.03.2022" in text
    assert "записал(а): Aktobe volunteer" in text
    assert "Включает 1 возможное повторное сообщение" in kz("stats", "--lang", "ru", **run).out
    assert kz("duplicates", "--acts", "merge", act_a, act_b, **run).code == 1
    assert kz("duplicates", "same", act_a, act_b, **run).code == 1  # "same" is for acts only
    wrong = kz("duplicates", "--acts", "same", act_a[:8], "ffffffff", **run)
    assert wrong.code == 1 and "ffffffff" in wrong.err
    done = kz("duplicates", "--acts", "same", act_b[:10], act_a[:10], "--note", "одно задержание", **run)
    assert done.code == 0 and "counted once" in done.out
    made = kz("duplicates", "--acts", "decisions", "--json", **run).json()
    assert [(d["act_a"], d["act_b"], d["decision"], d["note"]) for d in made] == [
        (min(act_a, act_b), max(act_a, act_b), "same", "одно задержание")]
    assert kz("duplicates", "--acts", "--json", **run).json() == []
    assert "1 act reported twice is counted once." in kz("stats", **run).out
    assert kz("stats", "--json", **run).json()["acts"] == 1
