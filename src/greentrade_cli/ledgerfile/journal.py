"""The undo journal: a record of every write ``gt`` makes to a ledger.

The journal is one JSON-lines file beside the ledger (following links), named
``.<ledger file name>.gt-journal.jsonl``. Each line is one record:

* a write: ``{"seq": 3, "on": "2025-11-05", "command": "gt mark ...", "user": "ana",
  "changes": [{"table": "commitments", "key": "ID", "before": "...", "after": "...",
  "prev": "commitments/OTHER"}]}``, the text of each touched block before and after
  (with ``"file": "ledger/x.toml"`` for a block in a file the ledger includes), and
  ``"folders": ["ledger"]`` when the write made folders for its new files;
* an undo: ``{"seq": 4, "on": ..., "command": "gt undo", "user": ..., "undoes": 3}``.

``on``, ``command`` and ``user`` are null for a write made without a :class:`Stamp`.
The journal is only appended to, under the ledger's lock, before the ledger itself is
written (and cut back if that write fails), so every write on disk is in it. A gt killed
in between (SIGKILL, a power cut) leaves a last record for a write that never happened.
Two kinds of last line are therefore taken for writes that never happened, ignored by
readers and dropped by the next write (under the lock) as if never made:

* a line without its newline (the record itself was cut short);
* a record whose write never landed: every block it changes still reads on disk as
  before it (for an undo: as the write it undoes left it), and no list of moves
  (:func:`~greentrade_cli.ledgerfile.atomic.finish_pending`) is waiting to finish it.
  Undoing such a write would change nothing, so dropping it loses nothing, even when it
  did land and was reverted by hand since. It is dropped as soon as the next write
  takes the lock (:func:`drop_unlanded`), with the temporary files its write left
  beside the files it names and the folders it made, when left empty.

Only the last record is ever one: every write drops it before journaling its own. A
line that is not a record (damaged by hand or by a disk) is skipped by readers, which
say so, and appended after: it only means the write it held cannot be undone, as a lost
journal means nothing can be.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from greentrade_cli.errors import ConflictError, DataError, LedgerError, one_line
from greentrade_cli.ledgerfile.blocks import Change, Table


@dataclass(frozen=True, slots=True)
class Stamp:
    """Who wrote, what they ran and the date the write is recorded under.

    ``command`` is the command line as typed (``gt mark x met --on 2025-11-05``), ``on``
    the date given with ``--on`` (or today, read by the command line, never here),
    ``user`` the login name of whoever ran it (may be empty). Both come from the system,
    not the ledger: read back, a control character in them is written as its escape
    (:func:`~greentrade_cli.errors.one_line`), as they are shown in ``gt log``.
    """

    command: str
    on: dt.date
    user: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    """One journal record: a write (``changes``) or an undo of write ``undoes``.

    ``seq`` numbers records from 1 in the order they were made; ``stamp`` is None for a
    write made without one. ``folders`` are the folders the write made to hold its new
    files (``gt split``'s ``ledger``), relative to the root's folder, each before those
    inside it: an undo removes them again when they are left empty.
    """

    seq: int
    stamp: Stamp | None
    changes: tuple[Change, ...] = ()
    undoes: int | None = None
    folders: tuple[str, ...] = ()

    @property
    def command(self) -> str:
        """The command line, or ``(not recorded)``."""
        return self.stamp.command if self.stamp and self.stamp.command else "(not recorded)"

    def touched(self, root: str) -> list[str]:
        """What the write changed, in change order: ``commitments/ID``... for a block; for a
        whole file, its path relative to the root's folder (``root``, the root's name, for
        the root itself)."""
        return [(c.file or root) if c.table is Table.FILE else c.name for c in self.changes]


def journal_path(ledger: Path) -> Path:
    """The journal file of the ledger at ``ledger`` (beside its real path)."""
    target = Path(os.path.realpath(ledger))
    return target.parent / f".{target.name}.gt-journal.jsonl"


def _to_json(entry: Entry) -> dict[str, Any]:
    stamp = entry.stamp
    record: dict[str, Any] = {
        "seq": entry.seq,
        "on": stamp.on.isoformat() if stamp else None,
        "command": stamp.command if stamp else None,
        "user": stamp.user if stamp else None,
    }
    if entry.undoes is not None:
        record["undoes"] = entry.undoes
    else:
        record["changes"] = [
            {
                "table": str(c.table),
                "key": c.key,
                "before": c.before,
                "after": c.after,
                "prev": c.prev,
            }
            | ({"file": c.file} if c.file else {})
            for c in entry.changes
        ]
        if entry.folders:
            record["folders"] = list(entry.folders)
    return record


def _optional_text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError("a text field is not a string")


def _from_json(record: object) -> Entry:
    """Build an entry from one parsed line; raises ValueError/KeyError/TypeError when malformed."""
    if not isinstance(record, dict):
        raise ValueError("not an object")
    seq = record["seq"]
    if not isinstance(seq, int) or isinstance(seq, bool):
        raise ValueError("seq is not a number")
    stamp = None
    if record.get("on") is not None:
        stamp = Stamp(
            one_line(str(record.get("command") or "")),
            dt.date.fromisoformat(record["on"]),
            one_line(str(record.get("user") or "")),
        )
    if "undoes" in record:
        undoes = record["undoes"]
        if not isinstance(undoes, int) or isinstance(undoes, bool):
            raise ValueError("undoes is not a number")
        return Entry(seq, stamp, (), undoes)
    changes = tuple(
        Change(
            Table(item["table"]),
            str(item["key"]),
            _optional_text(item["before"]),
            _optional_text(item["after"]),
            _optional_text(item.get("prev")),
            str(item.get("file") or ""),
        )
        for item in record["changes"]
    )
    folders = record.get("folders", [])
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        raise ValueError("folders is not a list of names")
    return Entry(seq, stamp, changes, folders=tuple(folders))


def _record(line: bytes) -> Entry | None:
    """The record on one line of a journal; None when the line is not one."""
    try:
        return _from_json(json.loads(line))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


@dataclass(frozen=True, slots=True)
class Journal:
    """A ledger's journal as read: ``entries``, its records oldest first, the record of
    ``entries[i]`` on 1-based line ``lines[i]`` of the file at ``path``; ``damaged``, the
    lines that are not records, skipped."""

    path: Path
    entries: tuple[Entry, ...] = ()
    lines: tuple[int, ...] = ()
    damaged: tuple[int, ...] = ()

    def damaged_after(self, entry: Entry | None) -> tuple[int, ...]:
        """The damaged lines after the line of ``entry`` (every one for None)."""
        line = 0 if entry is None else self.lines[self.entries.index(entry)]
        return tuple(n for n in self.damaged if n > line)

    def note(self) -> str | None:
        """One line saying which lines were skipped and what to do; None when none was."""
        if not self.damaged:
            return None
        first, *more = self.damaged
        if not more:
            return (
                f"{self.path}:{first}: not a gt journal record, skipped; gt undo cannot take "
                "back a write recorded there (restore the line from a copy, or delete it, to "
                "clear this note)"
            )
        others = (
            f"is line {more[0]}" if len(more) == 1 else f"are lines {', '.join(map(str, more))}"
        )
        return (
            f"{self.path}:{first}: not a gt journal record, skipped, nor {others}; gt undo "
            "cannot take back writes recorded there (restore the lines from a copy, or delete "
            "them, to clear this note)"
        )


def read_journal(ledger: Path) -> Journal:
    """The journal of ``ledger`` (empty when there is none); an unfinished last line is
    left out. Raises :class:`DataError` naming the file when it cannot be read."""
    path = journal_path(ledger)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Journal(path)
    except OSError as exc:
        raise DataError(f"{path}: the undo journal cannot be read ({exc.strerror})") from None
    entries, lines, damaged = [], [], []
    for number, line in enumerate(raw.split(b"\n")[:-1], start=1):
        entry = _record(line)
        if entry is None:
            damaged.append(number)
        else:
            entries.append(entry)
            lines.append(number)
    if entries and not (damaged and damaged[-1] > lines[-1]):  # a record is the last line
        last = entries[-1]
        target = next((e for e in reversed(entries) if e.seq == last.undoes), None)
        if never_landed(ledger, last, target):
            del entries[-1], lines[-1]
    return Journal(path, tuple(entries), tuple(lines), tuple(damaged))


def _file_of(ledger: Path, name: str) -> Path:
    """The file the journal of ``ledger`` calls ``name`` (relative to the root's folder)."""
    root = Path(os.path.realpath(ledger))
    return root.parent / name if name else root


def _bytes_on_disk(path: Path) -> bytes | None:
    """The bytes of the ledger file at ``path``; empty when there is no file, None when it
    cannot be read."""
    from greentrade_cli.ledgerfile.ledger_file import read_bytes

    if not os.path.lexists(path):
        return b""
    try:
        return read_bytes(path)
    except LedgerError:
        return None


def _reverts(path: Path, raw: bytes, changes: Sequence[Change]) -> bool:
    """True when ``changes`` to the file at ``path``, whose bytes are ``raw``, can be
    reverted: every block (or the whole text) reads as their ``after``. A block found in
    the bytes to read otherwise (the common case: a write that did land) answers at once,
    without decoding or parsing the text."""
    from greentrade_cli.ledgerfile.blocks import revert
    from greentrade_cli.ledgerfile.ledger_file import decode

    flat = raw.replace(b"\r\n", b"\n") if b"\r" in raw else raw  # as block texts end lines
    for c in changes:
        if c.table is not Table.FILE and (
            (c.after is not None and c.after.encode("utf-8", "surrogatepass") not in flat)
            or (c.before is not None and c.before.encode("utf-8", "surrogatepass") in flat)
        ):
            return False
    try:
        revert(decode(path, raw)[0], changes)
    except (LedgerError, ConflictError, RecursionError):
        return False
    return True


def never_landed(ledger: Path, record: Entry, target: Entry | None) -> bool:
    """True when ``record``, the last of the journal of ``ledger``, is a write, or an undo
    of ``target``, that never reached the ledger (see the module notes)."""
    from greentrade_cli.ledgerfile.atomic import pending_path

    if record.undoes is None:  # on disk as before the write: its changes turned round
        left = [replace(c, before=c.after, after=c.before) for c in record.changes]
    elif target is not None and target.undoes is None:
        left = list(target.changes)  # on disk as that write left it
    else:
        return False
    if not left or os.path.lexists(pending_path(ledger)):
        return False
    by_file: dict[str, list[Change]] = {}
    for change in left:
        by_file.setdefault(change.file, []).append(change)
    for name, changes in by_file.items():
        path = _file_of(ledger, name)
        raw = _bytes_on_disk(path)
        if raw is None or not _reverts(path, raw, changes):
            return False
    return True


def undoable(entries: Sequence[Entry]) -> list[Entry]:
    """The writes not yet undone, newest first: what ``gt undo`` takes, in order."""
    undone = {e.undoes for e in entries if e.undoes is not None}
    return [e for e in reversed(entries) if e.undoes is None and e.seq not in undone]


def _lines_back(handle: BinaryIO) -> Iterator[bytes]:
    """The lines of the file open as ``handle``, each with its newline (the last one may
    have none), last first, read from the end in blocks: a journal of many writes is not
    read whole to add one."""
    at = handle.seek(0, os.SEEK_END)
    data = b""
    while True:
        cut = data.rfind(b"\n", 0, len(data) - 1)
        if cut >= 0:
            yield data[cut + 1 :]
            data = data[: cut + 1]
        elif at > 0:
            step = min(at, 2**16)
            at -= step
            handle.seek(at)
            data = handle.read(step) + data
        else:
            if data:
                yield data
            return


def _tail(handle: BinaryIO) -> tuple[int, int, Entry | None, int]:
    """For the journal open as ``handle``: the size of its complete lines (up to its last
    newline), the number of the next record (one past the newest record's, each damaged
    line after that record counted as one), its last record when it is the last line, and
    where that line begins."""
    size = handle.seek(0, os.SEEK_END)
    skipped = 0
    for line in _lines_back(handle):
        if not line.endswith(b"\n"):
            size -= len(line)  # an unfinished record: dropped
            continue
        entry = _record(line)
        if entry is not None:
            last = None if skipped else entry
            return size, entry.seq + skipped + 1, last, size - len(line)
        skipped += 1
    return size, skipped + 1, None, size


def _numbered(handle: BinaryIO, seq: int | None) -> Entry | None:
    """The newest record numbered ``seq`` in the journal open as ``handle``, read from its end."""
    for line in _lines_back(handle):
        entry = _record(line)
        if entry is not None and entry.seq == seq:
            return entry
    return None


def last_entry(ledger: Path) -> Entry | None:
    """The journal's last complete line as a record, read from its end; None when it is
    not one, or there is none, or the journal cannot be read."""
    try:
        with open(journal_path(ledger), "rb") as handle:
            return _tail(handle)[2]
    except OSError:
        return None


def drop_unlanded(ledger: Path) -> None:
    """Drop the journal's last record when its write never landed (:func:`never_landed`),
    and remove what that write left on disk (:func:`_clear_after`). The caller holds the
    ledger's lock. A journal that cannot be read is left for the write to report."""
    try:
        with open(journal_path(ledger), "r+b") as handle:
            last, start = _tail(handle)[2:]
            if last is None:
                return
            target = None if last.undoes is None else _numbered(handle, last.undoes)
            if not never_landed(ledger, last, target):
                return
            handle.truncate(start)
    except OSError:
        return
    _clear_after(ledger, last, target)


def _clear_after(ledger: Path, dropped: Entry, target: Entry | None) -> None:
    """Remove what the write of ``dropped`` (or the undo of ``target``) left when it was
    killed: the temporary files beside each file it writes and beside its list of moves,
    then the folders it made that are left empty."""
    from greentrade_cli.ledgerfile.atomic import pending_path, remove_leftovers

    def inside(name: str) -> bool:  # as gt names them; not so in a journal edited by hand
        return not os.path.isabs(name) and ".." not in Path(name).parts

    changes = dropped.changes if target is None else target.changes
    names = dict.fromkeys(c.file for c in changes if inside(c.file))
    folder = Path(os.path.realpath(ledger)).parent
    made = [folder / name for name in reversed(dropped.folders) if inside(name)]
    remove_leftovers([*(_file_of(ledger, n) for n in names), pending_path(ledger)], made)


def append_entry(
    ledger: Path,
    stamp: Stamp | None,
    changes: tuple[Change, ...],
    undoes: int | None,
    folders: tuple[str, ...] = (),
) -> tuple[int, int]:
    """Record a write (its ``changes`` and the ``folders`` it makes, or an undo of record
    ``undoes``) as the journal's last line, numbered as :func:`_tail` says, flushed to
    disk; returns its number and the journal's size before it, for :func:`cut_back`.

    Drops an unfinished last line first. Raises :class:`DataError` when the journal
    cannot be read or written (then nothing must be written to the ledger either).
    """
    path = journal_path(ledger)
    try:
        # a new journal is no more readable than the ledger whose text it copies
        mode = os.stat(ledger).st_mode & 0o666 if ledger.exists() else 0o666

        def opener(name: str, flags: int) -> int:
            return os.open(name, flags, mode)

        with open(path, "a+b", opener=opener) as handle:
            size, seq, _, _ = _tail(handle)
            entry = Entry(seq, stamp, changes, undoes, folders)
            line = json.dumps(_to_json(entry), ensure_ascii=False, sort_keys=True) + "\n"
            if size != handle.seek(0, os.SEEK_END):
                handle.truncate(size)
            handle.write(line.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise DataError(
            f"{path}: cannot record the change for undo ({exc.strerror}); nothing was written"
        ) from None
    return seq, size


def cut_back(ledger: Path, size: int) -> None:
    """Cut the journal back to ``size`` bytes, removing a record whose write failed."""
    path = journal_path(ledger)
    try:
        with open(path, "r+b") as handle:
            handle.truncate(size)
    except OSError:
        pass  # the record then names a change that is not in the ledger: undo refuses it
