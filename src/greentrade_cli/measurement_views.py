"""Rich renderables for measured progress in ``gt show``. Knows Rich, not Typer.

Ledger text (sources, notes) is wrapped in :class:`rich.text.Text`, never read as markup.
"""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from greentrade_cli.disagreement import disagreement
from greentrade_cli.progress import measurements_as_of
from greentrade_cli.report import StatusRow, format_value
from greentrade_cli.trend import sparkline


def measurements_part(row: StatusRow) -> list[RenderableType]:
    """The measurements dated on or before the report date, as a table under a trend line.

    Empty for a pledge without a numeric target. The trend (a sparkline with the first and
    latest values) is shown where there are two measurements or more.
    """
    c = row.commitment
    if c.target is None:
        return []
    unit = c.target.unit
    points = measurements_as_of(c, row.as_of)
    if not points:
        return [Text(""), Text("Measurements: none recorded yet (`gt record`).")]
    table = Table(title="Measurements", title_justify="left", box=box.SIMPLE_HEAD)
    for name in ("Date", "Value", "Source", "Note"):
        table.add_column(
            name,
            overflow="fold",
            no_wrap=name in {"Date", "Value"},
            justify="right" if name == "Value" else "left",
        )
    for m in points:
        table.add_row(
            Text(m.date.isoformat()),
            Text(format_value(m.value, unit)),
            Text(m.source),
            Text(m.note),
        )
    parts: list[RenderableType] = [Text(""), table]
    if len(points) >= 2:
        first, last = points[0], points[-1]
        parts.append(
            Text(
                f"Trend  {sparkline([m.value for m in points])}  "
                f"{format_value(first.value, unit)} on {first.date.isoformat()} → "
                f"{format_value(last.value, unit)} on {last.date.isoformat()}"
            )
        )
    return parts


def disagreement_part(row: StatusRow) -> list[RenderableType]:
    """A notice when the status set by hand and the latest measurement disagree, else nothing."""
    c = row.commitment
    found = disagreement(c.status_as_of(row.as_of), c.target, row.progress)
    if found is None:
        return []
    return [Text(""), Text(f"Status and figures disagree: {found}.")]
