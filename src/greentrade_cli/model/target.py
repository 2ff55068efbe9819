"""Quantitative targets: what a pledge promises to move, in which unit and which way."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from greentrade_cli.model.baseline import Baseline


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

    def is_reached_by(self, value: float) -> bool:
        """True when ``value`` (in the target's unit) meets the target: >= for increase, <= for decrease."""
        if self.direction is Direction.INCREASE:
            return value >= self.value
        return value <= self.value
