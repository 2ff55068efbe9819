"""The ``gt`` command line: a thin Typer layer over the library.

:mod:`.app` holds the Typer application, its global options and the shared option
types; each ``*_commands`` module registers one group of commands on it.
"""

import signal

# Registration order is the order of `gt --help`.
# isort: off
from greentrade_cli.cli import commands as _commands  # noqa: F401  (registers commands)
from greentrade_cli.cli import progress_commands as _progress  # noqa: F401  (registers commands)
from greentrade_cli.cli import import_commands as _import_commands  # noqa: F401  (registers)
from greentrade_cli.cli import check_commands as _check_commands  # noqa: F401  (registers)
from greentrade_cli.cli import authoring_commands as _authoring_commands  # noqa: F401  (registers)
from greentrade_cli.cli import audit_commands as _audit_commands  # noqa: F401  (registers)

# isort: on
from greentrade_cli.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``gt`` console script.

    A closed pipe (``gt list | head -1``) ends gt quietly as it ends other Unix tools,
    by SIGPIPE, rather than with exit code 1, which means a problem with the data.
    """
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()
