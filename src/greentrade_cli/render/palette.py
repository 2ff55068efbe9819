"""Colours for statuses and paces on a terminal (Rich style names).

Colour only repeats what the words say: every status and pace is also written out, so
output without colour (pipes, ``NO_COLOR``, ``--color never``) loses nothing.
"""

from __future__ import annotations

from greentrade_cli.model.status import Status
from greentrade_cli.tracking.progress import Pace

STATUS_STYLES: dict[str, str] = {
    Status.PLEDGED: "cyan",
    Status.IN_PROGRESS: "blue",
    Status.STALLED: "yellow",
    Status.PARTIALLY_MET: "yellow",
    Status.MET: "green",
    Status.MISSED: "red",
    Status.WITHDRAWN: "dim",
}
"""Style of each status word."""

PACE_STYLES: dict[str, str] = {
    Pace.REACHED: "green",
    Pace.ON_TRACK: "green",
    Pace.BEHIND: "yellow",
    Pace.OVERDUE: "bold red",
    Pace.NO_DATA: "dim",
}
"""Style of each pace label (``overdue`` also marks non-numeric pledges past their deadline)."""


def style_for(field: str, value: str) -> str:
    """The style of ``value`` shown in column ``field`` (``status`` or ``pace``); ``""`` for none."""
    if field == "status":
        return STATUS_STYLES.get(value, "")
    if field == "pace":
        return PACE_STYLES.get(value, "")
    return ""
