"""Per-agency counts for the HTML summary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from greentrade_cli.ledgerfile import storage
from greentrade_cli.model.status import Status
from greentrade_cli.tracking.report import status_rows
from greentrade_cli.tracking.tally import agency_tallies, total_tally


def test_counts_per_agency_with_overdue(ledger_path: Path) -> None:
    ledger = storage.load(ledger_path).ledger
    rows = status_rows(ledger, list(ledger.commitments), dt.date(2031, 1, 1))
    tallies = agency_tallies(ledger, rows)
    assert [(t.code, t.name_zh, t.total, t.overdue) for t in tallies] == [
        ("MOFCOM", "商务部", 16, 0),
        ("MIIT", "工业和信息化部", 4, 1),
        ("PBOC", "中国人民银行", 3, 0),
    ]
    assert dict(tallies[0].statuses) == {
        Status.PLEDGED: 11,
        Status.IN_PROGRESS: 4,
        Status.STALLED: 0,
        Status.PARTIALLY_MET: 0,
        Status.MET: 1,
        Status.MISSED: 0,
        Status.WITHDRAWN: 0,
    }
    total = total_tally(rows)
    assert (total.code, total.total, total.overdue) == ("", 23, 1)
    assert dict(total.statuses)[Status.PLEDGED] == 18


def test_statuses_are_read_as_of_the_date(ledger_path: Path) -> None:
    ledger = storage.load(ledger_path).ledger
    rows = status_rows(ledger, list(ledger.commitments), dt.date(2025, 10, 30))
    assert dict(total_tally(rows).statuses)[Status.PLEDGED] == 23
