"""The KPI formula, pace and projection, with the issue's exact figures."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greentrade_cli.errors import UsageError
from greentrade_cli.model.baseline import Baseline
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.deadline import Deadline
from greentrade_cli.model.history import HistoryEntry
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.status import Status
from greentrade_cli.model.target import Direction, Target
from greentrade_cli.tracking.progress import BEHIND_MARGIN, Pace, progress
from greentrade_cli.tracking.report import format_percent
from tests.conftest import Run, as_growth_rate
from tests.small_ledgers import block, ledger_text, write_ledger

PLEDGED = dt.date(2025, 10, 31)
D = dt.date


def pledge(
    value: float = 40.0,
    direction: Direction = Direction.INCREASE,
    baseline: Baseline | None = None,
    measurements: tuple[tuple[dt.date, float], ...] = (),
    deadline: str | None = "2030",
    status: Status = Status.PLEDGED,
    history: tuple[HistoryEntry, ...] = (),
) -> Commitment:
    return Commitment(
        id="x",
        title="t",
        agency="MIIT",
        source="s",
        quote="q",
        status=status,
        deadline=None if deadline is None else Deadline.parse(deadline),
        history=history,
        measurements=tuple(Measurement(d, v) for d, v in measurements),
        target=Target("share", "%", value, direction, baseline),
    )


def test_increase_from_stated_baseline_halfway_is_50_percent() -> None:
    c = pledge(baseline=Baseline(10.0), measurements=((D(2026, 6, 30), 25.0),))
    p = progress(c, D(2026, 7, 1), PLEDGED)
    assert p is not None
    assert p.baseline == 10.0
    assert p.latest == 25.0
    assert p.latest_on == D(2026, 6, 30)
    assert p.fraction == 0.5
    assert format_percent(p.fraction) == "50%"


def test_decrease_from_stated_baseline_halfway_is_50_percent() -> None:
    c = pledge(
        value=5.0,
        direction=Direction.DECREASE,
        baseline=Baseline(10.0),
        measurements=((D(2026, 6, 30), 7.5),),
    )
    p = progress(c, D(2026, 7, 1), PLEDGED)
    assert p is not None
    assert p.fraction == 0.5
    assert p.reached is False


def test_over_achievement_is_reported_unclamped() -> None:
    c = pledge(baseline=Baseline(10.0), measurements=((D(2026, 6, 30), 45.0),))
    p = progress(c, D(2026, 7, 1), PLEDGED)
    assert p is not None
    assert p.fraction == pytest.approx(35 / 30)
    assert format_percent(p.fraction) == "117%"
    assert p.reached is True
    assert p.pace is Pace.REACHED


def test_no_baseline_and_one_measurement_is_unknown() -> None:
    c = pledge(measurements=((D(2026, 6, 30), 25.0),))
    p = progress(c, D(2026, 7, 1), PLEDGED)
    assert p is not None
    assert p.baseline == 25.0
    assert p.fraction is None
    assert format_percent(p.fraction) == "—"
    assert p.pace is Pace.NO_DATA


def test_no_baseline_uses_the_earliest_measurement() -> None:
    c = pledge(measurements=((D(2026, 1, 1), 20.0), (D(2026, 6, 30), 30.0)))
    p = progress(c, D(2026, 7, 1), PLEDGED)
    assert p is not None
    assert p.baseline == 20.0
    assert p.fraction == 0.5


def test_no_measurement_at_all_is_unknown() -> None:
    p = progress(pledge(baseline=Baseline(10.0)), D(2026, 7, 1), PLEDGED)
    assert p is not None
    assert (p.latest, p.latest_on, p.fraction, p.pace) == (None, None, None, Pace.NO_DATA)


def test_no_target_gives_no_progress() -> None:
    c = Commitment("x", "t", "MIIT", "s", "q", Status.PLEDGED)
    assert progress(c, D(2026, 1, 1), PLEDGED) is None


def test_at_most_target_is_reached_on_equality() -> None:
    c = pledge(
        value=5.0,
        direction=Direction.DECREASE,
        baseline=Baseline(10.0),
        measurements=((D(2026, 6, 30), 5.0),),
    )
    p = progress(c, D(2026, 7, 1), PLEDGED)
    assert p is not None
    assert (p.fraction, p.reached, p.pace) == (1.0, True, Pace.REACHED)


def test_at_least_target_is_reached_on_equality_and_missed_just_below() -> None:
    hit = pledge(baseline=Baseline(10.0), measurements=((D(2026, 6, 30), 40.0),))
    miss = pledge(baseline=Baseline(10.0), measurements=((D(2026, 6, 30), 39.99),))
    assert progress(hit, D(2026, 7, 1), PLEDGED).reached is True  # type: ignore[union-attr]
    assert progress(miss, D(2026, 7, 1), PLEDGED).reached is False  # type: ignore[union-attr]


def test_measurements_after_as_of_are_ignored() -> None:
    c = pledge(
        baseline=Baseline(10.0),
        measurements=((D(2026, 1, 31), 16.0), (D(2026, 6, 30), 40.0)),
    )
    p = progress(c, D(2026, 3, 1), PLEDGED)
    assert p is not None
    assert (p.latest, p.fraction, p.reached) == (16.0, pytest.approx(0.2), False)


def test_year_deadline_is_overdue_on_new_years_day_not_on_new_years_eve() -> None:
    c = pledge(baseline=Baseline(10.0), measurements=((D(2029, 6, 30), 30.0),))
    before = progress(c, D(2030, 12, 31), PLEDGED)
    after = progress(c, D(2031, 1, 1), PLEDGED)
    assert before is not None and after is not None
    assert before.pace is Pace.BEHIND
    assert after.pace is Pace.OVERDUE
    assert c.is_overdue(D(2030, 12, 31)) is False
    assert c.is_overdue(D(2031, 1, 1)) is True


def test_overdue_without_data_only_while_the_status_is_open() -> None:
    open_pledge = pledge()
    met = pledge(
        status=Status.MET,
        history=(HistoryEntry(D(2026, 1, 1), Status.MET, "", "report"),),
    )
    assert progress(open_pledge, D(2031, 1, 1), PLEDGED).pace is Pace.OVERDUE  # type: ignore[union-attr]
    assert progress(met, D(2031, 1, 1), PLEDGED).pace is Pace.NO_DATA  # type: ignore[union-attr]


def test_a_value_missing_the_target_after_the_deadline_is_overdue_whatever_the_status() -> None:
    c = pledge(
        baseline=Baseline(10.0),
        measurements=((D(2030, 12, 1), 30.0),),
        status=Status.MET,
        history=(HistoryEntry(D(2030, 12, 1), Status.MET, "", "report"),),
    )
    assert progress(c, D(2031, 1, 1), PLEDGED).pace is Pace.OVERDUE  # type: ignore[union-attr]


def test_pace_compares_progress_with_time_elapsed_since_the_baseline_date() -> None:
    # Baseline 2026-01-01, deadline 2030-12-31: 1825 days. On 2028-07-02 913 days (50.03%)
    # have gone, so progress below 40.03% is behind.
    base = Baseline(10.0, D(2026, 1, 1))
    on_track = pledge(baseline=base, measurements=((D(2028, 7, 1), 22.1),))  # 40.33%
    behind = pledge(baseline=base, measurements=((D(2028, 7, 1), 22.0),))  # 40%
    p = progress(on_track, D(2028, 7, 2), PLEDGED)
    assert p is not None
    assert p.elapsed == 913 / 1825
    assert p.fraction == pytest.approx(12.1 / 30)
    assert p.pace is Pace.ON_TRACK
    assert progress(behind, D(2028, 7, 2), PLEDGED).pace is Pace.BEHIND  # type: ignore[union-attr]
    assert BEHIND_MARGIN == 0.10


def test_without_a_stated_baseline_time_runs_from_the_earliest_measurement() -> None:
    c = pledge(measurements=((D(2026, 1, 1), 10.0), (D(2026, 7, 1), 12.0)))
    p = progress(c, D(2028, 7, 2), PLEDGED)
    assert p is not None
    assert p.elapsed == 913 / 1825


def test_a_stated_baseline_without_a_date_runs_from_the_pledge() -> None:
    c = pledge(baseline=Baseline(10.0), measurements=((D(2026, 7, 1), 12.0),))
    p = progress(c, D(2025, 10, 31) + dt.timedelta(days=100), PLEDGED)
    assert p is not None
    assert p.elapsed == 100 / (D(2030, 12, 31) - PLEDGED).days


def test_no_deadline_gives_no_pace() -> None:
    c = pledge(baseline=Baseline(10.0), measurements=((D(2026, 7, 1), 12.0),), deadline=None)
    p = progress(c, D(2026, 8, 1), PLEDGED)
    assert p is not None
    assert (p.fraction, p.elapsed, p.pace, p.projected) == (
        pytest.approx(2 / 30),
        None,
        Pace.NO_DATA,
        None,
    )


def test_projection_is_the_least_squares_line_at_the_due_date() -> None:
    # 10 on 2026-12-31, 20 on 2027-12-31, 30 on 2028-12-31 (leap year: 366 days): the fit is
    # not exactly linear in days, so compare with the textbook formula.
    points = ((D(2026, 12, 31), 10.0), (D(2027, 12, 31), 20.0), (D(2028, 12, 31), 30.0))
    c = pledge(measurements=points)
    p = progress(c, D(2029, 1, 1), PLEDGED)
    assert p is not None
    xs = [d.toordinal() for d, _ in points]
    ys = [v for _, v in points]
    mx, my = sum(xs) / 3, sum(ys) / 3
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    expected = my + slope * (D(2030, 12, 31).toordinal() - mx)
    assert p.projected == pytest.approx(expected)
    assert round(p.projected, 1) == 50.0  # type: ignore[arg-type]


def test_projection_needs_two_dates() -> None:
    c = pledge(measurements=((D(2026, 1, 1), 10.0), (D(2026, 1, 1), 11.0)))
    assert progress(c, D(2026, 2, 1), PLEDGED).projected is None  # type: ignore[union-attr]


@pytest.mark.parametrize("value", [1e308, -1e308, 1.7e308])
def test_no_projection_from_values_at_the_edge_of_floats(value: float) -> None:
    c = pledge(measurements=((D(2026, 3, 31), value), (D(2026, 9, 30), value)))
    assert progress(c, D(2026, 10, 1), PLEDGED).projected is None  # type: ignore[union-attr]


def test_no_projection_when_the_line_through_the_values_overflows() -> None:
    points = ((D(2026, 1, 1), 25.0), (D(2026, 2, 1), 1e308), (D(2026, 3, 1), 30.0))
    p = progress(pledge(measurements=points), D(2026, 4, 1), PLEDGED)
    assert p is not None and p.projected is None


def test_show_summary_and_site_of_a_value_the_line_overflows_on(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    cid = "miit-green-factories-2030"
    as_growth_rate(ledger_path)  # a share is 0 to 100%
    at = ("--ledger", str(ledger_path))
    for value, day in (("25", "2026-01-01"), ("1e308", "2026-02-01"), ("30", "2026-03-01")):
        assert gt(*at, "record", cid, value, "--on", day).exit_code == 0
    shown = gt(*at, "show", cid, "--as-of", "2026-04-01")
    assert (shown.exit_code, shown.stderr) == (0, "")
    assert "progress\t███░░░░░ 33% · on track · latest 30% on 2026-03-01\n" in shown.stdout
    summary = gt(*at, "summary", "--as-of", "2026-04-01", "--json")
    assert summary.exit_code == 0, summary.stderr
    assert json.loads(summary.stdout)["targets"][1]["projected"] is None
    site = gt(*at, "site", str(tmp_path / "site"), "--as-of", "2026-04-01")
    assert site.exit_code == 0, site.stderr


def test_show_and_summary_of_huge_measurements(gt: Run, ledger_path: Path) -> None:
    cid = "miit-green-factories-2030"
    as_growth_rate(ledger_path)  # a share is 0 to 100%
    for day in ("2026-03-31", "2026-09-30"):
        result = gt("--ledger", str(ledger_path), "record", cid, "1e308", "--on", day)
        assert result.exit_code == 0, result.stderr
    shown = gt("--ledger", str(ledger_path), "show", cid, "--as-of", "2026-10-01")
    assert shown.exit_code == 0 and "projected" not in shown.stdout
    summary = gt("--ledger", str(ledger_path), "summary", "--as-of", "2026-10-01", "--json")
    assert summary.exit_code == 0
    assert json.loads(summary.stdout)["targets"][1]["projected"] is None


def test_show_of_measurements_spanning_more_than_a_float_holds(gt: Run, ledger_path: Path) -> None:
    cid = "miit-green-factories-2030"
    as_growth_rate(ledger_path)  # a share is 0 to 100%
    for day, value in (("2026-03-01", "1e308"), ("2026-03-02", "-1e308")):
        result = gt("--ledger", str(ledger_path), "record", cid, "--on", day, "--", value)
        assert result.exit_code == 0, result.stderr
    shown = gt("--ledger", str(ledger_path), "show", cid, "--as-of", "2026-04-01")
    assert (shown.exit_code, shown.stderr) == (0, "")
    assert shown.stdout.splitlines()[-1] == (
        "Trend  █▁  1e+308% on 2026-03-01 → -1e+308% on 2026-03-02"
    )


@pytest.mark.parametrize(
    ("direction", "target", "baseline", "latest", "fraction"),
    [
        (Direction.INCREASE, 1.7e308, -1.7e308, 1.7e308, 1.0),  # both spans overflow
        (Direction.INCREASE, 1.7e308, -1.7e308, 0.0, 0.5),
        (Direction.DECREASE, -1.7e308, 1.7e308, 1.7e308, 0.0),
        (Direction.INCREASE, 5e-324, 0.0, 1e300, None),  # a span too small to halve
        (Direction.INCREASE, 1.0, 0.0, 1.7e307, None),  # 1.7e309%: beyond a float
    ],
)
def test_progress_is_a_finite_figure_or_unknown_at_the_edges_of_floats(
    direction: Direction, target: float, baseline: float, latest: float, fraction: float | None
) -> None:
    c = pledge(
        value=target,
        direction=direction,
        baseline=Baseline(baseline),
        measurements=((D(2026, 1, 1), latest),),
    )
    assert progress(c, D(2026, 2, 1), PLEDGED).fraction == fraction  # type: ignore[union-attr]


def test_every_output_of_progress_at_the_edges_of_floats(gt: Run, tmp_path: Path) -> None:
    target = (
        '\n[commitments.target]\nmetric = "m"\nunit = "%"\nvalue = 1.7e308\n'
        'direction = "increase"\nbaseline = { value = -1.7e308 }\n\n'
        "[[commitments.measurements]]\ndate = 2025-11-05\nvalue = 1.7e308\n"
    )
    path = write_ledger(tmp_path, ledger_text(block("a-1") + target))
    at = ("--ledger", str(path))
    listed = gt(*at, "list", "--as-of", "2025-11-06")
    assert (listed.exit_code, listed.stdout.splitlines()[1]) == (
        0,
        "a-1\tMOFCOM\tTitle of a-1\tpledged\t\t████████ 100%\treached\t",
    )
    rows = json.loads(gt(*at, "export", "--format", "json", "--as-of", "2025-11-06").stdout)
    assert (rows[0]["progress"], rows[0]["latest"]) == (1.0, 1.7e308)
    csv = gt(*at, "export", "--format", "csv", "--as-of", "2025-11-06").stdout
    assert ",at least 1.7e+308%,100%,reached," in csv
    for args in (
        ("show", "a-1"),
        ("summary",),
        ("list", "--fields", "id,progress"),
        ("export", "--format", "html"),
        ("export", "--format", "svg"),
    ):
        result = gt(*at, *args, "--as-of", "2025-11-06")
        assert (result.exit_code, result.stderr) == (0, ""), args
        assert "100%" in result.stdout, args


@pytest.mark.parametrize(
    ("text", "pace"),
    [
        ("on track", Pace.ON_TRACK),
        ("On-Track", Pace.ON_TRACK),
        ("no_data", Pace.NO_DATA),
        (" BEHIND ", Pace.BEHIND),
    ],
)
def test_pace_parse(text: str, pace: Pace) -> None:
    assert Pace.parse(text) is pace


def test_pace_parse_names_the_labels() -> None:
    with pytest.raises(UsageError) as err:
        Pace.parse("slow")
    assert str(err.value) == (
        "unknown pace 'slow'; use one of: reached, on-track, behind, overdue, no-data"
    )


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@settings(deadline=None)  # no timing in tests: hypothesis would fail a slow example
@given(base=finite, gap=st.floats(min_value=1e-3, max_value=1e6), latest=finite)
def test_decrease_is_the_mirror_of_increase(base: float, gap: float, latest: float) -> None:
    when = ((D(2026, 1, 1), latest),)
    up = pledge(value=base + gap, baseline=Baseline(base), measurements=when)
    down = pledge(
        value=-(base + gap),
        direction=Direction.DECREASE,
        baseline=Baseline(-base),
        measurements=((D(2026, 1, 1), -latest),),
    )
    p_up = progress(up, D(2026, 2, 1), PLEDGED)
    p_down = progress(down, D(2026, 2, 1), PLEDGED)
    assert p_up is not None and p_down is not None
    assert p_up.fraction == pytest.approx(p_down.fraction)
    assert p_up.reached is p_down.reached
