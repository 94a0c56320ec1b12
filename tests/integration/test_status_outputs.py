"""What the status outputs tell a coordinator: the public prisoners list says how many persons and acts
consent kept off it (PDF and stderr), and a CSV import counts the statuses it set."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from pypdf import PdfReader

from kzdesk.core.ingest.csv_import import import_csv
from kzdesk.core.model.status import set_status
from kzdesk.core.model.vault import Vault
from kzdesk.core.reports import prisoners

from ..vaults import record_case


def _text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def _held(vault: Vault) -> None:
    """Two prisoners as of 1 September 2021: one public, one who asked to stay confidential (whose
    one act, and the public one's act of an event kept confidential, a public list must not show)."""
    shown = record_case(vault, "Абенов Бахыт", "Almaty", "2021-02-01", "public")
    hidden = record_case(vault, "Конфиденциальный Человек", "Almaty", "2021-02-01", "confidential")
    for who in (shown, hidden):
        set_status(vault, who, "prison", "2021-06-01")


def test_the_public_prisoners_list_says_what_consent_withheld(vault: Vault, vault_path: Path, kz, tmp_path: Path,
                                                              monkeypatch) -> None:
    _held(vault)
    with vault.engine.connect() as conn:
        assert prisoners.withheld(conn, "public", "2021-09-01") == prisoners.Withheld(persons=1, acts=1)
        assert prisoners.withheld(conn, "lawyer", "2021-09-01") == prisoners.Withheld()
    vault.close()
    monkeypatch.setenv("KZDESK_VAULT", str(vault_path))
    pdf = tmp_path / "list.pdf"
    result = kz("report", "prisoners", "--as-of", "01.09.2021", "--out", str(pdf), "--lang", "ru")
    assert result.code == 0
    text = _text(pdf.read_bytes())
    assert "Политзаключённые (1)" in text and "Конфиденциальный" not in text
    for said in (text, result.err):
        assert "1 человек не включён в список" in said and "1 действие не показано" in said
        assert "kzdesk consent set" in said
    table = tmp_path / "list.csv"
    result = kz("report", "prisoners", "--as-of", "2021-09-01", "--out", str(table))
    assert result.code == 0 and "1 person not listed" in result.err and "1 act not shown" in result.err
    assert "not listed" not in table.read_bytes().decode("utf-8-sig")  # the table holds one row per person only
    lawyer = tmp_path / "lawyer.pdf"
    result = kz("report", "prisoners", "--as-of", "2021-09-01", "--out", str(lawyer), "--profile", "lawyer")
    assert result.code == 0 and result.err == "" and "not listed" not in _text(lawyer.read_bytes())


def test_a_csv_import_counts_the_statuses_it_set(vault: Vault, vault_path: Path, kz, tmp_path: Path,
                                                 monkeypatch) -> None:
    table = tmp_path / "list.csv"
    table.write_text(
        "date,city,person,event_type,legal_code,article,status,status_date\n"
        "2021-03-01,Almaty,Балтабай Асель,criminal_charge,criminal_code,405,pre_trial,02.03.2021\n"
        "2021-09-20,Almaty,Балтабай Асель,imprisonment,criminal_code,405,prison,2021-09-20\n"
        "2021-09-20,Almaty,Балтабай Асель,activity_ban,criminal_code,405,prison,2021-09-20\n"  # the same status
        "2021-05-05,Almaty,Нурланов Ербол,criminal_charge,criminal_code,174,,\n", encoding="utf-8")
    report = import_csv(vault, table)
    assert report.statuses == 2
    assert report.statuses_line("ru") == "Установлено 2 статуса людей."
    assert report.statuses_line("kk") == "2 адамның мәртебесі белгіленді."
    vault.close()
    monkeypatch.setenv("KZDESK_VAULT", str(vault_path))
    again = tmp_path / "more.csv"
    again.write_text("date,city,person,event_type,status,status_date\n"
                     "2022-01-10,Almaty,Нурланов Ербол,release,released,10.01.2022\n", encoding="utf-8")
    result = kz("import-csv", str(again), "--lang", "ru")
    assert result.code == 0 and "Установлен 1 статус человека." in result.out
    result = kz("import-csv", str(_no_status(tmp_path)))
    assert result.code == 0 and "status" not in result.out
    result = kz("import-csv", str(_no_status(tmp_path, "2021-12-02")), "--json")
    assert json.loads(result.out)["statuses"] == 0


def _no_status(tmp_path: Path, day: str = "2021-12-01") -> Path:
    path = tmp_path / f"plain-{day}.csv"
    path.write_text(f"date,city,person,event_type\n{day},Almaty,Ким Виктор,fine\n", encoding="utf-8")
    return path
