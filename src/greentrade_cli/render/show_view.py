"""``gt show`` on a terminal: one commitment laid out with Rich. Knows Rich, not Typer.

It lays out the text :func:`greentrade_cli.render.show_parts.show_parts` works out (the plain
view of a pipe lays out the same); ledger text (notes, sources) is wrapped in
:class:`rich.text.Text`, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from greentrade_cli.render.show_parts import NO_HISTORY, NO_MEASUREMENTS, Cells, ShowParts


def _table(title: str, headings: Sequence[str], rows: Sequence[Cells], short: set[str]) -> Table:
    """A titled table of ``rows`` under ``headings``; the ``short`` columns never wrap."""
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for name in headings:
        table.add_column(
            name,
            overflow="fold",
            no_wrap=name in short,
            justify="right" if name == "Value" else "left",
        )
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def history_part(parts: ShowParts) -> list[RenderableType]:
    """The status changes as a table (date, status, note, evidence), or a line saying there
    is none, after a blank line."""
    if not parts.history:
        return [Text(""), Text(NO_HISTORY)]
    headings = ("Date", "Status", "Note", "Evidence")
    return [Text(""), _table("History", headings, parts.history, {"Date", "Status"})]


def measurements_part(parts: ShowParts) -> list[RenderableType]:
    """The measurements as a table (date, value, source, note) followed by the trend line
    (two measurements or more), or a line saying there is none, after a blank line.

    Empty for a pledge without a numeric target.
    """
    if parts.measurements is None:
        return []
    if not parts.measurements:
        return [Text(""), Text(NO_MEASUREMENTS)]
    headings = ("Date", "Value", "Source", "Note")
    table = _table("Measurements", headings, parts.measurements, {"Date", "Value"})
    return [Text(""), table, *([] if parts.trend is None else [Text(parts.trend)])]


def disagreement_part(parts: ShowParts) -> list[RenderableType]:
    """A notice, after a blank line, when the status set by hand and the latest measurement
    disagree; else nothing."""
    return [] if parts.notice is None else [Text(""), Text(parts.notice)]


def commitment_view(parts: ShowParts) -> RenderableType:
    """Everything about one commitment for the terminal, laid out from ``parts``: the facts
    as an aligned grid, the quote, and the history and measurements as tables."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    for name, value in parts.facts:
        facts.add_row(Text(name), Text(value))
    return Group(
        facts,
        *disagreement_part(parts),
        Text(""),
        Text("Quote", style="bold"),
        Text(f"“{parts.quote}”"),
        *history_part(parts),
        *measurements_part(parts),
    )
