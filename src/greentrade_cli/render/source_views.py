"""Rich tables and plain rows for ``gt source list`` and ``gt source show``.

Knows Rich, not Typer. Ledger text is wrapped in :class:`rich.text.Text` (never markup).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from greentrade_cli.model.ledger import Ledger
from greentrade_cli.render.table_layout import ColumnKind, FittedTable, rows_table
from greentrade_cli.render.views import tsv_table
from greentrade_cli.tracking.source_info import SourceRow

SOURCE_COLUMNS = ("id", "date", "publisher", "title", "pledges", "url")
PLEDGE_COLUMNS = ("id", "agency", "status", "title")


def source_cells(row: SourceRow) -> list[str]:
    """The cells of one ``gt source list`` row, in :data:`SOURCE_COLUMNS` order."""
    s = row.source
    return [s.id, s.date.isoformat(), s.publisher, s.title, str(len(row.pledges)), s.url]


def sources_tsv(rows: Sequence[SourceRow]) -> list[str]:
    """The sources for pipes: a header line, then one tab-separated line per source."""
    return tsv_table(SOURCE_COLUMNS, [source_cells(r) for r in rows])


def sources_table(rows: Sequence[SourceRow], width: int | None = None) -> FittedTable:
    """The sources as a table for the terminal, fitted to ``width`` cells: ids never cut;
    title, publisher and URL wrap; the least important are left out when they cannot fit."""
    short = {"id": ColumnKind.KEY, "date": ColumnKind.SHORT, "pledges": ColumnKind.SHORT}
    kinds = {name: short.get(name, ColumnKind.TEXT) for name in SOURCE_COLUMNS}
    importance = ("id", "date", "title", "pledges", "publisher", "url")
    cells = [source_cells(r) for r in rows]
    return rows_table(kinds, cells, width, importance, right=frozenset({"pledges"}))


def source_facts(row: SourceRow) -> list[tuple[str, str]]:
    """``(name, value)`` pairs of ``gt source show``: id, title, publisher, date, url,
    archive, its size in bytes and SHA-256, and the number of pledges citing it."""
    s = row.source
    archive = s.archive or "none (quotes are not checked)"
    if s.archive and row.size is None:
        archive += " (missing)"
    return [
        ("id", s.id),
        ("title", s.title),
        ("publisher", s.publisher),
        ("date", s.date.isoformat()),
        ("url", s.url),
        ("archive", archive),
        ("size", "" if row.size is None else f"{row.size} bytes"),
        ("sha256", row.sha256 or ""),
        ("pledges", str(len(row.pledges))),
    ]


def pledge_cells(ledger: Ledger, row: SourceRow) -> list[list[str]]:
    """One ``(id, agency, status, title)`` per pledge citing the source, ledger order."""
    cited = set(row.pledges)
    return [
        [c.id, c.agency_text, c.status.value, c.title] for c in ledger.commitments if c.id in cited
    ]


def source_lines(ledger: Ledger, row: SourceRow) -> list[str]:
    """``gt source show`` for pipes: one ``name<TAB>value`` line per fact, then a blank
    line and the pledges as tab-separated rows."""
    facts = tsv_table(("field", "value"), [[k, v] for k, v in source_facts(row) if v])[1:]
    return [*facts, "", *tsv_table(PLEDGE_COLUMNS, pledge_cells(ledger, row))]


def source_view(ledger: Ledger, row: SourceRow) -> Group:
    """``gt source show`` for the terminal: the facts, then the pledges as a table."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    for name, value in source_facts(row):
        if value:
            facts.add_row(name, Text(value))
    pledges = Table(box=box.SIMPLE_HEAD, title="Pledges", title_justify="left")
    for name in PLEDGE_COLUMNS:
        pledges.add_column(name.capitalize(), overflow="fold", ratio=1 if name == "title" else None)
    for cells in pledge_cells(ledger, row):
        pledges.add_row(*(Text(cell) for cell in cells))
    return Group(facts, pledges)
