"""`gt mark`: a round trip through the file, refusals, and the read-only bundled ledger."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path

from greentrade_cli.ledgerfile.journal import read_journal
from tests.conftest import BRIEFING_LEDGER, Run


def entry(path: Path, cid: str) -> dict[str, object]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return next(c for c in data["commitments"] if c["id"] == cid)


def test_mark_met_persists_status_and_history(gt: Run, ledger_path: Path) -> None:
    before = ledger_path.read_text(encoding="utf-8")
    result = gt(
        "--ledger",
        str(ledger_path),
        "mark",
        "pboc-green-assets",
        "MET",
        "--on",
        "2026-06-30",
        "--note",
        "-5% drop in [issuance] costs",
        "--evidence",
        "PBOC notice 2026/12",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "pboc-green-assets-global-issuance: met on 2026-06-30\n"
    saved = entry(ledger_path, "pboc-green-assets-global-issuance")
    assert saved["status"] == "met"
    assert saved["history"] == [
        {
            "date": __import__("datetime").date(2026, 6, 30),
            "status": "met",
            "note": "-5% drop in [issuance] costs",
            "evidence": "PBOC notice 2026/12",
        }
    ]
    diff = list(
        difflib.unified_diff(
            before.splitlines(),
            ledger_path.read_text(encoding="utf-8").splitlines(),
            lineterm="",
            n=0,
        )
    )
    assert [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        '-status = "pledged"',
        '+status = "met"',
        "+",
        "+[[commitments.history]]",
        "+date = 2026-06-30",
        '+status = "met"',
        '+note = "-5% drop in [issuance] costs"',
        '+evidence = "PBOC notice 2026/12"',
    ]
    shown = gt("--ledger", str(ledger_path), "list", "--status", "met", "--as-of", "2026-07-01")
    assert [line.split("\t")[0] for line in shown.stdout.splitlines()[1:]] == [
        "mofcom-apec-egl-tariffs",
        "pboc-green-assets-global-issuance",
    ]


def test_as_of_before_a_mark_shows_the_earlier_status(gt: Run, ledger_path: Path) -> None:
    gt(
        "--ledger",
        str(ledger_path),
        "mark",
        "miit-green-design",
        "in-progress",
        "--on",
        "2026-03-01",
    )
    before = gt(
        "--ledger", str(ledger_path), "list", "-s", "pledged", "-a", "MIIT", "--as-of", "2026-02-28"
    )
    after = gt(
        "--ledger", str(ledger_path), "list", "-s", "pledged", "-a", "MIIT", "--as-of", "2026-03-01"
    )
    assert "miit-green-design-manufacturing" in before.stdout
    assert "miit-green-design-manufacturing" not in after.stdout


def test_mark_refuses_a_date_before_the_last_entry(gt: Run, ledger_path: Path) -> None:
    gt(
        "--ledger",
        str(ledger_path),
        "mark",
        "miit-green-design",
        "in_progress",
        "--on",
        "2026-03-01",
    )
    before = ledger_path.read_bytes()
    result = gt(
        "--ledger", str(ledger_path), "mark", "miit-green-design", "stalled", "--on", "2026-02-01"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "gt: error: miit-green-design-manufacturing: 2026-02-01 is before the last history entry "
        "(2026-03-01); history stays in date order, give --on 2026-03-01 or later\n"
    )
    assert ledger_path.read_bytes() == before


def test_mark_refusals_leave_the_file_alone(gt: Run, ledger_path: Path) -> None:
    before = ledger_path.read_bytes()
    cases = {
        ("mark", "miit-green-design", "met", "--on", "2026-01-01"): (
            1,
            "gt: error: miit-green-design-manufacturing: marking as met needs --evidence saying what shows the pledge was kept\n",
        ),
        ("mark", "miit-green-design", "pledged", "--on", "2025-10-30"): (
            1,
            "gt: error: miit-green-design-manufacturing: 2025-10-30 is before the pledge was made (2025-10-31)\n",
        ),
        ("mark", "miit-green-design", "done"): (
            2,
            "gt: error: unknown status 'done'; use one of: pledged, in_progress, stalled, partially_met, met, missed, withdrawn\n",
        ),
        ("mark", "miit-green-design", "met", "--on", "2030-02-30"): (
            2,
            "gt: error: --on: '2030-02-30' is not a real date (day is out of range for month)\n",
        ),
        ("mark", "miit", "met"): (
            1,
            "gt: error: 'miit' matches 4 commitments: miit-green-factories-2030, miit-green-design-manufacturing, "
            "miit-product-lifecycle-green-transformation, miit-green-industrial-ecosystem; give more of the id\n",
        ),
        ("mark", "miit-green-factories", "met", "-e", "x"): (
            0,
            "miit-green-factories-2030: met on "
            + __import__("datetime").date.today().isoformat()
            + "\n",
        ),
    }
    for args, (code, stderr) in cases.items():
        result = gt("--ledger", str(ledger_path), *args)
        assert (result.exit_code, result.stderr) == (code, stderr), args
        if code:
            assert ledger_path.read_bytes() == before


def test_unknown_id_suggests_close_ones(gt: Run, ledger_path: Path) -> None:
    result = gt("--ledger", str(ledger_path), "mark", "miit-green-factory-2030", "met")
    assert result.exit_code == 1
    assert result.stderr == (
        "gt: error: no commitment with id 'miit-green-factory-2030'; did you mean "
        "miit-green-factories-2030 or miit-green-design-manufacturing or miit-green-industrial-ecosystem?\n"
    )


def test_bundled_ledger_is_read_only(gt: Run) -> None:
    before = BRIEFING_LEDGER.read_bytes()
    result = gt("mark", "miit-green-design", "in_progress")
    assert result.exit_code == 1
    assert result.stderr == (
        "gt: error: the bundled briefing ledger is read-only; run `gt init` to write an editable "
        "./commitments.toml (or pass --ledger PATH), then run this again\n"
    )
    assert BRIEFING_LEDGER.read_bytes() == before


def test_init_then_mark_in_the_folder(gt: Run, tmp_path: Path) -> None:
    result = gt("init")
    assert result.exit_code == 0
    assert (
        result.stderr
        == "wrote commitments.toml; gt uses it when run in this folder (elsewhere: --ledger "
        f"{tmp_path.resolve() / 'commitments.toml'})\n"
    )
    assert (tmp_path / "commitments.toml").read_bytes() == BRIEFING_LEDGER.read_bytes()
    assert (tmp_path / "sources" / "scio-2025-10-31.txt").is_file()
    assert gt("mark", "pboc-green-service", "in_progress", "--on", "2026-01-05").exit_code == 0
    assert (
        entry(tmp_path / "commitments.toml", "pboc-green-service-trade-financing")["status"]
        == "in_progress"
    )
    again = gt("init")
    assert (again.exit_code, again.stderr) == (
        1,
        "gt: error: commitments.toml already exists; pass --force to overwrite it or give another PATH\n",
    )


def test_a_change_cannot_be_dated_in_the_future_or_loosely(gt: Run, ledger_path: Path) -> None:
    import datetime as dt

    before = ledger_path.read_bytes()
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    result = gt(
        "--ledger",
        str(ledger_path),
        "mark",
        "pboc-green-assets",
        "stalled",
        "--on",
        tomorrow.isoformat(),
    )
    assert (result.exit_code, result.stderr) == (
        2,
        f"gt: error: --on: {tomorrow} is after today ({dt.date.today()}); record a change on or after "
        "the day it happens\n",
    )
    loose = gt(
        "--ledger", str(ledger_path), "record", "miit-green-factories", "30", "--on", "20260105"
    )
    assert (loose.exit_code, loose.stderr) == (
        2,
        "gt: error: --on: '20260105' is not a date; write YYYY-MM-DD\n",
    )
    assert ledger_path.read_bytes() == before


def test_a_repeated_mark_is_recorded_already_and_writes_nothing(gt: Run, ledger_path: Path) -> None:
    mark = ("--ledger", str(ledger_path), "mark", "pboc-green-assets", "met", "-e", "e", "--on")
    first = gt(*mark, "2026-06-30")
    assert first.stderr == "pboc-green-assets-global-issuance: met on 2026-06-30\n"
    written = ledger_path.read_bytes()
    journal = read_journal(ledger_path).entries
    again = gt(*mark, "2026-06-30")
    assert (again.exit_code, again.stderr) == (
        0,
        "pboc-green-assets-global-issuance: met on 2026-06-30 is recorded already; "
        "nothing written\n",
    )
    assert ledger_path.read_bytes() == written
    assert read_journal(ledger_path).entries == journal
    later = gt(*mark, "2026-07-01")
    assert later.stderr == "pboc-green-assets-global-issuance: met on 2026-07-01\n"
    assert len(entry(ledger_path, "pboc-green-assets-global-issuance")["history"]) == 2
