"""`gt record`: measurements appended in date order, only that commitment's lines changed."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greentrade_cli.errors import DataError, NoTargetError, UsageError
from greentrade_cli.ledgerfile import storage
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.status import Status
from greentrade_cli.model.target import Direction, Target
from greentrade_cli.tracking.recording import parse_value, record_measurement
from tests.conftest import BRIEFING_LEDGER, Run, as_growth_rate

FACTORIES = "miit-green-factories-2030"
PLEDGED = dt.date(2025, 10, 31)


def test_record_appends_in_date_order_and_changes_only_that_block(
    gt: Run, ledger_path: Path
) -> None:
    before = ledger_path.read_text(encoding="utf-8")
    first = gt(
        "--ledger", str(ledger_path), "record", FACTORIES, "31.5",
        "--on", "2026-06-30", "--source", "MIIT annual report",
    )  # fmt: skip
    second = gt("--ledger", str(ledger_path), "record", "miit-green-f", "28", "--on", "2025-12-31")
    assert (first.exit_code, first.stdout) == (0, "")
    assert first.stderr == f"{FACTORIES}: recorded 31.5% on 2026-06-30 (1 measurement(s))\n"
    assert second.stderr == f"{FACTORIES}: recorded 28% on 2025-12-31 (2 measurement(s))\n"
    anchor = '    "manufacturing",\n]\n\n[commitments.target]\nmetric = "Output value share'
    assert before.count(anchor) == 1
    expected = before.replace(
        anchor,
        '    "manufacturing",\n]\n'
        "measurements = [\n"
        "    { date = 2025-12-31, value = 28.0 },\n"
        '    { date = 2026-06-30, value = 31.5, source = "MIIT annual report" },\n'
        "]\n\n"
        '[commitments.target]\nmetric = "Output value share',
    )
    assert ledger_path.read_text(encoding="utf-8") == expected
    c = storage.load(ledger_path).ledger.find(FACTORIES)
    assert c.measurements == (
        Measurement(dt.date(2025, 12, 31), 28.0),
        Measurement(dt.date(2026, 6, 30), 31.5, "MIIT annual report"),
    )


def test_record_with_a_note_and_a_negative_value_after_double_dash(
    gt: Run, ledger_path: Path
) -> None:
    as_growth_rate(ledger_path)
    result = gt(
        "--ledger", str(ledger_path), "record", FACTORIES,
        "--on", "2026-01-15", "--note", "revised [down]", "--", "-4",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stderr == f"{FACTORIES}: recorded -4% on 2026-01-15 (1 measurement(s))\n"
    c = storage.load(ledger_path).ledger.find(FACTORIES)
    assert c.measurements == (Measurement(dt.date(2026, 1, 15), -4.0, "", "revised [down]"),)


def test_a_value_in_the_millions_is_written_out_where_it_is_shown(
    gt: Run, ledger_path: Path
) -> None:
    as_growth_rate(ledger_path)
    recorded = gt(
        "--ledger", str(ledger_path), "record", FACTORIES, "1,234,567.5", "--on", "2026-01-15"
    )
    assert recorded.stderr == (
        f"{FACTORIES}: recorded 1,234,567.5% on 2026-01-15 (1 measurement(s))\n"
    )
    shown = gt("--ledger", str(ledger_path), "show", FACTORIES, "--as-of", "2026-02-01")
    assert "2026-01-15\t1,234,567.5%\t\t\n" in shown.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ("mofcom-green-trade-capacity", "3", "--on", "2026-01-01"),
            1,
            "mofcom-green-trade-capacity has no numeric target, so there is nothing to measure; "
            "only a pledge with a [commitments.target] table takes measurements "
            "(use `gt mark` to record its status)",
        ),
        (
            (FACTORIES, "nan", "--on", "2026-01-01"),
            2,
            "VALUE: 'nan' is not a finite number; give a measured value",
        ),
        (
            (FACTORIES, "--on", "2026-01-01", "--", "-inf"),
            2,
            "VALUE: '-inf' is not a finite number; give a measured value",
        ),
        (
            (FACTORIES, "40%", "--on", "2026-01-01"),
            2,
            "VALUE: '40%' is not a number; give the value in the target's unit as a plain "
            "number, e.g. 32.5 for 32.5%",
        ),
        (
            (FACTORIES, "2,00", "--on", "2026-01-01"),
            2,
            "VALUE: '2,00' is not a number gt can read unambiguously; commas may only "
            "separate thousands (2,000); write decimals with a point (2.5)",
        ),
        (
            (FACTORIES, "30", "--on", "2026-02-30"),
            2,
            "--on: '2026-02-30' is not a real date (day is out of range for month)",
        ),
        (
            ("nothing-like-it", "30", "--on", "2026-01-01"),
            1,
            "no commitment with id 'nothing-like-it'; run `gt list` to see the ids",
        ),
    ],
)
def test_record_refusals_leave_the_ledger_untouched(
    gt: Run, ledger_path: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    before = ledger_path.read_bytes()
    result = gt("--ledger", str(ledger_path), "record", *args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr == f"gt: error: {message}\n"
    assert ledger_path.read_bytes() == before


@pytest.mark.parametrize(
    ("value", "shown"), [("2,000", "2000"), ("1e308", "1e+308"), ("-0.5", "-0.5")]
)
def test_a_share_is_recorded_from_0_to_100_percent_only(
    gt: Run, ledger_path: Path, value: str, shown: str
) -> None:
    before = ledger_path.read_bytes()
    result = gt(
        "--ledger", str(ledger_path), "record", FACTORIES, "--on", "2026-01-01", "--", value
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"gt: error: {FACTORIES}: {shown}% is not a possible value: the metric names a share, "
        "which is 0 to 100%; give percentage points (40 for 40%)\n",
    )
    assert ledger_path.read_bytes() == before


def test_the_ends_of_a_share_and_a_percentage_that_is_no_share_are_recorded(
    gt: Run, ledger_path: Path
) -> None:
    at = ("--ledger", str(ledger_path), "record")
    said = [
        gt(*at, FACTORIES, "0", "--on", "2026-01-01").stderr,
        gt(*at, FACTORIES, "100", "--on", "2026-02-01").stderr,
        gt(*at, "mofcom-apec-egl-tariffs", "125", "--on", "2026-01-01").stderr,  # a tariff rate
    ]
    assert said == [
        f"{FACTORIES}: recorded 0% on 2026-01-01 (1 measurement(s))\n",
        f"{FACTORIES}: recorded 100% on 2026-02-01 (2 measurement(s))\n",
        "mofcom-apec-egl-tariffs: recorded 125% on 2026-01-01 (1 measurement(s))\n",
    ]


def test_record_on_the_pledge_day_is_accepted(gt: Run, ledger_path: Path) -> None:
    result = gt("--ledger", str(ledger_path), "record", FACTORIES, "25", "--on", "2025-10-31")
    assert result.exit_code == 0


def test_record_refuses_the_bundled_ledger(gt: Run) -> None:
    before = BRIEFING_LEDGER.read_bytes()
    result = gt("record", FACTORIES, "30", "--on", "2026-01-01")
    assert result.exit_code == 1
    assert result.stderr == (
        "gt: error: the bundled briefing ledger is read-only; run `gt init` to write an "
        "editable ./commitments.toml (or pass --ledger PATH), then run this again\n"
    )
    assert BRIEFING_LEDGER.read_bytes() == before


def test_parse_value_reads_plain_numbers() -> None:
    assert parse_value(" 32.5 ") == 32.5
    assert parse_value("1e3") == 1000.0
    assert parse_value("-4") == -4.0
    assert parse_value("2,000") == 2000.0
    assert parse_value("-1,234,567.5") == -1234567.5


def quantitative(*dates: dt.date) -> Commitment:
    return Commitment(
        id="x",
        title="t",
        agency="MIIT",
        source="s",
        quote="q",
        status=Status.PLEDGED,
        measurements=tuple(Measurement(d, float(i)) for i, d in enumerate(dates)),
        target=Target("share", "%", 40.0, Direction.INCREASE),
    )


def test_library_refuses_what_the_cli_refuses() -> None:
    bare = Commitment("x", "t", "MIIT", "s", "q", Status.PLEDGED)
    with pytest.raises(NoTargetError):
        record_measurement(bare, Measurement(PLEDGED, 1.0))
    with pytest.raises(DataError, match=r"^x: nan is not a finite number$"):
        record_measurement(quantitative(), Measurement(PLEDGED, math.nan))
    with pytest.raises(UsageError):
        parse_value("")


def test_same_day_measurement_goes_after_the_existing_ones() -> None:
    day = dt.date(2026, 1, 1)
    c = record_measurement(quantitative(day, day), Measurement(day, 9.0, note="new"))
    assert [m.value for m in c.measurements] == [0.0, 1.0, 9.0]


dates = st.dates(min_value=PLEDGED, max_value=dt.date(2035, 12, 31))


@settings(deadline=None)  # no timing in tests: hypothesis would fail a slow example
@given(existing=st.lists(dates, max_size=8), new=dates)
def test_recording_keeps_measurements_in_date_order(existing: list[dt.date], new: dt.date) -> None:
    c = quantitative(*sorted(existing))
    changed = record_measurement(c, Measurement(new, 99.0))
    recorded = [m.date for m in changed.measurements]
    assert recorded == sorted(recorded)
    assert len(recorded) == len(existing) + 1
    assert Measurement(new, 99.0) in changed.measurements
    assert set(c.measurements) <= set(changed.measurements)


def test_a_negative_value_is_a_value_not_an_option(gt: Run, ledger_path: Path) -> None:
    as_growth_rate(ledger_path)
    result = gt(
        "--ledger", str(ledger_path), "record", "miit-green-factories", "-5", "--on", "2026-01-01"
    )
    assert (result.exit_code, result.stderr) == (
        0,
        "miit-green-factories-2030: recorded -5% on 2026-01-01 (1 measurement(s))\n",
    )


def test_a_repeated_record_is_recorded_already_and_writes_nothing(
    gt: Run, ledger_path: Path
) -> None:
    record = ("--ledger", str(ledger_path), "record", "miit-green-factories-2030", "12.5")
    first = gt(*record, "--on", "2026-03-31")
    assert (
        first.stderr
        == "miit-green-factories-2030: recorded 12.5% on 2026-03-31 (1 measurement(s))\n"
    )
    written = ledger_path.read_bytes()
    again = gt(*record, "--on", "2026-03-31")
    assert (again.exit_code, again.stderr) == (
        0,
        "miit-green-factories-2030: 12.5% on 2026-03-31 is recorded already; nothing written\n",
    )
    assert ledger_path.read_bytes() == written


@pytest.mark.parametrize(
    ("args", "value", "note"),
    [
        (("-1e5",), -1e5, ""),
        (("-3.5", "--note", "-5% drop"), -3.5, "-5% drop"),
        (("--note", "-5", "-2"), -2.0, "-5"),
        (("-n", "-5", "--", "-2"), -2.0, "-5"),
    ],
)
def test_a_negative_value_is_a_value_wherever_it_stands(
    gt: Run, ledger_path: Path, args: tuple[str, ...], value: float, note: str
) -> None:
    cid = "miit-green-factories-2030"
    as_growth_rate(ledger_path)
    result = gt("--ledger", str(ledger_path), "record", "--on", "2026-03-31", cid, *args)
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    (measured,) = storage.load(ledger_path).ledger.find(cid).measurements
    assert (measured.value, measured.note) == (value, note)
