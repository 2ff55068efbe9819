"""The text of ``gt scorecard``: a Rich table with a bar per agency, or tab-separated rows.

Knows Rich, not Typer; Rich is imported by the function that renders with it, so plain
rows for a pipe do without it. Both views take their cells from :func:`score_cells`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from greentrade_cli.model.history import Reason
from greentrade_cli.render.views import figures_table, tsv_table
from greentrade_cli.tracking.fields import bar
from greentrade_cli.tracking.report import format_percent
from greentrade_cli.tracking.scorecard import Score, Scorecard, Verdict

if TYPE_CHECKING:
    from rich.console import Group
    from rich.text import Text

    from greentrade_cli.render.table_layout import FittedTable

SCORE_COLUMNS = (
    "agency", "total", *(v.value.replace(" ", "_") for v in Verdict), "share_kept",
    "kept_on_time", "kept_late", "overdue",
)  # fmt: skip
"""The piped table's header, one line per agency, then ``all``."""


def score_cells(score: Score) -> list[str]:
    """An agency's row in :data:`SCORE_COLUMNS` order, the share kept as a percentage."""
    return [
        score.code,
        str(score.total),
        *(str(score.counts[v]) for v in Verdict),
        format_percent(score.share_kept) if score.total else "—",
        str(score.kept_on_time),
        str(score.kept_late),
        str(score.overdue),
    ]


def scorecard_title(card: Scorecard) -> str:
    """``Scorecard as of YYYY-MM-DD``."""
    return f"Scorecard as of {card.as_of.isoformat()}"


REASONS_TITLE = "Reasons given for broken and in-the-works pledges"


def reason_rows(card: Scorecard) -> list[list[str]]:
    """One row per reason key: the key, then its count for each agency and for all."""
    scores = (*card.agencies, card.overall)
    return [[r.value, *(str(s.reasons[r]) for s in scores)] for r in Reason]


def scorecard_lines(card: Scorecard) -> list[str]:
    """The scorecard for pipes: the title line, then :data:`SCORE_COLUMNS` rows; a blank
    line, :data:`REASONS_TITLE`, and a row per reason with a column per agency and ``all``."""
    rows = [score_cells(s) for s in (*card.agencies, card.overall)]
    header = ("reason", *(s.code for s in card.agencies), card.overall.code)
    return [
        scorecard_title(card),
        *tsv_table(SCORE_COLUMNS, rows),
        "",
        REASONS_TITLE,
        *tsv_table(header, reason_rows(card)),
    ]


_SCORE_HEADERS = (
    "Agency", "Total", "Kept", "Kept\nin part", "Broken", "In the\nworks",
    "Not yet\nrated", "Share\nkept", "On\ntime", "Late", "Overdue",
)  # fmt: skip
_SCORE_IMPORTANCE = (
    "Total", "Kept", "Broken", "Share kept", "In the works", "Overdue", "Kept in part",
    "Not yet rated", "On time", "Late",
)  # fmt: skip
"""The order in which the columns are kept when not all fit (Agency always is)."""


def scorecard_table(card: Scorecard, width: int | None = None) -> FittedTable:
    """One row per agency and a total: the count of each verdict, the share kept with its
    bar, kept on time and late, and overdue; fitted to ``width`` cells (None: no limit),
    the least important columns left out (and named) when they cannot all fit."""
    from rich.text import Text

    from greentrade_cli.render.table_layout import Column, ColumnKind

    names = [header.replace("\n", " ") for header in _SCORE_HEADERS]
    columns = [
        Column(
            name,
            header,
            ColumnKind.KEY if i == 0 else ColumnKind.SHORT,
            "left" if i in (0, 7) else "right",
        )
        for i, (name, header) in enumerate(zip(names, _SCORE_HEADERS, strict=True))
    ]

    def cells(score: Score) -> dict[str, Text]:
        code, total, *counts, share, on_time, late, overdue = score_cells(score)
        shown = share if score.share_kept is None else f"{bar(score.share_kept)} {share}"
        row = [code, total, *counts, shown, on_time, late, overdue]
        return {name: Text(cell) for name, cell in zip(names, row, strict=True)}

    records = [cells(score) for score in card.agencies]
    return figures_table(
        scorecard_title(card), columns, records, cells(card.overall), width, _SCORE_IMPORTANCE
    )


def reasons_table(card: Scorecard, width: int | None = None) -> tuple[Group, int, tuple[str, ...]]:
    """:data:`REASONS_TITLE`, then a table with a row per reason key and its count for
    each agency and, last, for all; fitted to ``width`` cells (None: no limit), the
    agencies at the end left out (and named ``CODE reasons``) when they cannot all fit.
    Returns the view, the width to print it at and the columns left out."""
    from rich.console import Group
    from rich.text import Text

    from greentrade_cli.render.table_layout import Column, ColumnKind, fitted_table

    scores = (*card.agencies, card.overall)
    names = ["Reason", *(f"{score.code} reasons" for score in scores)]
    columns = [
        Column(names[0], "Reason", ColumnKind.KEY),
        *(
            Column(name, score.code, ColumnKind.SHORT, "right")
            for name, score in zip(names[1:], scores, strict=True)
        ),
    ]
    records = [
        {name: Text(cell) for name, cell in zip(names, cells, strict=True)}
        for cells in reason_rows(card)
    ]
    importance = [names[0], names[-1], *names[1:-1]]
    fitted = fitted_table(columns, records, width, importance=importance, compact=True)
    return Group(Text(REASONS_TITLE), fitted.table), fitted.width, fitted.dropped
