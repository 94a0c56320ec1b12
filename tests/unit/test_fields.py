"""Cell parsers of the CSV import: what monitors write is understood, anything else is a Problem."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzdesk.core.model import fields
from kzdesk.core.model.fields import Problem


@pytest.mark.parametrize(("text", "value", "precision", "start", "end"), [
    ("2021-12-05", "2021-12-05", "day", "2021-12-05", "2021-12-05"),
    ("05.12.2021", "2021-12-05", "day", "2021-12-05", "2021-12-05"),
    ("2021-12", "2021-12", "month", "2021-12-01", "2021-12-31"),
    ("2024-02", "2024-02", "month", "2024-02-01", "2024-02-29"),
    ("2021", "2021", "year", "2021-01-01", "2021-12-31"),
    ("", None, "unknown", None, None),
    ("  2021-1-5 ", "2021-01-05", "day", "2021-01-05", "2021-01-05"),
])
def test_dates_with_precision(text: str, value: str | None, precision: str, start: str | None,
                              end: str | None) -> None:
    parsed = fields.parse_date(text)
    assert (parsed.value, parsed.precision, parsed.start, parsed.end) == (value, precision, start, end)


@pytest.mark.parametrize("text", ["2021-02-30", "2021-13", "1900", "3000-01-01", "12/05/2021", "вчера",
                                  "2021-12-05T10:00"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(Problem):
        fields.parse_date(text)


@pytest.mark.parametrize(("text", "value"), [("145850", "145850"), ("145 850", "145850"),
                                             ("145\u00a0850", "145850"), ("145,850", "145850"),
                                             ("2,5", "2.5"), ("2.50", "2.5"), ("5", "5")])
def test_amounts(text: str, value: str) -> None:
    amount = fields.parse_amount(text)
    assert amount is not None and fields.decimal_text(amount) == value


@pytest.mark.parametrize("text", ["-5", "0", "5 MCI", "1e5", "NaN", "five", "1.234"])
def test_bad_amounts(text: str) -> None:
    with pytest.raises(Problem):
        fields.parse_amount(text)


def test_counts_units_articles_urls() -> None:
    assert fields.parse_count("15", 365) == 15
    for bad in ("15.5", "fifteen", "٣", "0", "400"):
        with pytest.raises(Problem):
            fields.parse_count(bad, 365)
    assert fields.parse_unit("МРП") == "MCI" and fields.parse_unit("тг.") == "KZT"
    assert fields.parse_article("73-1") == "73-1"
    assert fields.parse_url("t.me/channel/5") == "https://t.me/channel/5"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "a b", "http://"):
        with pytest.raises(Problem):
            fields.parse_url(bad)
    assert fields.decimal_text(Decimal("5.00")) == "5"


@given(st.text(max_size=40))
def test_parsers_raise_only_problems(text: str) -> None:
    for parse in (fields.parse_date, fields.parse_amount, fields.parse_unit, fields.parse_article,
                  fields.parse_part, fields.parse_url, fields.parse_text, fields.parse_day,
                  lambda t: fields.parse_count(t, 365)):
        try:
            value = parse(text)
        except Problem as problem:
            assert problem.msgid  # every refusal carries a message for the user
            continue
        assert value is None or isinstance(value, (str, int, Decimal, fields.FuzzyDate))
