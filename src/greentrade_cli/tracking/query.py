"""Selecting and ordering commitments: the filters shared by ``gt list`` and ``gt export``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple

from greentrade_cli.errors import UsageError
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status


class SortKey(StrEnum):
    """Orders for listings; ``ledger`` keeps file order (the briefing's order)."""

    LEDGER = "ledger"
    ID = "id"
    AGENCY = "agency"
    STATUS = "status"
    DEADLINE = "deadline"
    TITLE = "title"


class Selection(NamedTuple):
    """What to list. Different filters combine with AND; the values of one filter with OR.

    ``agencies`` holds resolved agency codes, ``statuses`` statuses, ``tags`` exact tags
    (any case); ``due_before`` keeps commitments whose deadline falls due before that
    date; ``overdue`` keeps those overdue on ``as_of``; ``search`` is matched, ignoring
    case, against title, quote and tags; ``revised`` keeps those whose target or deadline
    was revised on or before ``as_of``, ``weakened`` those a revision by then weakened.
    Statuses are read as of ``as_of``.

    A named tuple, not a dataclass: made at start-up, it costs a tenth as much.
    """

    as_of: dt.date
    agencies: frozenset[str] = frozenset()
    statuses: frozenset[Status] = frozenset()
    tags: frozenset[str] = frozenset()
    due_before: dt.date | None = None
    overdue: bool = False
    search: str | None = None
    revised: bool = False
    weakened: bool = False

    @classmethod
    def build(
        cls,
        ledger: Ledger,
        as_of: dt.date,
        *,
        agencies: Iterable[str] = (),
        statuses: Iterable[str] = (),
        tags: Iterable[str] = (),
        due_before: dt.date | None = None,
        overdue: bool = False,
        search: str | None = None,
        revised: bool = False,
        weakened: bool = False,
    ) -> Selection:
        """Build a selection from user text: agencies by any name, statuses in any case.

        Raises :class:`UsageError` for an unknown agency or status (listing valid ones).
        """
        return cls(
            as_of=as_of,
            agencies=frozenset(ledger.agency(a).code for a in agencies),
            statuses=frozenset(Status.parse(s) for s in statuses),
            tags=frozenset(t.casefold() for t in tags),
            due_before=due_before,
            overdue=overdue,
            search=search,
            revised=revised,
            weakened=weakened,
        )

    def matches(self, c: Commitment) -> bool:
        """True when ``c`` passes every filter of this selection."""
        if self.agencies and self.agencies.isdisjoint(c.agencies):
            return False
        if self.statuses and c.status_as_of(self.as_of) not in self.statuses:
            return False
        if self.tags and not self.tags.intersection(t.casefold() for t in c.tags):
            return False
        if self.due_before is not None and (
            c.deadline is None or c.deadline.due >= self.due_before
        ):
            return False
        if self.overdue and not c.is_overdue(self.as_of):
            return False
        if self.revised and not (c.revisions and c.revisions[0].date <= self.as_of):
            return False
        if self.weakened and not c.weakened_on(self.as_of):
            return False
        if self.search:
            needle = self.search.casefold()
            haystack = [c.title, c.quote, *c.tags]
            if not any(needle in text.casefold() for text in haystack):
                return False
        return True


def _sort_key(key: SortKey, as_of: dt.date) -> object:
    status_order = {s: i for i, s in enumerate(Status)}
    far = dt.date.max
    keys = {
        SortKey.ID: lambda c: c.id,
        SortKey.AGENCY: lambda c: (c.agency, c.id),
        SortKey.STATUS: lambda c: (status_order[c.status_as_of(as_of)], c.id),
        SortKey.DEADLINE: lambda c: (c.deadline.due if c.deadline else far, c.id),
        SortKey.TITLE: lambda c: (c.title.casefold(), c.id),
    }
    return keys[key]


def select(
    ledger: Ledger, selection: Selection, sort: SortKey = SortKey.LEDGER
) -> list[Commitment]:
    """The commitments of ``ledger`` that match ``selection``, in ``sort`` order.

    Commitments pledged after ``selection.as_of`` are left out: a report as of a past
    date shows the ledger as it stood then. Deadline order puts continuing pledges (no
    deadline) last; ties break on id.
    """
    chosen = [
        c
        for c in ledger.commitments
        if selection.matches(c) and (ledger.pledged_on(c) or selection.as_of) <= selection.as_of
    ]
    if sort is not SortKey.LEDGER:
        chosen.sort(key=_sort_key(sort, selection.as_of))  # type: ignore[arg-type]
    return chosen


def parse_sort(text: str) -> SortKey:
    """Parse a sort key name; raises :class:`UsageError` listing the valid ones."""
    try:
        return SortKey(text.strip().lower())
    except ValueError:
        raise UsageError(
            f"unknown sort key {text!r}; use one of: {', '.join(k.value for k in SortKey)}"
        ) from None
