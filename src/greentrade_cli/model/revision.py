"""Target revisions: a pledge's target or deadline changed after it was made.

A revision keeps the target and deadline as they were before it (the version it
replaced); the commitment's own ``target`` and ``deadline`` are the latest version. A
revision lowers ambition (is *weakened*) when, against the version before it:

- an increase target falls, or a decrease target rises (same unit and direction);
- the target is dropped;
- the deadline falls due later, or is dropped;
- the baseline's year changes from one stated year to another (a different starting
  point moves the goalposts; stating a baseline where there was none does not).

It raises ambition (is *strengthened*) when an increase target rises, a decrease target
falls, or the deadline falls due earlier. A change of unit or direction is neither: the
two targets cannot be compared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from greentrade_cli.model.deadline import Deadline
from greentrade_cli.model.target import Direction, Target


@dataclass(frozen=True, slots=True)
class Revision:
    """On ``date`` the target or deadline was revised, for the reason in ``note`` (with
    ``evidence``, may be empty); ``target`` and ``deadline`` are the ones in force before
    that date (None where there was none)."""

    date: dt.date
    note: str
    target: Target | None = None
    deadline: Deadline | None = None
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Version:
    """A target and deadline in force from ``since`` (None: from the pledge) until the
    next version; ``revision`` is the revision that brought it in (None for the first)."""

    since: dt.date | None
    target: Target | None
    deadline: Deadline | None
    revision: Revision | None = None


def _baseline_year(target: Target) -> int | None:
    b = target.baseline
    return b.date.year if b is not None and b.date is not None else None


def compare(before: Version, after: Version) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """How ``after`` changes ambition against ``before``: the ways it weakens it and the
    ways it strengthens it, in words (``"target lowered"``, ``"deadline later"``...)."""
    weaker: list[str] = []
    stronger: list[str] = []
    old, new = before.target, after.target
    if old is not None and new is None:
        weaker.append("target dropped")
    elif old is not None and new is not None:
        if old.unit == new.unit and old.direction is new.direction and old.value != new.value:
            lower = new.value < old.value
            if lower == (old.direction is Direction.INCREASE):
                weaker.append("target lowered" if lower else "target raised")
            else:
                stronger.append("target lowered" if lower else "target raised")
        years = _baseline_year(old), _baseline_year(new)
        if None not in years and years[0] != years[1]:
            weaker.append("baseline year changed")
    if before.deadline is not None:
        if after.deadline is None:
            weaker.append("deadline dropped")
        elif after.deadline.due > before.deadline.due:
            weaker.append("deadline later")
        elif after.deadline.due < before.deadline.due:
            stronger.append("deadline earlier")
    return tuple(weaker), tuple(stronger)


class Revised(NamedTuple):
    """One revision as it changed a pledge: the version in force ``before`` it, the one it
    brought in (``after``), and the ways it ``weakened`` and ``strengthened`` ambition
    (see :func:`compare`)."""

    before: Version
    after: Version
    weakened: tuple[str, ...]
    strengthened: tuple[str, ...]

    @property
    def revision(self) -> Revision:
        """The revision itself: its date, note and evidence."""
        assert self.after.revision is not None
        return self.after.revision
