"""Deadlines, kept at the precision the source gives: a year, a month or a day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from greentrade_cli.errors import DeadlineFormatError

_FORM = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?"
"""A deadline as written (compiled by :mod:`re` when first parsed: a cached ledger is not)."""


class Precision(StrEnum):
    """How precisely a deadline was stated."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline as written in the source (``"2030"``, ``"2030-06"``, ``"2030-06-30"``).

    ``text`` is kept exactly as written so exports round-trip; ``due`` is the last day
    the commitment can still be met on time: 31 December for a year, the month's last
    day for a month, the day itself for a day.
    """

    text: str
    precision: Precision
    due: dt.date

    @classmethod
    def parse(cls, text: str) -> Deadline:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises :class:`DeadlineFormatError` for other forms and impossible dates
        (``2030-13``, ``2030-02-30``).
        """
        match = re.fullmatch(_FORM, text, re.ASCII)
        if not match:
            raise DeadlineFormatError(
                f"{text!r} is not a deadline; write YYYY, YYYY-MM or YYYY-MM-DD"
            )
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            if month is None:
                return cls(text, Precision.YEAR, dt.date(year, 12, 31))
            if day is None:
                import calendar

                last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
                return cls(text, Precision.MONTH, dt.date(year, month, last))
            return cls(text, Precision.DAY, dt.date(year, month, day))
        except ValueError as exc:
            raise DeadlineFormatError(f"{text!r} is not a real date ({exc})") from None

    def has_passed(self, as_of: dt.date) -> bool:
        """True when ``as_of`` is after the due date (a ``2030`` deadline passes on 2031-01-01)."""
        return as_of > self.due

    def pledge_problem(self, pledged_on: dt.date) -> str | None:
        """Why this cannot be the deadline of a pledge made on ``pledged_on`` (it falls
        due before that day), or None."""
        if self.due >= pledged_on:
            return None
        return (
            f"{self.text!r} falls due before the pledge was made ({pledged_on}); correct the "
            "deadline or the source's date"
        )

    def __str__(self) -> str:
        return self.text
