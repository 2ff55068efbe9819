"""Audit commands: undo the last write, read the change log, what changed in a period,
list the agencies."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from greentrade_cli.cli.app import AgencyOpt, OnOpt, app, change_date, state_of, today
from greentrade_cli.cli.scripting import JsonFlag, print_fitted, print_report

if TYPE_CHECKING:
    from greentrade_cli.cli.output import Output
    from greentrade_cli.ledgerfile.journal import Journal

# What each command needs (Rich tables among it) is imported when it runs.

_NAMED = 5
"""The most blocks or files a `gt undo` line names; past it, the first few and a count."""


@app.command("undo")
def undo_cmd(
    ctx: typer.Context,
    show: Annotated[
        bool, typer.Option("--list", help="List the writes that can be undone, newest first.")
    ] = False,
    on: OnOpt = None,
) -> None:
    """Undo the last write gt made to this ledger (one command run at a time, newest first).

    Only the blocks that write changed are put back, and only if they still read as it
    left them: a commitment changed since by other means (by hand, or by another tool)
    makes gt refuse, changing nothing. The journal of writes is kept beside the ledger
    in .<ledger name>.gt-journal.jsonl.
    """
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.ledgerfile import storage
    from greentrade_cli.ledgerfile.journal import read_journal, undoable
    from greentrade_cli.ledgerfile.undo import undo_last
    from greentrade_cli.render.audit_views import undo_table, undo_tsv

    state = state_of(ctx)
    where = state.location()
    out = state.output
    if show:
        journal = read_journal(where.path)
        entries = undoable(journal.entries)
        print_report(
            out,
            lines=lambda: undo_tsv(entries, where.path.name),
            table=lambda: print_fitted(
                out,
                lambda width: undo_table(entries, where.path.name, width),
                "see every column in a pipe",
            ),
            empty=None if entries else "Nothing to undo.",
        )
        _damage_note(out, journal)
        return
    if where.bundled:
        raise storage.read_only_error()
    entry = undo_last(where.path, stamp_of(ctx, change_date(on)))
    names = entry.touched(where.path.name)
    said = ", ".join(names[:_NAMED])
    if len(names) > _NAMED:
        said = f"{', '.join(names[: _NAMED - 1])} and {len(names) - _NAMED + 1} more"
    out.note(f"undid #{entry.seq} ({entry.command}); put back as before: {said}")


def _in_order(since: dt.date | None, until: dt.date | None) -> None:
    """Raise :class:`UsageError` when ``until`` is before ``since``."""
    if since is not None and until is not None and until < since:
        from greentrade_cli.errors import UsageError

        raise UsageError(f"--until {until} is before --since {since}; give a later --until")


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
    as_json: JsonFlag = False,
) -> None:
    """Every status change, measurement and edit in the ledger, newest first.

    Status changes and measurements come from the ledger's history and measurements,
    with their notes and evidence; edits (added, removed or changed commitments, new
    sources) and who made each change come from the journal gt keeps of its writes.
    Undone writes are left out.
    """
    from greentrade_cli.ledgerfile.journal import Journal, journal_path, read_journal
    from greentrade_cli.model.dates import parse_date
    from greentrade_cli.render.audit_views import log_table, log_tsv
    from greentrade_cli.tracking.changelog import log_rows

    state = state_of(ctx)
    file = state.load()
    codes = None if not agency else {file.ledger.agency(a).code for a in agency}
    journal = Journal(journal_path(file.path)) if file.read_only else read_journal(file.path)
    first = None if since is None else parse_date(since, "--since")
    last = None if until is None else parse_date(until, "--until")
    _in_order(first, last)
    rows = log_rows(
        file.ledger,
        journal.entries,
        since=first,
        until=last,
        agencies=codes,
        root=file.path.name,
    )
    out = state.output

    def table() -> None:
        print_fitted(
            out, lambda width: log_table(rows, width), "see every column with --json or in a pipe"
        )

    print_report(
        out,
        lines=lambda: log_tsv(rows),
        table=table,
        to_json=(lambda: [r.to_json() for r in rows]) if as_json else None,
        empty=None
        if rows
        else "No changes match these filters."
        if since or until or agency
        else "No changes recorded yet (`gt mark`, `gt record` and `gt add` make them).",
    )
    _damage_note(out, journal)


def _damage_note(out: Output, journal: Journal) -> None:
    """Say on standard error which lines of ``journal`` were skipped, if any."""
    note = journal.note()
    if note is not None:
        out.note(f"note: {note}")


@app.command("changes")
def changes_cmd(
    ctx: typer.Context,
    since: Annotated[
        str, typer.Option("--since", metavar="DATE", help="The first day of the period.")
    ],
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="The last day of the period. Default: today."),
    ] = None,
    form: Annotated[
        str,
        typer.Option("--format", "-f", metavar="FORMAT", help="text (default), markdown or json."),
    ] = "text",
) -> None:
    """What changed from --since to --until, for a newsletter: status changes with their
    reasons, new measurements with the progress they moved, target revisions (weakened or
    strengthened) and new pledges."""
    from greentrade_cli.errors import UsageError
    from greentrade_cli.model.dates import parse_date
    from greentrade_cli.tracking.changes import changes

    formats = ("text", "markdown", "json")
    kind = form.strip().lower()
    if kind not in formats:
        raise UsageError(f"--format: unknown format {form!r}; use one of: {', '.join(formats)}")
    first = parse_date(since, "--since")
    last = today() if until is None else parse_date(until, "--until")
    _in_order(first, last)
    state = state_of(ctx)
    found = changes(state.load().ledger, first, last)
    out = state.output
    if kind == "markdown":
        from greentrade_cli.export.newsletter import changes_markdown

        out.write(changes_markdown(found))
        return
    from greentrade_cli.render.changes_views import changes_lines

    lines = changes_lines(found)

    def table() -> None:  # a terminal shows the same lines as a pipe
        for line in lines:
            out.line(line)

    print_report(
        out, lines=lambda: lines, table=table, to_json=found.to_json if kind == "json" else None
    )


@app.command("agencies")
def agencies_cmd(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """The agencies: codes, English and Chinese names, aliases, commitments made and still open."""
    from greentrade_cli.render.audit_views import agencies_table, agencies_tsv
    from greentrade_cli.tracking.agency_counts import agency_rows

    state = state_of(ctx)
    rows = agency_rows(state.load().ledger)
    out = state.output
    print_report(
        out,
        lines=lambda: agencies_tsv(rows),
        table=lambda: print_fitted(
            out, lambda width: agencies_table(rows, width), "see every column with --json"
        ),
        to_json=(lambda: [r.to_json() for r in rows]) if as_json else None,
    )
