"""The status vocabulary of a commitment, as analysts use it."""

from __future__ import annotations

from enum import StrEnum

from greentrade_cli.errors import UsageError


class Status(StrEnum):
    """Where a commitment stands.

    ``pledged``: promised, no sign of action yet; ``in_progress``: action under way;
    ``stalled``: action stopped; ``partially_met``: part of the promise kept;
    ``met``: kept; ``missed``: the deadline passed unmet; ``withdrawn``: dropped.
    """

    PLEDGED = "pledged"
    IN_PROGRESS = "in_progress"
    STALLED = "stalled"
    PARTIALLY_MET = "partially_met"
    MET = "met"
    MISSED = "missed"
    WITHDRAWN = "withdrawn"

    @property
    def is_open(self) -> bool:
        """True while the commitment can still be kept (it can fall overdue)."""
        return self in OPEN_STATUSES

    @classmethod
    def parse(cls, text: str) -> Status:
        """Parse a status word in any case, with ``-`` or space for ``_`` (``In-Progress``).

        Raises :class:`UsageError` naming the valid statuses when ``text`` is none of them.
        """
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        try:
            return cls(key)
        except ValueError:
            valid = ", ".join(s.value for s in cls)
            raise UsageError(f"unknown status {text!r}; use one of: {valid}") from None


OPEN_STATUSES = frozenset(
    {Status.PLEDGED, Status.IN_PROGRESS, Status.STALLED, Status.PARTIALLY_MET}
)
