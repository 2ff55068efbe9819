"""Reading calendar dates typed by users (``--on``, ``--as-of``, ``--due-before``)."""

from __future__ import annotations

import datetime as dt

from greentrade_cli.errors import UsageError


def parse_date(text: str, what: str) -> dt.date:
    """Parse an ISO calendar date ``YYYY-MM-DD`` given for option ``what`` (e.g. ``--on``).

    Raises :class:`UsageError` naming the option when the text is not a real date
    (``2030-02-30``) or not in that form.
    """
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        reason = str(exc).removeprefix("Invalid isoformat string: ")
        if "out of range" in reason or "must be in" in reason:
            raise UsageError(f"{what}: {text!r} is not a real date ({reason})") from None
        raise UsageError(f"{what}: {text!r} is not a date; write YYYY-MM-DD") from None
