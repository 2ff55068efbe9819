"""Rich renderables of ``gt summary``. Knows Rich, not Typer.

Agency names and ids are wrapped in :class:`rich.text.Text`, never read as markup.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from greentrade_cli.report import describe_target, format_percent, format_value
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


def targets_table(summary: Summary, limit: int = SHOWN_TARGETS) -> Table:
    """One row per quantitative target: baseline, latest, target, deadline, progress, pace.

    At most ``limit`` rows (0: all), the furthest behind (see
    :meth:`~greentrade_cli.summary.Summary.furthest_behind`); the title then says so.
    """
    rows = summary.furthest_behind(limit)
    title = "Quantitative targets"
    if len(rows) < len(summary.targets):
        title = (
            f"Quantitative targets: the {len(rows)} furthest behind of {len(summary.targets):,} "
            "(--targets 0 shows all)"
        )
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
    )
    targets = [describe_target(row.commitment.target) for row in rows if row.commitment.target]
    for name in ("Id", "Baseline", "Latest", "Target", "Deadline", "Progress", "Pace"):
        table.add_column(
            name,
            overflow="fold",
            no_wrap=name not in {"Id", "Target"},
            justify="right" if name in {"Baseline", "Latest"} else "left",
            min_width=max(map(len, targets), default=None) if name == "Target" else None,
        )
    for row in rows:
        c, p = row.commitment, row.progress
        assert c.target is not None and p is not None
        unit = c.target.unit
        table.add_row(
            Text(c.id),
            Text("—" if p.baseline is None else format_value(p.baseline, unit)),
            Text("—" if p.latest is None else format_value(p.latest, unit)),
            Text(describe_target(c.target)),
            Text(c.deadline.text if c.deadline else "none"),
            Text(progress_cell(row)),
            Text(p.pace.value),
        )
    return table


def summary_view(summary: Summary, limit: int = SHOWN_TARGETS) -> RenderableType:
    """Both tables of ``gt summary``, the second of at most ``limit`` targets (0: all); a
    line instead of the second when there is no target."""
    targets: RenderableType = (
        targets_table(summary, limit)
        if summary.targets
        else Text("No quantitative targets in the ledger on this date.")
    )
    return Group(agency_table(summary), Text(""), targets)
