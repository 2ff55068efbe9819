"""The stamp each write records in the undo journal: the command line, its date, the user."""

from __future__ import annotations

import datetime as dt
import getpass
import shlex

import typer

from greentrade_cli.cli.app import ARGV_KEY
from greentrade_cli.errors import one_line
from greentrade_cli.ledgerfile.journal import Stamp


def _os_text(text: str) -> str:
    """``text`` from the system (an argument, a login name) as UTF-8 text on one line: a
    byte that is not UTF-8 (``\\xff`` in a file name, read as a lone surrogate) is written
    ``\\xff``, a control character (ESC in $LOGNAME) as its escape."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        raw = text.encode("utf-8", "backslashreplace")
    return one_line(raw.decode("utf-8", "backslashreplace"))


def command_line(ctx: typer.Context) -> str:
    """The command as typed: ``gt`` and the arguments it was run with, shell-quoted (see
    :func:`_os_text` for bytes that are not UTF-8)."""
    args = ctx.meta.get(ARGV_KEY, ())
    return _os_text(shlex.join(["gt", *args]))


def user_name() -> str:
    """The login name of whoever runs ``gt`` ($LOGNAME, $USER... as :func:`getpass.getuser`
    finds it); empty when there is none."""
    try:
        return _os_text(getpass.getuser())
    except (OSError, KeyError):
        return ""


def stamp_of(ctx: typer.Context, on: dt.date) -> Stamp:
    """The journal stamp of this run, for a write recorded under date ``on``."""
    return Stamp(command_line(ctx), on, user_name())
