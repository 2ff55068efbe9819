"""One output object per run: a stdout console, a stderr console and the single error path;
and :func:`guarded_streams`, through which every write to standard output and error goes.

The consoles are made on first use: Rich's console module is a good part of start-up,
and output to a pipe that is written line by line (``gt list``, ``gt export``,
``gt check``) does not need it.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from functools import cached_property
from typing import IO, TYPE_CHECKING, Any, NoReturn, TextIO

import typer

from greentrade_cli.errors import one_line
from greentrade_cli.ledgerfile.atomic import WholeWrites
from greentrade_cli.render.color import ColorMode, console_color

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


class WriteError(Exception):
    """Standard output or standard error could not be written (a full disk, a file-size
    limit). Not a :class:`GtError`: :func:`guarded_streams` reports it, once, at the end."""


class _GuardedStream:
    """``sys.stdout`` or ``sys.stderr`` as gt writes to it.

    A character the stream's encoding cannot hold (``PYTHONIOENCODING=ascii``, a cp1252
    console) is written as its Python escape (``\\u2014``) by the stream itself. A write
    that fails is kept in :attr:`failure` and raises :class:`WriteError`; the descriptor
    then points at the null device, so later writes and what is left in the buffer go
    nowhere. A closed pipe ends gt quietly (exit code 141, as SIGPIPE would).
    Everything else is the wrapped stream's.
    """

    def __init__(self, stream: TextIO, name: str) -> None:
        self.stream = _whole_writes(stream)
        self.name = name
        self.failure: str | None = None

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as exc:
            self._failed(exc)

    def write_bytes(self, data: bytes) -> None:
        """Write ``data`` as it is, after the text written so far."""
        buffer = getattr(self.stream, "buffer", None)
        if buffer is None:  # a stream of text only: the bytes are UTF-8 text
            self.write(data.decode("utf-8"))
            return
        try:
            self.stream.flush()
            buffer.write(data)
        except OSError as exc:
            self._failed(exc)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            self._failed(exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def _failed(self, exc: OSError) -> NoReturn:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self.stream.fileno())
            os.close(null)
        if isinstance(exc, BrokenPipeError):
            raise SystemExit(141) from None
        if self.failure is None:
            why = exc.strerror or exc.__class__.__name__
            self.failure = (
                f"cannot write to {self.name} ({why}); free space or write to another file"
            )
        raise WriteError(self.failure) from None


def _whole_writes(stream: TextIO) -> TextIO:
    """``stream`` written through :class:`~greentrade_cli.ledgerfile.atomic.WholeWrites` when it has
    a descriptor (else as it is), with characters its encoding cannot hold written as
    escapes."""
    try:
        fd = stream.fileno()
        stream.flush()
    except (AttributeError, OSError, ValueError):  # in memory, or closed
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]
        return stream
    return io.TextIOWrapper(
        io.BufferedWriter(WholeWrites(fd)),
        encoding=stream.encoding,
        errors="backslashreplace",
        line_buffering=getattr(stream, "line_buffering", False),
    )


def _guarded(stream: TextIO | None, name: str) -> _GuardedStream | None:
    if stream is None or isinstance(stream, _GuardedStream):
        return stream
    return _GuardedStream(stream, name)


@contextlib.contextmanager
def guarded_streams() -> Iterator[None]:
    """Run a command with ``sys.stdout`` and ``sys.stderr`` guarded (see
    :class:`_GuardedStream`) and standard output flushed at the end. A failed write, even
    one a library caught, or of the last buffered line, ends the run with one
    ``gt: error:`` line (when standard error can take it) and exit code 1.
    """
    saved = sys.stdout, sys.stderr
    out, err = _guarded(saved[0], "standard output"), _guarded(saved[1], "standard error")
    sys.stdout, sys.stderr = out, err
    try:
        yield
    except WriteError:
        pass  # reported below
    finally:
        with contextlib.suppress(WriteError):
            if out is not None:
                out.flush()
        sys.stdout, sys.stderr = saved
        failure = next((s.failure for s in (out, err) if s is not None and s.failure), None)
        if failure is not None:
            if err is not None and err.failure is None:
                with contextlib.suppress(WriteError):
                    err.write(f"gt: error: {one_line(failure)}\n")
                    err.flush()
            raise SystemExit(1)


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


_RICH_STRIPS = dict.fromkeys((7, 8, 11, 12, 13))
"""The control characters Rich leaves out of printed text (``rich.control.strip_control_codes``)."""


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

    def print(self, renderable: RenderableType = "", width: int | None = None) -> None:
        """Print a renderable or a plain string to standard output, without trailing spaces,
        at most ``width`` cells wide (default: the terminal's width)."""
        with self.stdout.capture() as captured:
            self.stdout.print(renderable, width=width)
        lines = captured.get().split("\n")
        self.stdout.file.write("\n".join(line.rstrip(" ") for line in lines))

    def print_wide(self, renderable: RenderableType, width: int) -> None:
        """Print at ``width`` cells, even when wider than the terminal (which then wraps
        lines), without trailing spaces."""
        terminal = self.stdout.width
        self.stdout.width = max(width, terminal)
        try:
            self.print(renderable, width=width)
        finally:
            self.stdout.width = terminal

    def write(self, text: str) -> None:
        """Write ``text`` to standard output exactly as given."""
        file = _stdout_file()
        if file is not None:
            file.write(text)

    def data(self, text: str) -> None:
        """Write ``text`` of a data format (CSV, JSON, Markdown, HTML, SVG) to standard
        output as UTF-8, whatever the locale's encoding: the bytes ``--output`` writes."""
        file = _stdout_file()
        if isinstance(file, _GuardedStream):
            file.write_bytes(text.encode("utf-8"))
        elif file is not None:
            file.write(text)

    def line(self, text: str) -> None:
        """Write ``text`` and a newline to standard output exactly as given (no wrapping)."""
        self.write(text + "\n")

    def note(self, text: str) -> None:
        """A message for the user on standard error (progress, confirmations), after what
        standard output was given so far (so the two stay in order when both are piped)."""
        file = _stdout_file()
        if file is not None:
            file.flush()
        self._message(text)

    def abort(self, message: str, code: int = 1) -> NoReturn:
        """Print ``gt: error: message`` (always one line) on standard error and exit with ``code``."""
        self._message(f"gt: error: {one_line(message)}")
        raise typer.Exit(code)

    def _message(self, text: str) -> None:
        """``text`` and a newline on standard error: through its console, or, to a file or
        pipe with no colour asked for, written as that console would write it (without
        loading Rich for one line)."""
        plain = "stderr" not in self.__dict__ and _plainly_not_a_terminal(sys.stderr)
        if not plain or console_color(self.color, os.environ).force_terminal is not None:
            self.stderr.print(text)
        elif sys.stderr is not None:
            sys.stderr.write(text.translate(_RICH_STRIPS) + "\n")
            sys.stderr.flush()
