"""``gt import``: status changes and measurements from a CSV or JSON file, all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from greentrade_cli.cli.app import app, state_of, today
from greentrade_cli.errors import DataError, LedgerError
from greentrade_cli.tracking.import_file import ImportFormat, decode, detect_format, read_import

if TYPE_CHECKING:
    from collections.abc import Iterable

    from greentrade_cli.ledgerfile.journal import Stamp
    from greentrade_cli.model.commitment import Commitment
    from greentrade_cli.model.ledger import Ledger
    from greentrade_cli.tracking.bulk_update import Plan
    from greentrade_cli.tracking.import_rows import ImportFile


def _read(source: str, fmt: ImportFormat) -> tuple[str, ImportFile]:
    """The file's name for messages and what it holds. ``-`` is standard input."""
    from greentrade_cli.ledgerfile.ledger_file import read_bytes, read_stream

    name = "<stdin>" if source == "-" else source
    try:  # at most the size of a ledger; a file must be a regular one, not a pipe or a device
        if source == "-":
            raw = read_stream(sys.stdin.buffer, name, "CSV or JSON")
        else:
            raw = read_bytes(Path(source), "CSV or JSON")
    except LedgerError as exc:
        raise DataError(str(exc)) from None
    text = decode(name, raw)
    if fmt is ImportFormat.AUTO:
        fmt = detect_format(name, text)
    return name, read_import(text, fmt)


def _paths(root: Path, names: Iterable[str]) -> str:
    """The files of the ledger ``root`` named ``names`` as the journal names them (beside
    ``root``; "" for ``root`` itself), comma-separated, each once, in the order given."""
    return ", ".join(
        str(root.parent / name) if name else str(root) for name in dict.fromkeys(names)
    )


def _files_written(root: Path, stamp: Stamp) -> str:
    """The files the write journaled last under ``stamp`` changed, as :func:`_paths` names
    them, in the order written; ``""`` when the journal's last record is not that write."""
    from greentrade_cli.ledgerfile.journal import last_entry

    last = last_entry(root)
    if last is None or last.stamp != stamp:
        return ""
    return _paths(root, (change.file for change in last.changes))


@app.command("import")
def import_cmd(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="CSV, JSON or JSON-lines file of changes; - for standard input."
        ),
    ],
    fmt: Annotated[
        ImportFormat,
        typer.Option("--format", "-f", help="Layout of FILE; auto: by its name, else its content."),
    ] = ImportFormat.AUTO,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Print the changes; write nothing.")
    ] = False,
) -> None:
    """Apply status changes and measurements from FILE in one write, or none if a row is bad.

    CSV columns: id,date and status,note,evidence (a status change) and/or value,source (a
    measurement, in the target's unit). JSON: the same as objects, or what `gt export
    --format json` writes. Every row is checked first; the changes are printed, one a line.
    """
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.errors import ImportProblems
    from greentrade_cli.ledgerfile import storage
    from greentrade_cli.tracking.bulk_update import plan_import

    state = state_of(ctx)
    out = state.output
    name, found = _read(file, fmt)
    where = state.location()
    plan: Plan | None = None

    def change(ledger: Ledger) -> tuple[Commitment, ...]:
        nonlocal plan
        plan = plan_import(ledger, found.entries, name, today(), found.problems)
        return () if dry_run else plan.changed

    written = str(where.path)
    try:
        if dry_run:
            loaded = state.load()
            change(loaded.ledger)
            assert plan is not None
            holding = storage.files_holding(loaded, (c.id for c in plan.changed))
            written = _paths(where.path, holding) or written
        else:
            stamp = stamp_of(ctx, today())
            storage.update_many(where.path, change, read_only=where.bundled, stamp=stamp)
            written = _files_written(where.path, stamp) or written
    except ImportProblems as exc:
        for problem in exc.problems:
            out.note(f"gt: error: {problem.format(exc.name)}")
        out.abort(f"{len(exc.problems)} problem(s) in {exc.name}; nothing was imported")
    assert plan is not None
    for item in plan.changes:
        out.line(item.format())
    already = f"; {plan.unchanged} already recorded" if plan.unchanged else ""
    count = f"{len(plan.changes)} change(s) to {len(plan.changed)} commitment(s)"
    if dry_run:
        out.note(f"would apply {count} in {written}{already}; nothing written (--dry-run)")
    elif plan.changes:
        out.note(f"applied {count} in {written}{already}")
    else:
        out.note(f"nothing to change in {where.path}{already}")
