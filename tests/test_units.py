"""Library units: deadlines, statuses, agencies, quote matching, the TOML index."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greentrade_cli.errors import DeadlineFormatError, UsageError
from greentrade_cli.ledgerfile.tomlmap import scan
from greentrade_cli.model.agency import Agency, resolve_agency
from greentrade_cli.model.deadline import Deadline, Precision
from greentrade_cli.model.source import fold_text, quote_found
from greentrade_cli.model.status import Status


@pytest.mark.parametrize(
    ("text", "precision", "due"),
    [
        ("2030", Precision.YEAR, dt.date(2030, 12, 31)),
        ("2030-02", Precision.MONTH, dt.date(2030, 2, 28)),
        ("2028-02", Precision.MONTH, dt.date(2028, 2, 29)),
        ("2030-06-15", Precision.DAY, dt.date(2030, 6, 15)),
    ],
)
def test_deadline_falls_due_at_the_end_of_its_period(
    text: str, precision: Precision, due: dt.date
) -> None:
    deadline = Deadline.parse(text)
    assert (deadline.text, deadline.precision, deadline.due) == (text, precision, due)
    assert not deadline.has_passed(due)
    assert deadline.has_passed(due + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2030-02-30", "'2030-02-30' is not a real date (day is out of range for month)"),
        ("2030-13", "'2030-13' is not a real date (month must be in 1..12)"),
        ("2030-00", "'2030-00' is not a real date (month must be in 1..12)"),
        ("30", "'30' is not a deadline; write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2030/06", "'2030/06' is not a deadline; write YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_impossible_deadlines(text: str, message: str) -> None:
    with pytest.raises(DeadlineFormatError) as caught:
        Deadline.parse(text)
    assert str(caught.value) == message


def test_status_parse_accepts_any_case_and_hyphens() -> None:
    assert Status.parse("Partially-Met") is Status.PARTIALLY_MET
    assert Status.parse(" IN PROGRESS ") is Status.IN_PROGRESS
    with pytest.raises(UsageError) as caught:
        Status.parse("kept")
    assert caught.value.exit_code == 2


def test_agency_resolution_by_any_name() -> None:
    agencies = [
        Agency("PBOC", "People's Bank of China", "中国人民银行", ("PBC", "central bank")),
        Agency("MIIT", "Ministry of Industry and Information Technology"),
    ]
    for name in ("pboc", "people's bank of china", "中国人民银行", "Central Bank", " PBC "):
        assert resolve_agency(agencies, name).code == "PBOC"
    with pytest.raises(UsageError) as caught:
        resolve_agency(agencies, "")
    assert str(caught.value) == (
        "unknown agency ''; use one of: PBOC (People's Bank of China), MIIT (Ministry of Industry and Information Technology)"
    )


def test_quotes_fold_only_white_space_and_typographic_quotes() -> None:
    archived = "He said:\u00a0 “points,\n lines” and ‘surfaces’."
    assert fold_text(archived) == "He said: \"points, lines\" and 'surfaces'."
    assert quote_found('said: "points, lines" and', archived)
    assert not quote_found("said: points, lines", archived)
    assert not quote_found("He Said", archived)


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from('ab "\u201c\u201d\u2018\u2019\u00a0\t\n\u2028\u3000'), max_size=30),
    st.data(),
)
def test_a_quote_written_as_in_the_archive_is_found_once_both_are_folded(
    archived: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(archived)))
    quote = archived[start : data.draw(st.integers(start, len(archived)))]
    assert quote_found(quote, archived)  # what the quote check skips folding for


def test_scan_finds_blocks_keys_and_table_array_entries() -> None:
    text = (
        '# head\nschema = 1\n\n[agencies.X]\nname = "x"\n\n'
        '[[commitments]]\nid = "a"\nquote = """two\nlines [[commitments]]"""\n\n'
        "[[commitments.history]]\ndate = 2025-01-01\n\n[[commitments.history]]\ndate = 2025-02-01\n\n"
        '# about b\n[[commitments]]\nid = "b"\n\n[commitments.target]\nvalue = 1.0\n'
    )
    where = scan(text)
    assert where.blocks == [(6, 16), (18, 23)]
    assert where.line("agencies.X", "name") == 5
    assert where.line("commitments[0]", "quote") == 9
    assert where.line("commitments[0].history[1]", "date") == 16
    assert where.line("commitments[1].target", "value") == 23
    assert where.line("commitments[0].history[0]", "date") == 13


def test_percentages_round_half_up() -> None:
    from greentrade_cli.tracking.fields import bar
    from greentrade_cli.tracking.report import format_percent

    assert [format_percent(f) for f in (0.125, 0.5, 1.1666, 0.0049, None)] == [
        "13%",
        "50%",
        "117%",
        "0%",
        "—",
    ]
    assert [bar(f) for f in (0.0625, -0.2, 1.4)] == ["█░░░░░░░", "░░░░░░░░", "████████"]


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (40.0, "%", "40%"),
        (0.333333333, "", "0.333333"),
        (1234.5678, "t", "1,234.57 t"),
        (2_000_000.0, "t", "2,000,000 t"),
        (1_234_567.5, "bn yuan", "1,234,567.5 bn yuan"),
        (-2_500_000.25, "t", "-2,500,000.25 t"),
        (999_999_999_999_999.0, "", "999,999,999,999,999"),
        (1e20, "", "1e+20"),
    ],
)
def test_values_are_written_out_in_full_up_to_a_thousand_trillion(
    value: float, unit: str, shown: str
) -> None:
    from greentrade_cli.tracking.report import format_value

    assert format_value(value, unit) == shown


@pytest.mark.parametrize(
    ("width", "dropped"),
    [(100, ()), (80, ("progress", "agency")), (60, ("deadline", "progress", "pace", "agency"))],
)
def test_status_table_keeps_every_id_on_one_line(width: int, dropped: tuple[str, ...]) -> None:
    from rich.console import Console

    from greentrade_cli.ledgerfile import storage
    from greentrade_cli.render.views import status_table
    from greentrade_cli.tracking.query import Selection, select
    from greentrade_cli.tracking.report import status_rows
    from tests.conftest import BRIEFING_LEDGER

    ledger = storage.load(BRIEFING_LEDGER).ledger
    as_of = dt.date(2026, 11, 29)
    rows = status_rows(ledger, select(ledger, Selection(as_of)), as_of)
    fitted = status_table(rows, width)
    console = Console(record=True, width=width, color_system=None)
    console.print(fitted.table)
    lines = console.export_text().splitlines()
    assert (max(len(line) for line in lines), fitted.dropped) == (width, dropped)
    starts = {line.split()[0] for line in lines if line.strip()}
    assert [row.commitment.id for row in rows if row.commitment.id not in starts] == []


@settings(max_examples=2000)
@given(
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.integers(-(10**6), 10**6).map(lambda n: n + 0.5),  # halves
        st.integers(-(10**6), 10**6).map(lambda n: n / 8),
        st.integers(0, 10**5).map(lambda n: n / 1000),  # fractions as written: 0.145
        st.floats(0, 2),
    ),
    st.sampled_from([1, 8, 100]),
)
def test_round_half_up_is_decimal_half_up_of_the_written_value(value: float, scale: int) -> None:
    from decimal import ROUND_HALF_UP, Decimal

    from greentrade_cli.tracking.report import round_half_up

    exact = Decimal(repr(value)) * scale
    expected = int(exact.to_integral_value(rounding=ROUND_HALF_UP))
    assert round_half_up(value, scale) == expected


def test_percentages_at_a_half_as_written_round_up() -> None:
    from greentrade_cli.tracking.report import format_percent, round_half_up

    # 0.145 * 100 is 14.499999999999998 in binary: still 15%, as the fraction reads
    assert [format_percent(f) for f in (0.145, 0.285, 0.565, 0.575, -0.145)] == [
        "15%",
        "29%",
        "57%",
        "58%",
        "-15%",
    ]
    with pytest.raises(OverflowError):
        round_half_up(float("inf"))
    assert [round_half_up(v) for v in (12.5, -12.5, 0.49999999999999994)] == [13, -13, 0]
