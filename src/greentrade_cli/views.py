"""Rich renderables and plain-text rows for the terminal. Knows Rich, not Typer.

Every piece of ledger text is wrapped in :class:`rich.text.Text`, so brackets in titles
or notes are shown as written, never read as Rich markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from greentrade_cli.fields import FieldSet
from greentrade_cli.ledger import Ledger
from greentrade_cli.palette import style_for
from greentrade_cli.report import (
    COLUMNS,
    StatusRow,
    describe_target,
    format_percent,
    format_value,
)
from greentrade_cli.table_layout import Column, ColumnKind, FittedTable, fitted_table

BAR_WIDTH = 10
LIST_COLUMNS = ("id", "agency", "title", "status", "deadline", "progress", "pace")
TABLE_FIELDS = LIST_COLUMNS + tuple(name for name in COLUMNS if name not in LIST_COLUMNS)
"""Fields ``gt list --fields`` can show: the list's columns, then the rest of the export's."""
LIST_IMPORTANCE = ("id", "title", "status", "deadline", "progress", "pace", "agency")
"""The list's columns from most to least important: a narrow terminal drops the last first."""
_TEXT_FIELDS = frozenset({"title", "target", "evidence", "quote"})
TABLE_FIELD_SET = FieldSet(TABLE_FIELDS, LIST_COLUMNS, "table")
"""What ``--fields`` may name for tables and tab-separated rows."""


def bar(fraction: float | None, width: int = BAR_WIDTH) -> str:
    """A text progress bar, clamped to 0..1 (the figure beside it is not clamped)."""
    if fraction is None:
        return ""
    filled = round(min(max(fraction, 0.0), 1.0) * width)
    return "█" * filled + "░" * (width - filled)


def pace_label(row: StatusRow) -> str:
    """The pace for a quantitative pledge; ``overdue`` (or nothing) for the others."""
    if row.pace is not None:
        return row.pace.value
    return "overdue" if row.commitment.is_overdue(row.as_of) else ""


def progress_cell(row: StatusRow) -> str:
    """``█████░░░░░ 50%`` for a quantitative pledge with data, ``—`` without, empty otherwise."""
    if row.progress is None:
        return ""
    if row.progress.fraction is None:
        return "—"
    return f"{bar(row.progress.fraction)} {format_percent(row.progress.fraction)}"


def list_cells(row: StatusRow) -> dict[str, str]:
    """The cells ``gt list`` shows, keyed by :data:`LIST_COLUMNS`."""
    c = row.commitment
    return {
        "id": c.id,
        "agency": c.agency,
        "title": c.title,
        "status": row.status,
        "deadline": c.deadline.text if c.deadline else "",
        "progress": progress_cell(row),
        "pace": pace_label(row),
    }


def table_cells(row: StatusRow) -> dict[str, str]:
    """Every cell a listing can show, keyed by :data:`TABLE_FIELDS` (progress with its bar)."""
    return {**row.cells(), **list_cells(row)}


def status_columns(fields: Sequence[str]) -> list[Column]:
    """Table columns for ``fields``: ``id`` is the key, titles, targets, evidence and quotes wrap."""

    def kind(name: str) -> ColumnKind:
        if name == "id":
            return ColumnKind.KEY
        return ColumnKind.TEXT if name in _TEXT_FIELDS else ColumnKind.SHORT

    return [Column(name, name.replace("_", " ").capitalize(), kind(name)) for name in fields]


def status_records(rows: Sequence[StatusRow], fields: Sequence[str]) -> list[dict[str, Text]]:
    """The cells of ``fields`` for each row as :class:`Text` (statuses and paces coloured)."""
    records = []
    for row in rows:
        cells = table_cells(row)
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
    importance = LIST_IMPORTANCE if tuple(fields) == LIST_COLUMNS else tuple(fields)
    return fitted_table(
        status_columns(fields),
        status_records(rows, fields),
        width,
        importance=importance,
        title=title,
    )


def status_table(rows: Sequence[StatusRow], title: str | None = None) -> Table:
    """The Rich status table of ``gt list`` with all its columns: ids never wrap, titles do."""
    return fit_status_table(rows, None, LIST_COLUMNS, title).table


def tsv_escape(text: str) -> str:
    """Make a value safe for one tab-separated cell: ``\\``, tab and line breaks as ``\\\\``, ``\\t``, ``\\n``, ``\\r``."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def tsv_lines(rows: Sequence[StatusRow], fields: Sequence[str] = LIST_COLUMNS) -> list[str]:
    """``gt list`` for pipes: a header line of ``fields``, then one tab-separated line per commitment."""
    lines = ["\t".join(fields)]
    for row in rows:
        cells = table_cells(row)
        lines.append("\t".join(tsv_escape(cells[name]) for name in fields))
    return lines


def _field(table: Table, name: str, value: str | Text) -> None:
    if value:
        table.add_row(Text(name), value if isinstance(value, Text) else Text(value))


def commitment_view(ledger: Ledger, row: StatusRow) -> RenderableType:
    """Everything about one commitment: quote, source, target, status, history, measurements."""
    c = row.commitment
    agency = ledger.agencies.get(c.agency)
    source = ledger.sources.get(c.source)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    _field(facts, "id", c.id)
    _field(facts, "title", c.title)
    agency_text = (
        c.agency
        if agency is None
        else f"{c.agency} · {agency.name}" + (f" · {agency.name_zh}" if agency.name_zh else "")
    )
    _field(facts, "agency", agency_text)
    _field(facts, "speaker", ", ".join(part for part in (c.speaker, c.speaker_role) if part))
    status = row.status + (" (overdue)" if c.is_overdue(row.as_of) else "")
    _field(facts, "status", status)
    _field(facts, "deadline", c.deadline.text if c.deadline else "none (continuing)")
    if source is not None:
        _field(
            facts,
            "source",
            f"{source.title}, {source.publisher}, {source.date.isoformat()} [{source.id}]",
        )
    else:
        _field(facts, "source", c.source)
    _field(facts, "tags", ", ".join(c.tags))
    if c.target is not None:
        t = c.target
        target = f"{describe_target(t)} ({t.metric})"
        if t.baseline is not None:
            when = f" on {t.baseline.date.isoformat()}" if t.baseline.date else ""
            target += f"; baseline {format_value(t.baseline.value, t.unit)}{when}"
        _field(facts, "target", target)
    p = row.progress
    if p is not None:
        figures = f"{format_percent(p.fraction)} · {p.pace.value}"
        if p.latest is not None and c.target is not None:
            figures += f" · latest {format_value(p.latest, c.target.unit)}"
        if p.projected is not None and c.target is not None and c.deadline is not None:
            figures += (
                f" · projected {format_value(p.projected, c.target.unit)} by {c.deadline.text}"
            )
        _field(facts, "progress", figures)
    parts: list[RenderableType] = [
        facts,
        Text(""),
        Text("Quote", style="bold"),
        Text(f"“{c.quote}”"),
    ]
    history = row.history()
    if history:
        table = Table(title="History", title_justify="left", box=box.SIMPLE_HEAD)
        for name in ("Date", "Status", "Note", "Evidence"):
            table.add_column(name, overflow="fold", no_wrap=name in {"Date", "Status"})
        for h in history:
            table.add_row(
                Text(h.date.isoformat()), Text(h.status.value), Text(h.note), Text(h.evidence)
            )
        parts += [Text(""), table]
    else:
        parts += [Text(""), Text("History: no status change recorded since the pledge.")]
    return Group(*parts)
