"""Duplicate-person matching on held-out names: recall and precision of at least 90%."""

from __future__ import annotations

from kzdesk.core.exchange.duplicates import THRESHOLD, score

# The same human, as different volunteers wrote them (scripts, transliterations, order, endings).
SAME = [
    ("Жақсылықов Ерлан", "Yerlan Zhaksylykov"), ("Жақсылықов Ерлан", "Erlan Jaksylykov"),
    ("Жақсылықов Ерлан", "Zhaqsylyqov Erlan"), ("Жақсылықов Ерлан", "Жаксылыков Ерлан Болатович"),
    ("Жақсылықұлы Ерлан", "Жақсылықов Ерлан"), ("Серікбаева Айгүл", "Aigul Serikbayeva"),
    ("Серікбаева Айгүл", "Серикбаева Айгуль"), ("Ким Виктор", "Kim Viktor"), ("Әбілов Асқар", "Abilov Askar"),
    ("Ғабдуллина Сәуле", "Gabdullina Saule"), ("Тәжібаев Нұрлан", "Tazhibayev Nurlan"),
    ("Тәжібаев Нұрлан", "Таджибаев Нурлан"), ("Оспанова Динара", "Dinara Ospanova"),
    ("Өтепов Ғалымжан", "Otepov Galymzhan"), ("Өтепов Ғалымжан", "Утепов Галымжан"),
    ("Айтбаев Мұрат", "Aitbayev Murat"), ("Айтбаев Мұрат", "Murat Aytbaev"), ("Мамай Жанболат", "Zhanbolat Mamay"),
    ("Мамай Жанболат", "Мамай Жанболат Ерланұлы"), ("Құрманова Мадина", "Kurmanova Madina"),
    ("Құрманова Мадина", "Qurmanova Madina"), ("Нұрланова Жанар", "Nurlanova Zhanar"),
    ("Сәрсенбаев Дархан", "Sarsenbaev Darkhan"), ("Сәрсенбаев Дархан", "Сарсенбаев Дархан"),
    ("Үмбетова Гүлнар", "Umbetova Gulnar"), ("Ұзақбаев Бауыржан", "Uzakbayev Baurzhan"),
    ("Шәріпов Тимур", "Sharipov Timur"), ("Есенова Әлия", "Yessenova Aliya"), ("Есенова Әлия", "Esenova Aliya"),
    ("Ибраев Қайрат", "Ibrayev Kairat"), ("Ибраев Қайрат", "Ибраев Кайрат"), ("Дәулетов Ерболат", "Dauletov Yerbolat"),
    ("Жұмабаев Асқар", "Zhumabayev Askar"), ("Жұмабаев Асқар", "Jumabaev Asqar"), ("Рахимова Сәуле", "Rakhimova Saule"),
    ("Тоқтарова Анна", "Toktarova Anna"), ("Цой Сергей", "Tsoy Sergey"), ("Ли Ольга", "Li Olga"),
    ("Омаров Ерлан", "Omarov Yerlan"), ("Мұқанов Дархан", "Mukanov Darkhan"),
]
# Different humans whose names look alike.
DIFFERENT = [
    ("Оспанов Нұрлан", "Оспанов Нұржан"), ("Ким Виктор", "Ли Виктор"), ("Жақсылықов Ерлан", "Жақсылықова Ерлан"),
    ("Ибраев Қайрат", "Ибраев Асқар"), ("Ибраев Қайрат", "Ибрагимов Қайрат"), ("Омаров Ерлан", "Омарова Ерлан"),
    ("Серікбаева Айгүл", "Серікбаева Айжан"), ("Тәжібаев Нұрлан", "Тәжібаев Нұрбол"), ("Ким Виктор", "Ким Виктория"),
    ("Айтбаев Мұрат", "Айтбаев Марат"), ("Есенова Әлия", "Есенова Әсел"), ("Жұмабаев Асқар", "Жұмабеков Асқар"),
    ("Сәрсенбаев Дархан", "Сәрсенбаев Дәурен"), ("Құрманова Мадина", "Құрманова Марина"),
    ("Дәулетов Ерболат", "Дәулетов Ерлан"), ("Рахимова Сәуле", "Рахимова Салтанат"), ("Цой Сергей", "Цой Семён"),
    ("Омаров Ерлан", "Оразов Ерлан"), ("Мұқанов Дархан", "Мұқанов Дамир"), ("Ли Ольга", "Ли Олжас"),
    ("Ерлан", "Жақсылықов Ерлан"), ("Нұрланова Жанар", "Нұрланова Жансая"), ("Үмбетова Гүлнар", "Үмбетова Гүлмира"),
    ("Ұзақбаев Бауыржан", "Ұзақов Бауыржан"), ("Шәріпов Тимур", "Шарипов Тимофей"),
]


def matched(pairs: list[tuple[str, str]]) -> int:
    return sum(score(a, b)[0] >= THRESHOLD for a, b in pairs)


def test_recall_and_precision_at_least_90_percent() -> None:
    true_positive = matched(SAME)
    false_positive = matched(DIFFERENT)
    recall = true_positive / len(SAME)
    precision = true_positive / (true_positive + false_positive)
    assert recall >= 0.9, [p for p in SAME if score(*p)[0] < THRESHOLD]
    assert precision >= 0.9, [p for p in DIFFERENT if score(*p)[0] >= THRESHOLD]


def test_reasons_are_given() -> None:
    assert score("Жақсылықов Ерлан", "Yerlan Zhaksylykov")[1] == ["same name, other word order"]
    assert score("Жақсылықұлы Ерлан", "Жақсылықов Ерлан")[1] == ["same name with another ending or patronymic"]
