"""The status table: one row of plain values per commitment, as of a date.

This is what ``gt list`` shows and ``gt export`` writes; its fields are declared in
:mod:`greentrade_cli.tracking.fields` (the export's columns are
documented in docs/tutorial.md, under `gt export`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from greentrade_cli.errors import NotYetPledgedError
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.revision import Revision, Version
from greentrade_cli.model.target import Direction, Target
from greentrade_cli.tracking.progress import Pace, Progress, progress
from greentrade_cli.tracking.staleness import DEFAULT_STALE_AFTER_DAYS, is_stale


def format_value(value: float, unit: str) -> str:
    """A value with its unit as people write it: ``40%``, ``1.5 bn yuan``, ``1,234,567.5 t``
    (``%`` is percentage points).

    Below 1,000 a value keeps six significant digits; from 1,000 to a thousand trillion
    its whole part is written in full, grouped by thousands, with at most two decimals;
    beyond that, where a float holds no whole number exactly, in exponent notation.
    """
    if abs(value) < 1000:
        number = f"{value:.6g}"
    elif abs(value) < 1e15:
        number = f"{round(value, 2):,.2f}".rstrip("0").rstrip(".")
    else:
        number = f"{value:,.6g}"
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def describe_target(target: Target) -> str:
    """``at least 40%`` for an increase target, ``at most 5%`` for a decrease target."""
    bound = "at least" if target.direction is Direction.INCREASE else "at most"
    return f"{bound} {format_value(target.value, target.unit)}"


def round_half_up(value: float, scale: int = 1) -> int:
    """Round ``value`` times ``scale`` to the nearest whole number, halves away from zero
    (12.5 -> 13), as published figures are; ``value`` is taken as written (its ``repr``)
    and multiplied in decimal: 0.145 at scale 100 is 14.5 and gives 15, although
    ``0.145 * 100`` is 14.499999999999998 in binary. Raises :class:`OverflowError` for
    an infinite value.

    Only a product near a half, or past a billion, needs :mod:`decimal`, whose import is
    a millisecond of start-up: any other rounds to its nearest whole number alike in
    every rounding mode, as :func:`round` does (the binary product is then within a
    millionth of the decimal one).
    """
    scaled = value * scale
    if abs(scaled) < 1e9 and abs(abs(scaled) % 1 - 0.5) > 1e-6:  # not near a half
        return round(scaled)
    from decimal import ROUND_HALF_UP, Decimal

    exact = Decimal(repr(value)) * scale
    return int(exact.to_integral_value(rounding=ROUND_HALF_UP))


def format_percent(fraction: float | None) -> str:
    """A progress fraction as a whole percentage (``0.5`` -> ``50%``, ``0.125`` -> ``13%``,
    ``1.1667`` -> ``117%``); ``—`` when unknown. ``fraction`` is finite (see
    :mod:`greentrade_cli.tracking.progress`)."""
    if fraction is None:
        return "—"
    return f"{round_half_up(fraction, 100)}%"


@dataclass(frozen=True, slots=True)
class StatusRow:
    """A commitment as it stood on ``as_of``: its status, history and figures then.

    ``stale`` is set when the pledge was open and without follow-up for longer than the
    threshold the row was built with (see :mod:`greentrade_cli.tracking.staleness`).
    """

    commitment: Commitment
    as_of: dt.date
    progress: Progress | None
    stale: bool = False

    @property
    def status(self) -> str:
        """The status word on ``as_of``."""
        return self.commitment.status_as_of(self.as_of).value

    @property
    def pace(self) -> Pace | None:
        """The pace label, None for a pledge without a numeric target."""
        return None if self.progress is None else self.progress.pace

    @property
    def pace_label(self) -> str:
        """What the pace column shows: the pace of a quantitative pledge; for the others
        ``overdue`` when the deadline has passed with the status still open, else ``""``.
        """
        if self.progress is not None:
            return self.progress.pace.value
        return Pace.OVERDUE.value if self.commitment.is_overdue(self.as_of) else ""

    @property
    def version(self) -> Version:
        """The target and deadline in force on ``as_of``."""
        return self.commitment.version_on(self.as_of)

    def revisions(self) -> list[Revision]:
        """Revisions dated on or before ``as_of``."""
        return [r for r in self.commitment.revisions if r.date <= self.as_of]

    def history(self) -> list[Any]:
        """History entries dated on or before ``as_of``."""
        return [h for h in self.commitment.history if h.date <= self.as_of]


def status_rows(
    ledger: Ledger,
    commitments: list[Commitment],
    as_of: dt.date,
    stale_after: int | None = DEFAULT_STALE_AFTER_DAYS,
) -> list[StatusRow]:
    """One :class:`StatusRow` per commitment, in the order given, as of ``as_of``.

    ``stale_after`` is the staleness threshold in days; None leaves staleness out (every
    row's ``stale`` is False), for a report that does not show it.
    """
    rows = []
    for c in commitments:
        pledged_on = ledger.pledged_on(c)
        stale = stale_after is not None and is_stale(c, as_of, pledged_on, stale_after)
        rows.append(StatusRow(c, as_of, progress(c, as_of, pledged_on), stale))
    return rows


def status_row(
    ledger: Ledger,
    commitment: Commitment,
    as_of: dt.date,
    stale_after: int = DEFAULT_STALE_AFTER_DAYS,
) -> StatusRow:
    """The :class:`StatusRow` of one commitment as of ``as_of`` (what ``gt show`` reports).

    Raises :class:`NotYetPledgedError` when ``as_of`` is before the pledge was made.
    """
    pledged_on = ledger.pledged_on(commitment)
    if pledged_on is not None and as_of < pledged_on:
        raise NotYetPledgedError(
            f"{commitment.id} was pledged on {pledged_on}, after --as-of {as_of}; "
            f"give --as-of {pledged_on} or later"
        )
    return status_rows(ledger, [commitment], as_of, stale_after)[0]


def select_rows(
    rows: Sequence[StatusRow], paces: Iterable[Pace] = (), stale_only: bool = False
) -> list[StatusRow]:
    """The rows whose pace label is one of ``paces`` (any, when empty) and, with
    ``stale_only``, that are stale. Order is kept.
    """
    wanted = {p.value for p in paces}
    return [
        row
        for row in rows
        if (not wanted or row.pace_label in wanted) and (row.stale or not stale_only)
    ]
