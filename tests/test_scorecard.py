"""`gt scorecard`: verdicts per agency and overall, as text, rows and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.small_ledgers import block, ledger_text, write_ledger

AS_OF = ("--as-of", "2026-11-29")


def history(*entries: tuple[str, str]) -> str:
    """Inline TOML for history entries ``(date, status)``."""
    return (
        "[" + ", ".join(f'{{date = {d}, status = "{s}", evidence = "e"}}' for d, s in entries) + "]"
    )


def one_of_each(folder: Path) -> Path:
    """Seven pledges of one agency: each status once; the met one kept after its deadline,
    the pledged one overdue; the missed one for want of funding, the stalled one first for
    an external shock, then deprioritised."""
    return write_ledger(
        folder,
        ledger_text(
            block("a-met-late", status="met", deadline='"2025-12"',
                  history=history(("2026-01-15", "met"))),
            block("b-met-on-time", status="met", deadline='"2026"',
                  history=history(("2026-03-01", "in_progress"), ("2026-06-30", "met"))),
            block("c-partial", status="partially_met", history=history(("2026-02-01", "partially_met"))),
            block("d-missed", status="missed",
                  history='[{date = 2026-02-01, status = "missed", reason = "no_funding"}]'),
            block("e-withdrawn", status="withdrawn", history=history(("2026-02-01", "withdrawn"))),
            block("f-stalled", status="stalled",
                  history='[{date = 2026-01-10, status = "stalled", reason = "external_shock"}, '
                          '{date = 2026-02-01, status = "stalled", reason = "deprioritised"}]'),
            block("g-pledged-overdue", deadline='"2026-06"'),
        ),
    )  # fmt: skip


def test_the_bundled_ledger_scorecard_as_rows(gt: Run) -> None:
    result = gt("scorecard", *AS_OF)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Scorecard as of 2026-11-29\n"
        "agency\ttotal\tkept\tkept_in_part\tbroken\tin_the_works\tnot_yet_rated\tshare_kept"
        "\tkept_on_time\tkept_late\toverdue\n"
        "MOFCOM\t16\t1\t0\t0\t4\t11\t6%\t1\t0\t0\n"
        "MIIT\t4\t0\t0\t0\t0\t4\t0%\t0\t0\t0\n"
        "PBOC\t3\t0\t0\t0\t0\t3\t0%\t0\t0\t0\n"
        "SAMR\t0\t0\t0\t0\t0\t0\t—\t0\t0\t0\n"
        "all\t23\t1\t0\t0\t4\t18\t4%\t1\t0\t0\n"
        "\n"
        "Reasons given for broken and in-the-works pledges\n"
        "reason\tMOFCOM\tMIIT\tPBOC\tSAMR\tall\n"
        "deprioritised\t0\t0\t0\t0\t0\n"
        "policy_changed\t0\t0\t0\t0\t0\n"
        "external_shock\t0\t0\t0\t0\t0\n"
        "superseded\t0\t0\t0\t0\t0\n"
        "no_funding\t0\t0\t0\t0\t0\n"
        "other\t0\t0\t0\t0\t0\n"
    )


def test_each_verdict_late_and_overdue(gt: Run, tmp_path: Path) -> None:
    path = one_of_each(tmp_path / "l")
    result = gt("--ledger", str(path), "scorecard", "--json", *AS_OF)
    assert result.exit_code == 0, result.stderr
    score = {
        "agency": "MOFCOM",
        "name": "Ministry of Commerce",
        "total": 7,
        "kept": 2,
        "kept_in_part": 1,
        "broken": 2,
        "in_the_works": 1,
        "not_yet_rated": 1,
        "share_kept": 2 / 7,
        "kept_on_time": 1,
        "kept_late": 1,
        "overdue": 1,
        "reasons": {
            "deprioritised": 1,
            "policy_changed": 0,
            "external_shock": 0,
            "superseded": 0,
            "no_funding": 1,
            "other": 0,
        },
    }
    assert json.loads(result.stdout) == {
        "as_of": "2026-11-29",
        "agencies": [score],
        "all": {**score, "agency": "all", "name": "All agencies"},
    }


def test_a_report_date_before_the_changes_rates_them_as_they_stood(gt: Run, tmp_path: Path) -> None:
    path = one_of_each(tmp_path / "l")
    result = gt("--ledger", str(path), "scorecard", "--as-of", "2026-01-31")
    lines = result.stdout.splitlines()
    assert lines[3] == "all\t7\t1\t0\t0\t1\t5\t14%\t0\t1\t0"
    assert lines[6:] == [
        "reason\tMOFCOM\tall",
        "deprioritised\t0\t0",
        "policy_changed\t0\t0",
        "external_shock\t1\t1",
        "superseded\t0\t0",
        "no_funding\t0\t0",
        "other\t0\t0",
    ]


def test_the_terminal_table_has_a_bar_per_agency(gt_tty: Run, tmp_path: Path) -> None:
    path = one_of_each(tmp_path / "l")
    result = gt_tty("--ledger", str(path), "scorecard", *AS_OF)
    assert result.exit_code == 0
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "Scorecard as of 2026-11-29",
        "",
        "                         Kept          In the  Not yet  Share           On",
        " Agency  Total  Kept  in part  Broken   works    rated  kept          time  Late  Overdue",
        " ────────────────────────────────────────────────────────────────────────────────────────",
        " MOFCOM      7     2        1       2       1        1  ██░░░░░░ 29%     1     1        1",
        "",
        " all         7     2        1       2       1        1  ██░░░░░░ 29%     1     1        1",
        "",
        "Reasons given for broken and in-the-works pledges",
        "",
        " Reason          MOFCOM  all",
        " ───────────────────────────",
        " deprioritised        1    1",
        " policy_changed       0    0",
        " external_shock       0    0",
        " superseded           0    0",
        " no_funding           1    1",
        " other                0    0",
        "",
    ]


def test_kept_on_time_and_overdue_read_the_deadline_in_force(gt: Run, tmp_path: Path) -> None:
    """Both pledges were due by 2025-12 and put back to 2026-12 on 2026-02-01; the first
    met in June 2026 (on time against the revised deadline), the second still pledged."""
    was = '[{date = 2026-02-01, note = "put back", deadline = "2025-12"}]'
    path = write_ledger(
        tmp_path / "l",
        ledger_text(
            block("a-met", status="met", deadline='"2026-12"', revisions=was,
                  history=history(("2026-06-30", "met"))),
            block("b-open", deadline='"2026-12"', revisions=was),
        ),
    )  # fmt: skip

    def figures(day: str) -> tuple[int, int, int]:
        result = gt("--ledger", str(path), "scorecard", "--json", "--as-of", day)
        card = json.loads(result.stdout)["all"]
        return card["kept_on_time"], card["kept_late"], card["overdue"]

    assert figures("2026-01-15") == (0, 0, 2)  # the 2025-12 deadline was in force
    assert figures("2026-03-01") == (0, 0, 0)
    assert figures("2026-11-29") == (1, 0, 0)
    assert figures("2027-01-01") == (1, 0, 1)


def test_an_80_column_terminal_leaves_out_the_least_telling_columns_and_says_so(
    gt_tty: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = gt_tty("scorecard", "--as-of", "2026-01-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Scorecard as of 2026-01-01",
        "",
        "                         Kept          In the  Not yet  Share",
        " Agency  Total  Kept  in part  Broken   works    rated  kept         Overdue",
        " " + "─" * 75,
        " MOFCOM     16     1        0       0       4       11  █░░░░░░░ 6%        0",
        " MIIT        4     0        0       0       0        4  ░░░░░░░░ 0%        0",
        " PBOC        3     0        0       0       0        3  ░░░░░░░░ 0%        0",
        " SAMR        0     0        0       0       0        0  —                  0",
        "",
        " all        23     1        0       0       4       18  ░░░░░░░░ 4%        0",
        "",
    ]
    assert result.stderr == (
        "left out On time, Late to fit 80 columns; widen the terminal or see every figure "
        "with --json\n"
    )


def test_a_narrow_terminal_fits_each_table_on_its_own(
    gt_tty: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    path = one_of_each(tmp_path / "l")
    result = gt_tty("--ledger", str(path), "scorecard", *AS_OF)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Scorecard as of 2026-11-29",
        "",
        "                              Share           On",
        " Agency  Total  Kept  Broken  kept          time",
        " " + "─" * 47,
        " MOFCOM      7     2       2  ██░░░░░░ 29%     1",
        "",
        " all         7     2       2  ██░░░░░░ 29%     1",
        "",
        "Reasons given for broken and in-the-works pledges",
        "",
        " Reason          MOFCOM  all",
        " " + "─" * 27,
        " deprioritised        1    1",
        " policy_changed       0    0",
        " external_shock       0    0",
        " superseded           0    0",
        " no_funding           1    1",
        " other                0    0",
        "",
    ]
    assert result.stderr == (
        "left out In the works, Overdue, Kept in part, Not yet rated, Late to fit 50 columns; "
        "widen the terminal or see every figure with --json\n"
    )
