"""Undoing the writes ``gt`` made to a ledger, newest first, from its journal."""

from __future__ import annotations

from pathlib import Path

from greentrade_cli.errors import ConflictError, DataError, LedgerError
from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.blocks import Change, revert
from greentrade_cli.ledgerfile.journal import Entry, Stamp, journal_path, read_journal, undoable
from greentrade_cli.ledgerfile.ledger_file import LedgerFile


def pending(path: Path) -> list[Entry]:
    """The writes to the ledger at ``path`` that ``gt undo`` can still revert, newest first.

    Raises :class:`DataError` when the journal cannot be read.
    """
    return undoable(read_journal(path))


def undo_last(path: Path, stamp: Stamp | None, *, read_only: bool = False) -> Entry:
    """Revert the newest write not yet undone; returns its journal record.

    Under the ledger's lock: every block the write changed must still read as the write
    left it, and the result must be a sound ledger; the undo is itself journaled (as an
    undo of that record, so the next ``gt undo`` takes the write before it). Raises
    :class:`DataError` (the ledger untouched) when there is nothing to undo, when a block
    changed since by other means, or when the result would not be a sound ledger; and
    what :func:`storage.load` raises.
    """
    if read_only:
        raise storage.read_only_error()
    with storage.locked(path):
        return _undo(storage.load(path), stamp)


def _undo(file: LedgerFile, stamp: Stamp | None) -> Entry:
    """:func:`undo_last` for the ledger ``file``, read under its lock."""
    todo = undoable(read_journal(file.path))
    if not todo:
        raise DataError(
            f"nothing to undo: {journal_path(file.path)} records no write to {file.name} "
            "that is not undone already"
        )
    entry = todo[0]
    what = f"cannot undo #{entry.seq} ({entry.command})"
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
        text = revert(part.text, changes, name=name or file.path.name)
        rewrites.append(storage.Rewrite(part, text if text.strip() else ""))
    storage.write(file, rewrites, stamp, undoes=entry.seq)
