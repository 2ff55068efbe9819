"""Counting commitments per agency: how many there are, in each status, and overdue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status
from greentrade_cli.tracking.report import StatusRow


@dataclass(frozen=True, slots=True)
class AgencyTally:
    """Counts for one agency (or, with ``code`` ``""``, for all) among the rows tallied.

    ``statuses`` holds every :class:`Status` in vocabulary order with its count (0 when
    none); ``overdue`` counts commitments past their deadline and still open. Names are
    empty when the agency is not declared in the ledger.
    """

    code: str
    name: str
    name_zh: str
    total: int
    statuses: tuple[tuple[Status, int], ...]
    overdue: int


def _tally(code: str, name: str, name_zh: str, rows: Sequence[StatusRow]) -> AgencyTally:
    counts = {s: 0 for s in Status}
    for row in rows:
        counts[Status(row.status)] += 1
    overdue = sum(1 for row in rows if row.commitment.is_overdue(row.as_of))
    return AgencyTally(code, name, name_zh, len(rows), tuple(counts.items()), overdue)


def agency_tallies(
    ledger: Ledger, rows: Sequence[StatusRow], *, declared: bool = False
) -> list[AgencyTally]:
    """One tally per agency that has rows, in the ledger's agency order (statuses as of
    each row's date); a joint pledge counts for each agency it names. With ``declared``,
    also every agency the ledger declares (zeros)."""
    codes = list(ledger.agencies) + sorted(
        {code for r in rows for code in r.commitment.agencies} - set(ledger.agencies)
    )
    result = []
    for code in codes:
        mine = [r for r in rows if code in r.commitment.agencies]
        if mine or (declared and code in ledger.agencies):
            agency = ledger.agencies.get(code)
            name, name_zh = (agency.name, agency.name_zh) if agency else ("", "")
            result.append(_tally(code, name, name_zh, mine))
    return result


def joint_sentence(count: int, total: str) -> str | None:
    """How ``count`` joint pledges were counted in per-agency figures whose total row is
    called ``total``; None when there is none."""
    if not count:
        return None
    which = "1 joint pledge counts" if count == 1 else f"{count} joint pledges count"
    return (
        f"{which} in the row of each agency named and once in '{total}', so the agency rows "
        "add up to more than it"
    )


def total_tally(rows: Sequence[StatusRow]) -> AgencyTally:
    """The tally of all ``rows`` together (``code`` and names empty)."""
    return _tally("", "", "", rows)
