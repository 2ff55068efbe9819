"""Writing an export to a file: atomically, and never over the ledger it came from."""

from __future__ import annotations

import os
from pathlib import Path

from greentrade_cli import storage
from greentrade_cli.errors import DataError


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


def write_export(path: Path, data: bytes, ledger_path: Path) -> None:
    """Write ``data`` to ``path`` in one step (see :func:`storage.write_atomically`).

    Raises :class:`DataError` when ``path`` is the ledger itself, its lock file or a
    folder, or cannot be written; nothing is changed then.
    """
    lock = Path(os.path.realpath(ledger_path) + ".lock")
    if is_same_file(path, ledger_path):
        raise DataError(f"{path} is the ledger itself; choose another --output file")
    if is_same_file(path, lock):
        raise DataError(f"{path} is the ledger's lock file; choose another --output file")
    if path.is_dir():
        raise DataError(f"{path} is a folder; give a file name for --output")
    storage.write_atomically(path, data)
