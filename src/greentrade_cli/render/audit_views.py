"""Rich tables and plain rows for the authoring and audit commands (log, agencies, undo).

Knows Rich, not Typer. Ledger and journal text is wrapped in :class:`rich.text.Text`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text

from greentrade_cli.ledgerfile.journal import Entry
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


def log_table(rows: Sequence[LogRow]) -> Table:
    """The change log as a table for the terminal: date, agency, commitment, what changed,
    note, evidence, by. Long ids fold; the kind is left to the words of the change."""
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("Date", no_wrap=True)
    table.add_column("Agency", no_wrap=True)
    table.add_column("Commitment", overflow="fold", ratio=3, min_width=12)
    table.add_column("What", overflow="fold", ratio=2, min_width=12)
    table.add_column("Note", overflow="fold", ratio=2)
    table.add_column("Evidence", overflow="fold", ratio=2)
    table.add_column("By", no_wrap=True)
    for row in rows:
        cells = dict(zip(LOG_COLUMNS, log_cells(row), strict=True))
        names = ("date", "agency", "commitment", "what", "note", "evidence", "by")
        table.add_row(*(Text(cells[name]) for name in names))
    return table


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


def undo_cells(entry: Entry) -> list[str]:
    """The cells of one ``gt undo --list`` row, in :data:`UNDO_COLUMNS` order."""
    stamp = entry.stamp
    return [
        str(entry.seq),
        stamp.on.isoformat() if stamp else "",
        stamp.user if stamp else "",
        entry.command,
        ", ".join(entry.touched),
    ]


def undo_table(entries: Sequence[Entry]) -> Table:
    """The writes ``gt undo`` can revert, newest (the next one undone) first."""
    table = _table(UNDO_COLUMNS, {"command", "changes"})
    for entry in entries:
        table.add_row(*(Text(cell) for cell in undo_cells(entry)))
    return table


def undo_tsv(entries: Sequence[Entry]) -> list[str]:
    """The undoable writes for pipes: a header line, then one tab-separated line each."""
    return tsv_table(UNDO_COLUMNS, [undo_cells(e) for e in entries])
