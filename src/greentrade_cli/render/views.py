"""Rich renderables and plain-text rows for the terminal. Knows Rich, not Typer.

Every piece of ledger text is wrapped in :class:`rich.text.Text`, so brackets in titles
or notes are shown as written, never read as Rich markup. Rich is imported by the
functions that render with it: plain rows for a pipe do without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from greentrade_cli.tracking.fields import LIST_COLUMNS, WRAPPING, table_cells
from greentrade_cli.tracking.report import StatusRow

if TYPE_CHECKING:
    from rich.text import Text

    from greentrade_cli.render.table_layout import Column, FittedTable

LIST_IMPORTANCE = ("id", "title", "status", "deadline", "progress", "pace", "agency", "flags")
"""The list's columns from most to least important: a narrow terminal drops the last first."""


def status_table(rows: Sequence[StatusRow], width: int, title: str | None = None) -> FittedTable:
    """The Rich status table of ``gt list`` for a terminal ``width`` columns wide.

    The first column holds the id with the title wrapped beneath it, as wide as the
    longest id: ids are never folded or cut. The other columns follow
    :data:`LIST_COLUMNS` (``flags`` shown in brackets under the status, ``(stale)``);
    those that do not fit are left out in :data:`LIST_IMPORTANCE` order and named in
    ``dropped`` (see :func:`greentrade_cli.render.table_layout.fit_columns`).
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from greentrade_cli.render.table_layout import (
        Column,
        ColumnKind,
        FittedTable,
        fit_columns,
        natural_width,
    )

    others = [name for name in LIST_COLUMNS if name not in {"id", "title", "flags"}]
    all_cells = [table_cells(row, LIST_COLUMNS) for row in rows]
    for cells in all_cells:
        if cells["flags"]:
            cells["status"] += f"\n({cells['flags']})"
    key = Column("id", "Commitment", ColumnKind.KEY)
    columns = [key, *(Column(n, n.capitalize(), ColumnKind.SHORT) for n in others)]
    records = [{c.name: Text(cells[c.name]) for c in columns} for cells in all_cells]
    # No padding at the table's edges: two cells fewer than fit_columns counts.
    kept, dropped, needed = fit_columns(columns, records, width + 2, LIST_IMPORTANCE)
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    table.add_column(key.header, min_width=natural_width(key, records), ratio=1, overflow="fold")
    for column in kept[1:]:
        table.add_column(column.header, no_wrap=True)
    for cells in all_cells:
        heading = Text(cells["id"], style="bold")
        heading.append("\n")
        heading.append(cells["title"])
        table.add_row(heading, *(Text(cells[c.name]) for c in kept[1:]))
    return FittedTable(table, max(width, needed - 2), tuple(dropped))


def status_columns(fields: Sequence[str]) -> list[Column]:
    """Table columns for ``fields``: ``id`` is the key, titles, targets, evidence and quotes wrap."""
    from greentrade_cli.render.table_layout import Column, ColumnKind

    def kind(name: str) -> ColumnKind:
        if name == "id":
            return ColumnKind.KEY
        return ColumnKind.TEXT if name in WRAPPING else ColumnKind.SHORT

    return [Column(name, name.replace("_", " ").capitalize(), kind(name)) for name in fields]


def status_records(rows: Sequence[StatusRow], fields: Sequence[str]) -> list[dict[str, Text]]:
    """The cells of ``fields`` for each row as :class:`Text` (statuses and paces coloured)."""
    from rich.text import Text

    from greentrade_cli.render.palette import style_for

    records = []
    for row in rows:
        cells = table_cells(row, fields)
        records.append(
            {name: Text(cells[name], style=style_for(name, cells[name])) for name in fields}
        )
    return records


def fit_status_table(
    rows: Sequence[StatusRow],
    width: int | None,
    fields: Sequence[str] = LIST_COLUMNS,
    title: str | None = None,
) -> FittedTable:
    """The status table of ``gt list`` laid out for ``width`` cells (None: as wide as needed).

    Ids are never wrapped or cut; titles and other long text wrap; when the table cannot
    fit, the least important columns are left out and named in ``dropped``: for the
    default columns in :data:`LIST_IMPORTANCE` order, for chosen ``fields`` from the last.
    """
    from greentrade_cli.render.table_layout import fitted_table

    importance = LIST_IMPORTANCE if tuple(fields) == LIST_COLUMNS else tuple(fields)
    return fitted_table(
        status_columns(fields),
        status_records(rows, fields),
        width,
        importance=importance,
        title=title,
    )


def tsv_escape(text: str) -> str:
    """Make a value safe for one tab-separated cell: ``\\``, tab and line breaks as ``\\\\``, ``\\t``,
    ``\\n``, ``\\r``, and the Unicode line breaks a ledger may hold (NEL, line and paragraph
    separators, which Python's ``splitlines`` and many editors break lines at) as
    ``\\x85``, ``\\u2028``, ``\\u2029``."""
    text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text.replace("\x85", "\\x85").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def tsv_table(columns: Sequence[str], rows: Iterable[Iterable[str]]) -> list[str]:
    """A header line of ``columns``, then one tab-separated line per row, cells escaped."""
    return list(_tsv_rows(columns, rows))


def _tsv_rows(columns: Sequence[str], rows: Iterable[Iterable[str]]) -> Iterator[str]:
    yield "\t".join(columns)
    for row in rows:
        yield "\t".join(tsv_escape(cell) for cell in row)


def tsv_lines(rows: Sequence[StatusRow], fields: Sequence[str] = LIST_COLUMNS) -> Iterator[str]:
    """``gt list`` for pipes: a header line of ``fields``, then one tab-separated line per
    commitment, each made as it is written (a listing of every commitment is never held
    whole)."""
    return _tsv_rows(fields, (table_cells(row, fields).values() for row in rows))


def figures_table(
    title: str,
    columns: Sequence[Column],
    records: Sequence[Mapping[str, Text]],
    footer: Mapping[str, Text],
    width: int | None,
    importance: Sequence[str] | None = None,
) -> FittedTable:
    """A compact table of figures per agency, titled ``title``, ``footer`` its total row,
    fitted to ``width`` cells (None: no limit; see
    :func:`greentrade_cli.render.table_layout.fitted_table`): the layout ``gt summary``
    and ``gt scorecard`` share."""
    from greentrade_cli.render.table_layout import fitted_table

    return fitted_table(
        columns, records, width, importance=importance, title=title, footer=footer, compact=True
    )
