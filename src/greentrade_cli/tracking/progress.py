"""How far a quantitative pledge has come, and whether it will be kept in time.

Progress is the standard KPI formula, as a fraction (0.5 is 50%; not clamped, so 1.17
reports over-achievement):

* increase target: ``(latest - baseline) / (target - baseline)``
* decrease target: ``(baseline - latest) / (baseline - target)``

The baseline is the one stated in the ledger, else the earliest measurement. Progress
is unknown (None) until a measurement exists beyond the baseline: with a stated
baseline, one measurement; without, two (the first is the baseline).

Pace compares progress with the share of time elapsed from the start to the deadline's
due date. The start is the baseline's date: the stated baseline's date (the day the
pledge was made when none is stated), or the earliest measurement's date when that is
the baseline. Labels, first match wins:

* ``reached``: the latest value meets the target (``at least``/``at most``);
* ``overdue``: the deadline has passed and the latest value misses the target, or,
  with no measurement, the deadline has passed and the status is still open;
* ``behind``: progress trails the elapsed share of time by more than
  :data:`BEHIND_MARGIN` (10 percentage points);
* ``on track``: otherwise, when progress and elapsed time are both known;
* ``no data``: no progress figure yet, or no deadline to pace against.

Pace is computed from figures and dates only; a status set by hand is never changed by
it (see :mod:`greentrade_cli.tracking.disagreement` for where the two disagree).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from greentrade_cli.errors import UsageError
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.target import Direction

BEHIND_MARGIN = 0.10
"""Progress may trail the elapsed share of time by this much (a fraction) and still be on track."""


class Pace(StrEnum):
    """Whether a quantitative pledge is on course to be kept by its deadline."""

    REACHED = "reached"
    ON_TRACK = "on track"
    BEHIND = "behind"
    OVERDUE = "overdue"
    NO_DATA = "no data"

    @classmethod
    def parse(cls, text: str) -> Pace:
        """Parse a pace label in any case, with ``-``, ``_`` or a space between words (``on-track``).

        Raises :class:`UsageError` naming the valid labels when ``text`` is none of them.
        """
        key = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
        try:
            return cls(key)
        except ValueError:
            valid = ", ".join(p.value.replace(" ", "-") for p in cls)
            raise UsageError(f"unknown pace {text!r}; use one of: {valid}") from None


@dataclass(frozen=True, slots=True)
class Progress:
    """The figures for one commitment as of a date.

    ``baseline`` and ``latest`` are values in the target's unit (None when unknown);
    ``fraction`` is progress as a fraction (None when unknown); ``elapsed`` the share of
    time gone from start to deadline (None without a deadline); ``latest_on`` the date of
    the latest measurement (None without one); ``points`` the measurements counted and
    ``due`` the deadline's last day (None without one), for :attr:`projected`.
    """

    baseline: float | None
    latest: float | None
    fraction: float | None
    elapsed: float | None
    pace: Pace
    reached: bool
    latest_on: dt.date | None = None
    points: tuple[Measurement, ...] = ()
    due: dt.date | None = None

    @property
    def projected(self) -> float | None:
        """The value a least-squares line through the measurements gives at the deadline,
        in the target's unit; None with fewer than two measurements on different days,
        without a deadline, or when the line or its value is beyond a float. Worked out
        when asked for: a summary of thousands of targets shows few projections."""
        return None if self.due is None else _projection(self.points, self.due)


def measurements_as_of(c: Commitment, as_of: dt.date) -> list[Measurement]:
    """The measurements taken on or before ``as_of``, oldest first."""
    return [m for m in c.measurements if m.date <= as_of]


def _projection(points: Sequence[Measurement], due: dt.date) -> float | None:
    if len({m.date for m in points}) < 2:
        return None
    xs = [m.date.toordinal() for m in points]
    import statistics  # with fractions and decimal: only for a trend, not at start-up

    try:
        slope, intercept = statistics.linear_regression(xs, [m.value for m in points])
    except (OverflowError, ValueError):  # a sum beyond a float (1e308): no usable line
        return None  # (fsum raises OverflowError, or ValueError for -inf + inf)
    projected = slope * due.toordinal() + intercept
    return projected if math.isfinite(projected) else None


def _fraction(baseline: float, latest: float, target: float, direction: Direction) -> float | None:
    """Progress from ``baseline`` towards ``target`` at ``latest``; None when the target is
    not beyond the baseline or when the figure, as a percentage, is beyond a float.

    The one guard on a computed figure: every value is halved first (exactly), so the
    differences of finite values near ±1.8e308 stay finite, and no NaN or infinity leaves.
    """
    sign = 1.0 if direction is Direction.INCREASE else -1.0
    span = sign * (target / 2 - baseline / 2)
    moved = sign * (latest / 2 - baseline / 2)
    if span <= 0:
        return None
    fraction = moved / span
    return fraction if math.isfinite(fraction * 100) else None


def progress(c: Commitment, as_of: dt.date, pledged_on: dt.date | None) -> Progress | None:
    """Progress of ``c`` as of ``as_of``; None for a commitment without a numeric target.

    Only measurements dated on or before ``as_of`` count, against the target and deadline
    in force on ``as_of`` (a later revision does not change an earlier report).
    ``pledged_on`` is the date of the commitment's source: the start of the time line when
    a stated baseline has no date of its own.
    """
    if c.revisions:
        version = c.version_on(as_of)
        target, deadline = version.target, version.deadline
    else:
        target, deadline = c.target, c.deadline
    if target is None:
        return None
    points = measurements_as_of(c, as_of)
    latest = points[-1].value if points else None
    if target.baseline is not None:
        baseline: float | None = target.baseline.value
        beyond = points
        start = target.baseline.date or pledged_on
    else:
        baseline = points[0].value if points else None
        beyond = points[1:]
        start = points[0].date if points else pledged_on
    fraction = None
    if baseline is not None and latest is not None and beyond:
        fraction = _fraction(baseline, latest, target.value, target.direction)
    reached = latest is not None and target.is_reached_by(latest)
    elapsed = None
    due = None
    if deadline is not None:
        due = deadline.due
        if start is not None and due > start:
            elapsed = min(max((as_of - start).days / (due - start).days, 0.0), 1.0)
    passed = deadline is not None and deadline.has_passed(as_of)
    pace = _pace(c, as_of, latest, fraction, elapsed, reached, passed)
    latest_on = points[-1].date if points else None
    counted = c.measurements if len(points) == len(c.measurements) else tuple(points)
    return Progress(baseline, latest, fraction, elapsed, pace, reached, latest_on, counted, due)


def _pace(
    c: Commitment,
    as_of: dt.date,
    latest: float | None,
    fraction: float | None,
    elapsed: float | None,
    reached: bool,
    passed: bool,
) -> Pace:
    if reached:
        return Pace.REACHED
    if passed and (latest is not None or c.status_as_of(as_of).is_open):
        return Pace.OVERDUE
    if fraction is None or elapsed is None:
        return Pace.NO_DATA
    return Pace.BEHIND if fraction < elapsed - BEHIND_MARGIN else Pace.ON_TRACK
