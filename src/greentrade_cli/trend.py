"""A compact trend of measured values: a unicode sparkline."""

from __future__ import annotations

from collections.abc import Sequence

TICKS = "▁▂▃▄▅▆▇█"
"""Eight block heights, lowest first."""


def sparkline(values: Sequence[float]) -> str:
    """One block character per value, scaled from the lowest (``▁``) to the highest (``█``).

    ``[28, 30, 31.5]`` gives ``▁▅█``. Equal values all get a middle block (``▄``); an
    empty sequence gives ``""``. Values must be finite.
    """
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return TICKS[3] * len(values)
    top = len(TICKS) - 1
    return "".join(TICKS[round((v - low) / (high - low) * top)] for v in values)
