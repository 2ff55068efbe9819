"""--json and --fields on list and show; exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from greentrade_cli.ledgerfile import storage
from greentrade_cli.tracking.fields import JSON_FIELDS, TABLE_FIELDS, json_record
from greentrade_cli.tracking.report import status_rows
from tests.conftest import Run

AS_OF = ("--as-of", "2026-01-01")


def test_json_fields_are_the_keys_of_a_row(ledger_path: Path) -> None:
    ledger = storage.load(ledger_path).ledger
    rows = status_rows(ledger, list(ledger.commitments), dt.date(2026, 1, 1))
    assert {tuple(json_record(row)) for row in rows} == {JSON_FIELDS}


def test_list_json_fields_exact(gt: Run, ledger_path: Path) -> None:
    result = gt(
        "--ledger", str(ledger_path), "list", "--json", "--fields", "id,status,deadline,progress",
        "--agency", "MIIT", "--tag", "green-factories", *AS_OF,
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout == (
        "[\n"
        "  {\n"
        '    "id": "miit-green-factories-2030",\n'
        '    "status": "pledged",\n'
        '    "deadline": "2030",\n'
        '    "progress": null\n'
        "  }\n"
        "]\n"
    )


def test_list_json_whole_rows_match_export(gt: Run, ledger_path: Path) -> None:
    listed = gt("--ledger", str(ledger_path), "list", "--json", *AS_OF)
    exported = gt("--ledger", str(ledger_path), "export", "--format", "json", *AS_OF)
    assert listed.stdout == exported.stdout
    assert len(json.loads(listed.stdout)) == 23


def test_list_json_with_no_match_is_an_empty_array(gt: Run, ledger_path: Path) -> None:
    result = gt("--ledger", str(ledger_path), "list", "--json", "--search", "no such words")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")


def test_bare_fields_lists_table_fields(gt: Run) -> None:
    result = gt("list", "--fields")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == list(TABLE_FIELDS)
    assert TABLE_FIELDS == (
        "id", "agency", "title", "status", "deadline", "target", "metric", "unit", "progress",
        "pace", "last_change", "reason", "evidence", "source", "quote", "revised", "weakened",
        "flags",
    )  # fmt: skip


@pytest.mark.parametrize("args", [["--fields", "--json"], ["--json", "--fields"]])
def test_bare_fields_with_json_lists_json_fields(gt: Run, args: list[str]) -> None:
    result = gt("list", *args)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == list(JSON_FIELDS)


def test_list_tsv_fields_in_the_order_given(gt: Run, ledger_path: Path) -> None:
    result = gt(
        "--ledger", str(ledger_path), "list", "--fields", "status,id,last_change",
        "--status", "met", *AS_OF,
    )  # fmt: skip
    assert result.stdout == "status\tid\tlast_change\nmet\tmofcom-apec-egl-tariffs\t2025-10-31\n"


def test_show_json_is_one_object(gt: Run, ledger_path: Path) -> None:
    result = gt("--ledger", str(ledger_path), "show", "miit-green-f", "--json", *AS_OF)
    data = json.loads(result.stdout)
    assert data == {
        "id": "miit-green-factories-2030",
        "title": "Raise green factories' share of industrial output value to 40% by 2030",
        "agency": "MIIT",
        "agencies": ["MIIT"],
        "speaker": "Wang Peng",
        "speaker_role": "Director-General, Department of Energy Conservation and "
        "Comprehensive Utilization, MIIT",
        "status": "pledged",
        "deadline": "2030",
        "overdue": False,
        "tags": ["green-factories", "manufacturing"],
        "target": {
            "metric": "Output value share of national, provincial and municipal green factories",
            "unit": "%",
            "baseline": None,
            "value": 40.0,
            "direction": "increase",
        },
        "progress": None,
        "pace": "no data",
        "latest": None,
        "reason": None,
        "revised": None,
        "weakened": False,
        "revisions": [],
        "source": "scio-2025-10-31",
        "quote": "MIIT: Plans to increase the output value share of green factories at the "
        "national, provincial, and municipal levels to 40% by 2030",
        "history": [],
        "measurements": [],
    }


def test_show_json_fields_exact(gt: Run, ledger_path: Path) -> None:
    result = gt(
        "--ledger", str(ledger_path), "show", "mofcom-apec-egl-tariffs", "--json",
        "--fields", "status,target", *AS_OF,
    )  # fmt: skip
    assert result.stdout == (
        "{\n"
        '  "status": "met",\n'
        '  "target": {\n'
        '    "metric": "Tariff on APEC Environmental Goods List products",\n'
        '    "unit": "%",\n'
        '    "baseline": null,\n'
        '    "value": 5.0,\n'
        '    "direction": "decrease"\n'
        "  }\n"
        "}\n"
    )


def test_show_fields_without_json_prints_name_value_lines(gt: Run, ledger_path: Path) -> None:
    result = gt(
        "--ledger", str(ledger_path), "show", "miit-green-factories-2030",
        "--fields", "status,deadline,target", *AS_OF,
    )  # fmt: skip
    assert result.stdout == "status\tpledged\ndeadline\t2030\ntarget\tat least 40%\n"


def test_show_and_list_fields_give_the_target_metric_and_unit(gt: Run, ledger_path: Path) -> None:
    shown = gt(
        "--ledger", str(ledger_path), "show", "miit-green-factories-2030",
        "--fields", "target,metric,unit", *AS_OF,
    )  # fmt: skip
    assert (shown.exit_code, shown.stdout, shown.stderr) == (
        0,
        "target\tat least 40%\n"
        "metric\tOutput value share of national, provincial and municipal green factories\n"
        "unit\t%\n",
        "",
    )
    listed = gt(
        "--ledger", str(ledger_path), "list", "--fields", "id,metric,unit", "--tag", "tariffs",
        *AS_OF,
    )  # fmt: skip
    assert listed.stdout == (
        "id\tmetric\tunit\n"
        "mofcom-apec-egl-tariffs\tTariff on APEC Environmental Goods List products\t%\n"
    )
    without = gt(
        "--ledger", str(ledger_path), "show", "pboc-green-assets", "--fields", "metric,unit"
    )
    assert without.stdout == "metric\t\nunit\t\n"


def test_show_fields_on_a_terminal_is_a_grid(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    result = gt(
        "--ledger", str(ledger_path), "--color", "never", "show", "miit-green-factories-2030",
        "--fields", "status,deadline", *AS_OF,
    )  # fmt: skip
    assert result.stdout == "status    pledged\ndeadline  2030\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["list", "--fields", "id,nope"],
            2,
            "gt: error: --fields: unknown table field 'nope'; use any of: "
            + ",".join(TABLE_FIELDS),
        ),
        (
            ["list", "--json", "--fields", "last_change"],
            2,
            "gt: error: --fields: unknown JSON field 'last_change'; use any of: "
            + ",".join(JSON_FIELDS),
        ),
        (
            ["show", "miit-green-factories", "--as-of", "2026-02-30"],
            2,
            "gt: error: --as-of: '2026-02-30' is not a real date (day is out of range for month)",
        ),
        (
            ["show", "nope", "--json"],
            1,
            "gt: error: no commitment with id 'nope'; run `gt list` to see the ids",
        ),
        (
            ["show", "mofcom-fta", "--json"],
            1,
            "gt: error: 'mofcom-fta' matches 3 commitments: mofcom-fta-green-content, "
            "mofcom-fta-negotiations, mofcom-fta-rule-commitments; give more of the id",
        ),
    ],
)
def test_exit_codes(gt: Run, ledger_path: Path, args: list[str], code: int, message: str) -> None:
    result = gt("--ledger", str(ledger_path), *args)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", message + "\n")


def test_an_empty_ledger_path_is_a_usage_error_not_the_default_ledger(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ledger_path.parent)  # ./commitments.toml is there to fall back on
    empty = gt("--ledger", "", "list")
    assert (empty.exit_code, empty.stdout, empty.stderr) == (
        2, "", "gt: error: --ledger is empty; give the path of a ledger file, or leave the option out\n"
    )  # fmt: skip
    monkeypatch.setenv("GT_LEDGER", "")
    unset = (
        "gt: error: $GT_LEDGER is set but empty; set it to the path of a ledger file, or unset it\n"
    )
    for args in (["list"], ["mark", "miit-green-factories-2030", "stalled"]):
        result = gt(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", unset), args
    given = gt("--ledger", "commitments.toml", "list", "--fields", "id")
    assert given.exit_code == 0  # --ledger stands in for the empty variable


def test_broken_ledger_exits_1(gt: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("schema = 1\n[[commitments]\n", encoding="utf-8")
    result = gt("--ledger", str(broken), "list", "--json")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"gt: error: {broken}:2: is not valid TOML")


def test_help_documents_exit_codes(gt: Run) -> None:
    result = gt("--help")
    assert (
        "Exit codes: 0 success, 1 a problem with the ledger or the data asked for, 2 a usage error."
        in " ".join(result.stdout.split())
    )
