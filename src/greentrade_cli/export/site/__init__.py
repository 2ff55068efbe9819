"""A static website of the ledger for a newsroom to post: ``gt site DIR``.

Pages (paths relative to the site's folder, each page self-contained: styles inline,
no script, no file fetched from elsewhere):

- ``index.html``: the scorecard headline, a chart of verdicts per agency, every pledge;
- ``agency/CODE.html``: one agency's score and pledges;
- ``pledge/ID.html``: one pledge: quote, source, target, measurements chart and table,
  timeline of status changes with their evidence;
- ``methods.html``: how verdicts, progress and pace are worked out, and the legend.

Every page ends with the as-of date and the SHA-256 of the ledger file it was built
from. Pages are rendered by Jinja2 with autoescaping, so ledger text is always shown as
text. The output depends only on the ledger and the as-of date: two builds give the
same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from greentrade_cli.errors import DataError
from greentrade_cli.export.charts import measurement_chart, verdict_chart, verdict_swatch
from greentrade_cli.export.legend import (
    PACE_MEANINGS,
    STATUS_CSS,
    STATUS_MEANINGS,
    VERDICT_COLOURS,
    VERDICT_MEANINGS,
    label,
    linked,
    source_url,
)
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.revision import Revised, Version
from greentrade_cli.tracking.progress import BEHIND_MARGIN
from greentrade_cli.tracking.query import Selection, select
from greentrade_cli.tracking.report import (
    StatusRow,
    describe_target,
    format_percent,
    format_value,
    status_rows,
)
from greentrade_cli.tracking.scorecard import Verdict, scorecard, verdict

SITE_TITLE = "Green trade pledges"
"""The name of the site, in every page's title."""


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("greentrade_cli.export.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        label=label,
        linked=linked,
        percent=format_percent,
        swatch=verdict_swatch,
        target=describe_target,
    )
    return env


def revision_text(revised: Revised) -> str:
    """One revision in words: ``2026-03-01: at least 35% (was at least 40%), deadline 2032
    (was 2030); weakened: target lowered, deadline later. Why it changed.``"""

    def target(version: Version) -> str:
        return describe_target(version.target) if version.target else ""

    def deadline(version: Version) -> str:
        return version.deadline.text if version.deadline else ""

    parts = []
    for name, text in (("target", target), ("deadline", deadline)):
        before, after = text(revised.before), text(revised.after)
        if after != before:
            parts.append(f"{name} {after or 'dropped'} (was {before or 'none'})")
    note = revised.revision.note
    said = f"{revised.revision.date.isoformat()}: {', '.join(parts) or 'baseline changed'}"
    if revised.weakened:
        said += f"; weakened: {', '.join(revised.weakened)}"
    elif revised.strengthened:
        said += f"; strengthened: {', '.join(revised.strengthened)}"
    return f"{said}. {note}" if note else said + "."


def _pledge(ledger: Ledger, row: StatusRow) -> dict[str, Any]:
    """What a pledge's page and the lists show of ``row``."""
    c = row.commitment
    source = ledger.sources.get(c.source)
    chart = None
    if c.target is not None and row.progress is not None:
        start = c.target.baseline.date if c.target.baseline and c.target.baseline.date else None
        start = start or (source.date if source else None)
        chart = measurement_chart(c.target, row.progress, start, f"chart-{c.id}")
    unit = c.target.unit if c.target else ""
    return {
        "c": c,
        "row": row,
        "source": source,
        "source_url": source_url(source) if source else "",
        "verdict": verdict(c, row.as_of),
        "overdue": c.is_overdue(row.as_of),
        "history": row.history(),
        "measurements": [m for m in c.measurements if m.date <= row.as_of],
        "value": lambda v: format_value(v, unit),
        "measured": lambda m: format_value(m.value, c.unit_on(m.date)),
        "revisions": [revision_text(r) for r in c.revised(row.as_of)],
        "chart": chart,
    }


def build_site(
    ledger: Ledger, as_of: dt.date, digest: str, title: str | None = None
) -> dict[str, str]:
    """Every page of the site of ``ledger`` as of ``as_of``: path in the site -> HTML text.

    ``title`` (default :data:`SITE_TITLE`) names the site in every page's heading and tab.

    ``digest`` is the SHA-256 (hex) of the ledger (see
    :func:`greentrade_cli.ledgerfile.storage.ledger_digest`), printed in every page's footer.
    Pledges made after ``as_of`` are left out, as in ``gt list``.
    """
    env = _environment()
    card = scorecard(ledger, as_of)
    rows = status_rows(ledger, select(ledger, Selection(as_of=as_of)), as_of, stale_after=None)
    pledges = [_pledge(ledger, row) for row in rows]
    scores = {s.code: s for s in card.agencies}
    common: dict[str, Any] = {
        "site_title": title or SITE_TITLE,
        "as_of": as_of.isoformat(),
        "digest": digest,
        "sources": [(s, source_url(s)) for s in ledger.sources.values()],
        "agencies": ledger.agencies,
        "verdicts": list(Verdict),
        "verdict_colours": VERDICT_COLOURS,
        "status_css": Markup(STATUS_CSS),
    }

    def page(template: str, root: str, **values: Any) -> str:
        return env.get_template(template).render(common, root=root, **values)

    pages = {
        "index.html": page(
            "index.html",
            "",
            card=card,
            pledges=pledges,
            chart=verdict_chart([*card.agencies, card.overall]),
        ),
        "methods.html": page(
            "methods.html",
            "",
            statuses=STATUS_MEANINGS,
            verdict_meanings=VERDICT_MEANINGS,
            paces=PACE_MEANINGS,
            behind=format_percent(BEHIND_MARGIN),
        ),
    }
    for code in scores:
        mine = [p for p in pledges if code in p["c"].agencies]  # joint pledges too
        pages[f"agency/{code}.html"] = page(
            "agency.html",
            "../",
            code=code,
            agency=ledger.agencies.get(code),
            score=scores[code],
            pledges=mine,
            chart=verdict_chart([scores[code]], f"verdicts-{code}"),
        )
    for p in pledges:
        pages[f"pledge/{p['c'].id}.html"] = page("pledge.html", "../", p=p)
    return pages


MARKER = ".gt-site"
"""An empty file in every folder ``gt site`` writes: it may be replaced by the next build."""


def write_site(folder: Path, pages: Mapping[str, str], ledger_path: Path) -> None:
    """Write ``pages`` (from :func:`build_site`) into ``folder``, replacing the pages of
    its last build.

    The site is written into a new folder beside ``folder`` and then put in its place,
    so a reader never sees half of one build and half of another; what the publisher
    added at the top of a folder gt site wrote (``CNAME``, ``.nojekyll``, ``.git``) is
    then moved into it. Raises :class:`DataError`, changing nothing, when ``folder`` is a
    file, holds the ledger, or already holds files that ``gt site`` did not write.
    """
    import os
    import shutil
    import tempfile

    real = Path(os.path.realpath(folder))
    if real.exists() and not real.is_dir():
        raise DataError(f"{folder} is a file; give gt site a folder for the pages")
    if Path(os.path.realpath(ledger_path)).is_relative_to(real):
        raise DataError(f"{folder} holds the ledger {ledger_path}; choose another folder")
    if real.is_dir() and any(real.iterdir()) and not (real / MARKER).is_file():
        raise DataError(
            f"{folder} already holds files that gt site did not write; choose a new or empty folder"
        )
    if not real.parent.is_dir():
        raise DataError(f"{folder}: the folder {real.parent} does not exist; create it first")
    ours = {name.split("/", 1)[0] for name in pages} | {MARKER}
    new: Path | None = None
    try:
        new = Path(tempfile.mkdtemp(prefix=f".{real.name}.", dir=real.parent))
        for name, text in pages.items():
            path = new / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        (new / MARKER).touch()
        new.chmod(0o755)
        if real.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{real.name}.old.", dir=real.parent))
            real.rename(old / real.name)
            new.rename(real)
            new = None
            _keep_added(old / real.name, real, ours)
            shutil.rmtree(old)
        else:
            new.rename(real)
    except OSError as exc:
        if new is not None and new.exists():
            shutil.rmtree(new, ignore_errors=True)
        raise DataError(f"{folder}: cannot write the site ({exc.strerror or exc})") from None


def _keep_added(previous: Path, site: Path, ours: set[str]) -> None:
    """Move into ``site`` each entry at the top of ``previous`` (the last build) that is
    not one of ``ours``, the names a build writes there. Raises :class:`DataError`,
    leaving ``previous`` in place, when one cannot be moved."""
    for entry in sorted(previous.iterdir()):
        if entry.name not in ours:
            try:
                entry.rename(site / entry.name)
            except OSError as exc:
                raise DataError(
                    f"{site}: the new pages are written, but {entry.name} could not be moved "
                    f"back from the last build ({exc.strerror or exc}); it is in {previous}"
                ) from None
