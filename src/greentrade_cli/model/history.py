"""The audit trail of a commitment: each status change with its date, note, evidence and,
for a pledge missed, withdrawn or stalled, the reason why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from greentrade_cli.errors import UsageError
from greentrade_cli.model.status import Status


class Reason(StrEnum):
    """Why a pledge was missed, withdrawn or stalled (after Holder de ord's reasons).

    ``deprioritised``: other goals came first; ``policy_changed``: the government changed
    its mind; ``external_shock``: events outside its control (a crisis, a trade dispute);
    ``superseded``: replaced by another pledge or policy; ``no_funding``: the money was not
    found; ``other``: none of these (say which in the note).
    """

    DEPRIORITISED = "deprioritised"
    POLICY_CHANGED = "policy_changed"
    EXTERNAL_SHOCK = "external_shock"
    SUPERSEDED = "superseded"
    NO_FUNDING = "no_funding"
    OTHER = "other"

    @classmethod
    def parse(cls, text: str) -> Reason:
        """Parse a reason key in any case, with ``-`` or space for ``_`` (``No funding``).

        Raises :class:`UsageError` listing the taxonomy when ``text`` is none of it.
        """
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        try:
            return cls(key)
        except ValueError:
            valid = ", ".join(r.value for r in cls)
            raise UsageError(f"unknown reason {text!r}; use one of: {valid}") from None


REASONED_STATUSES = (Status.MISSED, Status.WITHDRAWN, Status.STALLED)
"""The statuses a status change may give a reason for."""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One status change: on ``date`` the status became ``status``.

    ``note`` says why in the analyst's words; ``evidence`` points at what shows it (a
    document, a URL, a quote). Both may be empty strings. ``reason`` is the key from
    :class:`Reason`, only for a status in :data:`REASONED_STATUSES` (None when not given).
    """

    date: dt.date
    status: Status
    note: str = ""
    evidence: str = ""
    reason: Reason | None = None
