"""The starting point a quantitative target is measured from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Baseline:
    """The value of the target's metric at a stated date, in the target's unit.

    Only recorded where the source states it; otherwise progress falls back to the
    earliest measurement.
    """

    value: float
    date: dt.date | None = None
