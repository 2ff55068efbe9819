"""Reasons for a missed, withdrawn or stalled pledge: `gt mark --reason`, the ledger,
`gt show`, `gt log` and the exports."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run
from tests.small_ledgers import block, ledger_text, write_ledger


def small(folder: Path, *blocks: str) -> Path:
    return write_ledger(folder, ledger_text(*(blocks or (block("a-one"),))))


def test_mark_with_a_reason_writes_it_in_the_history_entry(gt: Run, tmp_path: Path) -> None:
    path = small(tmp_path / "l")
    result = gt("--ledger", str(path), "mark", "a-one", "missed", "--reason", "No funding",
                "--on", "2026-03-01", "--note", "budget cut")  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "a-one: missed (no_funding) on 2026-03-01\n")
    assert path.read_text(encoding="utf-8").endswith(
        'status = "missed"\n'
        "history = [\n"
        '    { date = 2026-03-01, status = "missed", reason = "no_funding", note = "budget cut" },\n'
        "]\n"
    )
    shown = gt("--ledger", str(path), "show", "a-one", "--as-of", "2026-03-02")
    assert shown.stdout.splitlines()[-2:] == ["date\tstatus\tnote\tevidence",
                                              "2026-03-01\tmissed (no_funding)\tbudget cut\t"]  # fmt: skip
    log = gt("--ledger", str(path), "log")
    assert log.stdout.splitlines()[1].split("\t")[:5] == [
        "2026-03-01", "a-one", "MOFCOM", "status", "pledged → missed (no_funding)",
    ]  # fmt: skip
    exported = gt("--ledger", str(path), "list", "--json", "--fields", "reason,history",
                  "--as-of", "2026-03-02")  # fmt: skip
    assert json.loads(exported.stdout) == [
        {
            "reason": "no_funding",
            "history": [
                {"date": "2026-03-01", "status": "missed", "reason": "no_funding",
                 "note": "budget cut", "evidence": None},
            ],
        }
    ]  # fmt: skip
    csv = gt("--ledger", str(path), "export", "--format", "csv", "--as-of", "2026-03-02")
    header, row = csv.stdout.splitlines()
    assert dict(zip(header.split(","), row.split(","), strict=True))["reason"] == "no_funding"


def test_a_reason_with_another_status_is_refused(gt: Run, tmp_path: Path) -> None:
    path = small(tmp_path / "l")
    before = path.read_bytes()
    result = gt("--ledger", str(path), "mark", "a-one", "in_progress", "--reason", "other")
    assert result.exit_code == 2
    assert result.stderr == (
        "gt: error: --reason is given only with missed|withdrawn|stalled, not in_progress; "
        "leave it out\n"
    )
    assert path.read_bytes() == before


def test_an_unknown_reason_lists_the_taxonomy(gt: Run, tmp_path: Path) -> None:
    path = small(tmp_path / "l")
    result = gt("--ledger", str(path), "mark", "a-one", "stalled", "--reason", "lazy")
    assert result.exit_code == 2
    assert result.stderr == (
        "gt: error: unknown reason 'lazy'; use one of: deprioritised, policy_changed, "
        "external_shock, superseded, no_funding, other\n"
    )


def test_check_names_a_bad_reason_in_the_file(gt: Run, tmp_path: Path) -> None:
    path = small(
        tmp_path / "l",
        block("a-one", status="met",
              history='[{date = 2026-01-01, status = "met", evidence = "e", reason = "other"}]'),
        block("b-two", status="missed",
              history='[{date = 2026-01-01, status = "missed", reason = "bad luck"}]'),
    )  # fmt: skip
    result = gt("--ledger", str(path), "check")
    assert result.exit_code == 1
    assert (
        "a reason is given only for a status of missed, withdrawn, stalled, not 'met'; remove it"
        in result.stdout + result.stderr
    )
    assert (
        "unknown reason 'bad luck'; use one of: deprioritised, policy_changed, external_shock, superseded, no_funding, other"
        in result.stdout + result.stderr
    )


def test_import_writes_the_reason_of_a_row(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "l", ledger_text(block("a-1")))
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "id,status,date,note,evidence,reason\na-1,stalled,2026-08-01,n,e,policy_changed\n",
        encoding="utf-8",
    )
    done = gt("--ledger", str(path), "import", str(rows))
    assert done.exit_code == 0, done.stderr
    assert "a-1: status pledged -> stalled (policy_changed) on 2026-08-01" in done.stdout
    assert 'reason = "policy_changed"' in path.read_text(encoding="utf-8")
    card = json.loads(
        gt("--ledger", str(path), "scorecard", "--json", "--as-of", "2026-09-01").stdout
    )
    assert card["all"]["reasons"]["policy_changed"] == 1
