"""A write of commitments to a cached ledger gives exactly the bytes, journal and cache a
write with the cache off gives."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from greentrade_cli.errors import DataError, LedgerChangedError
from greentrade_cli.ledgerfile import block_writes, storage
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status
from tests.test_ledger_cache import entries, parsed

LAST = "pboc-green-assets-global-issuance"
"""The last commitment in the bundled ledger: its block runs to the end of the file."""


def _mark(path: Path, cid: str, note: str) -> None:
    storage.update(
        path,
        lambda ledger: ledger.find(cid).marked(Status.STALLED, dt.date(2025, 12, 1), note=note),
    )


def _variant(ledger_path: Path, kind: str) -> None:
    text = ledger_path.read_text(encoding="utf-8")
    if kind == "crlf":
        text = text.replace("\n", "\r\n")
    elif kind == "bom":
        text = "\ufeff" + text
    elif kind == "no final newline":
        text = text.rstrip("\n")
    ledger_path.write_bytes(text.encode("utf-8"))


@pytest.mark.parametrize("kind", ["lf", "crlf", "bom", "no final newline"])
@pytest.mark.parametrize("cid", [LAST, "miit-green-factories-2030", "mofcom-green-trade-capacity"])
def test_a_write_to_a_cached_ledger_gives_the_bytes_and_journal_of_an_uncached_one(
    ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, cid: str
) -> None:
    _variant(ledger_path, kind)
    other = tmp_path / "other" / "commitments.toml"
    shutil.copytree(ledger_path.parent, other.parent)
    storage.load(ledger_path)  # cached: the writes below read it from there
    _mark(ledger_path, cid, "first")
    _mark(ledger_path, cid, "second, on top of a change entry")
    monkeypatch.setenv("GT_NO_CACHE", "1")  # parsed, every time
    _mark(other, cid, "first")
    _mark(other, cid, "second, on top of a change entry")
    assert ledger_path.read_bytes() == other.read_bytes()
    journal = ".commitments.toml.gt-journal.jsonl"
    assert (ledger_path.parent / journal).read_bytes() == (other.parent / journal).read_bytes()
    monkeypatch.delenv("GT_NO_CACHE")
    assert storage.load(ledger_path).ledger == parsed(ledger_path)  # the cache as parsed


def test_mixed_line_ends_are_kept_by_a_write_to_a_cached_ledger(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = ledger_path.read_text(encoding="utf-8")
    ledger_path.write_bytes(text.replace("\n", "\r\n", 3).encode("utf-8"))
    storage.load(ledger_path)
    _mark(ledger_path, LAST, "mixed")
    after = ledger_path.read_bytes().decode("utf-8")
    assert after.count("\r\n") == 3 and 'note = "mixed"' in after
    assert storage.load(ledger_path).ledger == parsed(ledger_path)


def test_a_file_changed_while_a_write_is_planned_is_not_written(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage.load(ledger_path)
    before = ledger_path.read_bytes()
    journal = ledger_path.parent / ".commitments.toml.gt-journal.jsonl"
    real = block_writes.splice

    def edited_meanwhile(*args: object) -> object:
        ledger_path.write_bytes(before.replace(b"Keep aligning", b"Keep Aligning"))
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(block_writes, "splice", edited_meanwhile)
    with pytest.raises(LedgerChangedError) as caught:
        _mark(ledger_path, LAST, "lost")
    assert str(caught.value) == (
        f"{ledger_path} changed on disk since gt read it; nothing was written, run the command again"
    )
    assert ledger_path.read_bytes() == before.replace(b"Keep aligning", b"Keep Aligning")
    assert not journal.exists() or journal.read_bytes() == b""
    assert [p.name for p in ledger_path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_ledger_find_on_ids_keeps_its_messages() -> None:
    ledger = Ledger({}, {}, ())
    with pytest.raises(DataError) as caught:
        ledger.find("x")
    assert str(caught.value) == "no commitment with id 'x'; run `gt list` to see the ids"


@pytest.mark.parametrize("kind", ["lf", "crlf", "bom", "no final newline"])
def test_undo_puts_the_blocks_back_byte_for_byte(ledger_path: Path, kind: str) -> None:
    from greentrade_cli.ledgerfile.undo import undo_last

    _variant(ledger_path, kind)
    original = ledger_path.read_bytes()
    storage.load(ledger_path)
    _mark(ledger_path, LAST, "first")
    marked = ledger_path.read_bytes()
    _mark(ledger_path, "mofcom-green-trade-capacity", "second")
    assert undo_last(ledger_path, None).seq == 2
    assert ledger_path.read_bytes() == marked
    undo_last(ledger_path, None)
    assert ledger_path.read_bytes() == original


def test_undo_back_to_the_cached_bytes_reads_from_their_row(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from greentrade_cli.ledgerfile.undo import undo_last

    storage.load(ledger_path)
    [first] = entries()
    _mark(ledger_path, LAST, "first")
    undo_last(ledger_path, None)  # the bytes of the first row again
    assert first in entries() and len(entries()) == 2
    real = storage.parse_text
    monkeypatch.setattr(storage, "parse_text", None)  # a hit never parses
    again = storage.load(ledger_path)
    monkeypatch.setattr(storage, "parse_text", real)
    assert again.cached is not None and again.ledger == parsed(ledger_path)
