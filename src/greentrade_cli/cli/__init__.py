"""The ``gt`` command line: a thin Typer layer over the library.

:mod:`.app` holds the Typer application, its global options and the shared option
types; each ``*_commands`` module registers one group of commands on it.
"""

from greentrade_cli.cli import check_commands as _check_commands  # noqa: F401  (registers check)
from greentrade_cli.cli import commands as _commands  # noqa: F401  (registers commands)
from greentrade_cli.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``gt`` console script."""
    app()
