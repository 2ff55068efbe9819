"""The undo journal kept by every write through storage, and undoing from it (library level)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greentrade_cli.errors import DataError, LedgerChangedError
from greentrade_cli.ledgerfile import atomic, blocks, storage
from greentrade_cli.ledgerfile.blocks import Table, diff, revert
from greentrade_cli.ledgerfile.journal import Stamp, journal_path, read_journal, undoable
from greentrade_cli.ledgerfile.undo import undo_last
from greentrade_cli.model.source import Source
from greentrade_cli.model.status import Status

STAMP = Stamp("gt mark mofcom-fta-negotiations in_progress", dt.date(2025, 11, 5), "ana")
NOV5 = dt.date(2025, 11, 5)


def mark(path: Path, cid: str = "mofcom-fta-negotiations", stamp: Stamp | None = STAMP) -> None:
    storage.update(
        path, lambda ledger: ledger.find(cid).marked(Status.IN_PROGRESS, NOV5), stamp=stamp
    )


def block_of(text: str, cid: str) -> str:
    """The lines of commitment ``cid`` in ``text``, from its header to the blank line after it."""
    start = text.index(f'[[commitments]]\nid = "{cid}"\n')
    end = text.find("\n\n", start)
    return text[start : end + 1]


def test_a_write_is_journaled_with_its_stamp_and_the_block_before_and_after(
    ledger_path: Path,
) -> None:
    before = ledger_path.read_text(encoding="utf-8")
    mark(ledger_path)
    after = ledger_path.read_text(encoding="utf-8")
    journal = journal_path(ledger_path)
    assert journal == ledger_path.parent / ".commitments.toml.gt-journal.jsonl"
    records = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]
    assert records == [
        {
            "seq": 1,
            "on": "2025-11-05",
            "command": "gt mark mofcom-fta-negotiations in_progress",
            "user": "ana",
            "changes": [
                {
                    "table": "commitments",
                    "key": "mofcom-fta-negotiations",
                    "before": block_of(before, "mofcom-fta-negotiations"),
                    "after": block_of(after, "mofcom-fta-negotiations"),
                    "prev": "commitments/mofcom-fta-green-content",
                }
            ],
        }
    ]
    assert block_of(after, "mofcom-fta-negotiations").endswith(
        'history = [\n    { date = 2025-11-05, status = "in_progress" },\n]\n'
    )


def test_a_write_without_a_stamp_is_journaled_and_undoable(ledger_path: Path) -> None:
    original = ledger_path.read_bytes()
    mark(ledger_path, stamp=None)
    (entry,) = read_journal(ledger_path).entries
    assert (entry.seq, entry.stamp, entry.command) == (1, None, "(not recorded)")
    undo_last(ledger_path, STAMP)
    assert ledger_path.read_bytes() == original


def write_once(ledger_path: Path, operation: str) -> None:
    """One journalled write of each kind: a mark, an insert, a removal or a new source."""
    if operation == "update":
        mark(ledger_path)
    elif operation == "insert":
        storage.insert(
            ledger_path,
            lambda ledger: replace(ledger.find("mofcom-fta-negotiations"), id="mofcom-copy"),
            stamp=STAMP,
        )
    elif operation == "remove":
        storage.remove(ledger_path, "mofcom-green-trade-capacity", stamp=STAMP)
    else:
        storage.add_source(
            ledger_path, Source("mofcom-2025-11", "Notice", "MOFCOM", NOV5), stamp=STAMP
        )


@pytest.mark.parametrize("operation", ["update", "insert", "remove", "add_source"])
def test_undo_restores_the_exact_bytes_of_each_write(ledger_path: Path, operation: str) -> None:
    original = ledger_path.read_bytes()
    write_once(ledger_path, operation)
    assert ledger_path.read_bytes() != original
    undone = undo_last(ledger_path, Stamp("gt undo", NOV5, "ana"))
    assert undone.seq == 1
    assert ledger_path.read_bytes() == original
    assert undoable(read_journal(ledger_path).entries) == []
    assert [(e.seq, e.undoes) for e in read_journal(ledger_path).entries] == [(1, None), (2, 1)]


def test_undo_goes_back_one_write_at_a_time_newest_first(ledger_path: Path) -> None:
    states = [ledger_path.read_bytes()]
    mark(ledger_path, "mofcom-fta-negotiations")
    states.append(ledger_path.read_bytes())
    storage.remove(ledger_path, "mofcom-green-trade-capacity", stamp=STAMP)
    states.append(ledger_path.read_bytes())
    mark(ledger_path, "mofcom-two-way-market-opening")
    assert [e.seq for e in undoable(read_journal(ledger_path).entries)] == [3, 2, 1]
    for expected in reversed(states):
        undo_last(ledger_path, STAMP)
        assert ledger_path.read_bytes() == expected
    with pytest.raises(DataError, match=r"^nothing to undo: .*gt-journal\.jsonl records no write"):
        undo_last(ledger_path, STAMP)


def test_undo_refuses_when_the_commitment_changed_since_by_other_means(
    ledger_path: Path,
) -> None:
    mark(ledger_path)
    text = ledger_path.read_text(encoding="utf-8")
    edited = text.replace(
        'title = "Continue advancing free trade agreement negotiations"',
        'title = "Advance FTA negotiations"',
    )
    ledger_path.write_text(edited, encoding="utf-8")
    journal_before = journal_path(ledger_path).read_bytes()
    with pytest.raises(DataError) as caught:
        undo_last(ledger_path, STAMP)
    assert str(caught.value) == (
        "cannot undo #1 (gt mark mofcom-fta-negotiations in_progress): commitment "
        "mofcom-fta-negotiations changed since by other means; nothing was changed "
        "(edit it by hand, or with gt edit, instead)"
    )
    assert ledger_path.read_text(encoding="utf-8") == edited
    assert journal_path(ledger_path).read_bytes() == journal_before


@pytest.mark.parametrize(
    ("write", "said"),
    [("insert", "was removed since"), ("remove", "was added again since")],
    ids=["added-then-removed", "removed-then-added"],
)
def test_undo_refuses_a_block_removed_or_added_since_by_other_means(
    ledger_path: Path, write: str, said: str
) -> None:
    cid = "mofcom-green-trade-capacity"
    if write == "insert":  # two copies, the first taken out by hand
        storage.insert_many(
            ledger_path,
            lambda ledger: [replace(ledger.find(cid), id=f"mofcom-copy{n}") for n in (1, 2)],
            stamp=STAMP,
        )
        cid = "mofcom-copy1"
        edited = storage.cut(storage.load(ledger_path), cid)
    else:  # put back by hand, with another title
        text = ledger_path.read_text(encoding="utf-8")
        storage.remove(ledger_path, cid, stamp=STAMP)
        edited = text.replace("Keep aligning with global", "Keep in step with global")
    ledger_path.write_text(edited, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        undo_last(ledger_path, STAMP)
    assert str(caught.value) == (
        f"cannot undo #1 ({STAMP.command}): commitment {cid} {said} by other means; nothing "
        "was changed (edit it by hand, or with gt edit, instead)"
    )
    assert ledger_path.read_text(encoding="utf-8") == edited


@pytest.mark.parametrize("write", ["update", "insert", "remove"])
def test_a_write_taken_back_by_hand_is_as_if_never_made(ledger_path: Path, write: str) -> None:
    original = ledger_path.read_bytes()
    write_once(ledger_path, write)
    ledger_path.write_bytes(original)  # every block it changed reads as before it again
    assert read_journal(ledger_path).entries == ()
    with pytest.raises(DataError) as caught:
        undo_last(ledger_path, STAMP)
    assert str(caught.value) == (
        f"nothing to undo: {journal_path(ledger_path)} records no write to {ledger_path} "
        "that is not undone already"
    )
    mark(ledger_path, "mofcom-two-way-market-opening")  # in its place, under its number
    (entry,) = read_journal(ledger_path).entries
    assert (entry.seq, entry.touched("")) == (1, ["commitments/mofcom-two-way-market-opening"])
    assert len(journal_path(ledger_path).read_bytes().splitlines()) == 1


def test_undo_keeps_hand_edits_to_other_commitments(ledger_path: Path) -> None:
    original = ledger_path.read_text(encoding="utf-8")
    mark(ledger_path)
    text = ledger_path.read_text(encoding="utf-8")
    ledger_path.write_text(
        text.replace('title = "Reduce non-tariff barriers"', 'title = "Cut non-tariff barriers"'),
        encoding="utf-8",
    )
    undo_last(ledger_path, STAMP)
    assert ledger_path.read_text(encoding="utf-8") == original.replace(
        'title = "Reduce non-tariff barriers"', 'title = "Cut non-tariff barriers"'
    )


def test_undo_refuses_a_result_that_would_not_be_a_valid_ledger(ledger_path: Path) -> None:
    add = Stamp("gt source add mofcom-2025-11", NOV5, "ana")
    storage.add_source(ledger_path, Source("mofcom-2025-11", "Notice", "MOFCOM", NOV5), stamp=add)
    # by hand, the second commitment (without history) now cites the new source (kept
    # without an archive)
    text = ledger_path.read_text(encoding="utf-8")
    head, tail = text.split('id = "mofcom-green-governance-forums"', 1)
    edited = (
        head
        + 'id = "mofcom-green-governance-forums"'
        + tail.replace('source = "scio-2025-10-31"', 'source = "mofcom-2025-11"', 1)
    )
    ledger_path.write_text(edited, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        undo_last(ledger_path, STAMP)
    assert str(caught.value) == (
        "cannot undo #1 (gt source add mofcom-2025-11): the ledger would then not be valid "
        f"({ledger_path}:57: mofcom-green-governance-forums: source: unknown source "
        "'mofcom-2025-11'; declare it in a [sources.mofcom-2025-11] table); nothing was changed"
    )
    assert ledger_path.read_text(encoding="utf-8") == edited


def test_a_failed_write_leaves_no_journal_record(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mark(ledger_path, "mofcom-two-way-market-opening")
    journal_before = journal_path(ledger_path).read_bytes()
    original = ledger_path.read_bytes()

    def fail(path: Path, data: bytes) -> None:
        raise DataError(f"{path}: cannot be written (No space left on device); nothing was changed")

    monkeypatch.setattr(atomic, "write_atomically", fail)
    with pytest.raises(DataError, match="No space left on device"):
        mark(ledger_path)
    assert journal_path(ledger_path).read_bytes() == journal_before
    assert ledger_path.read_bytes() == original


def test_a_ledger_changed_on_disk_during_a_write_is_not_journaled(ledger_path: Path) -> None:
    file = storage.load(ledger_path)
    ledger_path.write_bytes(ledger_path.read_bytes() + b"\n")
    changed = file.ledger.find("mofcom-fta-negotiations").marked(Status.IN_PROGRESS, NOV5)
    with pytest.raises(LedgerChangedError):
        storage.save(
            file, storage.splice(file, changed), file.ledger.with_commitment(changed), stamp=STAMP
        )
    assert not journal_path(ledger_path).exists()


def test_a_journal_line_that_is_not_a_record_is_skipped_and_named(ledger_path: Path) -> None:
    mark(ledger_path)
    journal = journal_path(ledger_path)
    journal.write_bytes(journal.read_bytes() + b"{oops}\n\xff\n")
    read = read_journal(ledger_path)
    assert ([e.seq for e in read.entries], read.lines, read.damaged) == ([1], (1,), (2, 3))
    assert read.note() == (
        f"{journal}:2: not a gt journal record, skipped, nor is line 3; gt undo cannot take "
        "back writes recorded there (restore the lines from a copy, or delete them, to clear "
        "this note)"
    )
    before = (ledger_path.read_bytes(), journal.read_bytes())
    with pytest.raises(DataError) as caught:
        undo_last(ledger_path, STAMP)
    assert str(caught.value) == (
        f"cannot undo #1 ({STAMP.command}): {journal}:3, a later line of the journal, is not "
        "a gt journal record and may hold a newer write; nothing was changed (restore the "
        "line from a copy, or delete it and run gt undo again)"
    )
    assert (ledger_path.read_bytes(), journal.read_bytes()) == before


def test_an_unfinished_last_line_is_ignored_and_dropped_by_the_next_write(
    ledger_path: Path,
) -> None:
    mark(ledger_path)
    journal = journal_path(ledger_path)
    journal.write_bytes(journal.read_bytes() + b'{"seq": 2, "on"')
    assert [e.seq for e in read_journal(ledger_path).entries] == [1]
    mark(ledger_path, "mofcom-two-way-market-opening")
    lines = journal.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2]


def test_a_write_numbers_its_record_from_the_journal_s_last_line_alone(
    ledger_path: Path,
) -> None:
    mark(ledger_path)
    journal = journal_path(ledger_path)
    first = journal.read_bytes()
    journal.write_bytes(b"{oops}\n" + first)  # not read by a write: only the last line is
    mark(ledger_path, "mofcom-two-way-market-opening")
    lines = journal.read_bytes().splitlines()
    assert (lines[0], json.loads(lines[-1])["seq"]) == (b"{oops}", 2)


def test_a_write_after_lines_that_are_not_records_is_numbered_past_them(
    ledger_path: Path,
) -> None:
    mark(ledger_path)
    journal = journal_path(ledger_path)
    journal.write_bytes(journal.read_bytes() + b"{oops}\n{oops}\n")
    mark(ledger_path, "mofcom-two-way-market-opening")
    lines = journal.read_bytes().splitlines()
    assert (lines[1:3], json.loads(lines[-1])["seq"]) == ([b"{oops}", b"{oops}"], 4)
    read = read_journal(ledger_path)
    assert ([e.seq for e in read.entries], read.lines, read.damaged) == ([1, 4], (1, 4), (2, 3))
    assert undo_last(ledger_path, STAMP).seq == 4


def test_a_write_finds_the_newest_record_across_blocks_of_the_file(ledger_path: Path) -> None:
    big = {"seq": 7, "on": None, "command": None, "user": None, "undoes": 6, "pad": "x" * 2**17}
    journal = journal_path(ledger_path)
    journal.write_bytes(json.dumps(big).encode() + b"\n" + b"{oops}\n" * 3)
    mark(ledger_path)
    assert json.loads(journal.read_bytes().splitlines()[-1])["seq"] == 11


def test_a_journal_of_lines_that_are_not_records_leaves_nothing_to_undo(
    ledger_path: Path,
) -> None:
    journal = journal_path(ledger_path)
    journal.write_bytes(b"{oops}\n")
    with pytest.raises(DataError) as caught:
        undo_last(ledger_path, STAMP)
    assert str(caught.value) == (
        f"nothing to undo: {journal} records no write to {ledger_path} that is not undone "
        "already, and line 1 of it is not a gt journal record"
    )
    mark(ledger_path)
    assert [json.loads(line)["seq"] for line in journal.read_bytes().splitlines()[1:]] == [2]


def test_a_change_that_is_not_whole_blocks_is_kept_as_the_whole_file(ledger_path: Path) -> None:
    text = ledger_path.read_text(encoding="utf-8").rstrip("\n")  # no final newline
    ledger_path.write_text(text, encoding="utf-8")
    storage.insert(
        ledger_path,
        lambda ledger: replace(ledger.find("mofcom-fta-negotiations"), id="mofcom-copy"),
        stamp=STAMP,
    )
    (entry,) = read_journal(ledger_path).entries
    assert [(c.table, c.before) for c in entry.changes] == [(Table.FILE, text)]
    undo_last(ledger_path, STAMP)
    assert ledger_path.read_text(encoding="utf-8") == text


OPERATIONS = st.lists(
    st.tuples(st.sampled_from(["mark", "insert", "remove"]), st.integers(0, 22)),
    min_size=1,
    max_size=6,
)
BLANK_LINES = st.lists(st.sampled_from(["\n", " \n", "\t \n"]), max_size=3).map("".join)
"""Blank lines as an editor may leave them at the start or end of a file."""
GAPS = st.lists(st.sampled_from(["", "", "\n", "\n\n"]), min_size=23, max_size=23)
"""Blank lines added between a commitment and the one above it (one in the ledger)."""


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=OPERATIONS, leading=BLANK_LINES, trailing=BLANK_LINES, gaps=GAPS)
def test_undoing_every_write_gives_back_the_original_bytes(
    ledger_path: Path,
    operations: list[tuple[str, int]],
    leading: str,
    trailing: str,
    gaps: list[str],
) -> None:
    journal_path(ledger_path).unlink(missing_ok=True)
    head, *blocks = ledger_path.read_text(encoding="utf-8").split("\n[[commitments]]\n")
    text = head + "".join(
        f"{gap}\n[[commitments]]\n{b}" for gap, b in zip(gaps, blocks, strict=True)
    )
    text = text.strip(" \t\n")
    ledger_path.write_text(f"{leading}{text}\n{trailing}", encoding="utf-8")
    original = ledger_path.read_bytes()
    states = [original]
    for number, (operation, pick) in enumerate(operations):
        ids = [c.id for c in storage.load(ledger_path).ledger.commitments]
        cid = ids[pick % len(ids)]
        if operation == "mark":
            mark(ledger_path, cid)
        elif operation == "insert":
            storage.insert(
                ledger_path,
                lambda ledger, cid=cid, n=number: replace(ledger.find(cid), id=f"copy-{n}"),
                stamp=STAMP,
            )
        elif len(ids) > 1:
            storage.remove(ledger_path, cid, stamp=STAMP)
        else:
            continue
        states.append(ledger_path.read_bytes())
    changed = [c for entry in read_journal(ledger_path).entries for c in entry.changes]
    assert [c.table for c in changed if c.table is Table.FILE] == []  # block by block
    for expected in reversed(states[:-1]):
        undo_last(ledger_path, STAMP)
        assert ledger_path.read_bytes() == expected
    assert ledger_path.read_bytes() == original


def test_diff_of_equal_texts_is_empty_and_revert_of_nothing_is_the_text() -> None:
    text = 'schema = 1\n\n[[commitments]]\nid = "a"\n'
    assert diff(text, text) == ()
    assert revert(text, ()) == text


def test_a_write_to_many_commitments_is_undone_in_one_reading_of_the_text(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undoing a write to n commitments parses the text once, not once a commitment (an
    import to 400 commitments took 37 s to undo); blocks that grew and blocks that shrank
    are put back, byte for byte."""
    before = ledger_path.read_text(encoding="utf-8")
    ledger = storage.load(ledger_path).ledger
    grown = [c.marked(Status.IN_PROGRESS, NOV5) for c in ledger.commitments if not c.history]
    shrunk = [
        replace(c, status=Status.PLEDGED, history=()) for c in ledger.commitments if c.history
    ]
    assert (len(grown), len(shrunk)) == (18, 5)
    storage.update_many(ledger_path, lambda _: [*grown, *shrunk], stamp=STAMP)
    after = ledger_path.read_text(encoding="utf-8")
    (entry,) = read_journal(ledger_path).entries
    assert len(entry.changes) == 23
    parsed: list[str] = []
    real = blocks._parse
    monkeypatch.setattr(blocks, "_parse", lambda text: parsed.append(text) or real(text))
    assert revert(after, entry.changes) == before
    assert parsed == [after]


@pytest.mark.parametrize(
    ("bom", "newline"), [(b"", b"\r\n"), (b"\xef\xbb\xbf", b"\n")], ids=["crlf", "bom"]
)
def test_undo_keeps_line_endings_and_byte_order_mark(
    ledger_path: Path, bom: bytes, newline: bytes
) -> None:
    original = bom + ledger_path.read_bytes().replace(b"\n", newline)
    ledger_path.write_bytes(original)
    mark(ledger_path)
    storage.remove(ledger_path, "mofcom-green-trade-capacity", stamp=STAMP)
    written = ledger_path.read_bytes()
    assert written.startswith(bom + b"#")
    assert written.count(b"\n") == written.count(newline)
    undo_last(ledger_path, STAMP)
    undo_last(ledger_path, STAMP)
    assert ledger_path.read_bytes() == original


def test_a_new_journal_is_no_more_readable_than_its_ledger(ledger_path: Path) -> None:
    import os

    ledger_path.chmod(0o640)
    old = os.umask(0o022)
    try:
        write_once(ledger_path, "update")
    finally:
        os.umask(old)
    assert oct(journal_path(ledger_path).stat().st_mode & 0o777) == "0o640"
