"""Option types for measured progress and staleness, shared by list, show and summary."""

from __future__ import annotations

from typing import Annotated

import typer

from greentrade_cli.tracking.progress import Pace
from greentrade_cli.tracking.staleness import DEFAULT_STALE_AFTER_DAYS

PaceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--pace",
        "-p",
        metavar="LABEL",
        help=(
            "Pace: "
            + ", ".join(p.value.replace(" ", "-") for p in Pace)
            + " (any case, '-', '_' or space); repeat for several."
        ),
    ),
]
StaleOpt = Annotated[
    bool,
    typer.Option("--stale", help="Only open pledges with no history or measurement lately."),
]
StaleAfter = Annotated[
    int,
    typer.Option(
        "--stale-after",
        metavar="DAYS",
        help=f"Days without a history entry or measurement before an open pledge is stale. Default: {DEFAULT_STALE_AFTER_DAYS}.",
        show_default=False,
    ),
]


def paces_from(texts: list[str] | None) -> list[Pace]:
    """Parse ``--pace`` values; raises :class:`~greentrade_cli.errors.UsageError` for unknown ones."""
    return [Pace.parse(t) for t in texts or ()]
