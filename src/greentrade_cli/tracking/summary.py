"""The figures of ``gt summary``: pledges per agency and every quantitative target, as of a date.

Per agency (every agency in the ledger, also one without pledges), counting the pledges
made on or before the report date: the total, a count per status (as of that date), the
share met (``met`` pledges / total, unknown without pledges) and how many are overdue
(deadline passed, status still open: what ``gt list --overdue`` lists). A last row counts
every pledge once. A joint pledge counts in the row of each agency it names and once in
the last row, so the agency rows may add up to more than the last. Then one row per quantitative target with its baseline, latest value,
target, deadline, progress and pace (see :mod:`greentrade_cli.tracking.progress`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status
from greentrade_cli.tracking.progress import Pace
from greentrade_cli.tracking.query import Selection, select
from greentrade_cli.tracking.report import StatusRow, status_rows

ALL_AGENCIES = "all"
"""The code shown on the row that adds up every agency."""
SHOWN_TARGETS = 20
"""Quantitative targets the text of ``gt summary`` shows by default (``--targets``)."""
_PACE_RANK = {
    Pace.OVERDUE: 0,
    Pace.BEHIND: 1,
    Pace.NO_DATA: 2,
    Pace.ON_TRACK: 3,
    Pace.REACHED: 4,
}


class AgencySummary(NamedTuple):
    """One agency's pledges as of a date.

    ``code`` and ``name`` identify the agency (:data:`ALL_AGENCIES` and ``All agencies``
    for the total row); ``counts`` holds every status, in vocabulary order, with its
    number of pledges (0 included); ``overdue`` counts pledges past their deadline with
    the status still open. A named tuple, not a dataclass: defined for a tenth of the
    start-up.
    """

    code: str
    name: str
    counts: dict[Status, int]
    overdue: int

    @property
    def total(self) -> int:
        """Number of pledges."""
        return sum(self.counts.values())

    @property
    def share_met(self) -> float | None:
        """``met`` pledges as a fraction of all (0.25 is 25%); None without pledges."""
        return self.counts[Status.MET] / self.total if self.total else None

    def to_json(self) -> dict[str, Any]:
        """The row as a JSON object; ``share_met`` a fraction or null."""
        return {
            "agency": self.code,
            "name": self.name,
            "total": self.total,
            "statuses": {s.value: n for s, n in self.counts.items()},
            "share_met": self.share_met,
            "overdue": self.overdue,
        }


def _standing(c: Commitment, as_of: dt.date) -> tuple[Status, bool]:
    """``c``'s status on ``as_of`` and whether it is overdue then."""
    status = c.status_as_of(as_of)
    return status, c.is_overdue(as_of, status)


def target_json(row: StatusRow) -> dict[str, Any]:
    """One quantitative target as a JSON object: values in the target's unit, progress a
    fraction (null when unknown), dates ISO, the deadline as written (null if none).
    """
    c = row.commitment
    t, deadline = row.version.target, row.version.deadline
    assert t is not None and row.progress is not None
    p = row.progress
    return {
        "id": c.id,
        "agency": c.agency,
        "status": row.status,
        "metric": t.metric,
        "unit": t.unit,
        "direction": t.direction.value,
        "baseline": p.baseline,
        "latest": p.latest,
        "latest_date": p.latest_on.isoformat() if p.latest_on else None,
        "target": t.value,
        "deadline": deadline.text if deadline else None,
        "progress": p.fraction,
        "pace": p.pace.value,
        "projected": p.projected,
    }


class Summary(NamedTuple):
    """What ``gt summary`` reports: ``agencies`` in ledger order, ``total`` over all of
    them, and ``targets``: a status row per quantitative pledge, in ledger order. A
    named tuple, not a dataclass: defined for a tenth of the start-up.
    """

    as_of: dt.date
    agencies: tuple[AgencySummary, ...]
    total: AgencySummary
    targets: tuple[StatusRow, ...]

    def to_json(self) -> dict[str, Any]:
        """The same figures as a JSON object: ``as_of``, ``agencies``, ``all``, ``targets``."""
        return {
            "as_of": self.as_of.isoformat(),
            "agencies": [a.to_json() for a in self.agencies],
            "all": self.total.to_json(),
            "targets": [target_json(row) for row in self.targets],
        }

    def furthest_behind(self, limit: int) -> tuple[StatusRow, ...]:
        """The quantitative targets to show when at most ``limit`` fit (0: no limit).

        All of them, in ledger order, when there are no more than ``limit``; else the
        ``limit`` furthest behind, worst first: overdue, then behind, no data, on track
        and reached, and within each the lowest progress first (unknown last), then
        ledger order.
        """
        if not limit or len(self.targets) <= limit:
            return self.targets

        def rank(item: tuple[int, StatusRow]) -> tuple[int, bool, float, int]:
            index, row = item
            assert row.progress is not None
            fraction = row.progress.fraction
            return (
                _PACE_RANK[row.progress.pace],
                fraction is None,
                0.0 if fraction is None else fraction,
                index,
            )

        return tuple(row for _, row in sorted(enumerate(self.targets), key=rank)[:limit])


def joint_note(ledger: Ledger, as_of: dt.date) -> str | None:
    """How joint pledges were counted in the per-agency figures, when any was made by
    ``as_of``; None when there is none."""
    from greentrade_cli.tracking.tally import joint_sentence

    joint = sum(1 for c in select(ledger, Selection(as_of=as_of)) if c.joint)
    return joint_sentence(joint, ALL_AGENCIES)


def summarize(ledger: Ledger, as_of: dt.date) -> Summary:
    """Summarise ``ledger`` as it stood on ``as_of`` (pledges made later are left out)."""
    pledged = select(ledger, Selection(as_of=as_of))
    # counted as they come: a pair per pledge would be 7 MB at 100,000 pledges
    counts = {code: dict.fromkeys(Status, 0) for code in ledger.agencies}
    overdue = dict.fromkeys(ledger.agencies, 0)
    every = dict.fromkeys(Status, 0)
    late_in_all = 0
    for c in pledged:  # a joint pledge counts for each agency it names, once in the total
        status, late = _standing(c, as_of)
        every[status] += 1
        late_in_all += late
        for code in c.agencies:
            per_status = counts.get(code)
            if per_status is None:  # an agency the ledger does not declare
                per_status = counts[code] = dict.fromkeys(Status, 0)
                overdue[code] = 0
            per_status[status] += 1
            overdue[code] += late
    agencies = tuple(
        AgencySummary(a.code, a.name, counts[a.code], overdue[a.code])
        for a in ledger.agencies.values()
    )
    total = AgencySummary(ALL_AGENCIES, "All agencies", every, late_in_all)
    quantitative = [c for c in pledged if c.version_on(as_of).target is not None]
    rows = status_rows(ledger, quantitative, as_of, stale_after=None)  # not shown here
    return Summary(as_of, agencies, total, tuple(rows))
