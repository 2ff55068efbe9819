"""The ``gt`` command line: a thin Typer layer over the library.

:mod:`.app` holds the Typer application, its global options and the shared option
types; each ``*_commands`` module registers one group of commands on it. A run of
``gt`` imports only the module of the command it runs (see :mod:`.registry`);
``greentrade_cli.cli.app``, read from this package, is the application with every
command registered.
"""

from __future__ import annotations

import signal
import sys
from typing import TYPE_CHECKING

from greentrade_cli.cli import app as _app_module
from greentrade_cli.cli.registry import (
    COMMAND_MODULES,
    command_name,
    modules_for,
    narrowed,
    register,
)

if TYPE_CHECKING:
    import typer

# Importing the submodule bound its name here; `app` is the application instead (below).
globals().pop("app", None)

__all__ = ["app", "main"]


def __getattr__(name: str) -> typer.Typer:
    """``app``: the Typer application with every command registered, in ``gt --help`` order."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    register([module for module, _ in COMMAND_MODULES])
    return _app_module.app


def main() -> None:
    """Entry point of the ``gt`` console script.

    Registers only the command this run needs (all of them for help, errors and
    completion). A closed pipe (``gt list | head -1``) ends gt quietly as it ends other
    Unix tools, by SIGPIPE, rather than with exit code 1, which means a problem with the
    data.
    """
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = sys.argv[1:]
    register(modules_for(args))
    narrowed(_app_module.app, command_name(args))()
