"""The text of ``gt summary``: Rich tables for the terminal, tab-separated rows for pipes.

Knows Rich, not Typer; Rich is imported by the functions that render with it, so plain
rows for a pipe do without it. Both views take their cells from the same functions
(:func:`agency_cells`, :func:`target_cells`). Agency names and ids are wrapped in
:class:`rich.text.Text`, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from greentrade_cli.model.status import Status
from greentrade_cli.render.views import figures_table, tsv_table
from greentrade_cli.tracking.fields import bar, progress_cell
from greentrade_cli.tracking.report import StatusRow, describe_target, format_percent, format_value
from greentrade_cli.tracking.summary import SHOWN_TARGETS, AgencySummary, Summary

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from greentrade_cli.render.table_layout import FittedTable

_STATUS_HEADERS = {
    Status.PLEDGED: "pledged",
    Status.IN_PROGRESS: "in\nprogress",
    Status.STALLED: "stalled",
    Status.PARTIALLY_MET: "partially\nmet",
    Status.MET: "met",
    Status.MISSED: "missed",
    Status.WITHDRAWN: "with-\ndrawn",
}
AGENCY_COLUMNS = ("agency", "total", *(s.value for s in Status), "overdue", "share_met")
"""The piped agency table's header: the statuses as ``gt list`` prints them, then
``share_met``, the terminal's ``Met`` (a percentage; ``met`` counts the met pledges)."""
TARGET_COLUMNS = ("id", "baseline", "latest", "target", "deadline", "progress", "pace")
"""The cells of a quantitative target's row, in order (the piped header)."""
NO_TARGETS = "No quantitative targets in the ledger on this date."


def agency_cells(summary: AgencySummary) -> list[str]:
    """An agency's row up to its share met: code, total, count per status (in vocabulary
    order), overdue."""
    counts = (str(summary.counts[s]) for s in Status)
    return [summary.code, str(summary.total), *counts, str(summary.overdue)]


def met_cell(summary: AgencySummary) -> str:
    """The share met as a bar and a percentage (``█░░░░░░░░░ 6%``); ``—`` without pledges."""
    share = summary.share_met
    return "—" if share is None else f"{bar(share)} {format_percent(share)}"


_AGENCY_IMPORTANCE = (
    "Total", "Met", "pledged", "in progress", "met", "missed", "Overdue", "stalled",
    "partially met", "withdrawn",
)  # fmt: skip
"""The order in which the agency table's columns are kept when not all fit (Agency always
is); ``Met`` is the share met, ``met`` the count."""


def agency_table(summary: Summary, width: int | None = None) -> FittedTable:
    """One row per agency (and a total row): total, count per status, overdue, share met;
    fitted to ``width`` cells (None: no limit), the least important columns left out (and
    named) when they cannot all fit."""
    from rich.text import Text

    from greentrade_cli.render.table_layout import Column, ColumnKind

    headers = ["Agency", "Total", *_STATUS_HEADERS.values(), "Overdue", "Met"]
    names = [h.replace("-\n", "").replace("\n", " ") for h in headers]
    columns = [
        Column(
            name,
            header,
            ColumnKind.KEY if i == 0 else ColumnKind.SHORT,
            "right" if 0 < i < len(headers) - 1 else "left",
        )
        for i, (name, header) in enumerate(zip(names, headers, strict=True))
    ]

    def cells(a: AgencySummary) -> dict[str, Text]:
        row = [*agency_cells(a), met_cell(a)]
        return {name: Text(cell) for name, cell in zip(names, row, strict=True)}

    records = [cells(a) for a in summary.agencies]
    return figures_table(
        agencies_title(summary), columns, records, cells(summary.total), width, _AGENCY_IMPORTANCE
    )


def agencies_title(summary: Summary) -> str:
    """``Pledges by agency as of YYYY-MM-DD``: the agency table's title, with the report date."""
    return f"Pledges by agency as of {summary.as_of.isoformat()}"


def agency_tsv(summary: Summary) -> list[str]:
    """The agency table for pipes: :data:`AGENCY_COLUMNS`, one line per agency, then the
    ``all`` line; the share met as a percentage (``6%``), ``—`` without pledges."""
    rows = [*summary.agencies, summary.total]
    return tsv_table(
        AGENCY_COLUMNS, [[*agency_cells(a), format_percent(a.share_met)] for a in rows]
    )


_TARGET_HEADINGS = ("Id", "Baseline", "Latest", "Target", "Deadline", "Progress", "Pace")
_TARGET_IMPORTANCE = ("Progress", "Pace", "Target", "Deadline", "Latest", "Baseline")
"""The order in which the target columns are kept when not all fit (Id always is)."""


def target_cells(row: StatusRow) -> list[str]:
    """A quantitative target's row, in :data:`TARGET_COLUMNS` order: values with their unit
    (``—`` when unknown), the deadline as written (``none``), progress with its bar, pace."""
    c, p = row.commitment, row.progress
    target, deadline = row.version.target, row.version.deadline
    assert target is not None and p is not None
    unit = target.unit
    return [
        c.id,
        "—" if p.baseline is None else format_value(p.baseline, unit),
        "—" if p.latest is None else format_value(p.latest, unit),
        describe_target(target),
        deadline.text if deadline else "none",
        progress_cell(row),
        p.pace.value,
    ]


def _target_records(rows: Sequence[StatusRow]) -> list[dict[str, Text]]:
    from rich.text import Text

    return [
        {name: Text(cell) for name, cell in zip(_TARGET_HEADINGS, target_cells(row), strict=True)}
        for row in rows
    ]


def targets_title(summary: Summary, shown: int) -> str:
    """``Quantitative targets``, saying which when only ``shown`` of them are."""
    if shown == len(summary.targets):
        return "Quantitative targets"
    return (
        f"Quantitative targets: the {shown} furthest behind of {len(summary.targets):,} "
        "(--targets 0 shows all)"
    )


def targets_table(
    summary: Summary, limit: int = SHOWN_TARGETS, width: int | None = None
) -> FittedTable:
    """One row per quantitative target: baseline, latest, target, deadline, progress, pace;
    fitted to ``width`` cells (None: no limit).

    At most ``limit`` rows (0: all), the furthest behind (see
    :meth:`~greentrade_cli.tracking.summary.Summary.furthest_behind`); the title then says so.
    When the table is wider than ``width``, ids stay whole and the least important
    columns are left out (:mod:`greentrade_cli.render.table_layout`), rather than squeezing every
    column until ids and figures are cut.
    """
    from rich import box
    from rich.table import Table

    from greentrade_cli.render.table_layout import (
        Column,
        ColumnKind,
        FittedTable,
        fitted_table,
        natural_width,
    )

    rows = summary.furthest_behind(limit)
    title = targets_title(summary, len(rows))
    records = _target_records(rows)
    kinds = {"Id": ColumnKind.KEY, "Target": ColumnKind.TEXT}
    columns = [Column(name, name, kinds.get(name, ColumnKind.SHORT)) for name in _TARGET_HEADINGS]
    natural = sum(natural_width(c, records) for c in columns) + 2 * len(columns)
    if width is not None and natural > width:
        return fitted_table(columns, records, width, importance=_TARGET_IMPORTANCE, title=title)
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
    )
    targets = [record["Target"].plain for record in records]
    for name in _TARGET_HEADINGS:
        table.add_column(
            name,
            overflow="fold",
            no_wrap=name not in {"Id", "Target"},
            justify="right" if name in {"Baseline", "Latest"} else "left",
            min_width=max(map(len, targets), default=None) if name == "Target" else None,
        )
    for record in records:
        table.add_row(*(record[name] for name in _TARGET_HEADINGS))
    return FittedTable(table, natural, ())


def targets_tsv(summary: Summary, limit: int = SHOWN_TARGETS) -> list[str]:
    """The targets for pipes: the title line, :data:`TARGET_COLUMNS` and one line per target,
    the same rows as :func:`targets_table` (at most ``limit``, 0: all) with every column."""
    rows = summary.furthest_behind(limit)
    title = targets_title(summary, len(rows))
    return [title, *tsv_table(TARGET_COLUMNS, [target_cells(row) for row in rows])]


def summary_view(
    summary: Summary, limit: int = SHOWN_TARGETS, width: int | None = None
) -> tuple[RenderableType, int, tuple[str, ...]]:
    """Both tables of ``gt summary``, the second of at most ``limit`` targets (0: all), each
    fitted to ``width`` cells (None: no limit); the width to print them at and the columns
    left out to fit (the agency table's first); a line instead of the second table when
    there is no target."""
    from rich.console import Group
    from rich.text import Text

    agencies = agency_table(summary, width)
    dropped = agencies.dropped
    render_width = agencies.width
    targets: RenderableType = Text(NO_TARGETS)
    if summary.targets:
        fitted = targets_table(summary, limit, width)
        targets, dropped = fitted.table, dropped + fitted.dropped
        render_width = max(render_width, fitted.width)
    return Group(agencies.table, Text(""), targets), render_width, dropped


def summary_lines(summary: Summary, limit: int = SHOWN_TARGETS) -> list[str]:
    """``gt summary`` for pipes: the agency table's title (with the report date) and its
    tab-separated lines, a blank line, then the targets (at most ``limit``, 0: all) the
    same way, or a line saying there is none. Nothing is wrapped or left out to fit a
    width."""
    targets = targets_tsv(summary, limit) if summary.targets else [NO_TARGETS]
    return [agencies_title(summary), *agency_tsv(summary), "", *targets]
