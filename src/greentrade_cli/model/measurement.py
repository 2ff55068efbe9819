"""Dated measurements of a target's metric."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Measurement:
    """The metric's ``value`` on ``date``, in the target's unit; ``source`` says where it was read."""

    date: dt.date
    value: float
    source: str = ""
    note: str = ""
