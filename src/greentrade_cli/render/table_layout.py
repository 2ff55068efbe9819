"""Fitting a Rich table to a width without ever cutting a key (an id).

Rich shrinks every column, ids included, when a table is wider than the terminal. Here
each column has a kind: ``key`` columns (ids) are never wrapped, cut or left out;
``short`` columns (codes, dates, statuses) are kept whole or, when the table cannot fit,
left out, least important first; ``text`` columns (titles, quotes) wrap and need at least
:data:`TEXT_MIN_WIDTH` cells. When even the keys alone are wider than the width asked
for, the table is laid out at the keys' width (the terminal then wraps the line, but a
copied id stays whole). A *compact* table (the figures of ``gt summary`` and ``gt
scorecard``) has two cells between columns instead of three and none at its edges.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import JustifyMethod

TEXT_MIN_WIDTH = 24
"""Fewest cells a wrapping text column is given before columns are left out, unless
the column sets its own (:attr:`Column.least`)."""

_PADDING = 2  # one space either side of every cell
_EDGES = 2  # the table's left and right edge
_COMPACT_GAP = 2  # cells a compact table adds per column: the gaps between, and its edges


class ColumnKind(StrEnum):
    """How a column behaves when space runs short (see the module docstring)."""

    KEY = "key"
    SHORT = "short"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Column:
    """A column: ``name`` keys the records (and names it when left out), ``header`` is
    shown (``\\n`` breaks it), ``kind`` sets its fitting, ``justify`` aligns its cells,
    ``least`` is the fewest cells a text column wraps into before it is left out."""

    name: str
    header: str
    kind: ColumnKind
    justify: JustifyMethod = "left"
    least: int = TEXT_MIN_WIDTH


@dataclass(frozen=True, slots=True)
class FittedTable:
    """A table laid out for a width: ``table`` to print at ``width`` (cells), ``dropped``
    the names of the columns left out to fit, in the order they were dropped."""

    table: Table
    width: int
    dropped: tuple[str, ...]


def _longest_line(text: Text) -> int:
    return max((cell_len(line) for line in text.plain.split("\n")), default=0)


def natural_width(column: Column, records: Sequence[Mapping[str, Text]]) -> int:
    """Cells ``column`` needs without wrapping: its widest cell or header (padding excluded)."""
    header = max(cell_len(line) for line in column.header.split("\n"))
    return max([header, *(_longest_line(r[column.name]) for r in records)])


def _needed(columns: Sequence[Column], widths: Mapping[str, int], compact: bool = False) -> int:
    if compact:
        return sum(widths[c.name] for c in columns) + _COMPACT_GAP * len(columns)
    return sum(widths[c.name] + _PADDING for c in columns) + _EDGES + max(len(columns) - 1, 0)


def fit_columns(
    columns: Sequence[Column],
    records: Sequence[Mapping[str, Text]],
    width: int,
    importance: Sequence[str] | None = None,
    compact: bool = False,
) -> tuple[list[Column], list[str], int]:
    """Choose the columns that fit in ``width`` cells.

    Key columns are always kept; the others are taken in ``importance`` order (column
    names, most important first; default: the order of ``columns``), each one kept when
    it still fits at its minimum width (a text column its ``least`` cells, the
    others whole). Returns ``(columns kept in display order, names left out, width to
    render at)``; the render width exceeds ``width`` only when the keys alone need more.
    ``compact`` counts the spacing of a compact table.
    """
    order = list(importance) if importance is not None else [c.name for c in columns]
    rank = {name: i for i, name in enumerate(order)}
    minimum = {
        c.name: min(c.least, natural_width(c, records))
        if c.kind is ColumnKind.TEXT
        else natural_width(c, records)
        for c in columns
    }
    chosen = {c.name for c in columns if c.kind is ColumnKind.KEY}
    candidates = sorted(
        (c for c in columns if c.kind is not ColumnKind.KEY),
        key=lambda c: rank.get(c.name, len(order)),
    )
    dropped: list[str] = []
    for column in candidates:
        trial = [c for c in columns if c.name in chosen or c is column]
        if _needed(trial, minimum, compact) <= width:
            chosen.add(column.name)
        else:
            dropped.append(column.name)
    kept = [c for c in columns if c.name in chosen]
    return kept, dropped, max(width, _needed(kept, minimum, compact))


def fitted_table(
    columns: Sequence[Column],
    records: Sequence[Mapping[str, Text]],
    width: int | None,
    *,
    importance: Sequence[str] | None = None,
    title: str | None = None,
    footer: Mapping[str, Text] | None = None,
    compact: bool = False,
) -> FittedTable:
    """A SIMPLE_HEAD table of ``records`` (cells as :class:`Text`, keyed by column name),
    with ``footer`` (cells keyed the same way) as its last row below a gap when given;
    ``compact`` for a table of figures (see the module docstring).

    With ``width`` None every column is kept and the table is as wide as its content
    needs; otherwise columns are chosen with :func:`fit_columns`.
    """
    measured = [*records, footer] if footer is not None else list(records)
    dropped: list[str] = []
    if width is None:
        kept = list(columns)
        widths = {c.name: natural_width(c, measured) for c in kept}
        render_width = _needed(kept, widths, compact)
    else:
        kept, dropped, render_width = fit_columns(columns, measured, width, importance, compact)
    table = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        show_footer=footer is not None,
        collapse_padding=compact,
        pad_edge=not compact,
    )
    for column in kept:
        fixed = column.kind is ColumnKind.KEY
        table.add_column(
            column.header,
            footer=footer[column.name] if footer is not None else "",
            justify=column.justify,
            no_wrap=column.kind is not ColumnKind.TEXT,
            overflow="fold",
            width=natural_width(column, measured) if fixed else None,
        )
    for record in records:
        table.add_row(*(record[c.name] for c in kept))
    return FittedTable(table, render_width, tuple(dropped))


def rows_table(
    kinds: Mapping[str, ColumnKind],
    rows: Sequence[Sequence[str]],
    width: int | None,
    importance: Sequence[str],
    *,
    headers: Mapping[str, str] | None = None,
    right: frozenset[str] = frozenset(),
    least: int = TEXT_MIN_WIDTH,
) -> FittedTable:
    """:func:`fitted_table` of ``rows`` (plain strings, in ``kinds`` order): each column
    named and headed by its name (capitalised, or as ``headers`` says), of its kind in
    ``kinds``, right-aligned when in ``right``, a text column wrapping into ``least`` cells."""
    names = headers or {}
    columns = [
        Column(
            name,
            names.get(name, name.capitalize()),
            kind,
            "right" if name in right else "left",
            least=least,
        )
        for name, kind in kinds.items()
    ]
    records = [{n: Text(cell) for n, cell in zip(kinds, row, strict=True)} for row in rows]
    return fitted_table(columns, records, width, importance=importance)
