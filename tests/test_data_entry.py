"""Entering a new briefing's data: grouped numbers, readable ids, figures older than the
pledge, repeated records, year and month bounds, and global options after the command."""

from __future__ import annotations

from pathlib import Path

import pytest

from greentrade_cli.cli.registry import hoisted
from greentrade_cli.errors import UsageError
from greentrade_cli.ledgerfile import storage
from greentrade_cli.model.dates import parse_bound
from greentrade_cli.model.numbers import parse_number
from tests.conftest import Run, as_growth_rate

FACTORIES = "miit-green-factories-2030"
QUOTE = "We will actively participate in discussions on green development-related issues"


@pytest.mark.parametrize(
    ("text", "value"),
    [("2,000", 2000.0), ("-1,234,567.5", -1234567.5), (" 40 ", 40.0), ("1e3", 1000.0)],
)
def test_numbers_with_thousands_separators_are_read(text: str, value: float) -> None:
    assert parse_number(text, "--target-value") == value


NOT_A_NUMBER = "is not a number; write a plain number such as 32.5 or 2,000"
AMBIGUOUS = (
    "is not a number gt can read unambiguously; commas may only separate thousands (2,000); "
    "write decimals with a point (2.5)"
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        *(
            (t, NOT_A_NUMBER)
            for t in ["1_000", "\u0664\u0660", "\uff14\uff10", "0x10", "1e", "40%"]
        ),
        *((t, AMBIGUOUS) for t in ["2,00", "2,0000", "1,23,456", ",200", "2,000,", "2.000,5"]),
    ],
)
def test_only_plain_ascii_numbers_with_commas_between_thousands_are_read(
    text: str, problem: str
) -> None:
    with pytest.raises(UsageError) as caught:
        parse_number(text, "--target-value")
    assert str(caught.value) == f"--target-value: {text!r} {problem}"


def test_minus_zero_is_read_as_zero() -> None:
    assert str(parse_number("-0", "--baseline")) == "0.0"


def test_add_reads_a_grouped_target_and_derives_a_readable_id(gt: Run, ledger_path: Path) -> None:
    result = gt(
        "add", "--ledger", str(ledger_path), "--title", "Keep coal's share of power under 2,000 GW",
        "--agency", "MOFCOM", "--source", "scio-2025-10-31", "--quote", QUOTE,
        "--metric", "Coal power capacity", "--target-value", "2,000", "--target-unit", "GW",
        "--baseline", "2,100",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        0,
        "added mofcom-keep-coals-share-power-2000-gw\n",
    )
    added = storage.load(ledger_path).ledger.find("mofcom-keep-coals-share-power-2000-gw")
    assert added.target is not None
    assert (added.target.value, added.target.baseline and added.target.baseline.value) == (
        2000.0,
        2100.0,
    )
    refused = gt(
        "--ledger", str(ledger_path), "add", "--title", "x", "--agency", "MOFCOM",
        "--source", "scio-2025-10-31", "--quote", QUOTE, "--metric", "m",
        "--target-value", "2,00", "--target-unit", "GW", "--direction", "decrease",
    )  # fmt: skip
    assert (refused.exit_code, refused.stderr) == (
        2,
        "gt: error: --target-value: '2,00' is not a number gt can read unambiguously; commas "
        "may only separate thousands (2,000); write decimals with a point (2.5)\n",
    )


def test_a_figure_older_than_the_pledge_is_shown_as_such_and_is_the_baseline(
    gt: Run, ledger_path: Path
) -> None:
    base = ("--ledger", str(ledger_path))
    early = gt(*base, "record", FACTORIES, "25", "--on", "2025-06-30")
    assert (early.exit_code, early.stderr) == (
        0,
        f"{FACTORIES}: recorded 25% on 2025-06-30 (1 measurement(s))\n",
    )
    assert gt(*base, "record", FACTORIES, "32.5", "--on", "2026-06-30").exit_code == 0
    shown = gt(*base, "show", FACTORIES, "--as-of", "2026-07-01").stdout.splitlines()
    assert shown[shown.index("Measurements") :][:4] == [
        "Measurements",
        "date\tvalue\tsource\tnote",
        "2025-06-30 (before the pledge)\t25%\t\t",
        "2026-06-30\t32.5%\t\t",
    ]
    # (32.5 - 25) / (40 - 25): the older figure is the baseline
    assert shown[9].startswith("progress\t████░░░░ 50% · on track · latest 32.5% on 2026-06-30")
    assert gt(*base, "check").exit_code == 0


def test_recording_the_same_value_and_date_again_writes_nothing(gt: Run, ledger_path: Path) -> None:
    base = ("--ledger", str(ledger_path))
    as_growth_rate(ledger_path)  # a share is 0 to 100%
    assert gt(*base, "record", FACTORIES, "1,000", "--on", "2026-01-01").exit_code == 0
    before = ledger_path.read_bytes()
    again = gt(*base, "record", FACTORIES, "1000", "--on", "2026-01-01", "--note", "again")
    assert (again.exit_code, again.stdout, again.stderr) == (
        0,
        "",
        f"{FACTORIES}: 1,000% on 2026-01-01 is recorded already; nothing written\n",
    )
    assert ledger_path.read_bytes() == before
    other = gt(*base, "record", FACTORIES, "1001", "--on", "2026-01-01")
    assert other.stderr == f"{FACTORIES}: recorded 1,001% on 2026-01-01 (2 measurement(s))\n"


@pytest.mark.parametrize(
    ("text", "first_day"),
    [("2028", "2028-01-01"), ("2028-06", "2028-06-01"), ("2028-06-15", "2028-06-15")],
)
def test_due_before_a_year_or_month_means_before_its_start(text: str, first_day: str) -> None:
    assert parse_bound(text, "--due-before").isoformat() == first_day


def test_due_before_a_year_on_the_command_line(gt: Run) -> None:
    def ids(*args: str) -> list[str]:
        out = gt("list", "--as-of", "2026-01-01", *args).stdout.splitlines()[1:]
        return [line.split("\t")[0] for line in out]

    assert ids("--due-before", "2030") == []
    assert ids("--due-before", "2031") == ids("--due-before", "2031-01-01")
    assert "miit-green-factories-2030" in ids("--due-before", "2031")
    assert "miit-green-factories-2030" not in ids("--due-before", "2030-12")
    refused = gt("list", "--due-before", "2030-13")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "gt: error: --due-before: '2030-13' is not a real month; months run from 01 to 12\n",
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["list", "--ledger", "x.toml", "-a", "MIIT"],
            ["--ledger", "x.toml", "list", "-a", "MIIT"],
        ),
        (["source", "add", "s", "--color=never"], ["--color=never", "source", "add", "s"]),
        (["--ledger", "a", "list"], ["--ledger", "a", "list"]),
        (["record", "x", "--", "--ledger"], ["record", "x", "--", "--ledger"]),
    ],
)
def test_global_options_after_the_command_move_in_front(
    args: list[str], expected: list[str]
) -> None:
    assert hoisted(args) == expected


def test_global_options_are_taken_after_the_command_name(gt: Run, ledger_path: Path) -> None:
    listed = gt("list", "--agency", "PBOC", "--ledger", str(ledger_path), "--color", "never")
    assert listed.exit_code == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 4
    recorded = gt("record", FACTORIES, "30", "--on", "2026-01-01", "--ledger", str(ledger_path))
    assert recorded.stderr == f"{FACTORIES}: recorded 30% on 2026-01-01 (1 measurement(s))\n"
    added = gt(
        "source", "add", "s2", "--title", "T", "--publisher", "P", "--date", "2025-11-12",
        f"--ledger={ledger_path}",
    )  # fmt: skip
    assert added.stderr == "added source s2\n"
