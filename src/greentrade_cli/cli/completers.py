"""Shell-completion callbacks: they read the ledger the command line names, quietly.

Each is passed as ``autocompletion=`` to an option or argument. The ledger is found as
the command itself would find it (``--ledger``, ``$GT_LEDGER``, ``./commitments.toml``,
the bundled ledger); when it cannot be read, completion offers nothing rather than an
error in the middle of the user's typing.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from greentrade_cli.cli.completion import (
    Candidate,
    agency_candidates,
    id_candidates,
    status_candidates,
    tag_candidates,
)
from greentrade_cli.errors import GtError
from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.location import ENV_VAR, find_ledger
from greentrade_cli.model.ledger import Ledger


def _ledger(ctx: typer.Context) -> Ledger | None:
    option = ctx.find_root().params.get("ledger") or os.environ.get(ENV_VAR) or None
    try:
        where = find_ledger(option, Path.cwd())
        return storage.load(where.path, read_only=where.bundled, quotes=False).ledger
    except GtError:
        return None


def complete_id(ctx: typer.Context, incomplete: str) -> list[Candidate]:
    """Commitment ids of the ledger in use."""
    ledger = _ledger(ctx)
    return [] if ledger is None else id_candidates(ledger, incomplete)


def complete_agency(ctx: typer.Context, incomplete: str) -> list[Candidate]:
    """Agency codes of the ledger in use."""
    ledger = _ledger(ctx)
    return [] if ledger is None else agency_candidates(ledger, incomplete)


def complete_status(incomplete: str) -> list[Candidate]:
    """Status words."""
    return status_candidates(incomplete)


def complete_tag(ctx: typer.Context, incomplete: str) -> list[Candidate]:
    """Tags used in the ledger in use."""
    ledger = _ledger(ctx)
    return [] if ledger is None else tag_candidates(ledger, incomplete)
