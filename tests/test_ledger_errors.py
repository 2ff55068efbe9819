"""Broken ledgers: one clear line naming the file and line, a non-zero exit, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run


def broken(ledger_path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` by ``new``; return the line where ``new`` starts."""
    text = ledger_path.read_text(encoding="utf-8")
    assert old in text
    ledger_path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'deadline = "2030"',
            'deadline = "2030-02-30"',
            "miit-green-factories-2030: deadline: '2030-02-30' is not a real date (day is out of range for month)",
        ),
        (
            'deadline = "2030"',
            'deadline = "2030-13"',
            "miit-green-factories-2030: deadline: '2030-13' is not a real date (month must be in 1..12)",
        ),
        (
            "value = 40.0",
            "value = nan",
            "miit-green-factories-2030: target.value: must be a finite number, not nan",
        ),
        (
            'agency = "PBOC"',
            'agency = "PBC"',
            "pboc-green-finance-transition-standards: agency: unknown agency 'PBC'; declare "
            "[agencies.PBC] or use one of: MOFCOM, MIIT, PBOC, SAMR",
        ),
        (
            'status = "met"',
            'status = "done"',
            "mofcom-apec-egl-tariffs: status: unknown status 'done'; use one of: pledged, "
            "in_progress, stalled, partially_met, met, missed, withdrawn",
        ),
        (
            'date = 2025-10-31\nstatus = "met"',
            'date = 2025-10-30\nstatus = "met"',
            "mofcom-apec-egl-tariffs: history[0].date: 2025-10-30 is before the pledge was made (2025-10-31)",
        ),
        (
            'quote = "Looking ahead, China will',
            'quote = "Looking ahead, China shall',
            "mofcom-green-trade-capacity: quote: not found verbatim in sources/scio-2025-10-31.txt; "
            "copy the exact words of the source",
        ),
        (
            'id = "mofcom-non-tariff-barriers"',
            'id = "mofcom-fta-negotiations"',
            "mofcom-fta-negotiations: id: duplicate id; every commitment needs its own",
        ),
        (
            'name = "Ministry of Commerce"',
            'name = "Ministry of Commerce',
            "is not valid TOML: illegal character '\\n' at column 29; fix the line and run `gt check`",
        ),
    ],
)
def test_broken_ledger_is_one_line(
    gt: Run, ledger_path: Path, old: str, new: str, message: str
) -> None:
    line = broken(ledger_path, old, new)
    path = str(ledger_path)
    before = ledger_path.read_bytes()
    for args in (("list",), ("mark", "pboc-green-assets", "stalled")):
        result = gt("--ledger", path, *args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == f"gt: error: {path}:{line}: {message}\n"
    assert ledger_path.read_bytes() == before


def test_several_problems_point_to_check(gt: Run, ledger_path: Path) -> None:
    line = broken(ledger_path, 'deadline = "2030"', 'deadline = "soon"')
    broken(ledger_path, 'agency = "PBOC"', 'agency = "PBC"')
    path = str(ledger_path)
    result = gt("--ledger", path, "list")
    assert result.stderr == (
        f"gt: error: {path}:{line}: miit-green-factories-2030: deadline: 'soon' is not a deadline; write "
        "YYYY, YYYY-MM or YYYY-MM-DD (and 1 more problem(s); run `gt check`)\n"
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, ": no such file; check --ledger, or run `gt init {path}` to create it"),
        (lambda p: p.mkdir(), ": is a folder, not a ledger file; give the path of a file"),
        (
            lambda p: p.write_text("  \n"),
            ": is empty; start it with `gt new {path} --force` (an empty ledger) or "
            "`gt init {path} --force` (the bundled briefing's)",
        ),
        (
            lambda p: p.write_bytes(b"schema = 1\n# caf\xe9\n"),
            ":2: is not UTF-8 text (byte 16); save it as UTF-8",
        ),
    ],
)
def test_unusable_files(gt: Run, tmp_path: Path, make: object, message: str) -> None:
    path = tmp_path / "ledger.toml"
    make(path)  # type: ignore[operator]
    result = gt("--ledger", str(path), "list")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"gt: error: {path}{message.format(path=path)}\n",
    )
