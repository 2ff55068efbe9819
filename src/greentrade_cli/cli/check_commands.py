"""``gt check``: validate the ledger, as ``hledger check`` and ``bean-check`` do."""

from __future__ import annotations

import typer

from greentrade_cli.cli.app import app, state_of
from greentrade_cli.ledgerfile.check import check_ledger


@app.command("check")
def check_cmd(ctx: typer.Context) -> None:
    """Validate the ledger: one "ok" line when it is sound, else one line per problem.

    Each problem is printed as PATH:LINE: ID: FIELD: message, in line order, and the exit
    code is 1. Every other command loads the ledger with this same validation.
    """
    state = state_of(ctx)
    report = check_ledger(state.location().path)
    if report.ok:
        state.output.line(report.summary())
        return
    for line in report.lines():
        state.output.line(line)
    raise typer.Exit(1)
