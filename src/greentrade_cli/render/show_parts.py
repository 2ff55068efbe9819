"""What ``gt show`` says about one commitment, as plain strings. Knows neither Rich nor Typer.

:func:`show_parts` works the text out once; the terminal view
(:func:`greentrade_cli.render.show_view.commitment_view`) lays it out with Rich and :func:`show_lines`
as plain lines for a pipe, so the two cannot come to say different things.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from greentrade_cli.render.views import tsv_escape, tsv_table
from greentrade_cli.tracking.disagreement import disagreement
from greentrade_cli.tracking.fields import progress_cell, status_with_reason
from greentrade_cli.tracking.progress import measurements_as_of
from greentrade_cli.tracking.report import describe_target, format_value
from greentrade_cli.tracking.revising import ambition_flags, version_text
from greentrade_cli.tracking.staleness import last_activity
from greentrade_cli.tracking.trend import sparkline

if TYPE_CHECKING:
    import datetime as dt

    from greentrade_cli.model.ledger import Ledger
    from greentrade_cli.model.target import Target
    from greentrade_cli.tracking.report import StatusRow

HISTORY_COLUMNS = ("date", "status", "note", "evidence")
"""The cells of a history row, in order (the header of the plain view's history)."""
MEASUREMENT_COLUMNS = ("date", "value", "source", "note")
"""The cells of a measurement row, in order (the header of the plain view's measurements)."""
NO_HISTORY = "History: no status change recorded since the pledge."
NO_MEASUREMENTS = "Measurements: none recorded yet (`gt record`)."

Cells = tuple[str, str, str, str]


class ShowParts(NamedTuple):
    """Everything ``gt show`` prints for one commitment, as of the row's date.

    ``facts`` are ``(name, value)`` pairs in the order shown, empty values left out;
    ``notice`` the sentence saying the status and figures disagree, or None; ``quote``
    the quote as written; ``history`` one ``(date, status, note, evidence)`` per status
    change; ``measurements`` one ``(date, value, source, note)`` per measurement, or None
    for a pledge without a numeric target; ``trend`` the trend line (two measurements or
    more), or None. A named tuple, not a dataclass: defined for a tenth of the start-up.
    """

    facts: tuple[tuple[str, str], ...]
    notice: str | None
    quote: str
    history: tuple[Cells, ...]
    measurements: tuple[Cells, ...] | None
    trend: str | None


def show_parts(ledger: Ledger, row: StatusRow) -> ShowParts:
    """What ``gt show`` says about ``row``'s commitment (``ledger`` names its agency and source)."""
    return ShowParts(
        facts=tuple((name, value) for name, value in fact_pairs(ledger, row) if value),
        notice=notice_text(row),
        quote=row.commitment.quote,
        history=history_rows(row),
        measurements=measurement_rows(row, ledger.pledged_on(row.commitment)),
        trend=trend_text(row),
    )


def fact_pairs(ledger: Ledger, row: StatusRow) -> list[tuple[str, str]]:
    """``(name, value)`` for id, title, agency, speaker, status, deadline, source, tags,
    target, versions and progress, in that order; a value is ``""`` where there is nothing
    to say. Deadline and target are those in force on the row's date."""
    c = row.commitment
    deadline = row.version.deadline
    return [
        ("id", c.id),
        ("title", c.title),
        ("agency", _agency_text(ledger, row)),
        ("speaker", ", ".join(part for part in (c.speaker, c.speaker_role) if part)),
        ("status", _status_text(ledger, row)),
        ("deadline", deadline.text if deadline else "none (continuing)"),
        ("source", _source_text(ledger, row)),
        ("tags", ", ".join(c.tags)),
        ("target", _target_text(row.version.target)),
        ("versions", versions_text(row)),
        ("progress", _progress_text(row)),
    ]


def _agency_text(ledger: Ledger, row: StatusRow) -> str:
    """``MOFCOM · Ministry of Commerce · 商务部`` (the code alone for an unknown agency);
    for a joint pledge each agency so, lead first, joined by `` + ``."""

    def one(code: str) -> str:
        agency = ledger.agencies.get(code)
        if agency is None:
            return code
        return " · ".join(part for part in (code, agency.name, agency.name_zh) if part)

    return " + ".join(one(code) for code in row.commitment.agencies)


def _status_text(ledger: Ledger, row: StatusRow) -> str:
    """The status, with ``overdue`` and staleness in brackets: ``pledged (overdue; stale: ...)``."""
    c = row.commitment
    flags = ["overdue"] if c.is_overdue(row.as_of) else []
    if row.stale:
        last = last_activity(c, row.as_of, ledger.pledged_on(c))
        flags.append(f"stale: nothing recorded since {last}")
    return row.status + (f" ({'; '.join(flags)})" if flags else "")


def _source_text(ledger: Ledger, row: StatusRow) -> str:
    """``title, publisher, date [id]`` of the source (its id alone when unknown)."""
    key = row.commitment.source
    source = ledger.sources.get(key)
    if source is None:
        return key
    return f"{source.title}, {source.publisher}, {source.date.isoformat()} [{source.id}]"


def versions_text(row: StatusRow) -> str:
    """Every version of the target and deadline up to the row's date, oldest first, when
    there was a revision by then: ``at least 40% by 2030 (as pledged); at least 35% by 2032
    from 2026-03-01, weakened: target lowered, deadline later (why)``; else ``""``."""
    revisions = row.commitment.revised(row.as_of)
    if not revisions:
        return ""
    parts = [f"{version_text(revisions[0].before)} (as pledged)"]
    for revised in revisions:
        when = revised.revision.date.isoformat()
        said = "".join(f", {flag}" for flag in ambition_flags(revised))
        parts.append(f"{version_text(revised.after)} from {when}{said} ({revised.revision.note})")
    return "; ".join(parts)


def _target_text(t: Target | None) -> str:
    """``at least 40% (metric); baseline 10% on DATE``; ``""`` without a numeric target."""
    if t is None:
        return ""
    text = f"{describe_target(t)} ({t.metric})"
    if t.baseline is not None:
        when = f" on {t.baseline.date.isoformat()}" if t.baseline.date else ""
        text += f"; baseline {format_value(t.baseline.value, t.unit)}{when}"
    return text


def _progress_text(row: StatusRow) -> str:
    """``bar percent · pace · latest VALUE on DATE · projected VALUE by DEADLINE`` (the parts
    known); ``""`` without a numeric target."""
    p = row.progress
    target, deadline = row.version.target, row.version.deadline
    if p is None or target is None:
        return ""
    unit = target.unit
    text = progress_cell(row) + f" · {p.pace.value}"
    if p.latest is not None:
        text += f" · latest {format_value(p.latest, unit)}"
        text += f" on {p.latest_on.isoformat()}" if p.latest_on else ""
    if p.projected is not None and deadline is not None:
        text += f" · projected {format_value(round(p.projected, 2), unit)} by {deadline.text}"
    return text


def notice_text(row: StatusRow) -> str | None:
    """``Status and figures disagree: ...`` when the status set by hand and the latest
    measurement tell different stories; None when they agree or there is no measurement."""
    c = row.commitment
    found = disagreement(c.status_as_of(row.as_of), row.version.target, row.progress)
    return None if found is None else f"Status and figures disagree: {found}."


def history_rows(row: StatusRow) -> tuple[Cells, ...]:
    """The status changes on or before the row's date, oldest first, as :data:`HISTORY_COLUMNS`
    (the status with its reason in brackets: ``missed (no_funding)``)."""
    return tuple(
        (h.date.isoformat(), status_with_reason(h), h.note, h.evidence) for h in row.history()
    )


def measurement_rows(row: StatusRow, pledged_on: dt.date | None) -> tuple[Cells, ...] | None:
    """The measurements on or before the row's date, oldest first, as
    :data:`MEASUREMENT_COLUMNS` (each value with the unit of the target in force on its
    date); None without a numeric target.
    One dated before ``pledged_on`` (the source's date) has its date marked
    ``(before the pledge)``."""
    c = row.commitment
    if row.version.target is None:
        return None

    def when(date: dt.date) -> str:
        early = pledged_on is not None and date < pledged_on
        return f"{date.isoformat()} (before the pledge)" if early else date.isoformat()

    return tuple(
        (when(m.date), format_value(m.value, c.unit_on(m.date)), m.source, m.note)
        for m in measurements_as_of(c, row.as_of)
    )


def trend_text(row: StatusRow) -> str | None:
    """``Trend  █▁  9% on DATE → 7.5% on DATE`` (a sparkline, the first and the latest value,
    each in the unit in force on its date) with two measurements or more on or before the
    row's date; else None."""
    c = row.commitment
    points = measurements_as_of(c, row.as_of)
    if row.version.target is None or len(points) < 2:
        return None
    first, last = points[0], points[-1]
    return (
        f"Trend  {sparkline([m.value for m in points])}  "
        f"{format_value(first.value, c.unit_on(first.date))} on {first.date.isoformat()} → "
        f"{format_value(last.value, c.unit_on(last.date))} on {last.date.isoformat()}"
    )


def show_lines(parts: ShowParts) -> list[str]:
    """``gt show`` for pipes: the same text as on a terminal, never wrapped.

    ``name<TAB>value`` fact lines; the disagreement notice after a blank line (if any); a
    blank line, ``Quote`` and the quote on one line; then the history and (for a numeric
    target) the measurements, each a title line, a header and tab-separated rows, or a
    line saying there is none, with the trend line after a blank line. Values, the quote
    and the notice escape backslash, tab and line breaks (``\\\\``, ``\\t``, ``\\n``,
    ``\\r``): every line is one line.
    """
    lines = [f"{name}\t{tsv_escape(value)}" for name, value in parts.facts]
    if parts.notice is not None:
        lines += ["", tsv_escape(parts.notice)]
    lines += ["", "Quote", tsv_escape(f"“{parts.quote}”"), ""]
    if parts.history:
        lines += ["History", *tsv_table(HISTORY_COLUMNS, parts.history)]
    else:
        lines.append(NO_HISTORY)
    if parts.measurements is None:
        return lines
    if not parts.measurements:
        return [*lines, "", NO_MEASUREMENTS]
    lines += ["", "Measurements", *tsv_table(MEASUREMENT_COLUMNS, parts.measurements)]
    if parts.trend is not None:
        lines += ["", tsv_escape(parts.trend)]
    return lines
