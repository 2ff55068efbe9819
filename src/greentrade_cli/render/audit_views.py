"""Rich tables and plain rows for the authoring and audit commands (log, agencies, undo).

Knows Rich, not Typer. Ledger and journal text is wrapped in :class:`rich.text.Text`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from greentrade_cli.ledgerfile.journal import Entry
from greentrade_cli.render.table_layout import (
    Column,
    ColumnKind,
    FittedTable,
    fitted_table,
    rows_table,
)
from greentrade_cli.render.views import tsv_table
from greentrade_cli.tracking.agency_counts import AgencyRow
from greentrade_cli.tracking.changelog import LogRow

LOG_COLUMNS = ("date", "commitment", "agency", "kind", "what", "note", "evidence", "by")
_AGENCY_KINDS = {
    "code": ColumnKind.KEY,
    "name": ColumnKind.TEXT,
    "name_zh": ColumnKind.TEXT,
    "aliases": ColumnKind.TEXT,
    "commitments": ColumnKind.SHORT,
    "open": ColumnKind.SHORT,
}
AGENCY_COLUMNS = tuple(_AGENCY_KINDS)
_UNDO_KINDS = {
    "seq": ColumnKind.KEY,
    "date": ColumnKind.SHORT,
    "by": ColumnKind.SHORT,
    "command": ColumnKind.TEXT,
    "changes": ColumnKind.TEXT,
}
UNDO_COLUMNS = tuple(_UNDO_KINDS)


HEADINGS = {"name_zh": "Chinese name", "seq": "#"}
_TEXT_WIDTH = 12
"""Fewest cells a name, alias list, command or list of changes wraps into: they are short."""


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


def agencies_table(rows: Sequence[AgencyRow], width: int | None = None) -> FittedTable:
    """The agencies with their names, aliases and counts, fitted to ``width`` cells (codes
    never cut; names, then aliases, left out when they cannot fit)."""
    importance = ("code", "commitments", "open", "name", "name_zh", "aliases")
    cells = [agency_cells(r) for r in rows]
    return rows_table(
        _AGENCY_KINDS,
        cells,
        width,
        importance,
        headers=HEADINGS,
        right=frozenset({"commitments", "open"}),
        least=_TEXT_WIDTH,
    )


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


def undo_table(entries: Sequence[Entry], root: str, width: int | None = None) -> FittedTable:
    """The writes ``gt undo`` can revert, newest (the next one undone) first, in the ledger
    whose root file is named ``root``, fitted to ``width`` cells."""
    importance = ("seq", "date", "command", "changes", "by")
    cells = [undo_cells(e, root) for e in entries]
    return rows_table(_UNDO_KINDS, cells, width, importance, headers=HEADINGS, least=_TEXT_WIDTH)


def undo_tsv(entries: Sequence[Entry], root: str) -> list[str]:
    """The undoable writes for pipes: a header line, then one tab-separated line each."""
    return tsv_table(UNDO_COLUMNS, [undo_cells(e, root) for e in entries])
