"""The audit trail of a commitment: each status change with its date, note and evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from greentrade_cli.model.status import Status


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One status change: on ``date`` the status became ``status``.

    ``note`` says why in the analyst's words; ``evidence`` points at what shows it (a
    document, a URL, a quote). Both may be empty strings.
    """

    date: dt.date
    status: Status
    note: str = ""
    evidence: str = ""
