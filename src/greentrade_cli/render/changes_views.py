"""The text of ``gt changes``: a section per kind of change, a line per change.

Knows neither Rich nor Typer; the same lines serve a terminal and a pipe.
"""

from __future__ import annotations

from greentrade_cli.render.views import tsv_escape
from greentrade_cli.tracking.changes import Change, Changes

NONE = "  none"


def changes_title(found: Changes) -> str:
    """``Changes from SINCE to UNTIL``."""
    return f"Changes from {found.since.isoformat()} to {found.until.isoformat()}"


def change_line(change: Change) -> str:
    """``  DATE  ID (AGENCY): WHAT · note · evidence``, the empty parts left out; text
    escaped so that a change is one line."""
    c = change.commitment
    parts = [f"{c.id} ({c.agency}): {change.what}", change.note, change.evidence]
    return f"  {change.date.isoformat()}  " + tsv_escape(" · ".join(p for p in parts if p))


def changes_lines(found: Changes) -> list[str]:
    """The title, then for each kind a blank line, its heading and its changes (``none``
    when there is none)."""
    lines = [changes_title(found)]
    for heading, items in found.sections():
        lines += ["", heading, *([change_line(c) for c in items] or [NONE])]
    return lines
