"""One output object per run: a stdout console, a stderr console and the single error path.

The consoles are made on first use: Rich's console module is a good part of start-up,
and output to a pipe that is written line by line (``gt list``, ``gt export``,
``gt check``) does not need it.
"""

from __future__ import annotations

import os
import sys
from functools import cached_property
from typing import IO, TYPE_CHECKING, NoReturn

import typer

from greentrade_cli.errors import one_line
from greentrade_cli.render.color import ColorMode, console_color

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

_TERMINAL_VARIABLES = ("TTY_COMPATIBLE", "FORCE_COLOR")
"""Variables with which Rich takes a pipe for a terminal (or a terminal for a pipe)."""


def _console(color: ColorMode, *, stderr: bool) -> Console:
    from rich.console import Console

    c = console_color(color, os.environ)
    return Console(
        stderr=stderr,
        markup=False,
        emoji=False,  # "file.toml:100: ..." must not become "file.toml💯 ..."
        highlight=False,
        soft_wrap=stderr,
        force_terminal=c.force_terminal,
        color_system=c.color_system,
        no_color=c.no_color,
    )


def _stdout_file() -> IO[str] | None:
    """Standard output as Rich's console writes to it (its proxy while a live display runs)."""
    file = sys.stdout
    return getattr(file, "rich_proxied_file", file)


def _plainly_not_a_terminal(file: IO[str] | None) -> bool:
    """True when ``file`` is not a terminal and nothing in the environment says otherwise:
    then Rich, asked, would say it is not a terminal either."""
    if any(name in os.environ for name in _TERMINAL_VARIABLES):
        return False
    isatty = getattr(file, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:  # closed
        return True


class Output:
    """Owns the consoles of one ``gt`` run.

    Both consoles have markup, emoji codes and highlighting off: ledger text is printed
    as written.
    Colour follows ``color`` (see :mod:`greentrade_cli.render.color`): by default only on a
    terminal, off with ``NO_COLOR`` or ``TERM=dumb``.
    """

    def __init__(self, color: ColorMode = ColorMode.AUTO) -> None:
        self.color = color

    @cached_property
    def stdout(self) -> Console:
        """The console on standard output."""
        return _console(self.color, stderr=False)

    @cached_property
    def stderr(self) -> Console:
        """The console on standard error (soft-wrapped: messages stay one line)."""
        return _console(self.color, stderr=True)

    @property
    def is_terminal(self) -> bool:
        """True for a terminal or with ``--color always`` (tables), False for pipes (plain rows)."""
        made = "stdout" in self.__dict__
        forced = console_color(self.color, os.environ).force_terminal
        if not made and forced is None and _plainly_not_a_terminal(_stdout_file()):
            return False
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

    def write(self, text: str) -> None:
        """Write ``text`` to standard output exactly as given."""
        file = _stdout_file()
        if file is not None:
            file.write(text)

    def line(self, text: str) -> None:
        """Write ``text`` and a newline to standard output exactly as given (no wrapping)."""
        self.write(text + "\n")

    def note(self, text: str) -> None:
        """A message for the user on standard error (progress, confirmations)."""
        self.stderr.print(text)

    def abort(self, message: str, code: int = 1) -> NoReturn:
        """Print ``gt: error: message`` (always one line) on standard error and exit with ``code``."""
        self.stderr.print(f"gt: error: {one_line(message)}")
        raise typer.Exit(code)
