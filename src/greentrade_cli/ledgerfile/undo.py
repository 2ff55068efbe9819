"""Undoing the writes ``gt`` made to a ledger, newest first, from its journal."""

from __future__ import annotations

import os
from pathlib import Path

from greentrade_cli.errors import ConflictError, DataError, LedgerError
from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.blocks import Change, revert
from greentrade_cli.ledgerfile.journal import Entry, Journal, Stamp, read_journal, undoable
from greentrade_cli.ledgerfile.ledger_file import LedgerFile


def undo_last(path: Path, stamp: Stamp | None, *, read_only: bool = False) -> Entry:
    """Revert the newest write not yet undone; returns its journal record.

    Under the ledger's lock: every block the write changed must still read as the write
    left it, and the result must be a sound ledger; the undo is itself journaled (as an
    undo of that record, so the next ``gt undo`` takes the write before it). Raises
    :class:`DataError` (the ledger untouched) when there is nothing to undo, when a
    journal line after that write's is not a record (it may hold a newer write), when a
    block changed since by other means, or when the result would not be a sound ledger;
    and what :func:`storage.load` raises.
    """
    if read_only:
        raise storage.read_only_error()
    with storage.locked(path):
        journal = read_journal(path)
        todo = undoable(journal.entries)
        entry = todo[0] if todo else None
        names = () if entry is None else {change.file for change in entry.changes}
        file = storage.load(path, only=storage.files_named(sorted(names)))
        return _undo(file, journal, entry, stamp)


def _undo(file: LedgerFile, journal: Journal, entry: Entry | None, stamp: Stamp | None) -> Entry:
    """:func:`undo_last` for the ledger ``file``, read under its lock, and its ``journal``
    whose newest write not undone is ``entry``."""
    damaged = journal.damaged_after(entry)
    if entry is None:
        unread = f", and line {damaged[-1]} of it is not a gt journal record" if damaged else ""
        raise DataError(
            f"nothing to undo: {journal.path} records no write to {file.name} that is not "
            f"undone already{unread}"
        )
    what = f"cannot undo #{entry.seq} ({entry.command})"
    if damaged:
        raise DataError(
            f"{what}: {journal.path}:{damaged[-1]}, a later line of the journal, is not a gt "
            "journal record and may hold a newer write; nothing was changed (restore the line "
            "from a copy, or delete it and run gt undo again)"
        )
    try:
        _revert(file, entry, stamp)
    except ConflictError as exc:
        raise DataError(
            f"{what}: {exc}; nothing was changed (edit it by hand, or with gt edit, instead)"
        ) from None
    except LedgerError as exc:
        raise DataError(
            f"{what}: the ledger would then not be valid ({exc}); nothing was changed"
        ) from None
    return entry


def _revert(file: LedgerFile, entry: Entry, stamp: Stamp | None) -> None:
    """Revert ``entry`` in each file of the ledger ``file`` it changed, as one write.
    Raises :class:`ConflictError` when a block changed since, :class:`LedgerError` when
    a file would not be sound."""
    groups: dict[str, list[Change]] = {}
    for change in entry.changes:
        groups.setdefault(change.file, []).append(change)
    rewrites = []
    for name, changes in groups.items():
        part = storage.part_named(file, name)
        if part is None:
            raise ConflictError(f"{name} is no longer a file of the ledger")
        text = revert(part.text, changes, storage.blocks_of(part), name=name or file.path.name)
        emptied = name and not text.strip()  # an included file the write made: removed
        rewrites.append(storage.Rewrite(part, "" if emptied else text))
    folder = Path(os.path.realpath(file.base)).parent
    made = [folder / name for name in reversed(entry.folders)]  # the innermost first
    storage.write(file, rewrites, stamp, undoes=entry.seq, emptied=made)
