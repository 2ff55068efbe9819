"""A commitment: one distinct pledge made in a source, with its target and audit trail."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, replace

from greentrade_cli.errors import DataError, UsageError
from greentrade_cli.model.deadline import Deadline
from greentrade_cli.model.history import REASONED_STATUSES, HistoryEntry, Reason
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.revision import Revised, Revision, Version, compare
from greentrade_cli.model.status import Status
from greentrade_cli.model.target import Target


@dataclass(frozen=True, slots=True)
class Commitment:
    """One pledge from the ledger's ``[[commitments]]`` array.

    ``agency`` is the code of the agency that made the pledge (the lead one of a joint
    pledge) and ``joint`` the codes of the agencies that made it with it, in the order
    named (in the TOML both are one ``agency`` list, lead first); ``quote`` is the
    source's exact words; ``status`` the current status (the last history entry's, or
    ``pledged`` when there is none); ``deadline`` None for a continuing pledge;
    ``target`` None for a pledge without a number. ``target`` and
    ``deadline`` are the latest version; ``revisions`` keep the earlier ones, oldest
    first (see :mod:`greentrade_cli.model.revision`).
    """

    id: str
    title: str
    agency: str
    source: str
    quote: str
    status: Status
    speaker: str = ""
    speaker_role: str = ""
    deadline: Deadline | None = None
    tags: tuple[str, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    target: Target | None = None
    revisions: tuple[Revision, ...] = ()
    joint: tuple[str, ...] = ()

    @property
    def agencies(self) -> tuple[str, ...]:
        """Every agency that made the pledge: the lead first, then the joint ones."""
        return (self.agency, *self.joint) if self.joint else (self.agency,)

    @property
    def agency_text(self) -> str:
        """The agencies as one cell of a table or export: ``MIIT``, or ``NDRC+NEA`` for a
        joint pledge (lead first)."""
        return "+".join(self.agencies)

    def versions(self) -> list[Version]:
        """Every version of the target and deadline, oldest first; the last is in force now."""
        versions = []
        since: dt.date | None = None
        made: Revision | None = None
        for revision in self.revisions:
            versions.append(Version(since, revision.target, revision.deadline, made))
            since, made = revision.date, revision
        return [*versions, Version(since, self.target, self.deadline, made)]

    def version_on(self, day: dt.date) -> Version:
        """The version of the target and deadline in force on ``day`` (a revision is in
        force from its date)."""
        if not self.revisions:
            return Version(None, self.target, self.deadline)
        if self.revisions[-1].date <= day:
            return self.versions()[-1]
        return next(v for v in reversed(self.versions()) if v.since is None or v.since <= day)

    def unit_on(self, day: dt.date) -> str:
        """The unit of the target in force on ``day`` (see :meth:`version_on`): the unit a
        measurement dated ``day`` is in; ``""`` when no target was in force."""
        target = self.version_on(day).target
        return target.unit if target is not None else ""

    def revised(self, as_of: dt.date | None = None) -> list[Revised]:
        """Each revision dated on or before ``as_of`` (every one for None), oldest first,
        with the versions before and after it and how it changed ambition."""
        if not self.revisions:
            return []
        return [
            Revised(before, after, *compare(before, after))
            for before, after in itertools.pairwise(self.versions())
            if as_of is None or (after.since is not None and after.since <= as_of)
        ]

    def weakened_on(self, as_of: dt.date) -> bool:
        """True when a revision dated on or before ``as_of`` lowered the pledge's ambition
        (see :func:`greentrade_cli.model.revision.compare`)."""
        return any(r.weakened for r in self.revised(as_of))

    def last_change(self) -> dt.date | None:
        """Date of the newest history entry, or None when there is none."""
        return self.history[-1].date if self.history else None

    def status_as_of(self, as_of: dt.date) -> Status:
        """The status as the ledger stood on ``as_of``: the last history entry on or before it.

        Before the first history entry the status is ``pledged``; with no history at all
        it is the recorded ``status``.
        """
        if not self.history:
            return self.status
        current = Status.PLEDGED
        for entry in self.history:
            if entry.date > as_of:
                break
            current = entry.status
        return current

    def is_overdue(self, as_of: dt.date, status: Status | None = None) -> bool:
        """True when the deadline in force on ``as_of`` has passed and the status is still open.

        ``status`` is the status on ``as_of`` (:meth:`status_as_of`), when the caller has
        it already.
        """
        deadline = self.version_on(as_of).deadline if self.revisions else self.deadline
        if deadline is None or not deadline.has_passed(as_of):
            return False
        return (self.status_as_of(as_of) if status is None else status).is_open

    def marked(
        self,
        status: Status,
        on: dt.date,
        *,
        note: str = "",
        evidence: str = "",
        pledged_on: dt.date | None = None,
        reason: Reason | None = None,
    ) -> Commitment:
        """A copy with ``status`` set and a history entry dated ``on`` appended.

        Raises :class:`UsageError` when a ``reason`` comes with a status other than those
        of :data:`REASONED_STATUSES`; :class:`DataError` when ``on`` is before the last
        history entry or before ``pledged_on`` (the source's date), or when ``met`` comes
        without ``evidence``.
        """
        if reason is not None and status not in REASONED_STATUSES:
            allowed = "|".join(s.value for s in REASONED_STATUSES)
            raise UsageError(
                f"--reason is given only with {allowed}, not {status.value}; leave it out"
            )
        last = self.last_change()
        if last is not None and on < last:
            raise DataError(
                f"{self.id}: {on} is before the last history entry ({last}); "
                "history stays in date order, give --on " + last.isoformat() + " or later"
            )
        if pledged_on is not None and on < pledged_on:
            raise DataError(f"{self.id}: {on} is before the pledge was made ({pledged_on})")
        if status is Status.MET and not evidence.strip():
            raise DataError(
                f"{self.id}: marking as met needs --evidence saying what shows the pledge was kept"
            )
        entry = HistoryEntry(on, status, note, evidence, reason)
        return replace(self, status=status, history=(*self.history, entry))
