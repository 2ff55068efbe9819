"""``gt check``: validate the ledger, as ``hledger check`` and ``bean-check`` do; and
``gt split``, which makes a large one-file ledger a root plus one file per source."""

from __future__ import annotations

from typing import Annotated

import typer

from greentrade_cli.cli.app import AsOf, OnOpt, app, as_of_date, change_date, state_of
from greentrade_cli.ledgerfile.check import check_ledger


@app.command("check")
def check_cmd(ctx: typer.Context, as_of: AsOf = None) -> None:
    """Validate the ledger: one "ok" line when it is sound, else one line per problem.

    Each problem is printed as PATH:LINE: ID: FIELD: message, in line order, file by file
    for a ledger in many files, and the exit code is 1. Every other command loads the
    ledger with this same validation. A sound ledger's source dated after --as-of gets a
    warning line.
    """
    state = state_of(ctx)
    report = check_ledger(state.location().path, as_of_date(as_of))
    if report.ok:
        state.output.line(report.summary())
        for line in report.warnings:
            state.output.line(line)
        if report.hint:
            state.output.note(report.hint)
        return
    for line in report.lines():
        state.output.line(line)
    raise typer.Exit(1)


@app.command("split")
def split_cmd(
    ctx: typer.Context,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only list the files it would write.")
    ] = False,
    on: OnOpt = None,
) -> None:
    """Make a one-file ledger a root plus one file per source, in ledger/.

    The root keeps its comments and agencies and includes ledger/*.toml; each file holds
    one source and its commitments as written. All files are written or none, and
    gt undo puts the one file back.
    """
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.ledgerfile import storage
    from greentrade_cli.ledgerfile.split import split

    state = state_of(ctx)
    where = state.location()
    if where.bundled:
        raise storage.read_only_error()
    planned = split(where.path, stamp=stamp_of(ctx, change_date(on)), dry_run=dry_run)
    verb = "would write" if dry_run else "wrote"
    for part in planned:
        state.output.line(f"{verb} {part.path} ({part.commitments} commitments)")
