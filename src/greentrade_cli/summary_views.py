"""Rich renderables of ``gt summary``. Knows Rich, not Typer.

Agency names and ids are wrapped in :class:`rich.text.Text`, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from greentrade_cli.report import StatusRow, describe_target, format_percent, format_value
from greentrade_cli.status import Status
from greentrade_cli.summary import SHOWN_TARGETS, AgencySummary, Summary
from greentrade_cli.views import bar, progress_cell

_STATUS_HEADERS = {
    Status.PLEDGED: "pledged",
    Status.IN_PROGRESS: "in\nprogress",
    Status.STALLED: "stalled",
    Status.PARTIALLY_MET: "partially\nmet",
    Status.MET: "met",
    Status.MISSED: "missed",
    Status.WITHDRAWN: "with-\ndrawn",
}


def met_cell(summary: AgencySummary) -> str:
    """The share met as a bar and a percentage (``█░░░░░░░░░ 6%``); ``—`` without pledges."""
    share = summary.share_met
    return "—" if share is None else f"{bar(share)} {format_percent(share)}"


def agency_table(summary: Summary) -> Table:
    """One row per agency (and a total row): total, count per status, overdue, share met."""
    table = Table(
        title=f"Pledges by agency as of {summary.as_of.isoformat()}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_footer=True,
        collapse_padding=True,
        pad_edge=False,
    )
    total = summary.total
    table.add_column("Agency", footer=Text(total.code), no_wrap=True)
    table.add_column("Total", footer=Text(str(total.total)), justify="right")
    for status, header in _STATUS_HEADERS.items():
        table.add_column(header, footer=Text(str(total.counts[status])), justify="right")
    table.add_column("Overdue", footer=Text(str(total.overdue)), justify="right")
    table.add_column("Met", footer=Text(met_cell(total)), no_wrap=True)
    for a in summary.agencies:
        table.add_row(
            Text(a.code),
            Text(str(a.total)),
            *(Text(str(a.counts[s])) for s in _STATUS_HEADERS),
            Text(str(a.overdue)),
            Text(met_cell(a)),
        )
    return table


_TARGET_COLUMNS = ("Id", "Baseline", "Latest", "Target", "Deadline", "Progress", "Pace")
_TARGET_IMPORTANCE = ("Progress", "Pace", "Target", "Deadline", "Latest", "Baseline")
"""The order in which the target columns are kept when not all fit (Id always is)."""


def _target_cells(rows: Sequence[StatusRow]) -> list[dict[str, Text]]:
    records = []
    for row in rows:
        c, p = row.commitment, row.progress
        assert c.target is not None and p is not None
        unit = c.target.unit
        cells = (
            c.id,
            "—" if p.baseline is None else format_value(p.baseline, unit),
            "—" if p.latest is None else format_value(p.latest, unit),
            describe_target(c.target),
            c.deadline.text if c.deadline else "none",
            progress_cell(row),
            p.pace.value,
        )
        records.append(
            {name: Text(cell) for name, cell in zip(_TARGET_COLUMNS, cells, strict=True)}
        )
    return records


def targets_table(
    summary: Summary, limit: int = SHOWN_TARGETS, width: int | None = None
) -> tuple[Table, tuple[str, ...]]:
    """One row per quantitative target: baseline, latest, target, deadline, progress, pace;
    and the columns left out to fit ``width`` cells (None: no limit).

    At most ``limit`` rows (0: all), the furthest behind (see
    :meth:`~greentrade_cli.summary.Summary.furthest_behind`); the title then says so.
    When the table is wider than ``width``, ids stay whole and the least important
    columns are left out (:mod:`greentrade_cli.table_layout`), rather than squeezing every
    column until ids and figures are cut.
    """
    from greentrade_cli.table_layout import Column, ColumnKind, fitted_table, natural_width

    rows = summary.furthest_behind(limit)
    title = "Quantitative targets"
    if len(rows) < len(summary.targets):
        title = (
            f"Quantitative targets: the {len(rows)} furthest behind of {len(summary.targets):,} "
            "(--targets 0 shows all)"
        )
    records = _target_cells(rows)
    kinds = {"Id": ColumnKind.KEY, "Target": ColumnKind.TEXT}
    columns = [Column(name, name, kinds.get(name, ColumnKind.SHORT)) for name in _TARGET_COLUMNS]
    natural = sum(natural_width(c, records) for c in columns) + 2 * len(columns)
    if width is not None and natural > width:
        fitted = fitted_table(columns, records, width, importance=_TARGET_IMPORTANCE, title=title)
        return fitted.table, fitted.dropped
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
    )
    targets = [record["Target"].plain for record in records]
    for name in _TARGET_COLUMNS:
        table.add_column(
            name,
            overflow="fold",
            no_wrap=name not in {"Id", "Target"},
            justify="right" if name in {"Baseline", "Latest"} else "left",
            min_width=max(map(len, targets), default=None) if name == "Target" else None,
        )
    for record in records:
        table.add_row(*(record[name] for name in _TARGET_COLUMNS))
    return table, ()


def summary_view(
    summary: Summary, limit: int = SHOWN_TARGETS, width: int | None = None
) -> tuple[RenderableType, tuple[str, ...]]:
    """Both tables of ``gt summary``, the second of at most ``limit`` targets (0: all) fitted
    to ``width`` cells, and the target columns left out to fit; a line instead of the
    second table when there is no target."""
    dropped: tuple[str, ...] = ()
    targets: RenderableType = Text("No quantitative targets in the ledger on this date.")
    if summary.targets:
        targets, dropped = targets_table(summary, limit, width)
    return Group(agency_table(summary), Text(""), targets), dropped
