"""Quantitative targets: what a pledge promises to move, in which unit and which way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from greentrade_cli.model.baseline import Baseline

_SHARE = re.compile(r"\b(?:share|shares|proportion)\b", re.IGNORECASE)
"""The words by which a metric names a share of a whole ("Coal's share of total energy
consumption")."""


def is_share(metric: str, unit: str) -> bool:
    """True when a target's values are a share of a whole, which lies from 0 to 100%: its
    ``unit`` is ``%`` and its ``metric`` names a share (the word share or proportion).

    Other percentages are not bounded: a tariff rate or a growth rate may be above 100%,
    and a growth rate below 0.
    """
    return unit == "%" and _SHARE.search(metric) is not None


def share_problem(metric: str, unit: str, value: float) -> str | None:
    """What is wrong with ``value`` as a value of a target of ``metric`` in ``unit``: a
    share (:func:`is_share`) outside 0 to 100%; None when nothing is."""
    if 0 <= value <= 100 or not is_share(metric, unit):
        return None
    return (
        f"{value:g}% is not a possible value: the metric names a share, which is 0 to 100%; "
        "give percentage points (40 for 40%)"
    )


class Direction(StrEnum):
    """``increase``: reach at least ``value`` ("to 40%"); ``decrease``: at most ("below 5%")."""

    INCREASE = "increase"
    DECREASE = "decrease"


@dataclass(frozen=True, slots=True)
class Target:
    """A numeric target from the ledger's ``[commitments.target]`` table.

    ``metric`` names what is measured, ``unit`` its unit as written (``"%"`` means
    percentage points, 40.0 is forty percent, never a fraction), ``value`` the target
    value in that unit, ``direction`` which side of it counts as reached, and
    ``baseline`` the stated starting point, if any.
    """

    metric: str
    unit: str
    value: float
    direction: Direction
    baseline: Baseline | None = None

    def share_problem(self, value: float) -> str | None:
        """What is wrong with ``value`` in this target's unit: see :func:`share_problem`."""
        return share_problem(self.metric, self.unit, value)

    def is_reached_by(self, value: float) -> bool:
        """True when ``value`` (in the target's unit) meets the target: >= for increase, <= for decrease."""
        if self.direction is Direction.INCREASE:
            return value >= self.value
        return value <= self.value
