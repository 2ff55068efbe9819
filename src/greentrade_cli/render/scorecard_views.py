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
    from rich.table import Table

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


def scorecard_table(card: Scorecard) -> Table:
    """One row per agency and a total: the count of each verdict, the share kept with its
    bar, kept on time and late, and overdue."""
    from rich.text import Text

    table = figures_table(scorecard_title(card))
    headers = [
        "Agency", "Total", "Kept", "Kept\nin part", "Broken", "In the\nworks",
        "Not yet\nrated", "Share\nkept", "On\ntime", "Late", "Overdue",
    ]  # fmt: skip

    def cells(score: Score) -> list[str]:
        code, total, *counts, share, on_time, late, overdue = score_cells(score)
        shown = share if score.share_kept is None else f"{bar(score.share_kept)} {share}"
        return [code, total, *counts, shown, on_time, late, overdue]

    for i, (header, footer) in enumerate(zip(headers, cells(card.overall), strict=True)):
        table.add_column(
            header, footer=Text(footer), justify="left" if i in (0, 7) else "right", no_wrap=True
        )
    for score in card.agencies:
        table.add_row(*(Text(cell) for cell in cells(score)))
    return table


def reasons_table(card: Scorecard) -> Group:
    """:data:`REASONS_TITLE`, then a table with a row per reason key and its count for
    each agency and, last, for all."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, collapse_padding=True, pad_edge=False)
    table.add_column("Reason", no_wrap=True)
    for score in (*card.agencies, card.overall):
        table.add_column(Text(score.code), justify="right", no_wrap=True)
    for cells in reason_rows(card):
        table.add_row(*(Text(cell) for cell in cells))
    return Group(Text(REASONS_TITLE), table)
