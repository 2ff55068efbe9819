"""Charts for published pages, drawn as static SVG: no script, no font or file to fetch.

Two charts: the verdicts on each agency's pledges as stacked bars, and a pledge's
measurements over time with its baseline, target line and projection. Each scales to
the width of its container (a ``viewBox`` and ``width: 100%``), carries a ``<title>``
and a ``<desc>`` that say in words what it shows, and escapes every text it draws.

Drawn here rather than with a charting library: both charts are a few dozen shapes,
and the plotting libraries that write SVG (matplotlib, pygal) would add tens of
megabytes, or a script, to draw them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from greentrade_cli.export.legend import VERDICT_COLOURS, label
from greentrade_cli.model.target import Target
from greentrade_cli.tracking.progress import Progress
from greentrade_cli.tracking.report import format_value
from greentrade_cli.tracking.scorecard import ALL_AGENCIES, Score, Verdict

WIDTH = 640
"""Width of every chart's drawing, in SVG user units (it is scaled to the page)."""
BARS_WIDTH = 440
"""Width of the verdict chart's drawing: narrower, so its text stays legible on a phone."""
FONT = 'font-family="system-ui, sans-serif" font-size="14"'

TARGET_COLOUR = "#1a7f37"
MEASURED_COLOUR = "#0969da"
PROJECTED_COLOUR = "#7d4e00"
BASELINE_COLOUR = "#57606a"


def _num(value: float) -> str:
    """A coordinate with at most one decimal (``12.0`` -> ``12``): stable, short output."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _name(s: Score) -> str:
    return "All" if s.code == ALL_AGENCIES else s.code


def _verdicts_said(scores: Sequence[Score]) -> str:
    """``MIIT: 3 pledges, 2 in the works, 1 not yet rated; ...``: the chart in words."""
    return "; ".join(
        f"{_name(s)}: {s.total} pledge{'' if s.total == 1 else 's'}"
        + "".join(f", {n} {v.value}" for v, n in s.counts.items() if n)
        for s in scores
    )


def verdict_chart(scores: Sequence[Score], chart_id: str = "verdicts") -> Markup:
    """Stacked bars: for each score (an agency, or all), its pledges by verdict.

    Each bar is as long as the agency's share of the longest; each segment is labelled
    with its count when it is wide enough, and the ``<desc>`` gives every count in words.
    """
    width, label_width, count_width, row, bar_height = BARS_WIDTH, 72, 100, 34, 22
    longest = max((s.total for s in scores), default=0) or 1
    span = width - label_width - count_width
    height = row * len(scores) + 8
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" class="bars" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT}>',
        f'<title id="{chart_id}-title">Verdicts on the pledges, per agency</title>',
        f'<desc id="{chart_id}-desc">{escape(_verdicts_said(scores))}</desc>',
    ]
    for i, s in enumerate(scores):
        y = 4 + i * row
        middle = _num(y + bar_height / 2 + 4.5)
        lines.append(f'<text x="0" y="{middle}" fill="#1f2328">{escape(_name(s))}</text>')
        x = float(label_width)
        for v, n in s.counts.items():
            if not n:
                continue
            w = span * n / longest
            lines.append(
                f'<rect x="{_num(x)}" y="{y}" width="{_num(w)}" height="{bar_height}" '
                f'fill="{VERDICT_COLOURS[v]}"><title>{escape(f"{n} {v.value}")}</title></rect>'
            )
            if w >= 18:
                lines.append(
                    f'<text x="{_num(x + w / 2)}" y="{middle}" fill="#ffffff" '
                    f'text-anchor="middle" font-weight="600">{n}</text>'
                )
            x += w
        kept = s.share_kept
        share = "" if kept is None else f" · {round(kept * 100)}% kept"
        lines.append(
            f'<text x="{_num(x + 6)}" y="{middle}" fill="#1f2328">{s.total}{escape(share)}</text>'
        )
    lines.append("</svg>")
    return Markup("\n".join(lines))


def _ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round values between ``low`` and ``high`` for an axis: steps of 1, 2 or 5 x 10^n."""
    raw = (high - low) / max(most - 1, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    count = math.floor((high - first) / step + 1e-9) + 1
    return [round(first + k * step, 10) for k in range(count)]


def measurement_chart(
    target: Target,
    progress: Progress,
    start: dt.date | None,
    chart_id: str = "measurements",
) -> Markup | None:
    """The measurements of a pledge over time, with its target, baseline and projection.

    ``start`` is the day the baseline holds (the stated baseline's date, else the day the
    pledge was made). The target is a solid line, the baseline a dotted one, the
    projection (a least-squares line through the measurements, read at the deadline) a
    dashed segment. None when there is nothing to draw (no measurement), or no scale to
    draw on (values so far apart that their span is not a finite float).
    """
    points = list(progress.points)
    if not points:
        return None
    unit = target.unit
    projected = progress.projected
    days = [m.date for m in points]
    if start is not None:
        days.append(start)
    if progress.due is not None:
        days.append(progress.due)
    first, last = min(days), max(days)
    if first == last:
        first, last = first - dt.timedelta(days=182), last + dt.timedelta(days=183)
    values = [m.value for m in points] + [target.value]
    baseline = progress.baseline if target.baseline is not None else None
    if baseline is not None:
        values.append(baseline)
    if projected is not None:
        values.append(projected)
    low, high = min(values), max(values)
    if not math.isfinite((high - low) * 1.5 + max(abs(low), abs(high)) * 1.5):
        return None  # values near the largest float: no scale can be computed to draw them
    pad = (high - low) * 0.08 or max(abs(high) * 0.1, 1.0)
    low, high = low - pad, high + pad
    ticks = _ticks(low, high)
    low, high = min(low, *ticks), max(high, *ticks)

    left, right, top, bottom, height = 64, 16, 14, 34, 300
    plot_w, plot_h = WIDTH - left - right, height - top - bottom

    def x(day: dt.date) -> float:
        return left + plot_w * (day - first).days / (last - first).days

    def y(value: float) -> float:
        return top + plot_h * (high - value) / (high - low)

    def value_text(value: float) -> str:
        return format_value(round(value, 4), unit)

    described = [
        f"Target: {'at least' if target.direction.value == 'increase' else 'at most'} "
        f"{value_text(target.value)}" + (f" by {progress.due.isoformat()}" if progress.due else ""),
        *(
            [f"baseline {value_text(baseline)}" + (f" on {start.isoformat()}" if start else "")]
            if baseline is not None
            else []
        ),
        "measured " + ", ".join(f"{value_text(m.value)} on {m.date.isoformat()}" for m in points),
        *([f"projected {value_text(projected)} at the deadline"] if projected is not None else []),
    ]
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT}>',
        f'<title id="{chart_id}-title">{escape(label(target.metric))} over time</title>',
        f'<desc id="{chart_id}-desc">{escape("; ".join(described))}.</desc>',
    ]
    for tick in ticks:
        ty = _num(y(tick))
        lines.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{ty}" y2="{ty}" stroke="#eaeef2"/>'
        )
        lines.append(
            f'<text x="{left - 6}" y="{_num(y(tick) + 4.5)}" text-anchor="end" '
            f'fill="#57606a">{escape(value_text(tick))}</text>'
        )
    years = list(range(first.year + (first != dt.date(first.year, 1, 1)), last.year + 1))
    every = max(1, math.ceil(len(years) / 8))
    for year in years[::every]:
        tx = _num(x(dt.date(year, 1, 1)))
        lines.append(f'<line x1="{tx}" x2="{tx}" y1="{top}" y2="{top + plot_h}" stroke="#eaeef2"/>')
        lines.append(
            f'<text x="{tx}" y="{height - 12}" text-anchor="middle" fill="#57606a">{year}</text>'
        )
    lines.append(
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
        'stroke="#d0d7de"/>'
    )
    ty = _num(y(target.value))
    lines.append(
        f'<line x1="{left}" x2="{WIDTH - right}" y1="{ty}" y2="{ty}" '
        f'stroke="{TARGET_COLOUR}" stroke-width="2"/>'
    )
    if progress.due is not None:
        lines.append(
            f'<circle cx="{_num(x(progress.due))}" cy="{ty}" r="5" fill="#ffffff" '
            f'stroke="{TARGET_COLOUR}" stroke-width="2"/>'
        )
    if baseline is not None:
        by = _num(y(baseline))
        lines.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{by}" y2="{by}" '
            f'stroke="{BASELINE_COLOUR}" stroke-width="1.5" stroke-dasharray="2 4"/>'
        )
    if projected is not None and progress.due is not None:
        lines.append(
            f'<line x1="{_num(x(points[-1].date))}" y1="{_num(y(points[-1].value))}" '
            f'x2="{_num(x(progress.due))}" y2="{_num(y(projected))}" '
            f'stroke="{PROJECTED_COLOUR}" stroke-width="2" stroke-dasharray="6 5"/>'
        )
    path = " ".join(f"{_num(x(m.date))},{_num(y(m.value))}" for m in points)
    if baseline is not None and start is not None:
        path = f"{_num(x(start))},{_num(y(baseline))} " + path
    lines.append(
        f'<polyline points="{path}" fill="none" stroke="{MEASURED_COLOUR}" stroke-width="2.5"/>'
    )
    for m in points:
        lines.append(
            f'<circle cx="{_num(x(m.date))}" cy="{_num(y(m.value))}" r="4" '
            f'fill="{MEASURED_COLOUR}"><title>'
            f"{escape(value_text(m.value))} on {m.date.isoformat()}</title></circle>"
        )
    lines.append("</svg>")
    return Markup("\n".join(lines))


def verdict_swatch(v: Verdict) -> Markup:
    """A small square of the verdict's colour, for a legend (hidden from screen readers)."""
    return Markup(
        '<svg class="swatch" viewBox="0 0 10 10" width="12" height="12" aria-hidden="true">'
        f'<rect width="10" height="10" fill="{VERDICT_COLOURS[v]}"/></svg>'
    )
