"""Writing files so that a reader, or a crash, sees each one all old or all new.

One file is written to a temporary file beside it (flushed and fsynced, with the old
file's permissions, and owner where allowed) and moved over it with :func:`os.replace`;
a symbolic link is followed and its target replaced.

Several files (a write to two files of a ledger, ``gt split``, the undo of either) are
each written beside their old one first; the list of moves (and of files, then folders
left empty, to remove) is recorded in a *pending* file beside the root ledger
(``.<root name>.gt-pending.json``), the moves are made one by one and the list removed.
When a move fails, the files already moved are put back and the folders made for new
files removed; when gt is killed midway, the next run finds the list
(:func:`finish_pending`) and makes the rest of the moves: every file is either all old or
all new.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from greentrade_cli.errors import DataError
from greentrade_cli.ledgerfile.ledger_file import BOM

if TYPE_CHECKING:
    from greentrade_cli.ledgerfile.ledger_file import LedgerFile


class WholeWrites(io.RawIOBase):
    """A file descriptor to which a write is whole or an error. Python's buffers may take
    a short write (a file-size limit reached, a disk filling up mid-way) as done and drop
    the rest silently; here the write goes on, and fails with the reason. ``closefd``:
    close the descriptor on :meth:`close`."""

    def __init__(self, fd: int, *, closefd: bool = False) -> None:
        super().__init__()
        self.fd = fd
        self.closefd = closefd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        while view:
            view = view[os.write(self.fd, view) :]
        return len(data)

    def close(self) -> None:
        if self.closefd and not self.closed:
            os.close(self.fd)
        super().close()


def _temp(target: Path) -> tuple[int, str]:
    """A new temporary file beside ``target`` (a real path): its descriptor and path."""
    import tempfile

    return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)


def _fill(fd: int, tmp: str, payload: bytes | Iterable[bytes], old: os.stat_result | None) -> str:
    """Write ``payload`` (bytes, or bytes in parts written one after the other) to the
    temporary file ``tmp`` open as ``fd``, flushed and fsynced,
    with the permissions (and owner, where allowed) of ``old``, the file it will replace
    (0644 for a new one); returns ``tmp``. Raises :class:`OSError` (``tmp`` removed)."""
    try:
        with io.BufferedWriter(WholeWrites(fd, closefd=True)) as handle:
            for part in [payload] if isinstance(payload, bytes) else payload:
                handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644 if old is None else stat.S_IMODE(old.st_mode))
        if old is not None and (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(tmp, old.st_uid, old.st_gid)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _beside(target: Path, payload: bytes, old: os.stat_result | None) -> str:
    """:func:`_fill` a new temporary file beside ``target``; returns its path."""
    return _fill(*_temp(target), payload, old)


def _stat(target: Path) -> os.stat_result | None:
    try:
        return target.stat()
    except OSError:
        return None


def _sync_folder(folder: Path) -> None:
    """Make a move in ``folder`` durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Replace the file at ``path`` (following links) with ``data`` (bytes, or bytes in
    parts) in one step. Raises
    :class:`DataError` when the folder or file cannot be written."""
    target = Path(os.path.realpath(path))
    try:
        fd, tmp = _temp(target)
    except OSError as exc:
        raise DataError(
            f"{path}: cannot write in {target.parent} ({exc.strerror}); "
            "check the folder's permissions"
        ) from None
    try:
        os.replace(_fill(fd, tmp, data, _stat(target)), target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DataError(
            f"{path}: cannot be written ({exc.strerror}); nothing was changed"
        ) from None
    _sync_folder(target.parent)


class Write(NamedTuple):
    """One file of a write: its path, the file as read (None for a new file), and its new
    text (empty: remove the file)."""

    path: Path
    old: LedgerFile | None
    text: str

    def payload(self) -> bytes:
        """The new bytes: the text as UTF-8, after the old file's byte-order mark."""
        bom = self.old is not None and self.old.bom
        return ((BOM if bom else "") + self.text).encode("utf-8")


def pending_path(root: Path) -> Path:
    """The list of moves of a write to several files of the ledger ``root``."""
    target = Path(os.path.realpath(root))
    return target.with_name(f".{target.name}.gt-pending.json")


def finish_pending(root: Path) -> None:
    """Finish a write to several files that a killed gt left half done: move each new file
    still waiting into place. Does nothing (at the cost of one failed open) otherwise."""
    try:
        where = pending_path(root)
        listed = where.read_bytes()
    except (OSError, ValueError):  # none, or a path that names no file (a NUL in it)
        return
    import json

    try:
        pending = json.loads(listed)
    except (OSError, ValueError):
        return
    if isinstance(pending, list):  # as gt wrote it before it listed folders
        pending = {"moves": pending}
    if not isinstance(pending, dict):
        return
    for tmp, target in pending.get("moves", []):
        with contextlib.suppress(FileNotFoundError):
            if tmp:
                os.replace(tmp, target)
            else:
                os.unlink(target)  # a file the write removes
    _remove_empty(pending.get("folders", []))
    with contextlib.suppress(FileNotFoundError):
        where.unlink()


def _remove_empty(folders: Iterable[str | Path]) -> None:
    """Remove each of ``folders`` (in that order) that is empty; keep the others."""
    for folder in folders:
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def remove_leftovers(targets: Iterable[Path], folders: Iterable[Path]) -> None:
    """Remove the temporary files (:func:`_temp`'s) beside each of ``targets`` (real
    paths), then each of ``folders`` left empty, in that order: what a write killed before
    its moves left. The caller holds the ledger's lock."""
    import glob

    for target in targets:
        pattern = glob.escape(str(target.parent / f".{target.name}.")) + "?" * 8 + ".tmp"
        for left in glob.glob(pattern, include_hidden=True):
            with contextlib.suppress(OSError):
                os.unlink(left)
    _remove_empty(folders)


def missing_folders(path: Path) -> list[Path]:
    """The folders above ``path`` (a real path) that do not exist, the outermost first."""
    missing = []
    folder = path.parent
    while not os.path.isdir(folder) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing[::-1]


def write_files(root: Path, writes: Sequence[Write], emptied: Sequence[Path] = ()) -> None:
    """Write every file of ``writes`` or none (one alone by :func:`write_atomically`), then
    remove those of the folders ``emptied`` (innermost first) that are left empty: the
    caller holds the ledger's lock, has checked each new text, journaled the change and
    checked that each old file is still as read (``old.raw`` holds its bytes). Raises
    :class:`DataError` (every file, and folder, as it was) when one cannot be written."""
    if len(writes) == 1 and writes[0].text and not emptied:
        write_atomically(writes[0].path, writes[0].payload())
        return
    import json

    moves: list[tuple[str, Path]] = []  # (temporary file, real path); "" to remove it
    done: list[Write] = []
    made: list[Path] = []  # the folders made for new files, the outermost first
    listing = ""  # the list of moves, written beside its place
    try:
        for write in writes:
            target = Path(os.path.realpath(write.path))
            if not write.text:
                moves.append(("", target))
                continue
            made += missing_folders(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            old = None if write.old is None else target.stat()
            moves.append((_beside(target, write.payload(), old), target))
        pending = pending_path(root)
        listed = json.dumps(
            {
                "moves": [[tmp, str(target)] for tmp, target in moves],
                "folders": list(map(str, emptied)),
            }
        )
        listing = _beside(pending, listed.encode("utf-8"), None)
        os.replace(listing, pending)
        for write, (tmp, target) in zip(writes, moves, strict=True):
            if tmp:
                os.replace(tmp, target)
            else:
                target.unlink()
            done.append(write)
        pending.unlink()
        _remove_empty(emptied)  # after the last step that can fail: a roll-back needs them
    except OSError as exc:
        _roll_back(done, moves)
        _remove_empty(reversed(made))
        for left in (listing, pending_path(root)):
            if left:
                Path(left).unlink(missing_ok=True)
        raise DataError(
            f"{root}: cannot write the ledger's files ({exc.strerror or exc}); nothing was changed"
        ) from None


def _roll_back(done: Sequence[Write], moves: Sequence[tuple[str, Path]]) -> None:
    """Put back each file of ``done`` (already replaced or removed) and remove every
    temporary file left."""
    for write in reversed(done):
        target = Path(os.path.realpath(write.path))
        with contextlib.suppress(OSError):
            if write.old is None:
                target.unlink()
            else:
                os.replace(_beside(target, write.old.raw, _stat(target)), target)
    for tmp, _ in moves:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
