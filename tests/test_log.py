"""`gt log` rows for a scripted sequence of changes, and `gt agencies`."""

from __future__ import annotations

import datetime as dt
import json
import shlex
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.journal import Stamp, read_journal
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.render.audit_views import agencies_table, log_table
from greentrade_cli.tracking.agency_counts import agency_rows
from greentrade_cli.tracking.changelog import log_rows
from tests.conftest import WIDTH, Run

NEW = "miit-build-public-platform-green-trade-services"
FTA = "mofcom-fta-negotiations"
RETITLE = (
    "import pathlib, sys; p = pathlib.Path(sys.argv[1]); "
    "p.write_text(p.read_text().replace('Continue advancing', 'Keep advancing'))"
)


@pytest.fixture
def scripted(gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The ledger after a month of changes by two people, one of them undone."""
    monkeypatch.chdir(ledger_path.parent)
    monkeypatch.setenv("LOGNAME", "ana")
    monkeypatch.setenv("EDITOR", shlex.join([sys.executable, "-c", RETITLE]))
    monkeypatch.delenv("VISUAL", raising=False)

    def run(*args: str) -> None:
        result = gt(*args)
        assert result.exit_code == 0, result.stderr

    run(
        "add", "--title", "Build a public platform for green trade services", "--agency", "MIIT",
        "--source", "scio-2025-10-31", "--quote", "ensuring security enables better development",
        "--on", "2025-11-03",
    )  # fmt: skip
    run("mark", NEW, "in_progress", "--note", "pilot opened", "--evidence", "MIIT notice 7",
        "--on", "2025-11-10")  # fmt: skip
    run("edit", FTA, "--on", "2025-11-12")
    run("remove", "mofcom-green-trade-capacity", "--yes", "--on", "2025-11-14")
    run("source", "add", "mofcom-2025-11-15", "--title", "Notice", "--publisher", "MOFCOM",
        "--date", "2025-11-15", "--on", "2025-11-15")  # fmt: skip
    # a write by another command through storage, by another person
    storage.update(
        ledger_path,
        lambda ledger: replace(
            ledger.find("mofcom-apec-egl-tariffs"),
            measurements=(Measurement(dt.date(2025, 11, 18), 4.2, "tariff schedule 2026", "mean"),),
        ),
        stamp=Stamp("gt record mofcom-apec-egl-tariffs 4.2", dt.date(2025, 11, 18), "ben"),
    )
    run("mark", FTA, "stalled", "--note", "talks paused", "--on", "2025-11-20")
    run("mark", NEW, "met", "--evidence", "launch notice", "--on", "2025-11-21")
    run("undo", "--on", "2025-11-21")  # the met mark was a mistake
    return ledger_path


SCRIPTED_ROWS = [
    "date\tcommitment\tagency\tkind\twhat\tnote\tevidence\tby",
    f"2025-11-20\t{FTA}\tMOFCOM\tstatus\tpledged → stalled\ttalks paused\t\tana",
    "2025-11-18\tmofcom-apec-egl-tariffs\tMOFCOM\tmeasurement\tmeasured 4.2%\tmean\ttariff schedule 2026\tben",
    "2025-11-15\t\t\tedit\tadded source mofcom-2025-11-15\t\t\tana",
    "2025-11-14\tmofcom-green-trade-capacity\tMOFCOM\tedit\tremoved\t\t\tana",
    f"2025-11-12\t{FTA}\tMOFCOM\tedit\tchanged title\t\t\tana",
    f"2025-11-10\t{NEW}\tMIIT\tstatus\tpledged → in_progress\tpilot opened\tMIIT notice 7\tana",
    f"2025-11-03\t{NEW}\tMIIT\tedit\tadded\t\t\tana",
]  # fmt: skip


def test_log_lists_every_change_newest_first_with_who_and_evidence(gt: Run, scripted: Path) -> None:
    result = gt("log", "--since", "2025-11-01")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == SCRIPTED_ROWS


def test_log_includes_the_changes_recorded_before_gt_wrote(gt: Run, scripted: Path) -> None:
    result = gt("log", "--until", "2025-10-31")
    lines = result.stdout.splitlines()
    assert [line.split("\t")[:5] for line in lines[1:]] == [
        ["2025-10-31", "mofcom-standards-mutual-recognition", "MOFCOM", "status", "pledged → in_progress"],
        ["2025-10-31", "mofcom-green-product-certification", "MOFCOM", "status", "pledged → in_progress"],
        ["2025-10-31", "mofcom-fta-green-content", "MOFCOM", "status", "still in_progress"],
        ["2025-10-31", "mofcom-fta-green-content", "MOFCOM", "status", "pledged → in_progress"],
        ["2025-10-31", "mofcom-apec-egl-tariffs", "MOFCOM", "status", "pledged → met"],
    ]  # fmt: skip
    assert all(line.endswith("\t") for line in lines[1:])  # no "by": made by hand
    full = gt("log").stdout.splitlines()
    assert full == SCRIPTED_ROWS + lines[1:]


def test_log_filters_by_agency_and_dates(gt: Run, scripted: Path) -> None:
    miit = gt("log", "--agency", "工业和信息化部").stdout.splitlines()
    assert miit == [SCRIPTED_ROWS[0], SCRIPTED_ROWS[6], SCRIPTED_ROWS[7]]
    window = gt("log", "-a", "commerce", "--since", "2025-11-12", "--until", "2025-11-18")
    assert window.stdout.splitlines() == [
        SCRIPTED_ROWS[0], SCRIPTED_ROWS[2], SCRIPTED_ROWS[4], SCRIPTED_ROWS[5]
    ]  # fmt: skip
    none = gt("log", "--since", "2025-12-01")
    assert (none.exit_code, none.stdout, none.stderr) == (
        0,
        "",
        "No changes match these filters.\n",
    )


def test_log_of_a_new_ledger_says_nothing_is_recorded_yet(gt: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "new.toml"
    assert gt("new", str(ledger)).exit_code == 0
    result = gt("--ledger", str(ledger), "log")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "No changes recorded yet (`gt mark`, `gt record` and `gt add` make them).\n",
    )


def test_log_refuses_a_period_that_ends_before_it_starts(gt: Run) -> None:
    result = gt("log", "--since", "2026-07-01", "--until", "2026-06-01")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "gt: error: --until 2026-06-01 is before --since 2026-07-01; give a later --until\n",
    )


def test_log_json(gt: Run, scripted: Path) -> None:
    result = gt("log", "--json", "--since", "2025-11-18", "--until", "2025-11-18")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "date": "2025-11-18",
            "commitment": "mofcom-apec-egl-tariffs",
            "agency": "MOFCOM",
            "kind": "measurement",
            "what": "measured 4.2%",
            "note": "mean",
            "evidence": "tariff schedule 2026",
            "by": "ben",
            "command": "gt record mofcom-apec-egl-tariffs 4.2",
        }
    ]
    empty = gt("log", "--json", "--since", "2030-01-01")
    assert (empty.exit_code, empty.stdout) == (0, "[]\n")


def test_log_refuses_bad_options(gt: Run, scripted: Path) -> None:
    bad_date = gt("log", "--since", "November")
    assert (bad_date.exit_code, bad_date.stderr) == (
        2,
        "gt: error: --since: 'November' is not a date; write YYYY-MM-DD\n",
    )
    bad_agency = gt("log", "--agency", "MOFA")
    assert bad_agency.exit_code == 2
    assert bad_agency.stderr.startswith("gt: error: unknown agency 'MOFA'; use one of: MOFCOM")


def test_the_log_table_folds_long_cells_at_a_fixed_width(scripted: Path) -> None:
    file = storage.load(scripted)
    rows = log_rows(file.ledger, read_journal(scripted).entries, since=dt.date(2025, 11, 14),
                    until=dt.date(2025, 11, 15))  # fmt: skip
    console = Console(record=True, width=WIDTH, color_system=None)
    fitted = log_table(rows, WIDTH)
    assert fitted.dropped == ("agency",)
    console.print(fitted.table)
    assert console.export_text().splitlines() == [
        " " * WIDTH,
        "  Date         Commitment                    What                            Note   Evidence   By   ",
        " " + "─" * (WIDTH - 2) + " ",
        "  2025-11-15                                 added source                                      ana  ",
        "                                             mofcom-2025-11-15                                      ",
        "  2025-11-14   mofcom-green-trade-capacity   removed                                           ana  ",
        " " * WIDTH,
    ]


def test_agencies_rows(gt: Run, ledger_path: Path) -> None:
    result = gt("--ledger", str(ledger_path), "agencies")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "code\tname\tname_zh\taliases\tcommitments\topen",
        "MOFCOM\tMinistry of Commerce\t商务部\tMOC, Commerce\t16\t15",
        "MIIT\tMinistry of Industry and Information Technology\t工业和信息化部\tIndustry and Information Technology\t4\t4",
        "PBOC\tPeople's Bank of China\t中国人民银行\tPBC, People's Bank, central bank\t3\t3",
        "SAMR\tState Administration for Market Regulation\t国家市场监督管理总局\tMarket Regulation\t0\t0",
    ]  # fmt: skip
    data = json.loads(gt("--ledger", str(ledger_path), "agencies", "--json").stdout)
    assert data[0] == {
        "code": "MOFCOM",
        "name": "Ministry of Commerce",
        "name_zh": "商务部",
        "aliases": ["MOC", "Commerce"],
        "commitments": 16,
        "open": 15,
    }
    assert sum(row["commitments"] for row in data) == 23


def test_agencies_table(ledger_path: Path) -> None:
    console = Console(record=True, width=WIDTH, color_system=None)
    console.print(agencies_table(agency_rows(storage.load(ledger_path).ledger), WIDTH).table)
    assert console.export_text().splitlines() == [
        " " * WIDTH,
        "  Code     Name                   Chinese name           Aliases                Commitments   Open  ",
        " " + "─" * (WIDTH - 2) + " ",
        "  MOFCOM   Ministry of Commerce   商务部                 MOC, Commerce                   16     15  ",
        "  MIIT     Ministry of Industry   工业和信息化部         Industry and                     4      4  ",
        "           and Information                               Information                                ",
        "           Technology                                    Technology                                 ",
        "  PBOC     People's Bank of       中国人民银行           PBC, People's Bank,              3      3  ",
        "           China                                         central bank                               ",
        "  SAMR     State Administration   国家市场监督管理总局   Market Regulation                0      0  ",
        "           for Market                                                                               ",
        "           Regulation                                                                               ",
        " " * WIDTH,
    ]


def test_a_joint_pledges_edits_and_revisions_show_every_agency(gt: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "commitments.toml"
    assert gt("init", str(ledger)).exit_code == 0
    added = gt(
        "--ledger", str(ledger), "add", "--title", "Joint work", "-a", "MIIT", "-a", "PBOC",
        "--source", "scio-2025-10-31", "--quote", "green", "--id", "joint-work",
        "--deadline", "2030", "--metric", "share", "--target-value", "40", "--target-unit", "%",
        "--direction", "increase", "--on", "2025-11-01",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    revised = gt("--ledger", str(ledger), "revise", "joint-work", "--deadline", "2031",
                 "--note", "later", "--on", "2026-01-01")  # fmt: skip
    assert revised.exit_code == 0, revised.stderr
    log = gt("--ledger", str(ledger), "log", "--agency", "PBOC")
    rows = [line.split("\t")[:4] for line in log.stdout.splitlines()[1:]]
    assert [r for r in rows if r[1] == "joint-work"] == [
        ["2026-01-01", "joint-work", "MIIT+PBOC", "revision"],
        ["2025-11-01", "joint-work", "MIIT+PBOC", "edit"],
    ]


def test_a_measurement_dated_before_others_keeps_who_recorded_it(gt: Run, tmp_path: Path) -> None:
    ledger = tmp_path / "commitments.toml"
    assert gt("init", str(ledger)).exit_code == 0
    for value, on in (("30", "2026-06-01"), ("20", "2025-03-01")):
        done = gt("--ledger", str(ledger), "record", "miit-green-factories-2030", value, "--on", on)
        assert done.exit_code == 0, done.stderr
    log = gt("--ledger", str(ledger), "log", "--json")
    measured = [r for r in json.loads(log.stdout) if r["kind"] == "measurement"]
    assert [(r["date"], r["what"], r["command"]) for r in measured] == [
        ("2026-06-01", "measured 30%",
         f"gt --ledger {ledger} record miit-green-factories-2030 30 --on 2026-06-01"),
        ("2025-03-01", "measured 20%",
         f"gt --ledger {ledger} record miit-green-factories-2030 20 --on 2025-03-01"),
    ]  # fmt: skip
    assert all(r["by"] for r in measured)
    assert not [r for r in json.loads(log.stdout) if r["kind"] == "edit"]


def test_the_log_on_an_80_column_terminal_names_the_columns_it_left_out(
    gt: Run, scripted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "80")
    result = gt("--color", "never", "log", "--since", "2025-11-10", "--until", "2025-11-15")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "",
        "  Date         Commitment                    What                          By",
        " " + "─" * 78,
        "  2025-11-15                                 added source                  ana",
        "                                             mofcom-2025-11-15",
        "  2025-11-14   mofcom-green-trade-capacity   removed                       ana",
        "  2025-11-12   mofcom-fta-negotiations       changed title                 ana",
        "  2025-11-10   miit-build-public-platform-   pledged → in_progress         ana",
        "               green-trade-services",
        "",
    ]
    assert result.stderr == (
        "left out note, evidence, agency to fit 80 columns; widen the terminal or see every "
        "column with --json or in a pipe\n"
    )


def test_a_split_is_one_row_naming_the_files_it_made_and_its_undo_takes_it_out(
    gt: Run, scripted: Path
) -> None:
    assert gt("split", "--on", "2025-11-22").exit_code == 0
    log = gt("log", "--since", "2025-11-20")
    assert (log.exit_code, log.stderr) == (0, "")
    assert log.stdout.splitlines() == [
        SCRIPTED_ROWS[0],
        "2025-11-22\t\t\tedit\tsplit commitments.toml into 2 file(s): "
        "ledger/mofcom-2025-11-15.toml, ledger/scio-2025-10-31.toml\t\t\tana",
        SCRIPTED_ROWS[1],
    ]
    (split,) = [r for r in json.loads(gt("log", "--json").stdout) if r["date"] == "2025-11-22"]
    assert (split["kind"], split["command"]) == ("edit", "gt split --on 2025-11-22")
    assert gt("undo", "--on", "2025-11-22").exit_code == 0
    assert gt("log", "--since", "2025-11-20").stdout.splitlines() == SCRIPTED_ROWS[:2]


def test_a_write_kept_as_the_whole_file_names_the_file(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOGNAME", "ana")
    text = ledger_path.read_text(encoding="utf-8").rstrip("\n")  # no final newline: not
    ledger_path.write_text(text, encoding="utf-8")  # a matter of whole blocks, kept whole
    added = gt(
        "--ledger", str(ledger_path), "add", "--title", "Build a platform", "-a", "MIIT",
        "--source", "scio-2025-10-31", "--quote", "ensuring security enables better development",
        "--on", "2025-11-05",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    log = gt("--ledger", str(ledger_path), "log", "--since", "2025-11-05")
    assert log.stdout.splitlines() == [
        SCRIPTED_ROWS[0],
        "2025-11-05\t\t\tedit\tchanged the whole file commitments.toml\t\t\tana",
    ]


def test_agencies_on_a_narrow_terminal_keep_codes_whole_and_name_what_they_left_out(
    gt: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "40")
    result = gt("--color", "never", "agencies")
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "",
        "  Code     Commitments   Open",
        " " + "─" * 29,
        "  MOFCOM            16     15",
        "  MIIT               4      4",
        "  PBOC               3      3",
        "  SAMR               0      0",
        "",
    ]
    assert result.stderr == (
        "left out name, name_zh, aliases to fit 40 columns; widen the terminal or see every "
        "column with --json\n"
    )
