"""The ``gt`` command line: parses arguments, calls the library, renders the result."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from greentrade_cli import __version__, storage
from greentrade_cli.dates import parse_date
from greentrade_cli.errors import DataError, GtError
from greentrade_cli.export import ExportFormat, render
from greentrade_cli.ledger import Ledger
from greentrade_cli.location import ENV_VAR, LedgerLocation, bundled_ledger_path, find_ledger
from greentrade_cli.output import Output
from greentrade_cli.query import Selection, SortKey, select
from greentrade_cli.report import status_rows
from greentrade_cli.status import Status
from greentrade_cli.views import commitment_view, status_table, tsv_lines

EPILOG = "Exit codes: 0 success, 1 a problem with the ledger or the data asked for, 2 a usage error."


class _Group(TyperGroup):
    """Turns every library error into one line on stderr and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GtError as exc:
            out = ctx.obj if isinstance(ctx.obj, _State) else _State(Output(), None)
            out.output.abort(str(exc), exc.exit_code)


class _State:
    def __init__(self, output: Output, ledger_option: str | None) -> None:
        self.output = output
        self.ledger_option = ledger_option

    def location(self) -> LedgerLocation:
        return find_ledger(self.ledger_option, Path.cwd())

    def load(self) -> storage.LedgerFile:
        where = self.location()
        return storage.load(where.path, read_only=where.bundled)


app = typer.Typer(
    cls=_Group,
    help="Track the pledges made at government policy briefings: list, filter, mark, export.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

LedgerOption = Annotated[
    str | None,
    typer.Option("--ledger", envvar=ENV_VAR, metavar="PATH",
                 help="Ledger file. Default: ./commitments.toml, else the bundled briefing ledger (read-only)."),
]
AsOf = Annotated[str | None, typer.Option("--as-of", metavar="DATE",
                                          help="Report as of this date (YYYY-MM-DD). Default: today.")]
AgencyOpt = Annotated[list[str] | None, typer.Option(
    "--agency", "-a", help="Agency code, English or Chinese name or alias; repeat for several.")]
StatusOpt = Annotated[list[str] | None, typer.Option(
    "--status", "-s", help="Status (any case, '-' for '_'); repeat for several.")]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", "-t", help="Tag; repeat for several.")]
DueBefore = Annotated[str | None, typer.Option("--due-before", metavar="DATE",
                                               help="Only deadlines falling due before DATE.")]
Overdue = Annotated[bool, typer.Option("--overdue", help="Only commitments past their deadline and not kept.")]
Search = Annotated[str | None, typer.Option("--search", metavar="TEXT",
                                            help="Text to find in title, quote or tags (any case).")]
Sort = Annotated[SortKey, typer.Option("--sort", help="Order of rows.")]


def _state(ctx: typer.Context) -> _State:
    state = ctx.obj
    assert isinstance(state, _State)
    return state


def _today() -> dt.date:
    return dt.date.today()


def _as_of(text: str | None) -> dt.date:
    return _today() if text is None else parse_date(text, "--as-of")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gt {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    ledger: LedgerOption = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Track the pledges made at government policy briefings.

    The ledger is a TOML file (see the README). Without --ledger or $GT_LEDGER, gt uses
    ./commitments.toml, else the bundled ledger of the 31 October 2025 briefing on
    expanding green trade (read-only: `gt init` makes an editable copy).
    """
    ctx.obj = _State(Output(), ledger)


def _selection(ledger: Ledger, as_of: str | None, agency: list[str] | None, status: list[str] | None,
               tag: list[str] | None, due_before: str | None, overdue: bool, search: str | None) -> Selection:
    return Selection.build(
        ledger, _as_of(as_of), agencies=agency or (), statuses=status or (), tags=tag or (),
        due_before=None if due_before is None else parse_date(due_before, "--due-before"),
        overdue=overdue, search=search,
    )


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    agency: AgencyOpt = None,
    status: StatusOpt = None,
    tag: TagOpt = None,
    due_before: DueBefore = None,
    overdue: Overdue = False,
    search: Search = None,
    sort: Sort = SortKey.LEDGER,
    as_of: AsOf = None,
) -> None:
    """List commitments as a table (tab-separated rows when piped).

    Filters combine with AND; a repeated option matches any of its values.
    """
    state = _state(ctx)
    file = state.load()
    selection = _selection(file.ledger, as_of, agency, status, tag, due_before, overdue, search)
    rows = status_rows(file.ledger, select(file.ledger, selection, sort), selection.as_of)
    out = state.output
    if not rows:
        out.note("No commitments match these filters.")
        return
    if out.is_terminal:
        out.print(status_table(rows))
    else:
        for line in tsv_lines(rows):
            out.line(line)


@app.command("show")
def show_cmd(
    ctx: typer.Context,
    commitment_id: Annotated[str, typer.Argument(metavar="ID", help="Commitment id or a unique prefix of it.")],
    as_of: AsOf = None,
) -> None:
    """Show everything about one commitment: quote, source, target, status, history."""
    state = _state(ctx)
    ledger = state.load().ledger
    commitment = ledger.find(commitment_id)
    row = status_rows(ledger, [commitment], _as_of(as_of))[0]
    state.output.print(commitment_view(ledger, row))


@app.command("mark")
def mark_cmd(
    ctx: typer.Context,
    commitment_id: Annotated[str, typer.Argument(metavar="ID", help="Commitment id or a unique prefix of it.")],
    status: Annotated[str, typer.Argument(metavar="STATUS", help=f"One of: {', '.join(s.value for s in Status)}.")],
    note: Annotated[str, typer.Option("--note", "-n", help="Why the status changed.")] = "",
    evidence: Annotated[str, typer.Option("--evidence", "-e",
                                          help="What shows it: a document, URL or quote (required for met).")] = "",
    on: Annotated[str | None, typer.Option("--on", metavar="DATE", help="Date of the change. Default: today.")] = None,
) -> None:
    """Set a commitment's status and record the change, with its evidence, in its history."""
    state = _state(ctx)
    new_status = Status.parse(status)
    when = _today() if on is None else parse_date(on, "--on")
    where = state.location()

    def change(ledger: Ledger) -> Any:
        commitment = ledger.find(commitment_id)
        source = ledger.sources.get(commitment.source)
        return commitment.marked(new_status, when, note=note, evidence=evidence,
                                 pledged_on=source.date if source else None)

    changed = storage.update(where.path, change, read_only=where.bundled)
    state.output.note(f"{changed.id}: {new_status.value} on {when.isoformat()}")


@app.command("export")
def export_cmd(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.CSV,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="Write to FILE (atomically) instead of standard output.")] = None,
    agency: AgencyOpt = None,
    status: StatusOpt = None,
    tag: TagOpt = None,
    due_before: DueBefore = None,
    overdue: Overdue = False,
    search: Search = None,
    sort: Sort = SortKey.LEDGER,
    as_of: AsOf = None,
) -> None:
    """Export the status table as CSV, JSON or Markdown (same filters as list)."""
    state = _state(ctx)
    file = state.load()
    selection = _selection(file.ledger, as_of, agency, status, tag, due_before, overdue, search)
    rows = status_rows(file.ledger, select(file.ledger, selection, sort), selection.as_of)
    text = render(rows, fmt)
    if output is None:
        state.output.stdout.file.write(text)
        return
    if output.exists() and output.resolve() == file.path.resolve():
        raise DataError(f"{output} is the ledger itself; choose another --output file")
    storage.write_atomically(output, text.encode("utf-8"))
    state.output.note(f"wrote {len(rows)} commitment(s) to {output}")


@app.command("init")
def init_cmd(
    path: Annotated[Path, typer.Argument(help="Where to write the ledger.")] = Path("commitments.toml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write an editable copy of the bundled briefing ledger (and the source texts it cites)."""
    bundled = bundled_ledger_path()
    if path.is_dir():
        path = path / "commitments.toml"
    if path.exists() and not force:
        raise DataError(f"{path} already exists; pass --force to overwrite it or give another PATH")
    ledger = storage.load(bundled, read_only=True).ledger
    for source in ledger.sources.values():
        if source.archive:
            archive = path.parent / source.archive
            archive.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(bundled.parent / source.archive, archive)
    storage.write_atomically(path, bundled.read_bytes())
    typer.echo(f"wrote {path}; gt uses it when run in this folder (or with --ledger {path})", err=True)


def main() -> None:
    """Entry point of the ``gt`` console script."""
    app()
