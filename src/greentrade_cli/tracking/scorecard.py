"""The scorecard: a verdict on every pledge, counted per agency and overall, as of a date.

A verdict is what a reader asks of a promise, read off its status on the report date
(the mapping is :data:`VERDICTS`, after the promise meters of PolitiFact and the
Polimètre):

- kept: ``met``;
- kept in part: ``partially_met``;
- broken: ``missed`` or ``withdrawn``;
- in the works: ``in_progress`` or ``stalled``;
- not yet rated: ``pledged``. Nothing has been recorded about the pledge since it was
  made; that is not the same as no action: it may be that no one has looked yet.

A kept pledge is kept on time when the status change to ``met`` is dated on or before
the deadline's last day (or the pledge has no deadline), late otherwise. Overdue counts
the pledges whose deadline has passed with the status still open.

Reasons are counted per agency as a breakdown of the broken and in-the-works pledges: the
reason given with the status change in force on the report date (``missed``,
``withdrawn`` or ``stalled``; see :class:`~greentrade_cli.model.history.Reason`). A pledge
marked without a reason, or in progress, counts under none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, NamedTuple

from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.history import Reason
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status
from greentrade_cli.tracking.query import Selection, select

ALL_AGENCIES = "all"
"""The code of the row that counts every agency."""


class Verdict(StrEnum):
    """What became of a pledge, in the words of promise trackers."""

    KEPT = "kept"
    KEPT_IN_PART = "kept in part"
    BROKEN = "broken"
    IN_THE_WORKS = "in the works"
    NOT_YET_RATED = "not yet rated"


VERDICTS: dict[Status, Verdict] = {
    Status.MET: Verdict.KEPT,
    Status.PARTIALLY_MET: Verdict.KEPT_IN_PART,
    Status.MISSED: Verdict.BROKEN,
    Status.WITHDRAWN: Verdict.BROKEN,
    Status.IN_PROGRESS: Verdict.IN_THE_WORKS,
    Status.STALLED: Verdict.IN_THE_WORKS,
    Status.PLEDGED: Verdict.NOT_YET_RATED,
}
"""The verdict each status gives."""


def verdict(commitment: Commitment, as_of: dt.date) -> Verdict:
    """The verdict on ``commitment`` from its status on ``as_of``."""
    return VERDICTS[commitment.status_as_of(as_of)]


def reason_on(commitment: Commitment, as_of: dt.date) -> Reason | None:
    """The reason given with the status change in force on ``as_of`` (None when none was)."""
    reason = None
    for entry in commitment.history:
        if entry.date > as_of:
            break
        reason = entry.reason
    return reason


def kept_on(commitment: Commitment, as_of: dt.date) -> dt.date | None:
    """The date of the status change to ``met`` in force on ``as_of`` (None when not kept then)."""
    kept = None
    for entry in commitment.history:
        if entry.date > as_of:
            break
        kept = entry.date if entry.status is Status.MET else None
    return kept


class Score(NamedTuple):
    """The verdicts on one agency's pledges (or all, with code :data:`ALL_AGENCIES`).

    ``counts`` holds every verdict in :class:`Verdict` order with its number of pledges;
    ``kept_late`` counts the kept pledges whose ``met`` came after the deadline;
    ``overdue`` the open pledges past their deadline; ``reasons`` every key of
    :class:`Reason` with the number of pledges whose status in force was given it.
    """

    code: str
    name: str
    counts: dict[Verdict, int]
    kept_late: int
    overdue: int
    reasons: dict[Reason, int]

    @property
    def total(self) -> int:
        """Number of pledges."""
        return sum(self.counts.values())

    @property
    def kept_on_time(self) -> int:
        """Kept pledges whose ``met`` came on or before the deadline (or with no deadline)."""
        return self.counts[Verdict.KEPT] - self.kept_late

    @property
    def share_kept(self) -> float | None:
        """Kept pledges as a fraction of all (0.25 is 25%); None without pledges."""
        return self.counts[Verdict.KEPT] / self.total if self.total else None

    def to_json(self) -> dict[str, Any]:
        """The score as a JSON object: verdict counts keyed with ``_`` for spaces."""
        return {
            "agency": self.code,
            "name": self.name,
            "total": self.total,
            **{v.value.replace(" ", "_"): n for v, n in self.counts.items()},
            "share_kept": self.share_kept,
            "kept_on_time": self.kept_on_time,
            "kept_late": self.kept_late,
            "overdue": self.overdue,
            "reasons": {r.value: n for r, n in self.reasons.items()},
        }


class Scorecard(NamedTuple):
    """Scores per agency (every agency of the ledger, in its order) and overall, on ``as_of``."""

    as_of: dt.date
    agencies: tuple[Score, ...]
    overall: Score

    def to_json(self) -> dict[str, Any]:
        """The scorecard as a JSON object."""
        return {
            "as_of": self.as_of.isoformat(),
            "agencies": [s.to_json() for s in self.agencies],
            "all": self.overall.to_json(),
        }


def score(code: str, name: str, commitments: Sequence[Commitment], as_of: dt.date) -> Score:
    """The :class:`Score` of ``commitments`` on ``as_of``."""
    counts = dict.fromkeys(Verdict, 0)
    reasons = dict.fromkeys(Reason, 0)
    kept_late = overdue = 0
    for c in commitments:
        status = c.status_as_of(as_of)
        counts[VERDICTS[status]] += 1
        if (reason := reason_on(c, as_of)) is not None:
            reasons[reason] += 1
        deadline = c.version_on(as_of).deadline
        if status is Status.MET and deadline is not None:
            met = kept_on(c, as_of)
            kept_late += met is not None and met > deadline.due
        overdue += c.is_overdue(as_of, status)
    return Score(code, name, counts, kept_late, overdue, reasons)


def scorecard(ledger: Ledger, as_of: dt.date) -> Scorecard:
    """The scorecard of the pledges made on or before ``as_of`` (see the module notes)."""
    made = select(ledger, Selection(as_of=as_of))
    by_agency: dict[str, list[Commitment]] = {code: [] for code in ledger.agencies}
    for c in made:  # a joint pledge counts for each agency it names, once in the total
        for code in c.agencies:
            by_agency.setdefault(code, []).append(c)
    agencies = tuple(
        score(code, ledger.agencies[code].name if code in ledger.agencies else "", mine, as_of)
        for code, mine in by_agency.items()
    )
    return Scorecard(as_of, agencies, score(ALL_AGENCIES, "All agencies", made, as_of))
