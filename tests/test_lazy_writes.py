"""A write of one commitment to a cached ledger builds only the chunk it needs and streams
the file, and gives exactly the bytes, journal and cache a write from the full text gives."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from greentrade_cli.errors import CacheEntryChangedError, DataError, LedgerChangedError
from greentrade_cli.ledgerfile import block_writes, byte_lines, ledger_cache, storage
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.lazy_commitments import LazyCommitments
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status
from tests.test_ledger_cache import entries, parsed

LAST = "pboc-green-assets-global-issuance"
"""The last commitment in the bundled ledger: its block runs to the end of the file."""


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Five commitments a chunk and 64 bytes a read: the 23 pledges make five chunks."""
    monkeypatch.setattr(ledger_cache, "CHUNK", 5)
    monkeypatch.setattr(byte_lines, "CHUNK", 64)


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record each write whose new bytes are streamed from the old file."""
    calls: list[bool] = []
    real = block_writes.new_bytes

    def spy(*args: object) -> object:
        calls.append(True)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(block_writes, "new_bytes", spy)
    return calls


def _loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the chunk numbers that lazy ledgers load."""
    loaded: list[int] = []
    real = ledger_cache._chunk_loader

    def counting(*args: object) -> object:
        load = real(*args)  # type: ignore[arg-type]

        def counted(number: int) -> tuple[Commitment, ...]:
            loaded.append(number)
            return load(number)

        return counted

    monkeypatch.setattr(ledger_cache, "_chunk_loader", counting)
    return loaded


def test_a_lazy_ledger_builds_only_the_chunks_asked_for(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = storage.load(ledger_path).ledger  # parsed, and cached
    loaded = _loads(monkeypatch)
    file = storage.load(ledger_path, lazy=True)
    commitments = file.ledger.commitments
    assert isinstance(commitments, LazyCommitments)
    assert loaded == []
    assert file.ledger.find("miit-green-factories").id == "miit-green-factories-2030"
    assert loaded == [3]  # the 17th commitment, in chunk 3 (commitments 15 to 19)
    assert commitments[-1].id == LAST and commitments[16] is commitments[16]
    assert loaded == [3, 4]
    assert commitments[14:16] == expected.commitments[14:16]
    assert loaded == [3, 4, 2]
    assert file.ledger == expected and commitments == expected.commitments
    assert loaded == [3, 4, 2, 0, 1]


def test_a_lazy_ledger_with_one_commitment_replaced(ledger_path: Path) -> None:
    expected = storage.load(ledger_path).ledger
    lazy = storage.load(ledger_path, lazy=True).ledger
    changed = lazy.find(LAST).marked(Status.STALLED, dt.date(2025, 12, 1), note="n")
    after = lazy.with_commitment(changed)
    assert after.commitments[-1] == changed
    assert after == expected.with_commitment(changed) != expected
    assert lazy == expected  # the copy changed, not the ledger it was made from


@pytest.mark.parametrize("how", ["overwritten", "removed"])
def test_a_chunk_whose_entry_changed_is_refused(ledger_path: Path, how: str) -> None:
    storage.load(ledger_path)
    file = storage.load(ledger_path, lazy=True)
    commitments = file.ledger.commitments
    assert commitments[0].id == "mofcom-green-trade-capacity"  # chunk 0, read before
    [entry] = entries()
    if how == "overwritten":
        entry.write_bytes(bytes(entry.stat().st_size))
    else:
        entry.unlink()
    assert commitments[1].id == "mofcom-green-governance-forums"  # chunk 0 is kept
    with pytest.raises(CacheEntryChangedError) as caught:
        commitments[22]
    assert isinstance(caught.value, DataError)
    assert str(caught.value) == (
        f"the ledger cache entry {entry} changed while gt was using it; nothing was "
        "written, run the command again"
    )


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
def test_a_streamed_write_gives_the_bytes_and_journal_of_a_text_write(
    ledger_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    streamed: list[bool],
    kind: str,
    cid: str,
) -> None:
    _variant(ledger_path, kind)
    other = tmp_path / "other" / "commitments.toml"
    shutil.copytree(ledger_path.parent, other.parent)
    storage.load(ledger_path)  # cached: the writes below stream
    _mark(ledger_path, cid, "first")
    _mark(ledger_path, cid, "second, on top of a change entry")
    assert streamed == [True, True]
    monkeypatch.setenv("GT_NO_CACHE", "1")  # from the full text
    _mark(other, cid, "first")
    _mark(other, cid, "second, on top of a change entry")
    assert streamed == [True, True]
    assert ledger_path.read_bytes() == other.read_bytes()
    journal = ".commitments.toml.gt-journal.jsonl"
    assert (ledger_path.parent / journal).read_bytes() == (other.parent / journal).read_bytes()
    monkeypatch.delenv("GT_NO_CACHE")
    assert storage.load(ledger_path).ledger == parsed(ledger_path)  # the cache as parsed


def test_mixed_line_ends_are_written_from_the_full_text(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = ledger_path.read_text(encoding="utf-8")
    ledger_path.write_bytes(text.replace("\n", "\r\n", 3).encode("utf-8"))
    storage.load(ledger_path)
    monkeypatch.setattr(block_writes, "new_bytes", None)  # never called
    _mark(ledger_path, LAST, "mixed")
    after = ledger_path.read_bytes().decode("utf-8")
    assert after.count("\r\n") == 3 and 'note = "mixed"' in after
    assert storage.load(ledger_path).ledger == parsed(ledger_path)


def test_a_file_changed_while_it_streams_is_not_written(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage.load(ledger_path)
    before = ledger_path.read_bytes()
    journal = ledger_path.parent / ".commitments.toml.gt-journal.jsonl"
    real = byte_lines.replaced

    def edited_meanwhile(path: Path, *args: object) -> object:
        path.write_bytes(before.replace(b"Keep aligning", b"Keep Aligning"))
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(byte_lines, "replaced", edited_meanwhile)
    with pytest.raises(LedgerChangedError) as caught:
        _mark(ledger_path, LAST, "lost")
    assert str(caught.value) == (
        f"{ledger_path} changed on disk since gt read it; nothing was written, run the command again"
    )
    assert ledger_path.read_bytes() == before.replace(b"Keep aligning", b"Keep Aligning")
    assert not journal.exists() or journal.read_bytes() == b""
    assert [p.name for p in ledger_path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_write_past_the_change_limit_stores_a_full_entry_from_a_lazy_ledger(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_cache, "MAX_CHANGED", 1)
    storage.load(ledger_path)
    _mark(ledger_path, LAST, "one")
    _mark(ledger_path, "miit-green-factories-2030", "two")  # two changed: a full entry
    real = storage.parse_text
    monkeypatch.setattr(storage, "parse_text", None)  # a hit never parses
    got = storage.load(ledger_path)
    assert got.cached is not None and got.cached.changed == {}
    monkeypatch.setattr(storage, "parse_text", real)
    assert got.ledger == parsed(ledger_path)


def test_ledger_find_on_ids_keeps_its_messages() -> None:
    ledger = Ledger({}, {}, ())
    with pytest.raises(DataError) as caught:
        ledger.find("x")
    assert str(caught.value) == "no commitment with id 'x'; run `gt list` to see the ids"


@pytest.mark.parametrize("kind", ["lf", "crlf", "bom", "no final newline"])
def test_undo_streams_the_blocks_back_byte_for_byte(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: list[bool], kind: str
) -> None:
    from greentrade_cli.ledgerfile.undo import undo_last

    _variant(ledger_path, kind)
    original = ledger_path.read_bytes()
    storage.load(ledger_path)
    _mark(ledger_path, LAST, "first")
    marked = ledger_path.read_bytes()
    _mark(ledger_path, "mofcom-green-trade-capacity", "second")
    assert streamed == [True, True]
    monkeypatch.setattr(storage, "parse_text", None)  # block by block: nothing is parsed
    assert undo_last(ledger_path, None).seq == 2
    assert ledger_path.read_bytes() == marked
    undo_last(ledger_path, None)
    assert ledger_path.read_bytes() == original
    assert streamed == [True] * 4


def test_undo_back_to_the_cached_bytes_keeps_the_full_entry(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from greentrade_cli.ledgerfile.undo import undo_last

    storage.load(ledger_path)
    [full] = entries()
    size = full.stat().st_size
    _mark(ledger_path, LAST, "first")
    undo_last(ledger_path, None)  # the bytes of the full entry again
    assert full.stat().st_size == size  # not replaced by a change entry naming itself
    monkeypatch.setattr(storage, "parse_text", None)  # a hit never parses
    again = storage.load(ledger_path)
    assert again.cached is not None and again.cached.changed == {}


@pytest.mark.parametrize("command", ["mark", "undo"])
def test_a_write_whose_cache_entry_goes_meanwhile_reads_the_file_instead(
    ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    from greentrade_cli.ledgerfile.undo import undo_last

    other = tmp_path / "other" / "commitments.toml"
    shutil.copytree(ledger_path.parent, other.parent)
    if command == "undo":
        monkeypatch.setenv("GT_NO_CACHE", "1")
        _mark(ledger_path, LAST, "first")
        monkeypatch.delenv("GT_NO_CACHE")
    storage.load(ledger_path)  # a full entry: the write below must read a chunk of it
    real = ledger_cache.lookup
    gone: list[bool] = []

    def lookup_then_prune(*args: object, lazy: bool = False) -> object:
        found = real(*args, lazy=lazy)  # type: ignore[arg-type]
        if lazy:
            for entry in entries():
                entry.unlink()  # as another gt pruning the folder would
            gone.append(True)
        return found

    monkeypatch.setattr(ledger_cache, "lookup", lookup_then_prune)
    if command == "mark":
        _mark(ledger_path, LAST, "first")
    else:
        undo_last(ledger_path, None)
    assert gone == [True]
    monkeypatch.setattr(ledger_cache, "lookup", real)
    monkeypatch.setenv("GT_NO_CACHE", "1")
    if command == "mark":
        _mark(other, LAST, "first")
    else:
        _mark(other, LAST, "first")
        undo_last(other, None)
    assert ledger_path.read_bytes() == other.read_bytes()
