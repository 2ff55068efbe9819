"""One output object per run: a stdout console, a stderr console and the single error path."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console, RenderableType

from greentrade_cli.errors import one_line


class Output:
    """Owns the consoles of one ``gt`` run.

    Both consoles have markup and highlighting off: ledger text is printed as written.
    Colour follows Rich's rules (off when not a terminal, off with ``NO_COLOR``).
    """

    def __init__(self) -> None:
        self.stdout = Console(markup=False, highlight=False, soft_wrap=False)
        self.stderr = Console(stderr=True, markup=False, highlight=False, soft_wrap=True)

    @property
    def is_terminal(self) -> bool:
        """True when standard output is a terminal (tables), False for pipes (plain rows)."""
        return self.stdout.is_terminal

    def print(self, renderable: RenderableType = "") -> None:
        """Print a renderable or a plain string to standard output."""
        self.stdout.print(renderable)

    def line(self, text: str) -> None:
        """Write ``text`` and a newline to standard output exactly as given (no wrapping)."""
        self.stdout.file.write(text + "\n")

    def note(self, text: str) -> None:
        """A message for the user on standard error (progress, confirmations)."""
        self.stderr.print(text)

    def abort(self, message: str, code: int = 1) -> NoReturn:
        """Print ``gt: error: message`` (always one line) on standard error and exit with ``code``."""
        self.stderr.print(f"gt: error: {one_line(message)}")
        raise typer.Exit(code)
