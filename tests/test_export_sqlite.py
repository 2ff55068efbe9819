"""`gt export --format sqlite`: the tables, keys and indexes, and Datasette serving them."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

from tests.conftest import Run
from tests.measured_ledger import write_measured_ledger
from tests.test_revise import revise_twice, share

AS_OF = "2026-06-30"


def export(gt: Run, tmp_path: Path, *args: str) -> Path:
    ledger = write_measured_ledger(tmp_path)
    db = tmp_path / "gt.db"
    result = gt("--ledger", str(ledger), "export", "-f", "sqlite", "-o", str(db), *args)
    assert result.exit_code == 0, result.stderr
    assert (
        result.stderr
        == f"wrote {len(rows(db, 'SELECT id FROM commitments'))} commitment(s) to {db}\n"
    )
    return db


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_tables_keys_and_indexes(gt: Run, tmp_path: Path) -> None:
    db = export(gt, tmp_path, "--as-of", AS_OF)
    assert rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") == [
        ("agencies",), ("commitments",), ("history",), ("measurements",), ("revisions",),
        ("sources",),
    ]  # fmt: skip
    assert rows(db, "SELECT name FROM pragma_table_info('commitments') WHERE pk") == [("id",)]
    assert rows(db, "SELECT name FROM pragma_table_info('history') WHERE pk ORDER BY pk") == [
        ("commitment",), ("seq",),
    ]  # fmt: skip
    assert rows(db, 'SELECT "from", "table", "to" FROM pragma_foreign_key_list(\'commitments\') ORDER BY "from"') == [
        ("agency", "agencies", "code"), ("source", "sources", "id"),
    ]  # fmt: skip
    assert rows(db, 'SELECT "from", "table", "to" FROM pragma_foreign_key_list(\'measurements\')') == [
        ("commitment", "commitments", "id"),
    ]  # fmt: skip
    assert rows(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name") == [
        ("idx_commitments_agency",), ("idx_commitments_source",), ("idx_commitments_status",),
        ("idx_history_commitment",), ("idx_measurements_commitment",),
        ("idx_revisions_commitment",),
    ]  # fmt: skip
    assert rows(db, "PRAGMA foreign_key_check") == []
    assert rows(db, "SELECT code, name FROM agencies") == [
        ("MIIT", "Ministry of Industry and Information Technology"),
        ("NEA", "National Energy Administration"),
        ("SAMR", "State Administration for Market Regulation"),
    ]
    assert rows(
        db,
        "SELECT id, agency, status, verdict, deadline, due, target, baseline, latest, "
        "progress, pace FROM commitments WHERE id = 'up-half'",
    ) == [
        ("up-half", "MIIT", "in_progress", "in the works", "2030", "2030-12-31", 40.0, 10.0,
         25.0, 0.5, "on track"),
    ]  # fmt: skip
    assert rows(db, "SELECT * FROM history WHERE commitment = 'up-half'") == [
        ("up-half", 1, "2025-11-15", "in_progress", None, None, None),
    ]
    assert rows(db, "SELECT * FROM measurements WHERE commitment = 'up-half'") == [
        ("up-half", 1, "2026-06-30", 25.0, "Annual report [2026]", None),
    ]


def test_filters_choose_the_commitments(gt: Run, tmp_path: Path) -> None:
    db = export(gt, tmp_path, "--as-of", AS_OF, "--agency", "NEA")
    assert rows(db, "SELECT id FROM commitments") == [
        ("down-half",), ("one-point",), ("words-only",),
    ]  # fmt: skip
    assert len(rows(db, "SELECT * FROM agencies")) == 3  # every agency, for the keys


def test_sqlite_needs_a_file(gt: Run, ledger_path: Path) -> None:
    result = gt("--ledger", str(ledger_path), "export", "-f", "sqlite")
    assert result.exit_code == 2
    assert result.stderr == (
        "gt: error: --format sqlite writes a database file; give --output FILE (not -)\n"
    )
    result = gt("--ledger", str(ledger_path), "export", "-f", "sqlite", "-o", str(ledger_path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"gt: error: {ledger_path} is the ledger itself; choose another --output file\n"
    )


def test_datasette_serves_the_database(gt: Run, tmp_path: Path) -> None:
    from datasette.app import Datasette

    db = export(gt, tmp_path, "--as-of", AS_OF)

    async def query() -> Any:
        ds = Datasette([str(db)])
        response = await ds.client.get(
            "/gt/commitments.json?_shape=array&agency=MIIT&_col=title&_col=pace"
        )
        assert response.status_code == 200
        return response.json()

    assert asyncio.run(query()) == [  # in the order of the primary key
        {"id": "met-but-short", "title": "Marked met while the figure misses", "pace": "behind"},
        {"id": "over", "title": "Reach 40 from 10, and overshoot", "pace": "reached"},
        {"id": "up-half", "title": "Raise the share from 10% to 40%", "pace": "on track"},
    ]


def test_revisions_before_and_after(gt: Run, tmp_path: Path) -> None:
    path = share(tmp_path / "l")
    revise_twice(gt, path)
    db = tmp_path / "gt.db"
    result = gt(
        "--ledger", str(path), "export", "-f", "sqlite", "-o", str(db), "--as-of", "2026-07-01"
    )
    assert result.exit_code == 0, result.stderr
    assert rows(db, "select * from revisions order by seq") == [
        ("share", 1, "2026-03-01", "at least 40%", "at least 30%", "2030", "2032", 1,
         "scaled back", "Plan, p. 3"),
        ("share", 2, "2026-06-01", "at least 30%", "at least 35%", "2032", "2032", 0,
         "raised", None),
    ]  # fmt: skip


def test_reasons_revisions_and_joint_agencies_reach_the_tables(gt: Run, tmp_path: Path) -> None:
    path = share(tmp_path / "l")
    revise_twice(gt, path)
    marked = gt("--ledger", str(path), "mark", "share", "stalled", "--reason", "no_funding",
                "--on", "2026-06-15")  # fmt: skip
    assert marked.exit_code == 0, marked.stderr
    db = tmp_path / "gt.db"
    done = gt(
        "--ledger", str(path), "export", "-f", "sqlite", "-o", str(db), "--as-of", "2026-07-01"
    )
    assert done.exit_code == 0, done.stderr
    assert rows(db, "select agencies, deadline, target, reason, revised, weakened from commitments") == [
        ("MOFCOM", "2032", 35.0, "no_funding", "2026-06-01", 1),
    ]  # fmt: skip
    assert rows(db, "select status, reason from history") == [("stalled", "no_funding")]
    early = tmp_path / "early.db"
    assert gt("--ledger", str(path), "export", "-f", "sqlite", "-o", str(early),
              "--as-of", "2026-02-01").exit_code == 0  # fmt: skip
    assert rows(early, "select deadline, target, revised, weakened from commitments") == [
        ("2030", 40.0, None, 0),
    ]
