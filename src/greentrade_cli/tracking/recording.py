"""Recording a measurement of a pledge's target metric (``gt record``)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import replace
from operator import attrgetter

from greentrade_cli.errors import DataError, NoTargetError, UsageError
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.numbers import ungrouped


def parse_value(text: str) -> float:
    """Read a measured value typed by a user (``32.5``, ``1e3``, ``-4``, ``2,000``) as a float.

    The value is in the target's unit, as a plain number (``40`` for 40%, never ``0.4``).
    Raises :class:`UsageError` for text that is not a number and for ``nan`` or
    ``inf``, which no measurement can be.
    """
    try:
        value = ungrouped(text, "VALUE")
    except ValueError:
        raise UsageError(
            f"VALUE: {text!r} is not a number; give the value in the target's unit "
            "as a plain number, e.g. 32.5 for 32.5%"
        ) from None
    if not math.isfinite(value):
        raise UsageError(f"VALUE: {text!r} is not a finite number; give a measured value")
    return value


def already_recorded(c: Commitment, date: dt.date, value: float) -> bool:
    """True when ``c`` has a measurement of ``value`` on ``date`` (recording it again would
    add a duplicate)."""
    return any(m.date == date and m.value == value for m in c.measurements)


def record_measurement(c: Commitment, measurement: Measurement) -> Commitment:
    """A copy of ``c`` with ``measurement`` added in date order.

    A measurement dated like existing ones goes after them. Any date is accepted: the
    latest official figure is often dated before the pledge, and the earliest
    measurement is the baseline when the target states none. Raises
    :class:`NoTargetError` when ``c`` has no numeric target, :class:`DataError` for a
    non-finite value and for a value a share cannot take (below 0 or above 100%, see
    :func:`~greentrade_cli.model.target.is_share`).
    """
    return record_measurements(c, (measurement,))


def record_measurements(c: Commitment, measurements: Sequence[Measurement]) -> Commitment:
    """A copy of ``c`` with ``measurements`` added in date order, as
    :func:`record_measurement` adds each of them in turn (the same errors), in one copy:
    one sort of the commitment's sorted measurements and the new ones, stable, so that a
    measurement dated like others goes after those already there and those given before it.
    """
    if c.target is None:
        raise NoTargetError(
            f"{c.id} has no numeric target, so there is nothing to measure; "
            "only a pledge with a [commitments.target] table takes measurements "
            "(use `gt mark` to record its status)"
        )
    for measurement in measurements:
        if not math.isfinite(measurement.value):
            raise DataError(f"{c.id}: {measurement.value!r} is not a finite number")
        if problem := c.target.share_problem(measurement.value):
            raise DataError(f"{c.id}: {problem}")
    merged = sorted((*c.measurements, *measurements), key=attrgetter("date"))
    return replace(c, measurements=tuple(merged))
