"""Rich tables and plain rows for the authoring and audit commands (log, agencies, undo).

Knows Rich, not Typer. Ledger and journal text is wrapped in :class:`rich.text.Text`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from greentrade_cli.ledgerfile.journal import Entry
from greentrade_cli.render.table_layout import FittedTable
from greentrade_cli.render.views import tsv_table
from greentrade_cli.tracking.agency_counts import AgencyRow
from greentrade_cli.tracking.changelog import LogRow

LOG_COLUMNS = ("date", "commitment", "agency", "kind", "what", "note", "evidence", "by")
AGENCY_COLUMNS = ("code", "name", "name_zh", "aliases", "commitments", "open")
UNDO_COLUMNS = ("seq", "date", "by", "command", "changes")


HEADINGS = {"name_zh": "Chinese name", "seq": "#"}


def _table(columns: Sequence[str], wrap: set[str], title: str | None = None) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    for name in columns:
        table.add_column(
            HEADINGS.get(name, name.capitalize()),
            no_wrap=name not in wrap,
            overflow="fold",
            ratio=1 if name in wrap else None,
        )
    return table


def log_cells(row: LogRow) -> list[str]:
    """The cells of one ``gt log`` row, in :data:`LOG_COLUMNS` order."""
    return [
        row.date.isoformat() if row.date else "",
        row.commitment,
        row.agency,
        row.kind.value,
        row.what,
        row.note,
        row.evidence,
        row.by,
    ]


_LOG_SHOWN = ("date", "agency", "commitment", "what", "note", "evidence", "by")
_LOG_IMPORTANCE = ("date", "commitment", "what", "note", "evidence", "by", "agency")
"""The order in which the log table's columns are kept when not all fit."""


def log_table(rows: Sequence[LogRow], width: int | None = None) -> FittedTable:
    """The change log as a table for the terminal: date, agency, commitment, what changed,
    note, evidence, by; the kind is left to the words of the change. Fitted to ``width``
    cells (None: no limit): dates stay whole, ids and text fold, and the least important
    columns are left out (and named) when they cannot all fit."""
    from greentrade_cli.render.table_layout import Column, ColumnKind, fitted_table

    kinds = {"date": ColumnKind.KEY, "agency": ColumnKind.SHORT, "by": ColumnKind.SHORT}
    columns = [Column(n, n.capitalize(), kinds.get(n, ColumnKind.TEXT)) for n in _LOG_SHOWN]
    records = [
        {n: Text(cell) for n, cell in zip(LOG_COLUMNS, log_cells(row), strict=True)} for row in rows
    ]
    return fitted_table(columns, records, width, importance=_LOG_IMPORTANCE)


def log_tsv(rows: Sequence[LogRow]) -> list[str]:
    """The change log for pipes: a header line, then one tab-separated line per change."""
    return tsv_table(LOG_COLUMNS, [log_cells(r) for r in rows])


def agency_cells(row: AgencyRow) -> list[str]:
    """The cells of one ``gt agencies`` row, in :data:`AGENCY_COLUMNS` order."""
    a = row.agency
    return [a.code, a.name, a.name_zh, ", ".join(a.aliases), str(row.commitments), str(row.open)]


def agencies_table(rows: Sequence[AgencyRow]) -> Table:
    """The agencies with their names, aliases and counts."""
    table = _table(AGENCY_COLUMNS, {"name", "aliases"})
    for column in table.columns[-2:]:
        column.justify = "right"
    for row in rows:
        table.add_row(*(Text(cell) for cell in agency_cells(row)))
    return table


def agencies_tsv(rows: Sequence[AgencyRow]) -> list[str]:
    """The agencies for pipes: a header line, then one tab-separated line per agency."""
    return tsv_table(AGENCY_COLUMNS, [agency_cells(r) for r in rows])


def undo_cells(entry: Entry, root: str) -> list[str]:
    """The cells of one ``gt undo --list`` row, in :data:`UNDO_COLUMNS` order, for the
    ledger whose root file is named ``root``."""
    stamp = entry.stamp
    return [
        str(entry.seq),
        stamp.on.isoformat() if stamp else "",
        stamp.user if stamp else "",
        entry.command,
        ", ".join(entry.touched(root)),
    ]


def undo_table(entries: Sequence[Entry], root: str) -> Table:
    """The writes ``gt undo`` can revert, newest (the next one undone) first, in the ledger
    whose root file is named ``root``."""
    table = _table(UNDO_COLUMNS, {"command", "changes"})
    for entry in entries:
        table.add_row(*(Text(cell) for cell in undo_cells(entry, root)))
    return table


def undo_tsv(entries: Sequence[Entry], root: str) -> list[str]:
    """The undoable writes for pipes: a header line, then one tab-separated line each."""
    return tsv_table(UNDO_COLUMNS, [undo_cells(e, root) for e in entries])
