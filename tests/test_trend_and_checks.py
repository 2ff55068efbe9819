"""Sparklines, staleness and the status/figures disagreement, as plain library functions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greentrade_cli.errors import UsageError
from greentrade_cli.model.baseline import Baseline
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.history import HistoryEntry
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.status import Status
from greentrade_cli.model.target import Direction, Target
from greentrade_cli.tracking.disagreement import disagreement
from greentrade_cli.tracking.progress import progress
from greentrade_cli.tracking.staleness import check_stale_after, is_stale, last_activity
from greentrade_cli.tracking.trend import TICKS, sparkline

D = dt.date
PLEDGED = D(2025, 10, 31)


def test_sparkline_scales_lowest_to_highest() -> None:
    assert sparkline([28, 30, 31.5]) == "▁▅█"
    assert sparkline([9, 7.5]) == "█▁"
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == TICKS
    assert sparkline([5, 5, 5]) == "▄▄▄"
    assert sparkline([]) == ""


def test_sparkline_of_values_spanning_more_than_a_float_holds() -> None:
    assert sparkline([1e308, -1e308, 0.0]) == "█▁▅"  # the span, 2e308, overflows
    assert sparkline([-1.7e308, 1.7e308]) == "▁█"


@settings(deadline=None)  # no timing in tests: hypothesis would fail a slow example
@given(st.lists(st.floats(min_value=-1e9, max_value=1e9), min_size=1, max_size=50))
def test_sparkline_has_one_block_per_value_and_keeps_order(values: list[float]) -> None:
    line = sparkline(values)
    assert len(line) == len(values)
    assert set(line) <= set(TICKS)
    low, high = min(values), max(values)
    if high > low:
        assert line[values.index(low)] == TICKS[0]
        assert line[values.index(high)] == TICKS[-1]


def commitment(
    status: Status = Status.PLEDGED,
    history: tuple[HistoryEntry, ...] = (),
    measurements: tuple[tuple[dt.date, float], ...] = (),
) -> Commitment:
    return Commitment(
        id="x",
        title="t",
        agency="MIIT",
        source="s",
        quote="q",
        status=status,
        history=history,
        measurements=tuple(Measurement(d, v) for d, v in measurements),
        target=Target("share", "%", 40.0, Direction.INCREASE, Baseline(10.0)),
    )


def test_last_activity_is_the_newest_dated_entry_up_to_the_report_date() -> None:
    c = commitment(
        history=(HistoryEntry(D(2026, 1, 10), Status.IN_PROGRESS),),
        measurements=((D(2026, 2, 1), 12.0), (D(2026, 9, 1), 20.0)),
    )
    assert last_activity(c, D(2026, 1, 9), PLEDGED) == PLEDGED
    assert last_activity(c, D(2026, 1, 31), PLEDGED) == D(2026, 1, 10)
    assert last_activity(c, D(2026, 8, 31), PLEDGED) == D(2026, 2, 1)
    assert last_activity(c, D(2026, 9, 1), PLEDGED) == D(2026, 9, 1)
    assert last_activity(c, D(2025, 1, 1), PLEDGED) is None


def test_stale_from_the_181st_day_and_only_while_open() -> None:
    assert is_stale(commitment(), D(2026, 4, 29), PLEDGED) is False
    assert is_stale(commitment(), D(2026, 4, 30), PLEDGED) is True
    assert is_stale(commitment(), D(2025, 11, 30), PLEDGED, after_days=29) is True
    withdrawn = commitment(
        Status.WITHDRAWN, history=(HistoryEntry(D(2025, 11, 1), Status.WITHDRAWN),)
    )
    assert is_stale(withdrawn, D(2027, 1, 1), PLEDGED) is False
    assert is_stale(withdrawn, D(2025, 10, 31) + dt.timedelta(days=1), PLEDGED, 1) is False


def test_check_stale_after() -> None:
    assert check_stale_after(1) == 1
    with pytest.raises(UsageError, match=r"^--stale-after: must be .* not -3$"):
        check_stale_after(-3)


@pytest.mark.parametrize(
    ("status", "latest", "expected"),
    [
        (
            Status.MET,
            30.0,
            "the status is met, but the latest value (30% on 2026-06-30) misses the target "
            "(at least 40%)",
        ),
        (Status.MET, 40.0, None),
        (
            Status.IN_PROGRESS,
            40.0,
            "the latest value (40% on 2026-06-30) reaches the target (at least 40%), "
            "but the status is in_progress",
        ),
        (
            Status.MISSED,
            41.0,
            "the latest value (41% on 2026-06-30) reaches the target (at least 40%), "
            "but the status is missed",
        ),
        (Status.WITHDRAWN, 41.0, None),
        (Status.MISSED, 39.0, None),
        (Status.PLEDGED, 39.0, None),
        (Status.MET, None, None),
    ],
)
def test_disagreement(status: Status, latest: float | None, expected: str | None) -> None:
    points = () if latest is None else ((D(2026, 6, 30), latest),)
    c = commitment(status, measurements=points)
    figures = progress(c, D(2026, 7, 1), PLEDGED)
    assert disagreement(status, c.target, figures) == expected
