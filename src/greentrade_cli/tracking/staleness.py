"""Staleness: open pledges nobody has followed up for a while.

A pledge is *stale* on a report date when it is still open (``pledged``,
``in_progress``, ``stalled`` or ``partially_met`` on that date) and more than N days
(default :data:`DEFAULT_STALE_AFTER_DAYS`) have passed since its last activity: the
newest history entry or measurement dated on or before the report date, or the day the
pledge was made when there is neither. Closed pledges (``met``, ``missed``,
``withdrawn``) need no follow-up and are never stale.
"""

from __future__ import annotations

import datetime as dt

from greentrade_cli.errors import UsageError
from greentrade_cli.model.commitment import Commitment

DEFAULT_STALE_AFTER_DAYS = 180
"""Days without a history entry or measurement after which an open pledge is stale."""


def check_stale_after(days: int) -> int:
    """Return ``days`` when it is a usable ``--stale-after`` (1 or more).

    Raises :class:`UsageError` otherwise.
    """
    if days < 1:
        raise UsageError(f"--stale-after: must be a whole number of days, 1 or more, not {days}")
    return days


def last_activity(c: Commitment, as_of: dt.date, pledged_on: dt.date | None) -> dt.date | None:
    """The newest of: history entries and measurements dated on or before ``as_of``, and
    ``pledged_on`` (the source's date) when it is on or before ``as_of``.

    None when nothing had happened by ``as_of``.
    """
    dates = [h.date for h in c.history if h.date <= as_of]
    dates += [m.date for m in c.measurements if m.date <= as_of]
    if pledged_on is not None and pledged_on <= as_of:
        dates.append(pledged_on)
    return max(dates, default=None)


def is_stale(
    c: Commitment,
    as_of: dt.date,
    pledged_on: dt.date | None,
    after_days: int = DEFAULT_STALE_AFTER_DAYS,
) -> bool:
    """True when ``c`` is open on ``as_of`` and its last activity is more than
    ``after_days`` days before ``as_of``: with 180, a pledge last touched on 2025-10-31
    is still fresh on 2026-04-29 (180 days later) and stale from 2026-04-30.
    """
    if not c.status_as_of(as_of).is_open:
        return False
    last = last_activity(c, as_of, pledged_on)
    return last is not None and (as_of - last).days > after_days
