"""Which ledger file a command works on."""

from __future__ import annotations

import functools
import os
import shlex
from pathlib import Path
from typing import NamedTuple

from greentrade_cli.errors import LedgerError, Problem, UsageError

DEFAULT_NAME = "commitments.toml"
ENV_VAR = "GT_LEDGER"


class LedgerLocation(NamedTuple):
    """A ledger path and whether it is the read-only copy bundled inside the package.

    A named tuple: making a dataclass would take about half a millisecond of every
    command's start-up."""

    path: Path
    bundled: bool


def bundled_ledger_path() -> Path:
    """Path of the briefing ledger shipped in the wheel (``greentrade_cli/data/commitments.toml``).

    In a source checkout installed in editable mode the wheel's copy is not beside the
    code, so the checkout's own ``commitments.toml`` is used: it is the same file.
    """
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data" / DEFAULT_NAME
    if packaged.is_file():
        return packaged
    return package.parents[1] / DEFAULT_NAME


def find_ledger(option: str | None, cwd: Path, named_by: str = "--ledger") -> LedgerLocation:
    """Resolve the ledger: ``option`` (``--ledger`` or ``$GT_LEDGER``, already merged by the
    caller; ``named_by`` says which) if given, else ``./commitments.toml`` in ``cwd`` if it
    exists, else the bundled ledger (read-only).

    Raises :class:`UsageError` for an empty ``option`` (``--ledger "$UNSET"``): it names no
    file, and the fallback would be another ledger than the one meant; and
    :class:`LedgerError` when ``option`` names no file, saying to check ``named_by`` or
    to create the ledger there.
    """
    if option == "":
        if named_by == "--ledger":
            raise UsageError(
                "--ledger is empty; give the path of a ledger file, or leave the option out"
            )
        raise UsageError(
            f"{named_by} is set but empty; set it to the path of a ledger file, or unset it"
        )
    if option is not None:
        path = Path(option)
        try:
            path.stat()
        except FileNotFoundError:
            hint = f"check {named_by}, or run `gt init {shlex.quote(option)}` to create it"
            raise LedgerError(
                option, [Problem(None, None, None, f"no such file; {hint}")]
            ) from None
        except (OSError, ValueError):  # told as the file is read
            pass
        return LedgerLocation(path, bundled=False)
    local = cwd / DEFAULT_NAME
    if local.exists():
        return LedgerLocation(Path(DEFAULT_NAME), bundled=False)
    return LedgerLocation(bundled_ledger_path(), bundled=True)


@functools.cache
def real_path(path: Path | str) -> str:
    """``path`` with every link followed, as :func:`os.path.realpath` gives it (once per
    run for each path, and each folder: a ledger in many files has thousands of files in
    a few folders)."""
    head, name = os.path.split(os.path.abspath(path))
    if name in ("", ".", "..") or ".." in Path(path).parts or os.path.islink(path):
        return os.path.realpath(path)
    return os.path.join(_real_folder(head), name)


@functools.cache
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)
