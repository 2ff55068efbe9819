"""Writing several commitments in one verified, atomic write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from greentrade_cli.errors import DataError
from greentrade_cli.ledgerfile import storage
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status
from tests.conftest import Run

DAY = dt.date(2025, 12, 1)


def two_changes(ledger: Ledger) -> list[Commitment]:
    return [
        ledger.find("pboc-green-assets-global-issuance").marked(Status.IN_PROGRESS, DAY),
        ledger.find("mofcom-green-trade-capacity").marked(Status.STALLED, DAY, note="quiet"),
    ]


def test_two_commitments_in_one_write(ledger_path: Path) -> None:
    changed = storage.update_many(ledger_path, two_changes)
    assert [c.id for c in changed] == [
        "pboc-green-assets-global-issuance",
        "mofcom-green-trade-capacity",
    ]
    ledger = storage.load(ledger_path).ledger
    assert ledger.find("pboc-green-assets-global-issuance").status is Status.IN_PROGRESS
    assert ledger.find("mofcom-green-trade-capacity").history[-1].note == "quiet"


def test_nothing_changed_writes_nothing(ledger_path: Path) -> None:
    stamp = ledger_path.stat().st_mtime_ns
    assert storage.update_many(ledger_path, lambda ledger: []) == ()
    assert ledger_path.stat().st_mtime_ns == stamp


def test_a_comment_in_a_changed_block_is_kept(ledger_path: Path) -> None:
    text = ledger_path.read_text(encoding="utf-8")
    text = text.replace(
        'id = "pboc-green-assets-global-issuance"',
        'id = "pboc-green-assets-global-issuance"  # keep me',
    )
    ledger_path.write_text(text, encoding="utf-8")
    storage.update_many(ledger_path, two_changes)
    written = ledger_path.read_text(encoding="utf-8")
    assert 'id = "pboc-green-assets-global-issuance"  # keep me\n' in written
    # one pledge goes in_progress (status and history entry), the other from in_progress to stalled
    assert written.count('status = "in_progress"') == text.count('status = "in_progress"') + 1
    assert written.count('status = "stalled"') == 2  # the status and its history entry


def test_a_comment_on_a_rewritten_line_stops_the_whole_write(ledger_path: Path) -> None:
    text = ledger_path.read_text(encoding="utf-8")
    marker = 'id = "pboc-green-assets-global-issuance"'
    start = text.index(marker)
    status_at = text.index('status = "pledged"', start)
    text = (
        text[:status_at]
        + 'status = "pledged"  # keep me'
        + text[status_at + len('status = "pledged"') :]
    )
    ledger_path.write_text(text, encoding="utf-8")
    line = text[:status_at].count("\n") + 1
    with pytest.raises(DataError) as caught:
        storage.update_many(ledger_path, two_changes)
    assert str(caught.value) == (
        f"{ledger_path}:{line}: pboc-green-assets-global-issuance: this change rewrites line "
        f"{line}, whose comment would be lost; move the comment off the lines the change touches "
        "(above the [[commitments]] line, say) and run this again"
    )
    assert ledger_path.read_text(encoding="utf-8") == text


def test_crlf_ledger_keeps_crlf(ledger_path: Path) -> None:
    raw = ledger_path.read_bytes().replace(b"\n", b"\r\n")
    ledger_path.write_bytes(raw)
    storage.update_many(ledger_path, two_changes)
    written = ledger_path.read_bytes()
    assert b"\r\n" in written and b"\n" not in written.replace(b"\r\n", b"")


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_line_separators_inside_strings_survive_a_write(
    gt: Run, ledger_path: Path, char: str
) -> None:
    """str.splitlines() splits at these; TOML keeps them inside strings."""
    note = f"first{char}second"
    result = gt(
        "--ledger", str(ledger_path), "mark", "mofcom-fta-negotiations", "stalled",
        "--note", note, "--on", "2025-12-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    again = gt(
        "--ledger", str(ledger_path), "mark", "mofcom-fta-negotiations", "in_progress",
        "--on", "2025-12-02",
    )  # fmt: skip
    assert again.exit_code == 0, again.stderr
    history = storage.load(ledger_path).ledger.find("mofcom-fta-negotiations").history
    assert [h.note for h in history] == [note, ""]


def test_update_many_refuses_the_bundled_ledger(ledger_path: Path) -> None:
    with pytest.raises(DataError):
        storage.update_many(ledger_path, two_changes, read_only=True)
