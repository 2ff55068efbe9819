"""The stamp each write records in the undo journal: the command line, its date, the user."""

from __future__ import annotations

import datetime as dt
import getpass
import shlex

import typer

from greentrade_cli.cli.app import ARGV_KEY
from greentrade_cli.ledgerfile.journal import Stamp


def command_line(ctx: typer.Context) -> str:
    """The command as typed: ``gt`` and the arguments it was run with, shell-quoted."""
    args = ctx.meta.get(ARGV_KEY, ())
    return shlex.join(["gt", *args])


def user_name() -> str:
    """The login name of whoever runs ``gt`` ($LOGNAME, $USER... as :func:`getpass.getuser`
    finds it); empty when there is none."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def stamp_of(ctx: typer.Context, on: dt.date) -> Stamp:
    """The journal stamp of this run, for a write recorded under date ``on``."""
    return Stamp(command_line(ctx), on, user_name())
