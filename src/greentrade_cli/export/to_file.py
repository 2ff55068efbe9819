"""Writing an export to a file: atomically, and never over the ledger it came from."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from greentrade_cli.errors import DataError
from greentrade_cli.ledgerfile import atomic
from greentrade_cli.ledgerfile.ledger_file import LedgerFile
from greentrade_cli.ledgerfile.storage import kept_files


def is_same_file(path: Path, other: Path) -> bool:
    """True when ``path`` names the file ``other`` names, or would replace it when written.

    Links are followed (a symbolic link to the ledger, a path through a linked folder, a
    relative path); an existing file is also compared by device and inode (a hard link).
    A path that does not exist yet is the ledger only when it resolves to it.
    """
    if os.path.realpath(path) == os.path.realpath(other):
        return True
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


def refuse_kept(path: Path, ledger: LedgerFile, option: str = "--output") -> None:
    """Raise :class:`DataError` naming ``option`` when ``path`` is a file gt keeps for
    the ``ledger`` (:func:`~greentrade_cli.ledgerfile.storage.kept_files`)."""
    for what, other in kept_files(ledger).items():
        if is_same_file(path, other):
            raise DataError(f"{path} is {what}; choose another {option} file")


def write_export(
    path: Path, data: bytes | Iterable[bytes], ledger: LedgerFile, option: str = "--output"
) -> None:
    """Write ``data`` (bytes, or bytes in parts) to ``path`` in one step (see
    :func:`~greentrade_cli.ledgerfile.atomic.write_atomically`).

    Raises :class:`DataError` naming ``option``, changing nothing, when ``path`` is a
    file gt keeps for the ``ledger`` (:func:`refuse_kept`), a folder, something other
    than a regular file (a device, a pipe: write to standard output instead), in a folder
    that does not exist, or cannot be written.
    """
    refuse_kept(path, ledger, option)
    if path.is_dir():
        raise DataError(f"{path} is a folder; give a file name for {option}")
    if path.exists() and not path.is_file():
        raise DataError(
            f"{path} is not a regular file (a device or a pipe?); leave out {option} to "
            "write to standard output and redirect that"
        )
    folder = Path(os.path.realpath(path)).parent
    if not folder.is_dir():
        raise DataError(
            f"{path}: the folder {folder} does not exist; create it or choose another {option}"
        )
    atomic.write_atomically(path, data)
