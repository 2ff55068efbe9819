"""Saves change only what changed: exact bytes, byte-identical no-ops, kept line ends,
byte-order marks, permissions, links and comments; refusals that say why."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from greentrade_cli.errors import DataError, LedgerChangedError
from greentrade_cli.ledgerfile import storage
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status
from tests.conftest import Run
from tests.small_ledgers import block, ledger_text, write_ledger

ON = dt.date(2025, 11, 5)


def mark(path: Path, ident: str, status: Status = Status.IN_PROGRESS, note: str = "") -> None:
    """What `gt mark IDENT STATUS --on 2025-11-05 --note NOTE` does, through the library."""

    def change(ledger: Ledger) -> Commitment:
        return ledger.find(ident).marked(status, ON, note=note)

    storage.update(path, change)


def marked_block(ident: str) -> str:
    """:func:`block` as ``mark(path, ident)`` leaves it (canonical tomli-w form)."""
    entry = '[\n    { date = 2025-11-05, status = "in_progress" },\n]'
    return block(ident, status="in_progress", history=entry)


def others(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- no change, no new bytes ---------------------------------------------------------


def test_a_save_without_change_leaves_the_file_untouched(ledger_path: Path) -> None:
    before = ledger_path.read_bytes()
    stamp = ledger_path.stat().st_mtime_ns
    file = storage.load(ledger_path)
    same = file.ledger.commitments[5]
    assert storage.splice(file, same) == file.text
    storage.save(file, storage.splice(file, same), file.ledger)
    assert ledger_path.read_bytes() == before
    assert ledger_path.stat().st_mtime_ns == stamp


def test_a_hand_formatted_crlf_bom_ledger_survives_a_no_op_save(tmp_path: Path) -> None:
    text = ledger_text(block("a-1", tags='[ "x",   "y" ]  # two tags'), block("a-2"))
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    path = write_ledger(tmp_path, "")
    path.write_bytes(raw)
    file = storage.load(path)
    storage.save(file, storage.splice(file, file.ledger.commitments[0]), file.ledger)
    assert path.read_bytes() == raw


# -- exact diffs -----------------------------------------------------------------------


def test_mark_changes_exactly_the_status_and_adds_the_history(gt: Run, ledger_path: Path) -> None:
    before = ledger_path.read_bytes()
    result = gt(
        "--ledger",
        str(ledger_path),
        "mark",
        "mofcom-fta-negotiations",
        "in_progress",
        "--note",
        "Talks with the GCC resumed",
        "--on",
        "2025-11-05",
    )
    assert result.exit_code == 0
    assert result.stderr == "mofcom-fta-negotiations: in_progress on 2025-11-05\n"
    anchor = b'predictable market environment for enterprises."\n'
    old = anchor + b'status = "pledged"\ntags = [\n    "fta",\n]\n\n'
    new = anchor + (
        b'status = "in_progress"\ntags = [\n    "fta",\n]\nhistory = [\n'
        b'    { date = 2025-11-05, status = "in_progress", note = "Talks with the GCC resumed" },\n'
        b"]\n\n"
    )
    assert before.count(old) == 1
    assert ledger_path.read_bytes() == before.replace(old, new)


def test_a_new_entry_joins_the_history_tables_above_the_target(ledger_path: Path) -> None:
    before = ledger_path.read_bytes()
    mark(ledger_path, "mofcom-apec-egl-tariffs", note="Listed tariffs raised again")
    status = b'status = "met"\ntags = [\n    "tariffs",'
    target = 'as scheduled”"\n\n[commitments.target]'.encode()
    entry = (
        b'[[commitments.history]]\ndate = 2025-11-05\nstatus = "in_progress"\n'
        b'note = "Listed tariffs raised again"\n\n'
    )
    assert (before.count(status), before.count(target)) == (1, 1)
    expected = before.replace(status, status.replace(b'"met"', b'"in_progress"')).replace(
        target, target.replace(b"[commitments.target]", entry + b"[commitments.target]")
    )
    assert ledger_path.read_bytes() == expected


def test_crlf_and_bom_are_kept_and_nothing_else_changes(tmp_path: Path, ledger_path: Path) -> None:
    lf = ledger_path.read_bytes()
    mark(ledger_path, "mofcom-fta-negotiations")
    expected_lf = ledger_path.read_bytes()
    folder = tmp_path / "crlf"
    crlf = write_ledger(folder, "")
    (folder / "sources").symlink_to(ledger_path.parent / "sources")
    crlf.write_bytes(b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n"))
    mark(crlf, "mofcom-fta-negotiations")
    assert crlf.read_bytes() == b"\xef\xbb\xbf" + expected_lf.replace(b"\n", b"\r\n")


def test_mixed_line_ends_outside_the_commitment_are_kept(tmp_path: Path) -> None:
    crlf = block("a-1").replace("\n", "\r\n")
    path = write_ledger(tmp_path, ledger_text(crlf, block("a-2")))
    mark(path, "a-2")
    assert path.read_bytes() == ledger_text(crlf, marked_block("a-2")).encode()


def test_separators_inside_other_strings_are_not_line_ends(tmp_path: Path) -> None:
    odd = block("a-1").replace('title = "Title of a-1"', 'title = "one\u2028two\x85three\\t"')
    path = write_ledger(tmp_path, ledger_text(odd, block("a-2")))
    mark(path, "a-2")
    assert path.read_bytes() == ledger_text(odd, marked_block("a-2")).encode()


def test_appending_keeps_every_byte_and_the_blank_line_that_ends_the_file(
    tmp_path: Path,
) -> None:
    path = write_ledger(tmp_path, ledger_text(block("a-1")).replace("\n", "\r\n") + "\r\n")
    file = storage.load(path)
    added = dataclasses.replace(file.ledger.commitments[0], id="a-9", title="Title of a-9")
    new = block("a-9").replace("\n", "\r\n")
    assert storage.append(file, added) == file.text + new + "\r\n"  # the blank line last


# -- the file itself ---------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_permissions_are_kept(ledger_path: Path, mode: int) -> None:
    ledger_path.chmod(mode)
    mark(ledger_path, "mofcom-fta-negotiations")
    assert stat.S_IMODE(ledger_path.stat().st_mode) == mode


@pytest.mark.parametrize("command", ["mark", "undo"])
def test_a_read_only_ledger_is_not_written(ledger_path: Path, command: str) -> None:
    from greentrade_cli.ledgerfile.undo import undo_last

    if command == "undo":
        mark(ledger_path, "mofcom-fta-negotiations")
    before = ledger_path.read_bytes()
    journal = ledger_path.parent / ".commitments.toml.gt-journal.jsonl"
    logged = journal.read_bytes() if journal.exists() else b""
    ledger_path.chmod(0o444)
    with pytest.raises(DataError) as caught:
        if command == "mark":
            mark(ledger_path, "mofcom-green-trade-capacity")
        else:
            undo_last(ledger_path, None)
    assert str(caught.value) == (
        f"{ledger_path}: the file is read-only (mode 444); nothing was written, make it "
        f"writable (chmod u+w {ledger_path}) to change it"
    )
    assert ledger_path.read_bytes() == before
    assert (journal.read_bytes() if journal.exists() else b"") == logged
    assert stat.S_IMODE(ledger_path.stat().st_mode) == 0o444


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_the_owner_is_kept_when_root_writes(ledger_path: Path) -> None:
    os.chown(ledger_path, 4321, 4322)
    mark(ledger_path, "mofcom-fta-negotiations")
    info = ledger_path.stat()
    assert (info.st_uid, info.st_gid) == (4321, 4322)


def test_a_linked_ledger_is_updated_through_its_link(tmp_path: Path, ledger_path: Path) -> None:
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    link = elsewhere / "ledger.toml"
    link.symlink_to(ledger_path)
    mark(link, "mofcom-fta-negotiations")
    assert link.is_symlink()
    assert os.readlink(link) == str(ledger_path)
    assert b'status = "in_progress"' in ledger_path.read_bytes()
    assert others(elsewhere) == ["ledger.toml"]
    assert others(ledger_path.parent) == [
        ".commitments.toml.gt-journal.jsonl", "commitments.toml", "commitments.toml.lock", "sources",
    ]  # fmt: skip


def test_a_write_leaves_no_temporary_file(ledger_path: Path) -> None:
    mark(ledger_path, "mofcom-fta-negotiations")
    assert others(ledger_path.parent) == [
        ".commitments.toml.gt-journal.jsonl", "commitments.toml", "commitments.toml.lock", "sources",
    ]  # fmt: skip


# -- comments ----------------------------------------------------------------------------


def test_comments_inside_the_commitment_are_kept(tmp_path: Path) -> None:
    hand = (
        block("a-1")
        .replace('id = "a-1"\n', 'id = "a-1"\n# Watch the portal for signings.\n')
        .replace('status = "pledged"', 'status = "pledged"\n\n# the target as stated')
        + '[commitments.target]\nmetric = "m"\nunit = "%"\nvalue = 5.0\ndirection = "decrease"\n'
    )
    path = write_ledger(tmp_path, ledger_text(hand, block("a-2")))
    mark(path, "a-1", note="x")
    entry = '[\n    { date = 2025-11-05, status = "in_progress", note = "x" },\n]'
    assert path.read_text(encoding="utf-8") == ledger_text(
        hand.replace('status = "pledged"', f'status = "in_progress"\nhistory = {entry}'),
        block("a-2"),
    )


def test_a_comment_the_write_would_drop_is_refused(gt: Run, tmp_path: Path) -> None:
    hand = block("a-1").replace('status = "pledged"', 'status = "pledged"  # at the briefing')
    path = write_ledger(tmp_path, ledger_text(block("a-0"), hand))
    assert path.read_text().splitlines()[26 - 1] == 'status = "pledged"  # at the briefing'
    before = path.read_bytes()
    result = gt("--ledger", str(path), "mark", "a-1", "in_progress", "--on", "2025-11-05")
    assert result.exit_code == 1
    assert result.stderr == (
        f"gt: error: {path}:26: a-1: this change rewrites line 26, whose comment would be lost; "
        "move the comment off the lines the change touches (above the [[commitments]] line, "
        "say) and run this again\n"
    )
    assert path.read_bytes() == before


def test_a_comment_between_commitments_belongs_to_neither(tmp_path: Path) -> None:
    path = write_ledger(tmp_path, ledger_text(block("a-1"), "# next up\n" + block("a-2")))
    mark(path, "a-1")
    assert (
        path.read_bytes() == ledger_text(marked_block("a-1"), "# next up\n" + block("a-2")).encode()
    )


# -- refusals --------------------------------------------------------------------------


def test_a_commitment_split_across_the_file_is_refused(gt: Run, tmp_path: Path) -> None:
    text = ledger_text(block("a-1"), '[agencies.MIIT]\nname = "MIIT"\n') + (
        '\n[commitments.target]\nmetric = "m"\nunit = "%"\nvalue = 5.0\ndirection = "decrease"\n'
    )
    path = write_ledger(tmp_path, text)
    before = path.read_bytes()
    result = gt("--ledger", str(path), "mark", "a-1", "stalled", "--on", "2025-11-05")
    assert result.exit_code == 1
    assert result.stderr == (
        f"gt: error: {path}:23: a-1: part of this commitment is written after another table; "
        "move it up under its [[commitments]] line and run this again\n"
    )
    assert path.read_bytes() == before


def test_inline_commitments_are_refused(gt: Run, tmp_path: Path) -> None:
    inline = (
        'commitments = [{ id = "a-1", title = "T", agency = "MOFCOM", source = "brief", '
        'quote = "We will open wider to green goods.", status = "pledged" }]\n'
    )
    text = ledger_text().replace("schema = 1\n", "schema = 1\n" + inline, 1)
    path = write_ledger(tmp_path, text)
    assert storage.load(path).ledger.commitments[0].id == "a-1"
    before = path.read_bytes()
    result = gt("--ledger", str(path), "mark", "a-1", "stalled", "--on", "2025-11-05")
    assert result.exit_code == 1
    assert result.stderr == (
        f"gt: error: {path}: the commitments are not written as [[commitments]] tables, so gt "
        "cannot change one without re-writing the others; write each as a [[commitments]] "
        "table and run this again\n"
    )
    assert path.read_bytes() == before


# -- someone else wrote the file -----------------------------------------------------------


def test_a_file_changed_after_reading_is_not_overwritten(ledger_path: Path) -> None:
    file = storage.load(ledger_path)
    edited = ledger_path.read_bytes().replace(b"Li Chenggang", b"LI Chenggang", 1)
    ledger_path.write_bytes(edited)
    changed = file.ledger.find("mofcom-fta-negotiations").marked(Status.STALLED, ON)
    with pytest.raises(LedgerChangedError) as caught:
        storage.save(file, storage.splice(file, changed), file.ledger.with_commitment(changed))
    assert str(caught.value) == (
        f"{ledger_path} changed on disk since gt read it; nothing was written, "
        "run the command again"
    )
    assert ledger_path.read_bytes() == edited


def test_update_reads_the_file_again_under_its_lock(ledger_path: Path) -> None:
    storage.load(ledger_path)  # an earlier read: update must not write from it
    edited = ledger_path.read_bytes().replace(b"Li Chenggang", b"LI Chenggang", 1)
    ledger_path.write_bytes(edited)
    mark(ledger_path, "mofcom-fta-negotiations")
    after = ledger_path.read_bytes()
    assert after.count(b"LI Chenggang") == 1
    assert after.count(b'status = "in_progress"') == edited.count(b'status = "in_progress"') + 2


def test_an_invalid_change_is_never_written(ledger_path: Path) -> None:
    file = storage.load(ledger_path)
    bad = file.ledger.find("mofcom-fta-negotiations").marked(Status.STALLED, ON, note="\udcff")
    before = ledger_path.read_bytes()
    with pytest.raises(DataError) as caught:
        storage.save(file, storage.splice(file, bad), file.ledger.with_commitment(bad))
    assert str(caught.value) == (
        f"{ledger_path}: the change holds text that is not valid UTF-8 (an argument in "
        "another encoding?); nothing was written"
    )
    assert ledger_path.read_bytes() == before


def test_text_that_does_not_read_back_as_intended_is_refused(ledger_path: Path) -> None:
    file = storage.load(ledger_path)
    changed = file.ledger.find("mofcom-fta-negotiations").marked(Status.STALLED, ON)
    wrong = storage.splice(file, changed).replace('"stalled"', '"missed"')
    with pytest.raises(DataError) as caught:
        storage.save(file, wrong, file.ledger.with_commitment(changed))
    assert "nothing was written" in str(caught.value)
    assert ledger_path.read_bytes() == file.text.encode()
