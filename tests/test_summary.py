"""`gt summary`: per-agency rows and the quantitative targets, as text and JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from greentrade_cli.ledgerfile import storage
from greentrade_cli.model.status import Status
from greentrade_cli.tracking.summary import summarize
from tests.conftest import BRIEFING_LEDGER, Run
from tests.measured_ledger import write_measured_ledger


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def counts(**given: int) -> dict[str, int]:
    return {s.value: given.get(s.value, 0) for s in Status}


def agency(code: str, name: str, overdue: int = 0, **given: int) -> dict[str, Any]:
    total = sum(given.values())
    return {
        "agency": code,
        "name": name,
        "total": total,
        "statuses": counts(**given),
        "share_met": given.get("met", 0) / total if total else None,
        "overdue": overdue,
    }


def briefing_target(cid: str, **changes: Any) -> dict[str, Any]:
    targets = {
        "mofcom-apec-egl-tariffs": {
            "id": "mofcom-apec-egl-tariffs",
            "agency": "MOFCOM",
            "status": "met",
            "metric": "Tariff on APEC Environmental Goods List products",
            "unit": "%",
            "direction": "decrease",
            "target": 5.0,
            "deadline": None,
        },
        "miit-green-factories-2030": {
            "id": "miit-green-factories-2030",
            "agency": "MIIT",
            "status": "pledged",
            "metric": "Output value share of national, provincial and municipal green factories",
            "unit": "%",
            "direction": "increase",
            "target": 40.0,
            "deadline": "2030",
        },
    }
    empty = {
        "baseline": None,
        "latest": None,
        "latest_date": None,
        "progress": None,
        "pace": "no data",
        "projected": None,
    }
    return {**targets[cid], **empty, **changes}


BRIEFING_TABLE = [
    "Pledges by agency as of 2026-01-01",
    "",
    "                               in           partially               with-",
    " Agency  Total  pledged  progress  stalled        met  met  missed  drawn  Overdue  Met",
    " " + "─" * 94,
    " MOFCOM     16       11         4        0          0    1       0      0        0  █░░░░░░░ 6%",
    " MIIT        4        4         0        0          0    0       0      0        0  ░░░░░░░░ 0%",
    " PBOC        3        3         0        0          0    0       0      0        0  ░░░░░░░░ 0%",
    " SAMR        0        0         0        0          0    0       0      0        0  —",
    "",
    " all        23       18         4        0          0    1       0      0        0  ░░░░░░░░ 4%",
    "",
    "",
    "Quantitative targets",
    "",
    " Id                         Baseline  Latest  Target        Deadline  Progress  Pace",
    " " + "─" * 86,
    " mofcom-apec-egl-tariffs           —       —  at most 5%    none      —         no data",
    " miit-green-factories-2030         —       —  at least 40%  2030      —         no data",
    "",
]


def test_summary_of_the_briefing_ledger(gt_tty: Run) -> None:
    result = gt_tty("summary", "--as-of", "2026-01-01")
    assert (result.exit_code, result.stderr) == (0, "")
    assert lines(result.stdout) == BRIEFING_TABLE


BRIEFING_PIPED = """\
Pledges by agency as of 2026-01-01
agency\ttotal\tpledged\tin_progress\tstalled\tpartially_met\tmet\tmissed\twithdrawn\toverdue\tshare_met
MOFCOM\t16\t11\t4\t0\t0\t1\t0\t0\t0\t6%
MIIT\t4\t4\t0\t0\t0\t0\t0\t0\t0\t0%
PBOC\t3\t3\t0\t0\t0\t0\t0\t0\t0\t0%
SAMR\t0\t0\t0\t0\t0\t0\t0\t0\t0\t—
all\t23\t18\t4\t0\t0\t1\t0\t0\t0\t4%

Quantitative targets
id\tbaseline\tlatest\ttarget\tdeadline\tprogress\tpace
mofcom-apec-egl-tariffs\t—\t—\tat most 5%\tnone\t—\tno data
miit-green-factories-2030\t—\t—\tat least 40%\t2030\t—\tno data
"""


def test_piped_summary_is_tab_separated_rows(gt: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    result = gt("summary", "--as-of", "2026-01-01")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == BRIEFING_PIPED
    monkeypatch.setenv("COLUMNS", "40")  # no column is left out to fit, nothing said of it
    narrow = gt("summary", "--as-of", "2026-01-01")
    assert (narrow.stdout, narrow.stderr) == (BRIEFING_PIPED, "")


def test_summary_json_of_the_briefing_ledger(gt: Run) -> None:
    result = gt("summary", "--as-of", "2026-01-01", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "as_of": "2026-01-01",
        "agencies": [
            agency("MOFCOM", "Ministry of Commerce", pledged=11, in_progress=4, met=1),
            agency("MIIT", "Ministry of Industry and Information Technology", pledged=4),
            agency("PBOC", "People's Bank of China", pledged=3),
            agency("SAMR", "State Administration for Market Regulation"),
        ],
        "all": agency("all", "All agencies", pledged=18, in_progress=4, met=1),
        "targets": [
            briefing_target("mofcom-apec-egl-tariffs"),
            briefing_target("miit-green-factories-2030"),
        ],
    }
    assert json.loads(result.stdout)["all"]["share_met"] == 1 / 23


def test_summary_after_the_2030_deadline_counts_the_factories_pledge_overdue(gt: Run) -> None:
    on_eve = json.loads(gt("summary", "--as-of", "2030-12-31", "--json").stdout)
    after = json.loads(gt("summary", "--as-of", "2031-01-01", "--json").stdout)
    assert [a["overdue"] for a in on_eve["agencies"]] == [0, 0, 0, 0]
    assert [a["overdue"] for a in after["agencies"]] == [0, 1, 0, 0]
    assert after["all"]["overdue"] == 1
    assert after["targets"][1] == briefing_target("miit-green-factories-2030", pace="overdue")
    assert on_eve["targets"][1] == briefing_target("miit-green-factories-2030")


def test_summary_library_matches_the_briefing() -> None:
    ledger = storage.load(BRIEFING_LEDGER, read_only=True).ledger
    summary = summarize(ledger, dt.date(2026, 1, 1))
    rows = [(a.code, a.total, a.counts[Status.PLEDGED], a.share_met) for a in summary.agencies]
    assert rows == [
        ("MOFCOM", 16, 11, 0.0625),
        ("MIIT", 4, 4, 0.0),
        ("PBOC", 3, 3, 0.0),
        ("SAMR", 0, 0, None),
    ]
    assert [r.commitment.id for r in summary.targets] == [
        "mofcom-apec-egl-tariffs",
        "miit-green-factories-2030",
    ]


def test_summary_with_measurements(gt: Run, gt_tty: Run, tmp_path: Path) -> None:
    measured = str(write_measured_ledger(tmp_path))
    result = gt_tty("--ledger", measured, "summary", "--as-of", "2026-07-02")
    assert lines(result.stdout) == [
        "Pledges by agency as of 2026-07-02",
        "",
        "                               in           partially               with-",
        " Agency  Total  pledged  progress  stalled        met  met  missed  drawn  Overdue  Met",
        " " + "─" * 95,
        " MIIT        3        0         2        0          0    1       0      0        0  ███░░░░░ 33%",
        " NEA         3        3         0        0          0    0       0      0        1  ░░░░░░░░ 0%",
        " SAMR        1        1         0        0          0    0       0      0        0  ░░░░░░░░ 0%",
        "",
        " all         7        4         2        0          0    1       0      0        1  █░░░░░░░ 14%",
        "",
        "",
        "Quantitative targets",
        "",
        " Id              Baseline     Latest  Target              Deadline  Progress       Pace",
        " " + "─" * 90,
        " up-half              10%        25%  at least 40%        2030      ████░░░░ 50%   on track",
        " down-half            10%       7.5%  at most 5%          2027      ████░░░░ 50%   on track",
        " over           10 plants  45 plants  at least 40 plants  2030      ████████ 117%  reached",
        " one-point          12 GW      12 GW  at least 50 GW      2030      —              no data",
        " met-but-short        10%        30%  at least 40%        2026-06   █████░░░ 67%   overdue",
        "",
    ]
    data = json.loads(gt("--ledger", measured, "summary", "--as-of", "2026-07-02", "--json").stdout)
    assert data["targets"][1] == {
        "id": "down-half",
        "agency": "NEA",
        "status": "pledged",
        "metric": "rate",
        "unit": "%",
        "direction": "decrease",
        "baseline": 10.0,
        "latest": 7.5,
        "latest_date": "2026-06-30",
        "target": 5.0,
        "deadline": "2027",
        "progress": 0.5,
        "pace": "on track",
        "projected": data["targets"][1]["projected"],
    }
    assert round(data["targets"][1]["projected"], 6) == 2.01
    assert data["targets"][2]["progress"] == 35 / 30
    assert data["targets"][3]["progress"] is None


def test_summary_targets_shows_the_furthest_behind_first(
    gt: Run, gt_tty: Run, tmp_path: Path
) -> None:
    measured = str(write_measured_ledger(tmp_path))
    result = gt_tty("--ledger", measured, "summary", "--as-of", "2026-07-02", "--targets", "3")
    assert result.exit_code == 0
    assert lines(result.stdout)[12:] == [
        "Quantitative targets: the 3 furthest behind of 5 (--targets 0 shows all)",
        "",
        " Id             Baseline  Latest  Target          Deadline  Progress      Pace",
        " " + "─" * 81,
        " met-but-short       10%     30%  at least 40%    2026-06   █████░░░ 67%  overdue",
        " one-point         12 GW   12 GW  at least 50 GW  2030      —             no data",
        " up-half             10%     25%  at least 40%    2030      ████░░░░ 50%  on track",
        "",
    ]
    every = gt_tty("--ledger", measured, "summary", "--as-of", "2026-07-02", "--targets", "0")
    default = gt_tty("--ledger", measured, "summary", "--as-of", "2026-07-02")
    assert every.stdout == default.stdout  # 5 targets: all shown, in ledger order
    assert "Quantitative targets\n" in every.stdout
    refused = gt("--ledger", measured, "summary", "--targets", "-1")
    assert refused.exit_code == 2
    assert "-1 is not in the range x>=0" in refused.stderr


MEASURED_AGENCIES_PIPED = """\
Pledges by agency as of 2026-07-02
agency\ttotal\tpledged\tin_progress\tstalled\tpartially_met\tmet\tmissed\twithdrawn\toverdue\tshare_met
MIIT\t3\t0\t2\t0\t0\t1\t0\t0\t0\t33%
NEA\t3\t3\t0\t0\t0\t0\t0\t0\t1\t0%
SAMR\t1\t1\t0\t0\t0\t0\t0\t0\t0\t0%
all\t7\t4\t2\t0\t0\t1\t0\t0\t1\t14%

"""


def test_piped_summary_targets_shows_the_same_rows_with_every_column(
    gt: Run, tmp_path: Path
) -> None:
    measured = str(write_measured_ledger(tmp_path))
    result = gt("--ledger", measured, "summary", "--as-of", "2026-07-02", "--targets", "3")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == MEASURED_AGENCIES_PIPED + (
        "Quantitative targets: the 3 furthest behind of 5 (--targets 0 shows all)\n"
        "id\tbaseline\tlatest\ttarget\tdeadline\tprogress\tpace\n"
        "met-but-short\t10%\t30%\tat least 40%\t2026-06\t█████░░░ 67%\toverdue\n"
        "one-point\t12 GW\t12 GW\tat least 50 GW\t2030\t—\tno data\n"
        "up-half\t10%\t25%\tat least 40%\t2030\t████░░░░ 50%\ton track\n"
    )
    every = gt("--ledger", measured, "summary", "--as-of", "2026-07-02")
    assert every.stdout == MEASURED_AGENCIES_PIPED + (
        "Quantitative targets\n"
        "id\tbaseline\tlatest\ttarget\tdeadline\tprogress\tpace\n"
        "up-half\t10%\t25%\tat least 40%\t2030\t████░░░░ 50%\ton track\n"
        "down-half\t10%\t7.5%\tat most 5%\t2027\t████░░░░ 50%\ton track\n"
        "over\t10 plants\t45 plants\tat least 40 plants\t2030\t████████ 117%\treached\n"
        "one-point\t12 GW\t12 GW\tat least 50 GW\t2030\t—\tno data\n"
        "met-but-short\t10%\t30%\tat least 40%\t2026-06\t█████░░░ 67%\toverdue\n"
    )


def test_piped_summary_of_an_empty_date_says_there_is_no_target(gt: Run) -> None:
    result = gt("summary", "--as-of", "2025-10-30")
    assert result.stdout == (
        "Pledges by agency as of 2025-10-30\n"
        "agency\ttotal\tpledged\tin_progress\tstalled\tpartially_met\tmet\tmissed\t"
        "withdrawn\toverdue\tshare_met\n"
        + "".join(
            f"{code}\t0\t0\t0\t0\t0\t0\t0\t0\t0\t—\n"
            for code in ("MOFCOM", "MIIT", "PBOC", "SAMR", "all")
        )
        + "\nNo quantitative targets in the ledger on this date.\n"
    )


def test_summary_on_a_narrow_terminal_keeps_ids_whole_and_names_what_it_left_out(
    gt_tty: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    measured = str(write_measured_ledger(tmp_path))
    result = gt_tty("--ledger", measured, "summary", "--as-of", "2026-07-02")
    assert lines(result.stdout) == [
        "Pledges by agency as of 2026-07-02",
        "",
        "                               in       with-",
        " Agency  Total  pledged  progress  met  drawn  Met",
        " " + "─" * 58,
        " MIIT        3        0         2    1      0  ███░░░░░ 33%",
        " NEA         3        3         0    0      0  ░░░░░░░░ 0%",
        " SAMR        1        1         0    0      0  ░░░░░░░░ 0%",
        "",
        " all         7        4         2    1      0  █░░░░░░░ 14%",
        "",
        "",
        "Quantitative targets",
        "",
        "  Id              Deadline   Progress        Pace",
        " " + "─" * 53,
        "  up-half         2030       ████░░░░ 50%    on track",
        "  down-half       2027       ████░░░░ 50%    on track",
        "  over            2030       ████████ 117%   reached",
        "  one-point       2030       —               no data",
        "  met-but-short   2026-06    █████░░░ 67%    overdue",
        "",
    ]
    assert result.stderr == (
        "left out missed, Overdue, stalled, partially met, Target, Latest, Baseline to fit 60 "
        "columns; widen the terminal or see every figure with --json\n"
    )


def test_summary_as_of_leaves_out_later_pledges_and_measurements(gt: Run, tmp_path: Path) -> None:
    measured = str(write_measured_ledger(tmp_path))
    data = json.loads(gt("--ledger", measured, "summary", "--as-of", "2026-02-01", "--json").stdout)
    assert data["agencies"][2] == agency("SAMR", "State Administration for Market Regulation")
    assert data["agencies"][0] == agency(
        "MIIT", "Ministry of Industry and Information Technology", pledged=1, in_progress=2
    )
    assert [(t["id"], t["latest"], t["progress"]) for t in data["targets"]] == [
        ("up-half", None, None),
        ("down-half", 9.0, 0.2),
        ("over", None, None),
        ("one-point", None, None),
        ("met-but-short", None, None),
    ]


def test_summary_of_an_empty_date(gt_tty: Run) -> None:
    result = gt_tty("summary", "--as-of", "2025-10-30")
    out = lines(result.stdout)
    assert out[5:9] == [
        " MOFCOM      0        0         0        0          0    0       0      0        0  —",
        " MIIT        0        0         0        0          0    0       0      0        0  —",
        " PBOC        0        0         0        0          0    0       0      0        0  —",
        " SAMR        0        0         0        0          0    0       0      0        0  —",
    ]
    assert out[-1] == "No quantitative targets in the ledger on this date."


def test_summary_refuses_a_bad_date(gt: Run) -> None:
    result = gt("summary", "--as-of", "2026-13-01")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "gt: error: --as-of: '2026-13-01' is not a real date (month must be in 1..12)\n"
    )


def test_summary_on_an_80_column_terminal_names_what_it_left_out_of_both_tables(
    gt_tty: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = gt_tty("summary", "--as-of", "2026-01-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Pledges by agency as of 2026-01-01",
        "",
        "                               in",
        " Agency  Total  pledged  progress  stalled  met  missed  Overdue  Met",
        " " + "─" * 76,
        " MOFCOM     16       11         4        0    1       0        0  █░░░░░░░ 6%",
        " MIIT        4        4         0        0    0       0        0  ░░░░░░░░ 0%",
        " PBOC        3        3         0        0    0       0        0  ░░░░░░░░ 0%",
        " SAMR        0        0         0        0    0       0        0  —",
        "",
        " all        23       18         4        0    1       0        0  ░░░░░░░░ 4%",
        "",
        "",
        "Quantitative targets",
        "",
        "  Id                          Target         Deadline   Progress   Pace",
        " " + "─" * 74,
        "  mofcom-apec-egl-tariffs     at most 5%     none       —          no data",
        "  miit-green-factories-2030   at least 40%   2030       —          no data",
        "",
    ]
    assert result.stderr == (
        "left out partially met, withdrawn, Latest, Baseline to fit 80 columns; widen the "
        "terminal or see every figure with --json\n"
    )
