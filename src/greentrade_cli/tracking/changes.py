"""What changed between two dates (``gt changes``), for a newsletter or a report.

Everything comes from the ledger itself, dated as the ledger dates it: status changes
(history entries, with their reasons), measurements (with the progress each moved, from
the figure without it to the figure with it, against the target in force that day),
target revisions (weakened or strengthened; see :mod:`greentrade_cli.model.revision`)
and new pledges (those whose source is dated in the period). Both dates are included.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, NamedTuple

from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status
from greentrade_cli.tracking.fields import status_move
from greentrade_cli.tracking.progress import progress
from greentrade_cli.tracking.report import format_percent, format_value
from greentrade_cli.tracking.revising import describe_revision


class Change(NamedTuple):
    """One change to ``commitment`` on ``date``: ``what`` happened, in words; ``note`` and
    ``evidence`` as the ledger gives them. ``figures`` holds the values of the JSON object
    beyond these (the statuses and reason, the value and progress, the revision's flags)."""

    date: dt.date
    commitment: Commitment
    what: str
    note: str = ""
    evidence: str = ""
    figures: dict[str, Any] = {}  # noqa: RUF012 (a NamedTuple default, never changed)

    def to_json(self) -> dict[str, Any]:
        """The change as a JSON object: date, id, agency, title, what, note, evidence and
        the figures of its kind."""
        c = self.commitment
        return {
            "date": self.date.isoformat(),
            "id": c.id,
            "agency": c.agency,
            "title": c.title,
            "what": self.what,
            **self.figures,
            "note": self.note,
            "evidence": self.evidence,
        }


class Changes(NamedTuple):
    """The changes from ``since`` to ``until`` (both included), each list oldest first."""

    since: dt.date
    until: dt.date
    statuses: tuple[Change, ...]
    measurements: tuple[Change, ...]
    revisions: tuple[Change, ...]
    pledges: tuple[Change, ...]

    def sections(self) -> list[tuple[str, tuple[Change, ...]]]:
        """``(heading, changes)`` in the order reports show them."""
        return [
            ("Status changes", self.statuses),
            ("New measurements", self.measurements),
            ("Target revisions", self.revisions),
            ("New pledges", self.pledges),
        ]

    def to_json(self) -> dict[str, Any]:
        """The changes as a JSON object: the dates, then a list per kind."""
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "status_changes": [c.to_json() for c in self.statuses],
            "measurements": [c.to_json() for c in self.measurements],
            "revisions": [c.to_json() for c in self.revisions],
            "new_pledges": [c.to_json() for c in self.pledges],
        }


def _fraction(c: Commitment, day: dt.date, pledged_on: dt.date | None) -> float | None:
    found = progress(c, day, pledged_on)
    return None if found is None else found.fraction


def changes(ledger: Ledger, since: dt.date, until: dt.date) -> Changes:
    """The changes to ``ledger`` from ``since`` to ``until`` (see the module notes)."""
    statuses: list[Change] = []
    measured: list[Change] = []
    revised: list[Change] = []
    pledges: list[Change] = []

    def within(day: dt.date) -> bool:
        return since <= day <= until

    for c in ledger.commitments:
        pledged_on = ledger.pledged_on(c)
        if pledged_on is not None and within(pledged_on):
            pledges.append(Change(pledged_on, c, "pledged", figures={"quote": c.quote}))
        previous = Status.PLEDGED
        for h in c.history:
            if within(h.date):
                figures: dict[str, Any] = {
                    "from": previous.value,
                    "to": h.status.value,
                    "reason": h.reason.value if h.reason else None,
                }
                what = status_move(previous, h)
                statuses.append(Change(h.date, c, what, h.note, h.evidence, figures))
            previous = h.status
        for index, m in enumerate(c.measurements):
            if not within(m.date):
                continue
            unit = c.unit_on(m.date)
            before = _fraction(replace(c, measurements=c.measurements[:index]), m.date, pledged_on)
            after = _fraction(
                replace(c, measurements=c.measurements[: index + 1]), m.date, pledged_on
            )
            moved = f"{format_percent(before)} → {format_percent(after)}"
            what = f"measured {format_value(m.value, unit)}; progress {moved}"
            figures = {"value": m.value, "progress_before": before, "progress_after": after}
            measured.append(Change(m.date, c, what, m.note, m.source, figures))
        for revised_ in c.revised():
            r = revised_.revision
            if within(r.date):
                figures = {
                    "weakened": list(revised_.weakened),
                    "strengthened": list(revised_.strengthened),
                }
                what = "revised " + describe_revision(revised_)
                revised.append(Change(r.date, c, what, r.note, r.evidence, figures))

    def oldest_first(found: list[Change]) -> tuple[Change, ...]:
        return tuple(sorted(found, key=lambda change: change.date))

    return Changes(since, until, oldest_first(statuses), oldest_first(measured),
                   oldest_first(revised), oldest_first(pledges))  # fmt: skip
