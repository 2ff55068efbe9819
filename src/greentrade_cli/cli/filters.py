"""The filters ``gt list`` and ``gt export`` share, declared once as :class:`Filters`.

A command decorated with :func:`with_filters` takes ``filters: Filters`` and gets each
field of :class:`Filters` as an option of its own (declared by the field's annotation),
so a new filter is one field here and reaches every filtered command.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Annotated, Any, TypeVar, get_type_hints

import typer

from greentrade_cli.cli.app import (
    AgencyOpt,
    AsOf,
    DueBefore,
    Overdue,
    Search,
    Sort,
    StatusOpt,
    TagOpt,
    as_of_date,
)
from greentrade_cli.cli.progress_options import PaceOpt, StaleAfter, StaleOpt, paces_from
from greentrade_cli.model.dates import parse_bound
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.tracking.query import Selection, SortKey, select
from greentrade_cli.tracking.report import StatusRow, select_rows, status_rows
from greentrade_cli.tracking.staleness import DEFAULT_STALE_AFTER_DAYS, check_stale_after

F = TypeVar("F", bound=Callable[..., Any])

Revised = Annotated[
    bool,
    typer.Option("--revised", help="Only pledges whose target or deadline was revised by then."),
]
Weakened = Annotated[
    bool,
    typer.Option(
        "--weakened",
        help="Only pledges a revision weakened by then (lower target, later deadline, "
        "changed baseline year).",
    ),
]


@dataclass(frozen=True, slots=True)
class Filters:
    """Which commitments a command reports on, and as of when: filters combine with AND,
    a repeated option matches any of its values."""

    agency: AgencyOpt = None
    status: StatusOpt = None
    tag: TagOpt = None
    due_before: DueBefore = None
    overdue: Overdue = False
    search: Search = None
    sort: Sort = SortKey.LEDGER
    as_of: AsOf = None
    pace: PaceOpt = None
    stale: StaleOpt = False
    stale_after: StaleAfter = DEFAULT_STALE_AFTER_DAYS
    revised: Revised = False
    weakened: Weakened = False

    @property
    def narrows(self) -> bool:
        """True when a filter is given that leaves commitments out (the order, the report
        date and the staleness threshold alone do not)."""
        kept = {"sort", "as_of", "stale_after"}
        return any(getattr(self, f.name) != f.default for f in fields(self) if f.name not in kept)

    def rows(self, ledger: Ledger) -> tuple[list[StatusRow], dt.date]:
        """The status rows of the commitments that pass, in the order asked for, and the
        report date. Raises :class:`~greentrade_cli.errors.UsageError` for a value that
        cannot be understood."""
        selection = Selection.build(
            ledger,
            as_of_date(self.as_of),
            agencies=self.agency or (),
            statuses=self.status or (),
            tags=self.tag or (),
            due_before=None
            if self.due_before is None
            else parse_bound(self.due_before, "--due-before"),
            overdue=self.overdue,
            search=self.search,
            revised=self.revised,
            weakened=self.weakened,
        )
        paces = paces_from(self.pace)
        days = check_stale_after(self.stale_after)
        chosen = select(ledger, selection, self.sort)
        rows = status_rows(ledger, chosen, selection.as_of, days)
        return select_rows(rows, paces, self.stale), selection.as_of


def with_filters(command: F) -> F:
    """``command`` with its ``filters`` parameter replaced by one option per field of
    :class:`Filters`, in its place; the options' values reach it as one ``Filters``."""
    hints = get_type_hints(Filters, include_extras=True)
    names = [f.name for f in fields(Filters)]
    options = [
        inspect.Parameter(
            f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=hints[f.name]
        )
        for f in fields(Filters)
    ]
    own = get_type_hints(command, include_extras=True)
    signature = inspect.signature(command)
    params: list[inspect.Parameter] = []
    for param in signature.parameters.values():
        if param.name == "filters":
            params += options
        else:
            kind = inspect.Parameter.KEYWORD_ONLY
            params.append(param.replace(kind=kind, annotation=own[param.name]))

    @functools.wraps(command)
    def run(**kwargs: Any) -> Any:
        filters = Filters(**{name: kwargs.pop(name) for name in names})
        return command(filters=filters, **kwargs)

    run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    return run  # type: ignore[return-value]
