"""The main-job commands: list, show, mark, export, init."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from greentrade_cli.cli.app import (
    AsOf,
    IdArg,
    NewLedgerPath,
    app,
    as_of_date,
    checked_text,
    how_to_use,
    new_ledger_path,
    state_of,
    today,
)
from greentrade_cli.cli.completers import complete_status
from greentrade_cli.cli.filters import Filters, with_filters
from greentrade_cli.cli.progress_options import StaleAfter
from greentrade_cli.cli.scripting import (
    FieldsCommand,
    FieldsOpt,
    JsonFlag,
    print_field_names,
    print_fitted,
    print_pairs,
    print_records,
    print_report,
    wants_field_names,
)
from greentrade_cli.errors import DataError
from greentrade_cli.export.formats import (
    ExportFormat,
    check_options,
    render_parts,
    sqlite_bytes,
)
from greentrade_cli.ledgerfile import atomic, storage
from greentrade_cli.ledgerfile.location import bundled_ledger_path
from greentrade_cli.model.dates import parse_change_date
from greentrade_cli.model.history import REASONED_STATUSES, HistoryEntry, Reason
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status
from greentrade_cli.render.views import (
    status_columns,
    status_records,
    status_table,
    tsv_lines,
)
from greentrade_cli.tracking.fields import (
    JSON_FIELD_SET,
    TABLE_FIELD_SET,
    json_record,
    pick,
    table_cells,
)
from greentrade_cli.tracking.report import (
    status_row,
)
from greentrade_cli.tracking.staleness import DEFAULT_STALE_AFTER_DAYS, check_stale_after


def _none_listed(filters: Filters, as_of: dt.date, ledger: Ledger) -> str:
    """What ``gt list`` says when it lists nothing."""
    if filters.narrows:
        return "No commitments match these filters."
    dates = [d for c in ledger.commitments if (d := ledger.pledged_on(c)) is not None]
    if dates:
        return (
            f"No commitments pledged by {as_of.isoformat()}; the first was pledged on "
            f"{min(dates).isoformat()}."
        )
    return f"No commitments in the ledger on {as_of.isoformat()} (`gt add` adds one)."


@app.command("list", cls=FieldsCommand)
@with_filters
def list_cmd(
    ctx: typer.Context,
    filters: Filters,
    as_json: JsonFlag = False,
    fields: FieldsOpt = None,
) -> None:
    """List commitments as a table (tab-separated rows when piped, JSON with --json).

    Filters combine with AND; a repeated option matches any of its values. On a narrow
    terminal the least important columns are left out (ids are never cut).
    """
    state = state_of(ctx)
    out = state.output
    field_set = JSON_FIELD_SET if as_json else TABLE_FIELD_SET
    if wants_field_names(fields):
        print_field_names(out, field_set)
        return
    chosen = field_set.choose(fields)
    ledger = state.load().ledger
    rows, as_of = filters.rows(ledger)
    if fields is not None and not as_json and rows:
        print_records(out, status_columns(chosen), status_records(rows, chosen), importance=None)
        return

    def table() -> None:
        print_fitted(out, lambda width: status_table(rows, width), "choose columns with --fields")

    print_report(
        out,
        lines=lambda: tsv_lines(rows),
        table=table,
        to_json=(lambda: (pick(json_record(row), chosen) for row in rows)) if as_json else None,
        empty=None if rows else _none_listed(filters, as_of, ledger),
    )


@app.command("show", cls=FieldsCommand)
def show_cmd(
    ctx: typer.Context,
    commitment_id: IdArg,
    as_of: AsOf = None,
    stale_after: StaleAfter = DEFAULT_STALE_AFTER_DAYS,
    as_json: JsonFlag = False,
    fields: FieldsOpt = None,
) -> None:
    """Show everything about one commitment: quote, source, target, status, progress,
    history and measurements.

    Piped, the same as plain lines: name<TAB>value facts, the quote on one line, history
    and measurements as tab-separated rows. With --json, one JSON object; with --fields,
    just those fields (name and value).
    """
    state = state_of(ctx)
    out = state.output
    field_set = JSON_FIELD_SET if as_json else TABLE_FIELD_SET
    if wants_field_names(fields):
        print_field_names(out, field_set)
        return
    chosen = field_set.choose(fields)
    ledger = state.load(holding=commitment_id).ledger
    commitment = ledger.find(commitment_id)
    days = check_stale_after(stale_after)
    row = status_row(ledger, commitment, as_of_date(as_of), days)
    if fields is not None and not as_json:
        print_pairs(out, list(table_cells(row, chosen).items()))
        return
    from greentrade_cli.render.show_parts import show_lines, show_parts

    def table() -> None:
        from greentrade_cli.render.show_view import commitment_view

        out.print(commitment_view(show_parts(ledger, row)))

    print_report(
        out,
        lines=lambda: show_lines(show_parts(ledger, row)),
        table=table,
        to_json=(lambda: pick(json_record(row), chosen)) if as_json else None,
    )


@app.command("mark")
def mark_cmd(
    ctx: typer.Context,
    commitment_id: IdArg,
    status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS",
            help=f"One of: {', '.join(s.value for s in Status)}.",
            autocompletion=complete_status,
        ),
    ],
    note: Annotated[
        str, typer.Option("--note", "-n", callback=checked_text, help="Why the status changed.")
    ] = "",
    evidence: Annotated[
        str,
        typer.Option(
            "--evidence",
            "-e",
            callback=checked_text,
            help="What shows it: a document, URL or quote (required for met).",
        ),
    ] = "",
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="Date of the change. Default: today.")
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            metavar="KEY",
            help=f"Why a pledge was {'|'.join(s.value for s in REASONED_STATUSES)}: one of "
            f"{', '.join(r.value for r in Reason)}.",
        ),
    ] = None,
) -> None:
    """Set a commitment's status and record the change, with its evidence, in its history.

    A pledge marked missed, withdrawn or stalled may carry a --reason from the taxonomy
    (see docs/accountability.md); the scorecard counts them.
    """
    from greentrade_cli.cli.stamping import stamp_of

    state = state_of(ctx)
    new_status = Status.parse(status)
    why = None if reason is None else Reason.parse(reason)
    when = parse_change_date(on, today())
    where = state.location()

    recorded_already = False

    def change(ledger: Ledger) -> Any:
        nonlocal recorded_already
        commitment = ledger.find(commitment_id)
        entry = HistoryEntry(when, new_status, note, evidence, why)
        recorded_already = entry in commitment.history
        if recorded_already:  # a repeated command changes nothing, as a repeated import
            return commitment
        source = ledger.sources.get(commitment.source)
        return commitment.marked(
            new_status,
            when,
            note=note,
            evidence=evidence,
            pledged_on=source.date if source else None,
            reason=why,
        )

    changed = storage.update(
        where.path,
        change,
        read_only=where.bundled,
        stamp=stamp_of(ctx, when),
        holding=commitment_id,
    )
    because = f" ({why.value})" if why else ""
    what = f"{changed.id}: {new_status.value}{because} on {when.isoformat()}"
    state.output.note(f"{what} is recorded already; nothing written" if recorded_already else what)


@app.command("export")
@with_filters
def export_cmd(
    ctx: typer.Context,
    *,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.CSV,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically; never the ledger) instead of standard output (-).",
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="CSV only: start with a UTF-8 byte-order mark so Excel reads Chinese."
        ),
    ] = False,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", metavar="TEXT", callback=checked_text, help="HTML and SVG only: the heading."
        ),
    ] = None,
    filters: Filters,
) -> None:
    """Export the status table as CSV, JSON, JSON lines, Markdown, HTML, SVG or SQLite (same filters as list).

    CSV cells that a spreadsheet would run as a formula get a leading '; HTML is one
    self-contained page with every ledger string escaped; SVG is a picture of the table;
    SQLite (with --output) is a database of the pledges, agencies, sources, history and
    measurements, for Datasette.
    """
    state = state_of(ctx)
    file = state.load()
    rows, when = filters.rows(file.ledger)
    if fmt is ExportFormat.SQLITE and output is not None and str(output) != "-":
        check_options(fmt, title=title, excel=excel)
        data: bytes | Iterable[bytes] = sqlite_bytes(file.ledger, rows)
    else:
        parts = render_parts(file.ledger, rows, fmt, when, title=title, excel=excel)
        if output is None or str(output) == "-":
            for part in parts:
                state.output.data(part)
            return
        data = (part.encode("utf-8") for part in parts)
    from greentrade_cli.export.to_file import write_export

    write_export(output, data, file)
    state.output.note(f"wrote {len(rows)} commitment(s) to {output}")


@app.command("init")
def init_cmd(
    ctx: typer.Context,
    path: NewLedgerPath = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write an editable copy of the bundled briefing ledger (and the source texts it cites)."""
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.ledgerfile.starter import write_new

    bundled = bundled_ledger_path()
    target = new_ledger_path(path)
    if target.exists() and not force:
        raise DataError(
            f"{target} already exists; pass --force to overwrite it or give another PATH"
        )
    ledger = storage.load(bundled, read_only=True).ledger
    archives = [s.archive for s in ledger.sources.values() if s.archive]
    for name in archives:  # checked before anything is written: all or nothing
        archive = target.parent / name
        if archive.parent.exists() and not archive.parent.is_dir():
            raise DataError(
                f"{archive.parent}: is a file, not a folder for the source texts; move it "
                "or give a PATH in another folder"
            )
        if archive.is_dir():
            raise DataError(
                f"{archive}: is a folder, not a source text; move it or give a PATH in "
                "another folder"
            )
        text = (bundled.parent / name).read_bytes()
        if archive.exists() and not force and archive.read_bytes() != text:
            raise DataError(
                f"{archive} already exists with other text; pass --force to overwrite it "
                "or give a PATH in another folder"
            )
    for name in archives:
        archive = target.parent / name
        archive.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_atomically(archive, (bundled.parent / name).read_bytes())
    ledger_text = bundled.read_bytes().decode("utf-8")
    write_new(target, ledger_text, force=force, stamp=stamp_of(ctx, today()))
    typer.echo(f"wrote {target}; {how_to_use(target)}", err=True)
