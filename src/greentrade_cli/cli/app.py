"""The Typer application, its global options and the option types the commands share."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperGroup

from greentrade_cli import __version__
from greentrade_cli.cli.completers import (
    complete_agency,
    complete_id,
    complete_status,
    complete_tag,
)
from greentrade_cli.cli.output import Output, guarded_streams
from greentrade_cli.cli.registry import hoisted
from greentrade_cli.errors import GtError
from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.ledger_file import LedgerFile
from greentrade_cli.ledgerfile.location import DEFAULT_NAME, ENV_VAR, LedgerLocation, find_ledger
from greentrade_cli.model.dates import parse_change_date, parse_date
from greentrade_cli.render.color import ColorMode
from greentrade_cli.tracking.query import SortKey

EPILOG = (
    "Exit codes: 0 success, 1 a problem with the ledger or the data asked for, 2 a usage error."
)


ARGV_KEY = "greentrade_cli.argv"
"""Key in the context's ``meta`` of the arguments ``gt`` was run with (for the journal)."""


class _Group(TyperGroup):
    """Turns every library error, every usage error and every failed write into one line on
    stderr and its exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with guarded_streams(), _interrupts_restored():
            return super().main(*args, **kwargs)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta.setdefault(ARGV_KEY, tuple(args))
        try:  # the global options: gt --color bogus, gt -x, gt --ledger (no value)
            return super().parse_args(ctx, hoisted(args))
        except typer.TyperException as exc:
            _usage_error(ctx, exc)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GtError as exc:
            _output(ctx).abort(str(exc), exc.exit_code)
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM before a write began: nothing written
            _output(ctx).abort("interrupted; the ledger was not changed", 130)
        except typer.TyperException as exc:  # a usage error in a command's arguments
            _usage_error(ctx, exc)


@contextlib.contextmanager
def _interrupts_restored() -> Iterator[None]:
    """Take SIGTERM (as ``kill`` and service managers send it) as Ctrl-C for the run, and
    give both back their handlers when it ends: a write holds them off meanwhile."""
    import signal

    main = threading.current_thread() is threading.main_thread()
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)} if main else {}
    if before.get(signal.SIGTERM) == signal.SIG_DFL:  # one ignored on purpose stays so
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _usage_error(ctx: Any, exc: Exception) -> NoReturn:
    """Print a usage error found by the option parser as one ``gt: error:`` line and exit
    with its code (2); re-raise what is not one (a group's help)."""
    if not hasattr(exc, "format_message") or _is_group_help(exc):
        raise exc
    where = getattr(getattr(exc, "ctx", None), "command_path", None) or "gt"
    said = exc.format_message().rstrip(".")
    joint = " See" if said.endswith("?") else "; see"  # after Click's "Did you mean ...?"
    message = f"{said}{joint} `{where} --help`"
    _output(ctx).abort(message, getattr(exc, "exit_code", 2))


def _is_group_help(exc: Any) -> bool:
    """True for the "error" of a command group run without a command (``gt source``): its
    message is the group's help, shown whole as bare ``gt`` shows its own."""
    where = getattr(exc, "ctx", None)
    return where is not None and bool(exc.format_message() == where.get_help())


def _output(ctx: Any) -> Output:
    """The run's output, or a new one when the error came before the run had one."""
    return ctx.obj.output if isinstance(ctx.obj, State) else Output()


_Text = TypeVar("_Text", str, str | None, list[str] | None)


def checked_text(ctx: typer.Context, param: typer.CallbackParam, value: _Text) -> _Text:
    """Option callback: refuse a text option value (or any of a repeated option's values)
    that ledger text may not hold, with the schema's own rule, as a usage error that
    names the option (``--evidence: holds the control character U+0007, ...``)."""
    if ctx.resilient_parsing or value is None:  # shell completion, or not given
        return value
    from greentrade_cli.errors import UsageError
    from greentrade_cli.ledgerfile.schema import text_problem  # only for a value given

    for text in [value] if isinstance(value, str) else value:
        if problem := text_problem(text):
            name = max(param.opts, key=len)
            raise UsageError(f"{name}: {problem}")
    return value


def checked_answer(check: Callable[[str], Any]) -> Callable[[str], str]:
    """A prompt's value check: an empty answer, or one that ``check`` refuses with a
    library error, is shown as that error and asked for again; returns it stripped."""

    def proc(text: str) -> str:
        if not text.strip():
            raise typer.BadParameter("an answer is needed")
        try:
            check(text)
        except GtError as exc:
            raise typer.BadParameter(str(exc)) from None
        return text.strip()

    return proc


def required_text(ctx: typer.Context, param: typer.CallbackParam, value: _Text) -> _Text:
    """Option callback for a field that cannot be left empty (``gt add --title``; its
    default is None): as :func:`checked_text`, and a value given but blank (``--title
    "$UNSET"``) is a usage error naming the option, not read as a field not given."""
    from greentrade_cli.errors import UsageError

    value = checked_text(ctx, param, value)
    if value is None or ctx.resilient_parsing:
        return value
    if any(not text.strip() for text in ([value] if isinstance(value, str) else value)):
        raise UsageError(f"{max(param.opts, key=len)} must not be empty")
    return value


class State:
    def __init__(self, output: Output, ledger_option: str | None, named_by: str) -> None:
        self.output = output
        self.ledger_option = ledger_option
        self.named_by = named_by

    def location(self) -> LedgerLocation:
        return find_ledger(self.ledger_option, Path.cwd(), self.named_by)

    def load(self, holding: str | None = None) -> LedgerFile:
        """The ledger; with ``holding``, as far as a command on that one commitment needs."""
        where = self.location()
        only = None if holding is None else storage.file_holding(holding)
        return storage.load(where.path, read_only=where.bundled, only=only)


app = typer.Typer(
    cls=_Group,
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

LedgerOption = Annotated[
    str | None,
    typer.Option(
        "--ledger",
        envvar=ENV_VAR,
        metavar="PATH",
        help="Ledger file. Default: ./commitments.toml, else the bundled briefing ledger (read-only).",
    ),
]
IdArg = Annotated[
    str,
    typer.Argument(
        metavar="ID", help="Commitment id or a unique prefix of it.", autocompletion=complete_id
    ),
]
OnOpt = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="DATE",
        help="Date the change is recorded under in the journal and `gt log`. Default: today.",
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="DATE", help="Report as of this date (YYYY-MM-DD). Default: today."
    ),
]
AgencyOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--agency",
        "-a",
        help="Agency code, English or Chinese name or alias; repeat for several.",
        autocompletion=complete_agency,
    ),
]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        help="Status (any case, '-' for '_'); repeat for several.",
        autocompletion=complete_status,
    ),
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", "-t", help="Tag; repeat for several.", autocompletion=complete_tag),
]
DueBefore = Annotated[
    str | None,
    typer.Option(
        "--due-before",
        metavar="WHEN",
        help="Only deadlines falling due before WHEN: YYYY-MM-DD, or YYYY or YYYY-MM for "
        "before the start of that year or month (--due-before 2028: due by 2027-12-31).",
    ),
]
Overdue = Annotated[
    bool, typer.Option("--overdue", help="Only commitments past their deadline and not kept.")
]
Search = Annotated[
    str | None,
    typer.Option(
        "--search", metavar="TEXT", help="Text to find in title, quote or tags (any case)."
    ),
]
Sort = Annotated[SortKey, typer.Option("--sort", help="Order of rows.")]


NewLedgerPath = Annotated[
    str | None,  # as typed: a Path drops the trailing / that names a folder
    typer.Argument(
        help=f"Where to write the ledger; a folder: its {DEFAULT_NAME}. Default: {DEFAULT_NAME}.",
        show_default=False,
    ),
]


def new_ledger_path(given: str | None) -> Path:
    """Where `gt init` or `gt new` writes the ledger given the PATH typed (see
    :data:`NewLedgerPath`; one ending in a separator names a folder). Raises
    :class:`DataError` when that is a folder, or its folder is missing or a file: a folder
    is never made for it (as for ``gt export --output``)."""
    import shlex

    from greentrade_cli.errors import DataError

    path = Path(DEFAULT_NAME if given is None else given)
    if given is not None and (given.endswith(os.sep) or path.is_dir()):
        path = path / DEFAULT_NAME
    if path.is_dir():
        raise DataError(
            f"{path}: is a folder, not a ledger file; give the PATH of a file to write, "
            "or move the folder"
        )
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise DataError(f"{path}: {folder} is a file, not a folder; give a PATH in a folder")
    if not folder.is_dir():
        shown = shlex.quote(str(folder))
        raise DataError(
            f"{path}: the folder {shown} does not exist; create it first (mkdir -p {shown}) "
            "or give another PATH"
        )
    return path


def how_to_use(path: Path) -> str:
    """How gt finds the ledger just written at ``path``: by itself when it is
    ./commitments.toml here, else only with --ledger or $GT_LEDGER."""
    import shlex

    if path.resolve() == (Path.cwd() / DEFAULT_NAME).resolve():
        return f"gt uses it when run in this folder (elsewhere: --ledger {shlex.quote(str(path.resolve()))})"
    shown = shlex.quote(str(path))
    return f"use it with --ledger {shown} or export {ENV_VAR}={shown}"


def state_of(ctx: typer.Context) -> State:
    state = ctx.obj
    assert isinstance(state, State)
    return state


def today() -> dt.date:
    return dt.date.today()


def change_date(text: str | None) -> dt.date:
    """The date ``--on`` gives (default today); raises UsageError naming ``--on``."""
    return parse_change_date(text, today())


def as_of_date(text: str | None) -> dt.date:
    return today() if text is None else parse_date(text, "--as-of")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gt {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    ledger: LedgerOption = None,
    color: Annotated[
        ColorMode,
        typer.Option(
            "--color",
            help="Colour: auto (terminal only; off with NO_COLOR or TERM=dumb), always (also "
            "tables when piped, e.g. into less -R) or never.",
        ),
    ] = ColorMode.AUTO,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Track the pledges made at government policy briefings.

    The ledger is a TOML file (see docs/ledger-format.md). Without --ledger or $GT_LEDGER, gt uses
    ./commitments.toml, else the bundled ledger of the 31 October 2025 briefing on
    expanding green trade (read-only: `gt init` makes an editable copy).
    """
    source = ctx.get_parameter_source("ledger")
    from_env = source is not None and source.name == "ENVIRONMENT"
    if ledger is None and os.environ.get(ENV_VAR) == "":  # Click reads an empty one as unset
        ledger, from_env = "", True
    ctx.obj = State(Output(color), ledger, f"${ENV_VAR}" if from_env else "--ledger")
