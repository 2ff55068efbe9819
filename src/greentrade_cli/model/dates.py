"""Reading calendar dates typed by users (``--on``, ``--as-of``, ``--due-before``)."""

from __future__ import annotations

import datetime as dt
import re

from greentrade_cli.errors import UsageError

_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def parse_date(text: str, what: str) -> dt.date:
    """Parse an ISO calendar date ``YYYY-MM-DD`` given for option ``what`` (e.g. ``--on``).

    Raises :class:`UsageError` naming the option when the text is not a real date
    (``2030-02-30``) or not in that form.
    """
    if not _FORM.match(text.strip()):
        raise UsageError(f"{what}: {text!r} is not a date; write YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        reason = str(exc).removeprefix("Invalid isoformat string: ")
        if "out of range" in reason or "must be in" in reason:
            raise UsageError(f"{what}: {text!r} is not a real date ({reason})") from None
        raise UsageError(f"{what}: {text!r} is not a date; write YYYY-MM-DD") from None


_BOUND = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?\Z")


def parse_bound(text: str, what: str) -> dt.date:
    """The first day of the period ``text`` names, for an exclusive upper bound such as
    ``--due-before``: ``2028`` is 2028-01-01, ``2028-06`` is 2028-06-01, a full date
    itself. So ``--due-before 2028`` means due before the start of 2028.

    Raises :class:`UsageError` naming ``what`` for any other form or an impossible month.
    """
    match = _BOUND.match(text.strip())
    if match is None:
        if _FORM.match(text.strip()):
            return parse_date(text, what)
        raise UsageError(f"{what}: {text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month = int(match[1]), int(match[2] or 1)
    if not 1 <= month <= 12 or year < 1:
        raise UsageError(f"{what}: {text!r} is not a real month; months run from 01 to 12")
    return dt.date(year, month, 1)


def parse_change_date(text: str | None, today: dt.date, what: str = "--on") -> dt.date:
    """The date a change happened: ``text`` parsed as by :func:`parse_date`, else ``today``.

    Raises :class:`UsageError` for a date after ``today``: a change cannot be recorded
    before it happens, and a mistyped future date would block every later entry.
    """
    if text is None:
        return today
    when = parse_date(text, what)
    problem = future_problem(when, today)
    if problem is not None:
        raise UsageError(f"{what}: {problem}")
    return when


def future_problem(when: dt.date, today: dt.date) -> str | None:
    """Why a change dated ``when`` cannot be recorded on ``today`` (it is later), else None."""
    if when <= today:
        return None
    return f"{when} is after today ({today}); record a change on or after the day it happens"
