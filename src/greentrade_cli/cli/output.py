"""One output object per run: a stdout console, a stderr console and the single error path."""

from __future__ import annotations

import os
from typing import NoReturn

import typer
from rich.console import Console, RenderableType

from greentrade_cli.color import ColorMode, console_color
from greentrade_cli.errors import one_line


def _console(color: ColorMode, *, stderr: bool) -> Console:
    c = console_color(color, os.environ)
    return Console(
        stderr=stderr,
        markup=False,
        highlight=False,
        soft_wrap=stderr,
        force_terminal=c.force_terminal,
        color_system=c.color_system,
        no_color=c.no_color,
    )


class Output:
    """Owns the consoles of one ``gt`` run.

    Both consoles have markup and highlighting off: ledger text is printed as written.
    Colour follows ``color`` (see :mod:`greentrade_cli.color`): by default only on a
    terminal, off with ``NO_COLOR`` or ``TERM=dumb``.
    """

    def __init__(self, color: ColorMode = ColorMode.AUTO) -> None:
        self.stdout = _console(color, stderr=False)
        self.stderr = _console(color, stderr=True)

    @property
    def is_terminal(self) -> bool:
        """True for a terminal or with ``--color always`` (tables), False for pipes (plain rows)."""
        return self.stdout.is_terminal

    def print(self, renderable: RenderableType = "") -> None:
        """Print a renderable or a plain string to standard output, without trailing spaces."""
        with self.stdout.capture() as captured:
            self.stdout.print(renderable)
        lines = captured.get().split("\n")
        self.stdout.file.write("\n".join(line.rstrip(" ") for line in lines))

    def print_wide(self, renderable: RenderableType, width: int) -> None:
        """Print at ``width`` cells, even when wider than the terminal (which then wraps lines)."""
        terminal = self.stdout.width
        self.stdout.width = max(width, terminal)
        try:
            self.stdout.print(renderable, width=width)
        finally:
            self.stdout.width = terminal

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
