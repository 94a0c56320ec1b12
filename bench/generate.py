"""Deterministic monitoring spreadsheets of any size, for the benchmarks."""

from __future__ import annotations

import csv
import random
from pathlib import Path

COLUMNS = ["date", "city", "region", "person", "event_type", "legal_code", "article", "part", "arrest_days",
           "fine_amount", "fine_unit", "description", "source_url", "event_ref"]
SURNAMES = ["Жақсылықов", "Серікбаева", "Тәжібаев", "Ким", "Оспанова", "Өтепов", "Айтбаев", "Мамай", "Ибраев",
            "Құрманова", "Иванов", "Петрова", "Zhaksylykov", "Nurlanova", "Ли", "Цой", "Әбілов", "Ғаббасов"]
GIVEN = ["Ерлан", "Айгүл", "Нұрлан", "Виктор", "Динара", "Ғалымжан", "Мұрат", "Жанболат", "Асқар", "Әлия",
         "Yerlan", "Dinara", "Сәуле", "Тимур", "Ольга"]
CITIES = ["Almaty", "Астана", "Nur-Sultan", "Шымкент", "Uralsk", "Орал", "Aktobe", "Aktau", "Atyrau",
          "Ust-Kamenogorsk", "Pavlodar", "Караганда", "Taraz", "Kostanay", "Semey", "Zhanaozen", "", "село Акши"]
ACTS = [("detention", None), ("administrative_arrest", "arrest"), ("fine", "kzt"), ("fine", "mci"),
        ("warning", None), ("search", None), ("summons", None), ("criminal_charge", "uk"), ("sentence", "uk"),
        ("assembly_refused", None), ("transfer", None), ("other", None)]


def rows(n: int, seed: int = 1) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    persons = [f"{rnd.choice(SURNAMES)} {rnd.choice(GIVEN)} {i}" for i in range(max(1, n // 10))]
    out = []
    ref, ref_left, ref_city, ref_date = "", 0, "", ""
    for i in range(n):
        if ref_left == 0 and rnd.random() < 0.6:
            ref, ref_left = f"ev-{i}", rnd.randint(1, 4)
            ref_city = rnd.choice(CITIES)
            ref_date = f"20{rnd.randint(15, 25)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        act, kind = rnd.choice(ACTS)
        row = dict.fromkeys(COLUMNS, "")
        row.update(person=rnd.choice(persons), event_type=act,
                   description=rnd.choice(["", "Задержан после пикета у акимата", "Штраф за пост в Facebook"]))
        if ref_left:
            row.update(event_ref=ref, city=ref_city, date=ref_date)
            ref_left -= 1
        else:
            row.update(city=rnd.choice(CITIES), date=rnd.choice(["2021-12-05", "2022-01", "2023", ""]))
        if kind == "arrest":
            row.update(legal_code="administrative_offences_code", article="488", part="6",
                       arrest_days=str(rnd.choice([5, 10, 15])))
        elif kind == "kzt":
            row.update(legal_code="administrative_offences_code", article="488", part="11",
                       fine_amount="145850", fine_unit="KZT")
        elif kind == "mci":
            row.update(legal_code="administrative_offences_code", article="667", part="1",
                       fine_amount=str(rnd.choice([5, 10, 50])), fine_unit="MCI")
        elif kind == "uk":
            row.update(legal_code="criminal_code", article=rnd.choice(["174", "274", "405"]))
        if rnd.random() < 0.5:
            row["source_url"] = f"https://example.kz/news/{rnd.randint(1, n // 20 + 1)}"
        out.append(row)
    return out


def write_csv(path: Path, n: int, seed: int = 1) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows(n, seed))
    return path
