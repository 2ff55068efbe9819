"""Audit commands: undo the last write, read the change log, list the agencies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from greentrade_cli.cli.app import AgencyOpt, app, state_of, today

if TYPE_CHECKING:
    from greentrade_cli.cli.output import Output

# What each command needs (Rich tables among it) is imported when it runs.

JsonOpt = Annotated[bool, typer.Option("--json", help="Write JSON instead of a table.")]


def _json(out: Output, rows: Sequence[dict[str, Any]]) -> None:
    from greentrade_cli.cli.scripting import print_json

    print_json(out, list(rows))


@app.command("undo")
def undo_cmd(
    ctx: typer.Context,
    show: Annotated[
        bool, typer.Option("--list", help="List the writes that can be undone, newest first.")
    ] = False,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="DATE", help="Date the undo is journaled under. Default: today."
        ),
    ] = None,
) -> None:
    """Undo the last write gt made to this ledger (one command run at a time, newest first).

    Only the blocks that write changed are put back, and only if they still read as it
    left them: a commitment changed since by other means (by hand, or by another tool)
    makes gt refuse, changing nothing. The journal of writes is kept beside the ledger
    in .<ledger name>.gt-journal.jsonl.
    """
    from greentrade_cli import storage
    from greentrade_cli.audit_views import undo_table, undo_tsv
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.dates import parse_change_date
    from greentrade_cli.undo import pending, undo_last

    state = state_of(ctx)
    where = state.location()
    out = state.output
    if show:
        entries = pending(where.path)
        if not entries:
            out.note("Nothing to undo.")
        elif out.is_terminal:
            out.print(undo_table(entries))
        else:
            for line in undo_tsv(entries):
                out.line(line)
        return
    if where.bundled:
        raise storage.read_only_error()
    when = parse_change_date(on, today())
    entry = undo_last(where.path, stamp_of(ctx, when))
    out.note(
        f"undid #{entry.seq} ({entry.command}); put back as before: {', '.join(entry.touched)}"
    )


@app.command("log")
def log_cmd(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Only changes on or after DATE.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Only changes on or before DATE.")
    ] = None,
    agency: AgencyOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Every status change, measurement and edit in the ledger, newest first.

    Status changes and measurements come from the ledger's history and measurements,
    with their notes and evidence; edits (added, removed or changed commitments, new
    sources) and who made each change come from the journal gt keeps of its writes.
    Undone writes are left out.
    """
    from greentrade_cli.audit_views import log_table, log_tsv
    from greentrade_cli.changelog import log_rows
    from greentrade_cli.dates import parse_date
    from greentrade_cli.journal import read_journal

    state = state_of(ctx)
    file = state.load()
    codes = None if not agency else {file.ledger.agency(a).code for a in agency}
    rows = log_rows(
        file.ledger,
        [] if file.read_only else read_journal(file.path),
        since=None if since is None else parse_date(since, "--since"),
        until=None if until is None else parse_date(until, "--until"),
        agencies=codes,
    )
    out = state.output
    if as_json:
        _json(out, [r.to_json() for r in rows])
    elif not rows:
        out.note("No changes match these filters.")
    elif out.is_terminal:
        out.print(log_table(rows))
    else:
        for line in log_tsv(rows):
            out.line(line)


@app.command("agencies")
def agencies_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The agencies: codes, English and Chinese names, aliases, commitments made and still open."""
    from greentrade_cli.agency_counts import agency_rows
    from greentrade_cli.audit_views import agencies_table, agencies_tsv

    state = state_of(ctx)
    rows = agency_rows(state.load().ledger)
    out = state.output
    if as_json:
        _json(out, [r.to_json() for r in rows])
    elif out.is_terminal:
        out.print(agencies_table(rows))
    else:
        for line in agencies_tsv(rows):
            out.line(line)
