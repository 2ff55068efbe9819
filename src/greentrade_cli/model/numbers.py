"""Reading numbers typed by users: plain (``32.5``, ``1e3``) or with thousands separators."""

from __future__ import annotations

import math
import re

from greentrade_cli.errors import UsageError

_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?\Z")
"""A number whose commas separate thousands: groups of exactly three digits (``2,000``,
``-1,234,567.5``)."""


_PLAIN = re.compile(
    r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z|[+-]?(?:inf|infinity|nan)\Z", re.I
)
"""A number as people write it in ASCII: Python's ``float`` also reads ``1_000`` and digits
of other scripts (``٤٠``), which no figure in a ledger should be."""


def ungrouped(text: str, what: str) -> float:
    """``text`` as a float, its thousands separators removed (``2,000`` -> 2000.0), ``-0``
    read as 0.

    Raises :class:`UsageError` naming ``what`` for a comma that does not separate groups
    of three digits (``2,00`` may be a decimal comma or a typo), and :class:`ValueError`
    for text that is not a plain ASCII number (``1_000``, ``٤٠``, ``40%``).
    """
    plain = text.strip()
    if "," in plain:
        if not _GROUPED.match(plain):
            raise UsageError(
                f"{what}: {text!r} is not a number gt can read unambiguously; commas may only "
                "separate thousands (2,000); write decimals with a point (2.5)"
            )
        plain = plain.replace(",", "")
    if not _PLAIN.match(plain):
        raise ValueError(text)
    return float(plain) + 0.0  # -0.0 + 0.0 is 0.0


def parse_number(text: str, what: str) -> float:
    """``text`` as a finite float, for option or argument ``what`` (e.g. ``--target-value``).

    Commas are read as thousands separators only where that is unambiguous, every group
    after the first having three digits (``2,000`` is 2000). Raises :class:`UsageError`
    naming ``what`` for any other comma (``2,00``: a decimal comma or a typo), text that
    is not a number, and ``nan`` or ``inf``.
    """
    try:
        value = ungrouped(text, what)
    except ValueError:
        raise UsageError(
            f"{what}: {text!r} is not a number; write a plain number such as 32.5 or 2,000"
        ) from None
    if not math.isfinite(value):
        raise UsageError(f"{what}: {text!r} is not a finite number")
    return value
