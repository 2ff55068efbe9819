"""Recording a measurement of a pledge's target metric (``gt record``)."""

from __future__ import annotations

import bisect
import datetime as dt
import math
from dataclasses import replace

from greentrade_cli.errors import DataError, NoTargetError, UsageError
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.measurement import Measurement


def parse_value(text: str) -> float:
    """Read a measured value typed by a user (``32.5``, ``1e3``, ``-4``) as a float.

    The value is in the target's unit, as a plain number (``40`` for 40%, never ``0.4``).
    Raises :class:`UsageError` for text that is not a number and for ``nan`` or
    ``inf``, which no measurement can be.
    """
    try:
        value = float(text.strip())
    except ValueError:
        raise UsageError(
            f"VALUE: {text!r} is not a number; give the value in the target's unit "
            "as a plain number, e.g. 32.5 for 32.5%"
        ) from None
    if not math.isfinite(value):
        raise UsageError(f"VALUE: {text!r} is not a finite number; give a measured value")
    return value


def record_measurement(
    c: Commitment, measurement: Measurement, pledged_on: dt.date | None
) -> Commitment:
    """A copy of ``c`` with ``measurement`` added in date order.

    A measurement dated like existing ones goes after them. ``pledged_on`` is the date
    of the commitment's source. Raises :class:`NoTargetError` when ``c`` has no numeric
    target, :class:`DataError` for a non-finite value or a date before ``pledged_on``.
    """
    if c.target is None:
        raise NoTargetError(
            f"{c.id} has no numeric target, so there is nothing to measure; "
            "only a pledge with a [commitments.target] table takes measurements "
            "(use `gt mark` to record its status)"
        )
    if not math.isfinite(measurement.value):
        raise DataError(f"{c.id}: {measurement.value!r} is not a finite number")
    if pledged_on is not None and measurement.date < pledged_on:
        raise DataError(
            f"{c.id}: {measurement.date} is before the pledge was made ({pledged_on}); "
            f"give --on {pledged_on} or later"
        )
    dates = [m.date for m in c.measurements]
    at = bisect.bisect_right(dates, measurement.date)
    measurements = (*c.measurements[:at], measurement, *c.measurements[at:])
    return replace(c, measurements=measurements)
