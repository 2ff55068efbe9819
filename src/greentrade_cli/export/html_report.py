"""The status table as one self-contained web page, safe to publish.

The page needs no other file and no script: styles are inline in a ``<style>``
element, progress bars are CSS, each pledge's quote sits in a ``<details>`` element
that opens on a click. Every string from the ledger goes through :func:`html.escape`
(quotes included), so a title such as ``<script>`` is shown as text, never run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape

from greentrade_cli.export.legend import (
    PACE_MEANINGS,
    STATUS_CSS,
    STATUS_MEANINGS,
    cited_sources,
    label,
    linked,
    source_url,
)
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.source import Source
from greentrade_cli.model.status import Status
from greentrade_cli.tracking.report import StatusRow, describe_target, format_percent
from greentrade_cli.tracking.tally import (
    AgencyTally,
    agency_tallies,
    joint_sentence,
    total_tally,
)

DEFAULT_TITLE = "Commitment status"

CSS = (
    """\
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
  "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328;
  line-height: 1.45; margin: 2rem auto; max-width: 90rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
p.meta { margin: .2rem 0; color: #57606a; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem;
  border-bottom: 1px solid #d0d7de; }
thead th { background: #f6f8fa; border-bottom: 2px solid #d0d7de; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot th, tfoot td { font-weight: 600; border-top: 2px solid #d0d7de; }
td.id, td.nowrap { white-space: nowrap; width: 1%; }
td.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas,
  monospace; font-size: .85em; }
.bar { display: inline-block; width: 6rem; height: .6rem; background: #eaeef2;
  border-radius: .3rem; overflow: hidden; vertical-align: middle; }
.bar > span { display: block; height: 100%; background: #2da44e; }
.status { display: inline-block; padding: 0 .5rem; border-radius: 1rem; font-size: .85em;
  white-space: nowrap; border: 1px solid currentColor; }
"""
    + STATUS_CSS
    + """\
details { margin-top: .3rem; }
summary { cursor: pointer; color: #0969da; font-size: .85em; }
blockquote { margin: .4rem 0; padding-left: .8rem; border-left: 3px solid #d0d7de;
  color: #424a53; }
details p { margin: .2rem 0; font-size: .9em; color: #57606a; }
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.legend dd { margin: 0; }
footer { margin-top: 2rem; border-top: 1px solid #d0d7de; }
"""
)


def _text(value: str) -> str:
    """Escaped text with line breaks kept as ``<br>``."""
    return "<br>".join(escape(line) for line in value.replace("\r\n", "\n").split("\n"))


def _time(day: dt.date) -> str:
    return f'<time datetime="{day.isoformat()}">{day.isoformat()}</time>'


def _cite(source: Source) -> str:
    """The source's title, a link when the ledger gives its web address."""
    title = f"<cite>{_text(source.title)}</cite>"
    url = source_url(source)
    return f'<a href="{escape(url)}">{title}</a>' if url else title


def _sources_line(sources: Iterable[Source]) -> str:
    parts = [f"{_cite(s)}, {_text(s.publisher)}, {_time(s.date)}" for s in sources]
    label = "Source" if len(parts) == 1 else "Sources"
    return f'<p class="meta sources">{label}: {"; ".join(parts)}</p>' if parts else ""


def _agency_name(t: AgencyTally) -> str:
    names = " ".join(
        [_text(t.name)] + ([f'<span lang="zh">{_text(t.name_zh)}</span>'] if t.name_zh else [])
    )
    return f"{_text(t.code)}" + (f" · {names}" if t.name else "")


def _tally_cells(t: AgencyTally) -> str:
    counts = "".join(f'<td class="num">{n}</td>' for _, n in t.statuses)
    return f'<td class="num">{t.total}</td>{counts}<td class="num">{t.overdue}</td>'


def summary_table(ledger: Ledger, rows: Sequence[StatusRow]) -> str:
    """The per-agency table: commitments, each status and overdue, with a total row.

    Every agency the ledger declares has a row, with zeros when it made no pledge here."""
    heads = "".join(f'<th scope="col" class="num">{label(s.value)}</th>' for s in Status)
    lines = [
        '<table class="agencies">',
        '<thead><tr><th scope="col">Agency</th><th scope="col" class="num">Commitments</th>'
        f'{heads}<th scope="col" class="num">Overdue</th></tr></thead>',
        "<tbody>",
    ]
    for tally in agency_tallies(ledger, rows, declared=True):
        lines.append(f'<tr><th scope="row">{_agency_name(tally)}</th>{_tally_cells(tally)}</tr>')
    lines += [
        "</tbody>",
        f'<tfoot><tr><th scope="row">All</th>{_tally_cells(total_tally(rows))}</tr></tfoot>',
        "</table>",
    ]
    note = joint_sentence(sum(1 for r in rows if r.commitment.joint), "All")
    if note is not None:
        lines.append(f'<p class="note">{escape(note[:1].upper() + note[1:])}.</p>')
    return "\n".join(lines)


def _progress(row: StatusRow) -> str:
    if row.progress is None:
        return ""
    fraction = row.progress.fraction
    if fraction is None:
        return "—"
    filled = round(min(max(fraction, 0.0), 1.0) * 100)
    return (
        f'<span class="bar" aria-hidden="true"><span style="width: {filled}%"></span></span> '
        f"{format_percent(fraction)}"
    )


def _details(row: StatusRow) -> str:
    c = row.commitment
    who = ", ".join(part for part in (c.speaker, c.speaker_role) if part)
    parts = [
        "<details><summary>Quote</summary>",
        f"<blockquote>{_text(c.quote)}</blockquote>",
        f"<p>{_text(who) + ' · ' if who else ''}source {_text(c.source)}</p>",
    ]
    if c.target is not None:
        parts.append(
            f"<p>Target: {_text(describe_target(c.target))} ({_text(c.target.metric)})</p>"
        )
    history = row.history()
    if history:
        last = history[-1]
        said = f": {linked(last.evidence)}" if last.evidence else ""
        parts.append(f"<p>Last change {_time(last.date)} ({label(last.status.value)}){said}</p>")
    parts.append("</details>")
    return "".join(parts)


def status_table(rows: Sequence[StatusRow]) -> str:
    """The status table: id, agency, commitment (with its quote), status, deadline, progress, pace."""
    heads = ("Id", "Agency", "Commitment", "Status", "Deadline", "Progress", "Pace")
    lines = [
        '<table class="commitments">',
        "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in heads) + "</tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        c = row.commitment
        deadline = _text(c.deadline.text) if c.deadline else ""
        overdue = ' <span class="overdue">Overdue</span>' if c.is_overdue(row.as_of) else ""
        status = escape(row.status)
        shown = escape(label(row.status))
        lines.append(
            f'<tr id="{escape(c.id)}">'
            f'<td class="id">{_text(c.id)}</td>'
            f"<td>{_text(c.agency_text)}</td>"
            f'<td class="title">{_text(c.title)}{_details(row)}</td>'
            f'<td class="nowrap"><span class="status status-{status}">{shown}</span>{overdue}</td>'
            f'<td class="nowrap">{deadline}</td>'
            f'<td class="nowrap progress">{_progress(row)}</td>'
            f'<td class="nowrap">{_text(label(row.pace_label))}</td>'
            "</tr>"
        )
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def legend() -> str:
    """What the statuses and paces mean, and how progress is worked out."""
    statuses = "".join(
        f'<dt><span class="status status-{s.value}">{label(s.value)}</span></dt>'
        f"<dd>{escape(meaning)}</dd>"
        for s, meaning in STATUS_MEANINGS.items()
    )
    paces = "".join(
        f"<dt>{label(p.value)}</dt><dd>{escape(meaning)}</dd>"
        for p, meaning in PACE_MEANINGS.items()
    )
    return "\n".join(
        [
            '<section aria-labelledby="legend">',
            '<h2 id="legend">Legend</h2>',
            f'<h3>Status</h3><dl class="legend">{statuses}</dl>',
            "<h3>Progress and pace</h3>",
            "<p>Progress is how far the latest measurement has moved from the baseline "
            "towards the target (the stated baseline, else the earliest measurement). Pace "
            "compares it with the share of the time to the deadline gone by.</p>",
            f'<dl class="legend">{paces}</dl>',
            "</section>",
        ]
    )


def to_html(
    ledger: Ledger, rows: Sequence[StatusRow], as_of: dt.date, title: str | None = None
) -> str:
    """The whole page (UTF-8 text ending in a newline) for ``rows`` as of ``as_of``.

    ``title`` (default :data:`DEFAULT_TITLE`) heads the page; the sources line names the
    briefings the rows quote.
    """
    heading = _text(title or DEFAULT_TITLE)
    count = f"{len(rows)} commitment{'' if len(rows) == 1 else 's'}"
    body = [
        "<header>",
        f"<h1>{heading}</h1>",
        _sources_line(cited_sources(ledger, rows)),
        f'<p class="meta">Status as of {_time(as_of)} · {count}</p>',
        "</header>",
        "<main>",
        '<section aria-labelledby="by-agency">',
        '<h2 id="by-agency">By agency</h2>',
        summary_table(ledger, rows),
        "</section>",
        '<section aria-labelledby="commitments">',
        '<h2 id="commitments">Commitments</h2>',
        status_table(rows) if rows else "<p>No commitments match these filters.</p>",
        "</section>",
        legend(),
        "</main>",
        "<footer>",
        f'<p class="meta">Status as of {_time(as_of)}: each pledge\'s last recorded status '
        "change on or before that date, and its measurements up to it.</p>",
        "</footer>",
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{heading} as of {as_of.isoformat()}</title>",
            f"<style>\n{CSS}</style>",
            "</head>",
            "<body>",
            *[part for part in body if part],
            "</body>",
            "</html>",
            "",
        ]
    )
