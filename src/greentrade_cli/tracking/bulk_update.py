"""Checking a whole import against the ledger before anything is written.

:func:`plan_import` applies every :class:`~greentrade_cli.tracking.import_file.ImportEntry` to a
working copy of the commitments, in file order, and either returns the :class:`Plan`
(the commitments changed and a line per change) or raises :class:`ImportProblems`
listing every problem, so that an import is written whole or not at all.

The rules are those of ``gt mark`` and the ledger schema: ids must exist (in full);
history stays in date order, measurements are sorted into it as by ``gt record``, and
both start no earlier than the pledge;
``met`` needs evidence; measurements need a numeric target. An entry equal to one the
commitment already has is skipped, so importing the same file twice, or a file that
``gt export --format json`` wrote, changes nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from greentrade_cli.errors import ImportProblems, Problem
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.dates import future_problem
from greentrade_cli.model.history import HistoryEntry
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.status import Status
from greentrade_cli.tracking.import_rows import ImportEntry
from greentrade_cli.tracking.recording import record_measurements
from greentrade_cli.tracking.report import format_value


@dataclass(frozen=True, slots=True)
class Change:
    """One change the import makes: ``line`` of the file, the commitment, and what, in words."""

    line: int
    commitment_id: str
    description: str

    def format(self) -> str:
        """``ID: description``, as ``gt import`` prints it."""
        return f"{self.commitment_id}: {self.description}"


@dataclass(frozen=True, slots=True)
class Plan:
    """What an import does: ``changes`` in file order, ``changed`` commitments in ledger
    order (what is written), and ``unchanged`` the number of entries already recorded."""

    changes: tuple[Change, ...]
    changed: tuple[Commitment, ...]
    unchanged: int


def _unknown_id(ledger: Ledger, cid: str) -> str:
    close = difflib.get_close_matches(cid, [c.id for c in ledger.commitments], n=3, cutoff=0.75)
    hint = f"did you mean {' or '.join(close)}?" if close else "run `gt list` to see the ids"
    return f"no commitment with this id; {hint}"


@dataclass(slots=True)
class _Working:
    """A commitment as the entries applied so far leave it. What they add is gathered
    here, each entry looked up in a set, and the commitment copied once at the end: a
    copy of it per entry, and a scan of its lists for an entry equal to each new one,
    made an import of n rows for one commitment take time growing with n squared."""

    original: Commitment
    status: Status
    last_change: dt.date | None
    history: list[HistoryEntry] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    seen_history: set[HistoryEntry] = field(default_factory=set)
    seen_measurements: set[Measurement] = field(default_factory=set)

    @classmethod
    def of(cls, c: Commitment) -> _Working:
        w = cls(c, c.status, c.last_change())
        w.seen_history.update(c.history)
        w.seen_measurements.update(c.measurements)
        return w

    def result(self) -> Commitment:
        """The commitment with every status change and measurement added."""
        c = self.original
        if self.history:
            c = replace(c, status=self.status, history=(*c.history, *self.history))
        if self.measurements:  # the rule of gt record: kept in date order
            c = record_measurements(c, self.measurements)
        return c


class _Planner:
    def __init__(self, ledger: Ledger, today: dt.date) -> None:
        self.ledger = ledger
        self.today = today
        self.working: dict[str, _Working] = {}
        self.ids = {c.id: c for c in ledger.commitments}
        self.problems: list[Problem] = []
        self.changes: list[Change] = []
        self.unchanged = 0

    def fail(self, entry: ImportEntry, name: str | None, message: str) -> None:
        self.problems.append(Problem(entry.line, entry.commitment_id, name, message))

    def status_change(self, entry: ImportEntry, w: _Working, h: HistoryEntry) -> None:
        if h in w.seen_history:
            self.unchanged += 1
            return
        c = w.original
        last = w.last_change
        source = self.ledger.sources.get(c.source)
        if last is not None and h.date < last:
            self.fail(
                entry,
                "date",
                f"{h.date} is before the last history entry ({last}); history stays in date "
                f"order, give {last} or later",
            )
        elif source is not None and h.date < source.date:
            self.fail(entry, "date", f"{h.date} is before the pledge was made ({source.date})")
        elif h.status is Status.MET and not h.evidence.strip():
            self.fail(entry, "evidence", "status met needs evidence saying what shows it was kept")
        else:
            before = w.status
            because = f" ({h.reason.value})" if h.reason else ""
            w.history.append(h)
            w.seen_history.add(h)
            w.status, w.last_change = h.status, h.date
            self.changes.append(
                Change(
                    entry.line,
                    c.id,
                    f"status {before.value} -> {h.status.value}{because} on {h.date}",
                )
            )

    def measurement(self, entry: ImportEntry, w: _Working, m: Measurement) -> None:
        c = w.original
        if c.target is None:
            self.fail(
                entry,
                "value",
                "the commitment has no numeric target, so it takes no measurements; "
                "add a [commitments.target] to the ledger first",
            )
            return
        if m in w.seen_measurements:
            self.unchanged += 1
            return
        if problem := c.target.share_problem(m.value):
            self.fail(entry, "value", problem)
            return
        w.measurements.append(m)
        w.seen_measurements.add(m)
        value = format_value(m.value, c.target.unit)
        self.changes.append(Change(entry.line, c.id, f"measurement {value} on {m.date}"))

    def status_check(self, entry: ImportEntry, w: _Working, claimed: Status) -> None:
        before = w.original.status
        allowed = ({entry.own_status} if entry.own_status else {before, Status.PLEDGED}) | {
            w.status
        }
        if claimed not in allowed:
            said = (
                f"its history ends with {entry.own_status.value!r}"
                if entry.own_status
                else f"the commitment is {w.status.value!r} and no history entry changes that"
            )
            self.fail(
                entry,
                "status",
                f"is {claimed.value!r} but {said}; to change a status add a history entry "
                "(date, status, note, evidence)",
            )

    def apply(self, entry: ImportEntry) -> None:
        cid = entry.commitment_id
        w = self.working.get(cid)
        if w is None and (c := self.ids.get(cid)) is not None:
            w = self.working[cid] = _Working.of(c)
        dated = entry.history or entry.measurement
        if w is None:
            self.fail(entry, "id", _unknown_id(self.ledger, cid))
        elif dated is not None and (late := future_problem(dated.date, self.today)):
            self.fail(entry, "date", late)
        elif entry.history is not None:
            self.status_change(entry, w, entry.history)
        elif entry.measurement is not None:
            self.measurement(entry, w, entry.measurement)
        elif entry.status_check is not None:
            self.status_check(entry, w, entry.status_check)


def plan_import(
    ledger: Ledger,
    entries: Sequence[ImportEntry],
    name: str,
    today: dt.date,
    problems: Sequence[Problem] = (),
) -> Plan:
    """Apply ``entries`` (read from the file ``name``) to a copy of ``ledger``'s commitments.

    ``problems`` found while reading the file are reported with those found here; an
    entry dated after ``today`` is one. Returns the :class:`Plan`; raises
    :class:`ImportProblems` when any entry cannot be applied.
    """
    planner = _Planner(ledger, today)
    for entry in entries:
        planner.apply(entry)
    found = sorted([*problems, *planner.problems], key=lambda p: p.line or 0)
    if found:
        raise ImportProblems(name, found)
    changed = tuple(
        w.result()
        for c in ledger.commitments
        if (w := planner.working.get(c.id)) is not None and (w.history or w.measurements)
    )
    return Plan(tuple(planner.changes), changed, planner.unchanged)
