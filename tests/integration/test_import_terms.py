"""A monitor's spreadsheet with a sentence's terms, the appeal, the fine paid and the person's gender and
birth year: each column lands in its field, in the words people write (ru, kk, en), and a known person's
facts are filled in, never overwritten."""

from __future__ import annotations

from pathlib import Path

from kzdesk.core.model.vault import Vault

HEADER = ("person,event_type,date,city,legal_code,article,part,years,months,hours,arrest_days,appeal,"
          "appeal_outcome,appeal_date,fine_amount,fine_paid,fine_paid_by,gender,birth_year,event_ref\n")


def _acts(vault: Vault) -> dict[str, dict[str, object]]:
    with vault.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT p.name, a.act_type, a.years, a.months, a.hours, a.arrest_days, a.appeal, a.appeal_outcome, "
            "a.appeal_date, a.fine_paid, a.fine_paid_by FROM act a JOIN person p ON p.uuid = a.person "
            "ORDER BY a.rowid").all()
    keys = ("act_type", "years", "months", "hours", "arrest_days", "appeal", "appeal_outcome", "appeal_date",
            "fine_paid", "fine_paid_by")
    return {f"{row[0]}/{row[1]}": dict(zip(keys, row[1:], strict=True)) for row in rows}


def _person(vault: Vault, name: str) -> tuple[object, object]:
    with vault.engine.connect() as conn:
        return tuple(conn.exec_driver_sql("SELECT gender, birth_year FROM person WHERE name = ?", (name,)).one())


def test_terms_appeal_fine_paid_and_person_facts(kz, vault_path: Path, vault: Vault, tmp_path: Path) -> None:
    path = tmp_path / "month.csv"
    path.write_text(HEADER + (
        "Мамай Жанболат,sentence,2022-03-15,Алматы,УК,174,2,7,6,,,решение оставлено в силе,"
        "приговор оставлен без изменения,2022-05-20,,,,м,1984,\n"
        "Ақбота Нұрланқызы,sentence,2022-04-01,Астана,ҚК,405,2,2,,200,,шағым берілді,,,,,,әйел,,\n"
        "Ким Виктор,fine,2022-01-10,Орал,КоАП,488,6,,,,,no appeal,,,100000,иә,Ким Виктор,Male,1990,\n"
        "Ким Виктор,administrative_arrest,2022-02-10,Орал,КоАП,488,11,,,,15,Overturned,,2022-02-20,,,,,,\n"
    ), encoding="utf-8")
    result = kz("import-csv", str(path), vault=vault_path)
    assert result.code == 0, result.err
    acts = _acts(vault)
    assert acts["Мамай Жанболат/sentence"] | {} == {
        "act_type": "sentence", "years": 7, "months": 6, "hours": None, "arrest_days": None, "appeal": "upheld",
        "appeal_outcome": "приговор оставлен без изменения", "appeal_date": "2022-05-20", "fine_paid": None,
        "fine_paid_by": None}
    assert (acts["Ақбота Нұрланқызы/sentence"]["years"], acts["Ақбота Нұрланқызы/sentence"]["hours"]) == (2, 200)
    assert acts["Ақбота Нұрланқызы/sentence"]["appeal"] == "filed"
    fine = acts["Ким Виктор/fine"]
    assert (fine["appeal"], fine["fine_paid"], fine["fine_paid_by"]) == (None, 1, "Ким Виктор")  # "no appeal": none
    assert acts["Ким Виктор/administrative_arrest"]["appeal"] == "overturned"
    assert _person(vault, "Мамай Жанболат") == ("male", 1984)
    assert _person(vault, "Ақбота Нұрланқызы") == ("female", None)
    assert _person(vault, "Ким Виктор") == ("male", 1990)


def test_a_known_persons_facts_are_filled_in_never_overwritten(kz, vault_path: Path, vault: Vault,
                                                                 tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text("person,event_type,date,birth_year\nТурдиева Улболсын,detention,2022-01-05,1979\n"
                     "Ахметов Марат,detention,2022-01-05,\n", encoding="utf-8")
    assert kz("import-csv", str(first), vault=vault_path).code == 0
    second = tmp_path / "second.csv"
    second.write_text("person,event_type,date,birth_year,gender\n"
                      "Турдиева Улболсын,warning,2022-02-01,1980,ж\n"  # a different year: the vault's kept
                      "Ахметов Марат,warning,2022-02-01,1971,\n", encoding="utf-8")  # none known: filled in
    result = kz("import-csv", str(second), "--lang", "ru", vault=vault_path)
    assert result.code == 0, result.err
    assert _person(vault, "Турдиева Улболсын") == ("female", 1979)  # the gender was unknown: filled in
    assert _person(vault, "Ахметов Марат") == (None, 1971)
    assert "Строка 2: Турдиева Улболсын" in result.out and "1979" in result.out and "1980" in result.out
    with vault.engine.connect() as conn:
        edits = conn.exec_driver_sql("SELECT count(*) FROM revision WHERE kind = 'person'").scalar()
    assert edits == 4  # two persons created, two filled in: each an audited revision


def test_bad_terms_and_words_store_nothing_and_say_where(kz, vault_path: Path, vault: Vault,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("person,event_type,years,months,appeal,gender,fine_paid\n"
                    "Ким Виктор,sentence,7 лет,13,maybe,x,perhaps\n", encoding="utf-8")
    result = kz("import-csv", str(path), vault=vault_path)
    assert result.code != 0
    for column in ("years", "months", "appeal", "gender", "fine_paid"):
        assert f"column {column}" in result.err, result.err
    with vault.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 0
