"""Property tests of the CSV reader: any bytes give a plan or a clear InputError, never another exception;
every row that needs a problem gets one, and a row from a real monitoring file never does.

Each property counts what its examples did (refused, planned with problems, planned clean) and asserts
that every kind happened: a generator that never reached the row checks would otherwise pass unseen.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzdesk.core.errors import InputError, KzdeskError
from kzdesk.core.ingest.columns import FIELDS
from kzdesk.core.ingest.csv_import import check_bytes

SAMPLE = (Path(__file__).parents[1] / "data" / "monitoring_2021_12.csv").read_bytes()
REAL_ROWS = list(csv.DictReader(io.StringIO(SAMPLE.decode("utf-8"))))  # 75 rows the reader takes as they are
HEADER = list(REAL_ROWS[0])
CELLS = st.one_of(st.text(max_size=12), st.sampled_from(["", "2021-12-05", "2021", "fine", "detention", "5",
                                                        "MCI", "KZT", "488", "Орал", "Уральск", "x", "-1"]))


def planned(data: bytes, seen: Counter[str]) -> Any:
    """check_bytes's answer, or None when it refused; the refusal must be kzdesk's own InputError."""
    try:
        plan = check_bytes(data)
    except KzdeskError as exc:  # anything else is a crash and fails the test
        assert type(exc) is InputError, repr(exc)
        assert exc.message() and not exc.message().startswith("Traceback")
        seen["refused"] += 1
        return None
    seen["problems" if plan.problems else "clean"] += 1
    return plan


def test_any_bytes_give_a_plan_or_an_input_error() -> None:
    seen: Counter[str] = Counter()

    @given(prefix=st.sampled_from([b"", SAMPLE.split(b"\n", 1)[0] + b"\n", SAMPLE[:700]]),
           body=st.one_of(st.binary(max_size=300), st.text(max_size=200).map(str.encode)))
    def run(prefix: bytes, body: bytes) -> None:
        seen["run"] += 1
        plan = planned(prefix + body, seen)
        if plan is not None:
            assert all(p.row >= 2 and p.column in {*FIELDS, "-"} and p.message() for p in plan.problems)

    run()
    assert seen["run"] == seen["refused"] + seen["problems"] + seen["clean"]
    assert seen["refused"] and seen["problems"] and seen["clean"], seen  # every outcome was reached


def test_rows_are_either_all_valid_or_reported() -> None:
    seen: Counter[str] = Counter()
    row = st.one_of(st.sampled_from(REAL_ROWS).map(lambda r: ("real", r)),
                    st.fixed_dictionaries({c: CELLS for c in HEADER}).map(lambda r: ("made", r)))

    @settings(suppress_health_check=[HealthCheck.too_slow], max_examples=150)
    @given(st.lists(row, min_size=1, max_size=8))
    def run(rows: list[tuple[str, dict[str, str]]]) -> None:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(values for _, values in rows)
        plan = planned(buffer.getvalue().encode("utf-8"), seen)
        if plan is None:
            return
        bad_rows = {p.row for p in plan.problems}
        assert bad_rows <= set(range(2, len(rows) + 2)) and {p.column for p in plan.problems} <= {*FIELDS, "-"}
        kept = []
        for index, (kind, values) in enumerate(rows, start=2):
            if not any(v.strip() for v in values.values()):
                continue  # blank lines are skipped
            kept.append(values)
            if not values["person"].strip() or not values["event_type"].strip():
                assert index in bad_rows, values
                seen["missing flagged"] += 1
            if kind == "real":
                assert index not in bad_rows, [p.message() for p in plan.problems if p.row == index]
                seen["real kept"] += 1
        if not plan.problems:  # a clean plan holds every row, in order
            assert [r.person for r in plan.rows] == [v["person"].strip() for v in kept]

    run()
    assert seen["refused"] and seen["problems"] and seen["clean"], seen
    assert seen["missing flagged"] and seen["real kept"], seen
