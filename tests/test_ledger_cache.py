"""The ledger cache: a hit gives exactly what parsing gives, and nothing stale or damaged is used."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from greentrade_cli.errors import LedgerChangedError, LedgerError
from greentrade_cli.ledgerfile import ledger_cache, storage, tomlmap
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status
from tests.conftest import Run

MARK = "mofcom-apec-egl-tariffs"


def database() -> Path:
    return Path(os.environ["GT_CACHE_DIR"]) / ledger_cache.DB_NAME


def entries() -> list[str]:
    """The keys of the rows in the cache database."""
    with contextlib.closing(sqlite3.connect(database())) as db:
        return sorted(key for (key,) in db.execute("SELECT key FROM entries"))


def set_body(key: str, body: bytes) -> None:
    with contextlib.closing(sqlite3.connect(database())) as db, db:
        db.execute("UPDATE entries SET body = ? WHERE key = ?", (body, key))


def body(key: str) -> bytes:
    with contextlib.closing(sqlite3.connect(database())) as db:
        (found,) = db.execute("SELECT body FROM entries WHERE key = ?", (key,)).fetchone()
        return bytes(found)


def parsed(path: Path) -> Ledger:
    """The ledger as parsing the file gives it, with the cache off."""
    os.environ["GT_NO_CACHE"] = "1"
    try:
        return storage.load(path).ledger
    finally:
        del os.environ["GT_NO_CACHE"]


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any parse of a ledger fail: what loads still is served from the cache."""

    def refuse(path: Path, raw: bytes) -> None:
        raise AssertionError(f"{path} was parsed")

    monkeypatch.setattr(storage, "parse_text", refuse)


def test_a_second_load_comes_from_the_cache_and_equals_the_parse(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = parsed(ledger_path)
    first = storage.load(ledger_path)
    assert first.cached is not None
    assert len(entries()) == 1
    monkeypatch.setattr(storage, "parse_text", None)  # a hit never parses
    second = storage.load(ledger_path)
    assert "layout" not in second.__dict__  # unpickled only when a write needs it
    assert second.ledger == first.ledger == expected
    assert second.layout == first.layout == tomlmap.scan(first.text).layout()
    assert second.text == first.text


def test_a_changed_ledger_is_read_afresh(ledger_path: Path) -> None:
    storage.load(ledger_path)
    text = ledger_path.read_text(encoding="utf-8")
    ledger_path.write_text(text.replace('status = "met"', 'status = "missed"', 1), "utf-8")
    with pytest.raises(LedgerError, match="status"):
        storage.load(ledger_path)  # the history says met: the new file fails, not the cache
    ledger_path.write_text(text.replace("Keep aligning", "Keep on aligning", 1), "utf-8")
    titles = [c.title for c in storage.load(ledger_path).ledger.commitments]
    assert titles == [c.title for c in parsed(ledger_path).commitments]
    assert titles[0].startswith("Keep on aligning with global green trends")


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]),  # one bit of the pickle
        lambda raw: raw[:100],  # cut short
        lambda raw: b"",  # emptied
        lambda raw: b"not a cache entry",
    ],
)
def test_a_damaged_entry_is_a_miss_and_is_made_again(ledger_path: Path, damage: object) -> None:
    expected = storage.load(ledger_path).ledger
    (entry,) = entries()
    good = body(entry)
    set_body(entry, damage(good))  # type: ignore[operator]
    assert storage.load(ledger_path).ledger == expected
    assert body(entry) == good


def test_a_damaged_database_is_made_again(ledger_path: Path) -> None:
    expected = storage.load(ledger_path).ledger
    database().write_bytes(b"not a database" * 100)
    assert storage.load(ledger_path).ledger == expected
    assert storage.load(ledger_path).cached is not None
    assert len(entries()) == 1


def test_an_entry_made_for_other_bytes_is_not_used(ledger_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other" / "commitments.toml"
    other.parent.mkdir()
    (other.parent / "sources").symlink_to(ledger_path.parent / "sources")
    text = ledger_path.read_text(encoding="utf-8")
    other.write_text(text.replace("Keep aligning", "Keep on aligning", 1), encoding="utf-8")
    storage.load(ledger_path)
    name = ledger_cache.key(other, storage.load(other).digest)
    (entry,) = [key for key in entries() if key != name]
    # Give the other file's row the ledger's pickle (sound checksum, other key inside).
    set_body(name, body(entry))
    with contextlib.closing(sqlite3.connect(database())) as db, db:
        (digest,) = db.execute("SELECT sha256 FROM entries WHERE key = ?", (entry,)).fetchone()
        db.execute("UPDATE entries SET sha256 = ? WHERE key = ?", (digest, name))
    assert storage.load(other).ledger == parsed(other)


def test_a_changed_archive_is_checked_again(ledger_path: Path) -> None:
    storage.load(ledger_path)
    archive = ledger_path.parent / "sources" / "scio-2025-10-31.txt"
    archive.write_text("The briefing text was replaced.\n", encoding="utf-8")
    with pytest.raises(LedgerError, match="not found verbatim"):
        storage.load(ledger_path)


def test_other_code_does_not_read_the_entry(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage.load(ledger_path)
    monkeypatch.setattr(ledger_cache, "_code_fingerprint", lambda: "gt 9.9")
    assert storage.load(ledger_path).ledger == parsed(ledger_path)
    assert len(entries()) == 2


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_an_entry_others_may_write_is_not_used(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage.load(ledger_path)
    database().chmod(0o666)
    calls: list[Path] = []
    real = storage.parse_text
    monkeypatch.setattr(storage, "parse_text", lambda p, raw: calls.append(p) or real(p, raw))
    storage.load(ledger_path)
    assert calls == [ledger_path]


def test_off_and_unwritable_caches_change_nothing(
    ledger_path: Path, gt: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    expected = gt("--ledger", str(ledger_path), "list").stdout
    monkeypatch.setenv("GT_NO_CACHE", "1")
    monkeypatch.setenv("GT_CACHE_DIR", str(tmp_path / "off"))
    assert gt("--ledger", str(ledger_path), "list").stdout == expected
    assert not (tmp_path / "off").exists()
    monkeypatch.delenv("GT_NO_CACHE")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("GT_CACHE_DIR", str(blocker / "cache"))
    result = gt("--ledger", str(ledger_path), "list")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


def test_a_write_is_cached_and_reads_back_as_parsed(
    ledger_path: Path, gt: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage.load(ledger_path)
    result = gt(
        "--ledger", str(ledger_path), "mark", "miit-green-factories-2030", "in_progress",
        "--note", "Pilot list published", "--on", "2025-11-20",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert len(entries()) == 2
    monkeypatch.setattr(storage, "parse_text", None)
    cached = storage.load(ledger_path)
    monkeypatch.undo()
    assert cached.cached is not None and cached.cached.layout_pickle is not None
    assert cached.ledger == parsed(ledger_path)
    assert cached.layout == tomlmap.scan(cached.text).layout()
    assert cached.ledger.find("miit-green-factories-2030").status.value == "in_progress"


def test_many_writes_keep_the_cache_equal_to_the_parse(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_cache, "MAX_ENTRIES", 16)  # fewer than the writes below
    ids = [c.id for c in storage.load(ledger_path).ledger.commitments]
    for month, cid in [(11, cid) for cid in ids] + [(12, cid) for cid in ids]:

        def change(ledger: Ledger, cid: str = cid, month: int = month) -> Commitment:
            note = f"follow-up {month}"
            return ledger.find(cid).marked(Status.IN_PROGRESS, dt.date(2025, month, 20), note=note)

        storage.update(ledger_path, change)
        file = storage.load(ledger_path)
        assert file.cached is not None
    assert file.ledger == parsed(ledger_path)
    assert file.layout == tomlmap.scan(file.text).layout()
    assert len(entries()) == ledger_cache.MAX_ENTRIES


def test_a_cached_ledger_changed_before_its_text_is_read_is_refused(ledger_path: Path) -> None:
    storage.load(ledger_path)
    file = storage.load(ledger_path)  # from the cache: the bytes are read when needed
    assert file.cached is not None and "raw" not in file.__dict__
    ledger_path.write_text(ledger_path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(LedgerChangedError) as caught:
        file.text  # noqa: B018
    assert str(caught.value) == (
        f"{ledger_path} changed on disk since gt read it; nothing was written, run the command again"
    )


def test_a_splice_keeps_every_other_byte_around_unusual_line_breaks(ledger_path: Path) -> None:
    text = ledger_path.read_text(encoding="utf-8")
    odd = text.replace("Keep aligning", "Keep\u2028aligning\u0085", 1)  # not TOML line ends
    ledger_path.write_bytes(odd.encode("utf-8"))
    storage.update(
        ledger_path,
        lambda ledger: ledger.find("mofcom-fta-negotiations").marked(
            Status.STALLED, dt.date(2025, 12, 1), note="talks paused"
        ),
    )
    after = ledger_path.read_text(encoding="utf-8")
    first = after.index('id = "mofcom-fta-negotiations"')
    assert after[:first] == odd[:first]
    assert after.count("\u2028") == 1 and 'note = "talks paused"' in after
    assert storage.load(ledger_path).ledger == parsed(ledger_path)


def test_the_default_folder_is_platformdirs_user_cache_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from platformdirs import user_cache_dir

    monkeypatch.delenv("GT_CACHE_DIR")
    expected = Path(user_cache_dir("greentrade-cli", appauthor=False))
    assert ledger_cache.folder(os.environ) == expected
    assert ledger_cache.folder({"GT_NO_CACHE": "1"}) is None
    assert ledger_cache.folder({"GT_NO_CACHE": "", "GT_CACHE_DIR": "/c"}) == Path("/c")


def test_pruning_keeps_the_most_recent_rows_and_no_other_file_is_touched(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_cache, "MAX_ENTRIES", 16)  # fewer than the writes below
    folder = Path(os.environ["GT_CACHE_DIR"])
    folder.mkdir(exist_ok=True)
    theirs = [folder / f"model{i}.pickle" for i in range(20)] + [folder / ".other.tmp"]
    for path in theirs:
        path.write_text("x", encoding="utf-8")
    ids = [c.id for c in storage.load(ledger_path).ledger.commitments]
    for n, cid in enumerate(ids[: ledger_cache.MAX_ENTRIES + 2]):
        storage.update(
            ledger_path,
            lambda ledger, cid=cid, n=n: ledger.find(cid).marked(
                Status.STALLED, dt.date(2025, 11, 1 + n), note="waiting"
            ),
        )
    assert all(path.read_text(encoding="utf-8") == "x" for path in theirs)
    assert len(entries()) == ledger_cache.MAX_ENTRIES
    last = ledger_cache.key(ledger_path, storage.load(ledger_path).digest)
    assert last in entries()


def test_a_named_pipe_in_place_of_the_database_is_a_miss_and_replaced(ledger_path: Path) -> None:
    expected = storage.load(ledger_path).ledger
    database().unlink()
    os.mkfifo(database())
    assert storage.load(ledger_path).ledger == expected  # does not hang
    assert database().is_file() and len(entries()) == 1


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_a_database_others_may_write_is_replaced_by_a_private_one(ledger_path: Path) -> None:
    storage.load(ledger_path)
    database().chmod(0o666)
    assert storage.load(ledger_path).cached is not None  # parsed, and cached afresh
    assert (oct(database().stat().st_mode & 0o777), len(entries())) == ("0o600", 1)


def test_a_database_of_another_format_is_replaced(ledger_path: Path) -> None:
    database().parent.mkdir(exist_ok=True)
    with contextlib.closing(sqlite3.connect(database())) as db, db:
        db.execute("CREATE TABLE entries (x)")
    expected = storage.load(ledger_path).ledger
    assert len(entries()) == 1
    assert storage.load(ledger_path).ledger == expected


def test_a_busy_database_is_passed_over_not_removed(ledger_path: Path) -> None:
    expected = storage.load(ledger_path).ledger
    inode = database().stat().st_ino
    with contextlib.closing(sqlite3.connect(database(), isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")  # another process in the middle of a write
        assert storage.load(ledger_path).ledger == expected
        storage.update(
            ledger_path,
            lambda ledger: ledger.find(MARK).marked(Status.STALLED, dt.date(2025, 12, 1)),
        )
        other.execute("ROLLBACK")
    assert database().stat().st_ino == inode
    assert storage.load(ledger_path).ledger == parsed(ledger_path)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX owners")
def test_no_folder_is_made_in_another_user_s_folder(
    ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(os, "geteuid", lambda: home.stat().st_uid + 1)  # not its owner
    monkeypatch.setenv("GT_CACHE_DIR", str(home / ".cache" / "greentrade-cli"))
    assert storage.load(ledger_path).cached is None
    assert list(home.iterdir()) == []


def test_an_archive_changed_while_its_quotes_are_checked_is_not_cached(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = ledger_path.parent / "sources" / "scio-2025-10-31.txt"
    real = storage.check_quotes

    def racing(*args: object, **kwargs: object) -> object:
        problems = real(*args, **kwargs)  # type: ignore[arg-type]
        archive.write_text("The briefing text was replaced.\n", encoding="utf-8")
        return problems

    monkeypatch.setattr(storage, "check_quotes", racing)
    assert storage.load(ledger_path).cached is None  # sound as read, but not cached
    monkeypatch.undo()
    with pytest.raises(LedgerError, match="not found verbatim"):
        storage.load(ledger_path)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("final", [True, False], ids=["final-newline", "no-final-newline"])
def test_undo_puts_blocks_back_byte_for_byte_without_parsing_the_ledger(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch, newline: str, final: bool
) -> None:
    from greentrade_cli.ledgerfile import undo

    text = ledger_path.read_text(encoding="utf-8").replace("\n", newline)
    original = (text if final else text.removesuffix(newline)).encode("utf-8")
    ledger_path.write_bytes(original)
    commitments = storage.load(ledger_path).ledger.commitments
    steps = [commitments[0], commitments[-1], commitments[5], commitments[-1]]
    snapshots = [original]
    for n, c in enumerate(steps):

        def change(ledger: Ledger, cid: str = c.id, n: int = n) -> Commitment:
            return ledger.find(cid).marked(Status.STALLED, dt.date(2025, 12, 1 + n), note="x")

        storage.update(ledger_path, change)
        snapshots.append(ledger_path.read_bytes())
    for expected in reversed(snapshots[:-1]):
        undo.undo_last(ledger_path, None)
        assert ledger_path.read_bytes() == expected
    assert storage.load(ledger_path).ledger == parsed(ledger_path)
