"""Progress and pace in `gt list` and `gt show`, on a ledger with the issue's figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.measured_ledger import write_measured_ledger

HEADER = "id\tagency\ttitle\tstatus\tdeadline\tprogress\tpace\tflags"
ROWS = {
    "up-half": "up-half\tMIIT\tRaise the share from 10% to 40%\tin_progress\t2030\t████░░░░ 50%\ton track\t",
    "down-half": "down-half\tNEA\tCut the rate from 10% to 5%\tpledged\t2027\t████░░░░ 50%\ton track\t",
    "over": "over\tMIIT\tReach 40 from 10, and overshoot\tin_progress\t2030\t████████ 117%\treached\t",
    "one-point": "one-point\tNEA\tA target measured once, no baseline\tpledged\t2030\t—\tno data\t",
    "met-but-short": "met-but-short\tMIIT\tMarked met while the figure misses\tmet\t2026-06\t█████░░░ 67%\toverdue\t",
    "words-only": "words-only\tNEA\tA pledge without a number, due mid-2026\tpledged\t2026-06\t\toverdue\tstale",
    "late-pledge": "late-pledge\tSAMR\tA pledge made at a later briefing\tpledged\t\t\t\t",
}


@pytest.fixture
def measured(tmp_path: Path) -> str:
    return str(write_measured_ledger(tmp_path))


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_list_shows_progress_pace_and_flags(gt: Run, measured: str) -> None:
    result = gt("--ledger", measured, "list", "--as-of", "2026-07-02")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [HEADER, *ROWS.values()]


@pytest.mark.parametrize(
    ("paces", "ids"),
    [
        (["on track"], ["up-half", "down-half"]),
        (["On-Track", "reached"], ["up-half", "down-half", "over"]),
        (["overdue"], ["met-but-short", "words-only"]),
        (["no_data"], ["one-point"]),
        (["behind"], []),
    ],
)
def test_list_filters_on_pace(gt: Run, measured: str, paces: list[str], ids: list[str]) -> None:
    args = [arg for p in paces for arg in ("--pace", p)]
    result = gt("--ledger", measured, "list", "--as-of", "2026-07-02", *args)
    assert result.exit_code == 0
    if ids:
        assert result.stdout.splitlines() == [HEADER, *(ROWS[i] for i in ids)]
    else:
        assert (result.stdout, result.stderr) == ("", "No commitments match these filters.\n")


def test_list_refuses_an_unknown_pace(gt: Run, measured: str) -> None:
    result = gt("--ledger", measured, "list", "--pace", "slow")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "gt: error: unknown pace 'slow'; use one of: reached, on-track, behind, overdue, no-data\n"
    )


def test_stale_after_default_180_days(gt: Run, measured: str) -> None:
    # words-only was pledged on 2025-10-31 and never followed up: fresh for 180 days.
    fresh = gt("--ledger", measured, "list", "--stale", "--as-of", "2026-04-29")
    stale = gt("--ledger", measured, "list", "--stale", "--as-of", "2026-04-30")
    assert fresh.stderr == "No commitments match these filters.\n"
    # up-half and over had a history entry on 2025-11-15, down-half a measurement on
    # 2026-01-31; met-but-short was still pledged then (marked met on 2026-07-01).
    assert stale.stdout.splitlines() == [
        HEADER,
        "one-point\tNEA\tA target measured once, no baseline\tpledged\t2030\t—\tno data\tstale",
        "met-but-short\tMIIT\tMarked met while the figure misses\tpledged\t2026-06\t—\tno data\tstale",
        "words-only\tNEA\tA pledge without a number, due mid-2026\tpledged\t2026-06\t\t\tstale",
    ]


def test_stale_after_is_configurable_and_closed_pledges_are_never_stale(
    gt: Run, measured: str
) -> None:
    result = gt(
        "--ledger", measured, "list", "--stale", "--stale-after", "1", "--as-of", "2026-07-02"
    )
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()[1:]]
    # up-half, down-half, over, one-point were measured on 2026-06-30 (2 days before);
    # met-but-short is met (closed); late-pledge was pledged on 2026-03-01.
    assert ids == ["up-half", "down-half", "over", "one-point", "words-only", "late-pledge"]
    none = gt(
        "--ledger", measured, "list", "--stale", "--stale-after", "2", "--as-of", "2026-07-02"
    )
    assert [line.split("\t")[0] for line in none.stdout.splitlines()[1:]] == [
        "words-only",
        "late-pledge",
    ]


def test_stale_after_must_be_positive(gt: Run, measured: str) -> None:
    result = gt("--ledger", measured, "list", "--stale-after", "0")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "gt: error: --stale-after: must be a whole number of days, 1 or more, not 0\n"
    )


def test_as_of_ignores_later_measurements_and_later_pledges(gt: Run, measured: str) -> None:
    result = gt("--ledger", measured, "list", "--as-of", "2026-02-01")
    assert result.stdout.splitlines() == [
        HEADER,
        "up-half\tMIIT\tRaise the share from 10% to 40%\tin_progress\t2030\t—\tno data\t",
        "down-half\tNEA\tCut the rate from 10% to 5%\tpledged\t2027\t██░░░░░░ 20%\ton track\t",
        "over\tMIIT\tReach 40 from 10, and overshoot\tin_progress\t2030\t—\tno data\t",
        "one-point\tNEA\tA target measured once, no baseline\tpledged\t2030\t—\tno data\t",
        "met-but-short\tMIIT\tMarked met while the figure misses\tpledged\t2026-06\t—\tno data\t",
        "words-only\tNEA\tA pledge without a number, due mid-2026\tpledged\t2026-06\t\t\t",
    ]


def test_show_reports_progress_projection_and_trend(gt_tty: Run, measured: str) -> None:
    result = gt_tty("--ledger", measured, "show", "down-half", "--as-of", "2026-07-02")
    assert (result.exit_code, result.stderr) == (0, "")
    assert lines(result.stdout) == [
        "id        down-half",
        "title     Cut the rate from 10% to 5%",
        "agency    NEA · National Energy Administration",
        "status    pledged",
        "deadline  2027",
        "source    Briefing, SCIO, 2025-10-31 [brief]",
        "target    at most 5% (rate); baseline 10% on 2025-10-31",
        "progress  ████░░░░ 50% · on track · latest 7.5% on 2026-06-30 · projected 2.01% by 2027",
        "",
        "Quote",
        "“cut it below 5%”",
        "",
        "History: no status change recorded since the pledge.",
        "",
        "Measurements",
        "",
        "  Date         Value   Source   Note",
        " ────────────────────────────────────",
        "  2026-01-31      9%",
        "  2026-06-30    7.5%",
        "",
        "Trend  █▁  9% on 2026-01-31 → 7.5% on 2026-06-30",
    ]


def test_show_before_the_second_measurement_has_no_trend(gt_tty: Run, measured: str) -> None:
    result = gt_tty("--ledger", measured, "show", "down-half", "--as-of", "2026-02-01")
    out = lines(result.stdout)
    assert out[7] == "progress  ██░░░░░░ 20% · on track · latest 9% on 2026-01-31"
    assert out[-3:] == [" ────────────────────────────────────", "  2026-01-31      9%", ""]
    assert "Trend" not in result.stdout


def test_show_says_when_status_and_figures_disagree(gt_tty: Run, measured: str) -> None:
    short = lines(
        gt_tty("--ledger", measured, "show", "met-but-short", "--as-of", "2026-07-02").stdout
    )
    assert short[7:12] == [
        "progress  █████░░░ 67% · overdue · latest 30% on 2026-06-30",
        "",
        "Status and figures disagree: the status is met, but the latest value (30% on 2026-06-30) misses the",
        "target (at least 40%).",
        "",
    ]
    over = lines(gt_tty("--ledger", measured, "show", "over", "--as-of", "2026-07-02").stdout)
    assert over[7:11] == [
        "progress  ████████ 117% · reached · latest 45 plants on 2026-06-30",
        "",
        "Status and figures disagree: the latest value (45 plants on 2026-06-30) reaches the target (at least",
        "40 plants), but the status is in_progress.",
    ]
    agree = gt_tty("--ledger", measured, "show", "up-half", "--as-of", "2026-07-02").stdout
    assert "disagree" not in agree


def test_show_before_the_mark_shows_the_earlier_status_and_no_disagreement(
    gt_tty: Run, measured: str
) -> None:
    out = lines(
        gt_tty("--ledger", measured, "show", "met-but-short", "--as-of", "2026-06-30").stdout
    )
    assert out[3] == "status    pledged"
    assert out[7] == "progress  █████░░░ 67% · behind · latest 30% on 2026-06-30"
    assert "disagree" not in "\n".join(out)


def test_show_flags_stale_and_overdue(gt_tty: Run, measured: str) -> None:
    result = gt_tty("--ledger", measured, "show", "words-only", "--as-of", "2026-07-02")
    assert lines(result.stdout)[3] == (
        "status    pledged (overdue; stale: nothing recorded since 2025-10-31)"
    )
    fresh = gt_tty(
        "--ledger", measured, "show", "words", "--as-of", "2026-07-02", "--stale-after", "365"
    )
    assert lines(fresh.stdout)[3] == "status    pledged (overdue)"


def test_show_refuses_a_date_before_the_pledge(gt: Run, measured: str) -> None:
    result = gt("--ledger", measured, "show", "late-pledge", "--as-of", "2026-02-28")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "gt: error: late-pledge was pledged on 2026-03-01, after --as-of 2026-02-28; "
        "give --as-of 2026-03-01 or later\n"
    )


def test_show_escapes_ledger_text(gt_tty: Run, measured: str) -> None:
    out = gt_tty("--ledger", measured, "show", "up-half", "--as-of", "2026-07-02").stdout
    assert "  2026-06-30     25%   Annual report [2026]" in out


def test_piped_show_has_history_measurement_rows_and_the_trend(gt: Run, measured: str) -> None:
    recorded = gt(
        "--ledger", measured, "record", "up-half", "18", "--on", "2026-01-31",
        "--note", "first half",
    )  # fmt: skip
    assert recorded.exit_code == 0
    result = gt("--ledger", measured, "show", "up-half", "--as-of", "2026-07-02")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "id\tup-half\n"
        "title\tRaise the share from 10% to 40%\n"
        "agency\tMIIT · Ministry of Industry and Information Technology\n"
        "status\tin_progress\n"
        "deadline\t2030\n"
        "source\tBriefing, SCIO, 2025-10-31 [brief]\n"
        "target\tat least 40% (share); baseline 10%\n"
        "progress\t████░░░░ 50% · on track · latest 25% on 2026-06-30 · projected 101.77% by 2030\n"
        "\n"
        "Quote\n"
        "“raise it to 40%”\n"
        "\n"
        "History\n"
        "date\tstatus\tnote\tevidence\n"
        "2025-11-15\tin_progress\t\t\n"
        "\n"
        "Measurements\n"
        "date\tvalue\tsource\tnote\n"
        "2026-01-31\t18%\t\tfirst half\n"
        "2026-06-30\t25%\tAnnual report [2026]\t\n"
        "\n"
        "Trend  ▁█  18% on 2026-01-31 → 25% on 2026-06-30\n"
    )


def test_piped_show_gives_the_disagreement_on_one_line(gt: Run, measured: str) -> None:
    result = gt("--ledger", measured, "show", "met-but-short", "--as-of", "2026-07-02")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "id\tmet-but-short\n"
        "title\tMarked met while the figure misses\n"
        "agency\tMIIT · Ministry of Industry and Information Technology\n"
        "status\tmet\n"
        "deadline\t2026-06\n"
        "source\tBriefing, SCIO, 2025-10-31 [brief]\n"
        "target\tat least 40% (share); baseline 10%\n"
        "progress\t█████░░░ 67% · overdue · latest 30% on 2026-06-30\n"
        "\n"
        "Status and figures disagree: the status is met, but the latest value (30% on "
        "2026-06-30) misses the target (at least 40%).\n"
        "\n"
        "Quote\n"
        "“met but short”\n"
        "\n"
        "History\n"
        "date\tstatus\tnote\tevidence\n"
        "2026-07-01\tmet\t\tMinistry statement\n"
        "\n"
        "Measurements\n"
        "date\tvalue\tsource\tnote\n"
        "2026-06-30\t30%\t\t\n"
    )


def test_as_of_before_a_mark_shows_the_earlier_status(
    gt: Run, gt_tty: Run, ledger_path: Path
) -> None:
    marked = gt(
        "--ledger", str(ledger_path), "mark", "mofcom-fta-negotiations", "in_progress",
        "--on", "2026-03-01", "--note", "talks opened",
    )  # fmt: skip
    assert marked.exit_code == 0
    before = gt("--ledger", str(ledger_path), "list", "--search", "continue advancing free trade",
                "--as-of", "2026-02-28")  # fmt: skip
    after = gt("--ledger", str(ledger_path), "list", "--search", "continue advancing free trade",
               "--as-of", "2026-03-01")  # fmt: skip
    title = "Continue advancing free trade agreement negotiations"
    assert before.stdout.splitlines()[1:] == [
        f"mofcom-fta-negotiations\tMOFCOM\t{title}\tpledged\t\t\t\t"
    ]
    assert after.stdout.splitlines()[1:] == [
        f"mofcom-fta-negotiations\tMOFCOM\t{title}\tin_progress\t\t\t\t"
    ]
    shown = gt_tty("--ledger", str(ledger_path), "show", "mofcom-fta-neg", "--as-of", "2026-02-28")
    assert [line for line in lines(shown.stdout) if line.startswith("status")] == [
        "status    pledged"
    ]
    assert "History: no status change recorded since the pledge." in shown.stdout


def test_export_as_of_reports_the_figures_of_that_date(gt: Run, measured: str) -> None:
    csv_text = gt("--ledger", measured, "export", "--as-of", "2026-02-01").stdout
    rows = [line.split(",")[0] for line in csv_text.splitlines()[1:]]
    assert "late-pledge" not in rows
    assert csv_text.splitlines()[2].startswith(
        "down-half,NEA,Cut the rate from 10% to 5%,pledged,2027,at most 5%,20%,on track,,"
    )
    data = json.loads(
        gt("--ledger", measured, "export", "-f", "json", "--as-of", "2026-02-01").stdout
    )
    by_id = {item["id"]: item for item in data}
    assert [item["id"] for item in data] == list(ROWS)[:-1]
    assert (by_id["down-half"]["progress"], by_id["down-half"]["latest"]) == (0.2, 9.0)
    assert by_id["down-half"]["measurements"] == [
        {"date": "2026-01-31", "value": 9.0, "source": None, "note": None}
    ]
    assert (by_id["up-half"]["progress"], by_id["up-half"]["measurements"]) == (None, [])
    assert by_id["met-but-short"]["status"] == "pledged"
    later = json.loads(
        gt("--ledger", measured, "export", "-f", "json", "--as-of", "2026-07-02").stdout
    )
    assert {item["id"]: item["progress"] for item in later} == {
        "up-half": 0.5,
        "down-half": 0.5,
        "over": 35 / 30,
        "one-point": None,
        "met-but-short": 20 / 30,
        "words-only": None,
        "late-pledge": None,
    }
