"""Property tests of the CSV reader: any bytes give a plan or a clear InputError, never a crash,
and a plan with problems is never partially stored."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzdesk.core.errors import InputError
from kzdesk.core.ingest.csv_import import COLUMNS, plan_import

CELLS = st.one_of(st.text(max_size=12), st.sampled_from(["", "2021-12-05", "2021", "fine", "detention", "5",
                                                        "MCI", "KZT", "488", "Орал", "Уральск", "x", "-1"]))


@given(st.binary(max_size=300))
def test_any_bytes_give_a_plan_or_an_input_error(data: bytes) -> None:
    try:
        plan = plan_import(data)
    except InputError as exc:
        assert exc.message()
        return
    assert all(p.row >= 2 for p in plan.problems)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=150)
@given(st.lists(st.fixed_dictionaries({c: CELLS for c in ("date", "city", "person", "event_type", "arrest_days",
                                                           "fine_amount", "fine_unit", "article")}),
                min_size=1, max_size=8))
def test_rows_are_either_all_valid_or_reported(rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    try:
        plan = plan_import(buffer.getvalue().encode("utf-8"))
    except InputError:
        return
    bad_rows = {p.row for p in plan.problems}
    for index, row in enumerate(rows, start=2):
        if not any(v.strip() for v in row.values()):
            continue  # blank lines are skipped
        if not row["person"].strip() or not row["event_type"].strip():
            assert index in bad_rows
    assert {p.column for p in plan.problems} <= {*COLUMNS, "-"}
