"""The Rich status table as an SVG picture, for slides.

Statuses and paces are written as readers say them ("In progress"); under the table
come the source line and a legend of the statuses shown, so the picture stands alone.

Rich draws the table in a terminal window (:meth:`rich.console.Console.export_svg`) at
:data:`SVG_WIDTH` columns; a fixed ``unique_id`` makes the file the same on every run.
Rich escapes the text it writes into the SVG, so ledger text cannot add elements. Rich's
``@font-face`` rules, which would fetch Fira Code from a CDN when the picture is opened,
are removed: the picture uses the viewer's monospace font and loads nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

from rich.console import Console
from rich.measure import Measurement
from rich.text import Text

from greentrade_cli.export.legend import STATUS_MEANINGS, label, sources_text
from greentrade_cli.model.source import Source
from greentrade_cli.render.table_layout import fitted_table
from greentrade_cli.render.views import LIST_IMPORTANCE, status_columns, status_records
from greentrade_cli.tracking.fields import LIST_COLUMNS
from greentrade_cli.tracking.report import StatusRow

SVG_COLUMNS = tuple(name for name in LIST_COLUMNS if name != "flags")
"""The columns of the picture: the list's, without the working ``flags`` (stale)."""

SVG_WIDTH = 150
"""Width of the picture in terminal columns (the default list columns fit beside a title)."""
UNIQUE_ID = "gt-status"
"""Prefix of the SVG's CSS classes and ids; fixed so the output is deterministic."""
_FONT_FACE = re.compile(r"[ \t]*@font-face\s*\{[^}]*\}\n?")


def caption(rows: Sequence[StatusRow], sources: Sequence[Source], as_of: dt.date) -> str:
    """The lines under the table: the source, the as-of date, and what each status shown means."""
    shown = {row.status for row in rows}
    legend = [f"  {label(s.value)}: {m}" for s, m in STATUS_MEANINGS.items() if s in shown]
    lines = [sources_text(sources), f"Status as of {as_of.isoformat()}.", *legend]
    return "\n".join(line for line in lines if line)


def to_svg(
    rows: Sequence[StatusRow],
    as_of: dt.date,
    title: str | None = None,
    width: int = SVG_WIDTH,
    sources: Sequence[Source] = (),
) -> str:
    """The status table of ``rows`` as SVG text, ``width`` columns wide, with the
    :func:`caption` (``sources``: the sources the rows quote) under it.

    The window title is ``title`` (default ``gt status as of DATE``); columns that do not
    fit are left out as in ``gt list``, ids are never cut; a narrower table gives a
    narrower picture.
    """
    heading = title or f"gt status as of {as_of.isoformat()}"
    console = Console(
        record=True,
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        markup=False,
        highlight=False,
    )
    if rows:
        records = status_records(rows, SVG_COLUMNS)
        for record in records:
            for name in ("status", "pace"):
                record[name] = Text(label(record[name].plain), style=record[name].style)
        importance = tuple(n for n in LIST_IMPORTANCE if n in SVG_COLUMNS)
        fitted = fitted_table(status_columns(SVG_COLUMNS), records, width, importance=importance)
        console.width = fitted.width
        needed = Measurement.get(console, console.options, fitted.table).maximum
        console.width = min(fitted.width, max(needed, len(heading) + 10))
        console.print(fitted.table)
    else:
        console.print(Text("No commitments match these filters."))
    console.print(Text(caption(rows, sources, as_of), style="dim"))
    return _FONT_FACE.sub("", console.export_svg(title=heading, unique_id=UNIQUE_ID))
