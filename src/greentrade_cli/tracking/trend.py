"""A compact trend of measured values: a unicode sparkline."""

from __future__ import annotations

import math
from collections.abc import Sequence

TICKS = "▁▂▃▄▅▆▇█"
"""Eight block heights, lowest first."""


def sparkline(values: Sequence[float]) -> str:
    """One block character per value, scaled from the lowest (``▁``) to the highest (``█``).

    ``[28, 30, 31.5]`` gives ``▁▅█``. Equal values all get a middle block (``▄``); an
    empty sequence gives ``""``. Values must be finite; they may span more than a float
    holds (``-1e308`` to ``1e308``: they are then halved first).
    """
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return TICKS[3] * len(values)
    top = len(TICKS) - 1
    scale = 1.0 if math.isfinite(high - low) else 0.5  # halving is exact; the span then fits
    span = high * scale - low * scale
    return "".join(TICKS[round((v * scale - low * scale) / span * top)] for v in values)
