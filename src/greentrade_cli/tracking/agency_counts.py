"""The agencies of a ledger with how many commitments each has made (``gt agencies``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from greentrade_cli.model.agency import Agency
from greentrade_cli.model.ledger import Ledger


@dataclass(frozen=True, slots=True)
class AgencyRow:
    """An agency and its counts: ``commitments`` made, of which ``open`` can still be kept
    (pledged, in progress, stalled or partially met, by recorded status)."""

    agency: Agency
    commitments: int
    open: int

    def to_json(self) -> dict[str, Any]:
        """The row as JSON-ready values."""
        a = self.agency
        return {
            "code": a.code,
            "name": a.name,
            "name_zh": a.name_zh,
            "aliases": list(a.aliases),
            "commitments": self.commitments,
            "open": self.open,
        }


def agency_rows(ledger: Ledger) -> list[AgencyRow]:
    """One row per agency, in the ledger's order (agencies without commitments count 0);
    a joint pledge counts for each agency it names."""
    made = Counter(code for c in ledger.commitments for code in c.agencies)
    still_open = Counter(
        code for c in ledger.commitments if c.status.is_open for code in c.agencies
    )
    return [AgencyRow(a, made[a.code], still_open[a.code]) for a in ledger.agencies.values()]
