"""The main-job commands: list, show, mark, export, init."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated, Any

import typer

from greentrade_cli import storage
from greentrade_cli.cli.app import (
    AgencyOpt,
    AsOf,
    DueBefore,
    Overdue,
    Search,
    Sort,
    StatusOpt,
    TagOpt,
    app,
    as_of_date,
    selection_from,
    state_of,
    today,
)
from greentrade_cli.cli.progress_options import PaceOpt, StaleAfter, StaleOpt, paces_from
from greentrade_cli.cli.stamping import stamp_of
from greentrade_cli.dates import parse_date
from greentrade_cli.errors import DataError
from greentrade_cli.export import ExportFormat, render
from greentrade_cli.ledger import Ledger
from greentrade_cli.location import bundled_ledger_path
from greentrade_cli.query import SortKey, select
from greentrade_cli.report import select_rows, status_row, status_rows
from greentrade_cli.staleness import DEFAULT_STALE_AFTER_DAYS, check_stale_after
from greentrade_cli.status import Status
from greentrade_cli.views import commitment_view, status_table, tsv_lines


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
    pace: PaceOpt = None,
    stale: StaleOpt = False,
    stale_after: StaleAfter = DEFAULT_STALE_AFTER_DAYS,
) -> None:
    """List commitments as a table (tab-separated rows when piped).

    Filters combine with AND; a repeated option matches any of its values.
    """
    state = state_of(ctx)
    file = state.load()
    selection = selection_from(file.ledger, as_of, agency, status, tag, due_before, overdue, search)
    paces = paces_from(pace)
    days = check_stale_after(stale_after)
    chosen = select(file.ledger, selection, sort)
    rows = select_rows(status_rows(file.ledger, chosen, selection.as_of, days), paces, stale)
    out = state.output
    if not rows:
        out.note("No commitments match these filters.")
        return
    if out.is_terminal:
        out.print(status_table(rows, out.stdout.width))
    else:
        for line in tsv_lines(rows):
            out.line(line)


@app.command("show")
def show_cmd(
    ctx: typer.Context,
    commitment_id: Annotated[
        str, typer.Argument(metavar="ID", help="Commitment id or a unique prefix of it.")
    ],
    as_of: AsOf = None,
    stale_after: StaleAfter = DEFAULT_STALE_AFTER_DAYS,
) -> None:
    """Show everything about one commitment: quote, source, target, status, progress,
    history and measurements."""
    state = state_of(ctx)
    ledger = state.load().ledger
    commitment = ledger.find(commitment_id)
    days = check_stale_after(stale_after)
    row = status_row(ledger, commitment, as_of_date(as_of), days)
    state.output.print(commitment_view(ledger, row))


@app.command("mark")
def mark_cmd(
    ctx: typer.Context,
    commitment_id: Annotated[
        str, typer.Argument(metavar="ID", help="Commitment id or a unique prefix of it.")
    ],
    status: Annotated[
        str, typer.Argument(metavar="STATUS", help=f"One of: {', '.join(s.value for s in Status)}.")
    ],
    note: Annotated[str, typer.Option("--note", "-n", help="Why the status changed.")] = "",
    evidence: Annotated[
        str,
        typer.Option(
            "--evidence", "-e", help="What shows it: a document, URL or quote (required for met)."
        ),
    ] = "",
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="Date of the change. Default: today.")
    ] = None,
) -> None:
    """Set a commitment's status and record the change, with its evidence, in its history."""
    state = state_of(ctx)
    new_status = Status.parse(status)
    when = today() if on is None else parse_date(on, "--on")
    where = state.location()

    def change(ledger: Ledger) -> Any:
        commitment = ledger.find(commitment_id)
        source = ledger.sources.get(commitment.source)
        return commitment.marked(
            new_status,
            when,
            note=note,
            evidence=evidence,
            pledged_on=source.date if source else None,
        )

    changed = storage.update(where.path, change, read_only=where.bundled, stamp=stamp_of(ctx, when))
    state.output.note(f"{changed.id}: {new_status.value} on {when.isoformat()}")


@app.command("export")
def export_cmd(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.CSV,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically) instead of standard output.",
        ),
    ] = None,
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
    state = state_of(ctx)
    file = state.load()
    selection = selection_from(file.ledger, as_of, agency, status, tag, due_before, overdue, search)
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
    path: Annotated[Path, typer.Argument(help="Where to write the ledger.")] = Path(
        "commitments.toml"
    ),
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
    typer.echo(
        f"wrote {path}; gt uses it when run in this folder (or with --ledger {path})", err=True
    )
