"""Checking a ledger file, as ``gt check`` reports it: every problem, or a one-line summary.

The check is the very validation every command runs when it loads a ledger
(:func:`greentrade_cli.ledgerfile.storage.load`), so ``gt check`` passes exactly when the other
commands accept the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from greentrade_cli.errors import LedgerError, Problem
from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.ledger_file import LedgerFile
from greentrade_cli.model.ledger import Ledger

SUGGESTED_ABOVE = 3000
"""``gt check`` suggests ``gt split`` for a one-file ledger of more commitments than this."""


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The outcome of checking the ledger at ``path`` (as the user named it).

    ``found`` holds the problems of each file that has any, in reading order; it is
    empty when the ledger is sound, and ``ledger`` is then the ledger read (None
    otherwise). ``warnings`` are lines about a sound ledger that is likely wrong.
    """

    path: str
    found: tuple[LedgerError, ...]
    ledger: Ledger | None
    files: int = 1
    warnings: tuple[str, ...] = ()

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem found, file by file."""
        return tuple(problem for error in self.found for problem in error.problems)

    @property
    def hint(self) -> str:
        """One line suggesting ``gt split`` for a large one-file ledger; else empty."""
        if self.ledger is None or self.files > 1:
            return ""
        count = len(self.ledger.commitments)
        if count <= SUGGESTED_ABOVE:
            return ""
        return (
            f"hint: {self.path} holds {count} commitments in one file; `gt split` makes it "
            "one file per source, each read and written on its own"
        )

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def lines(self) -> list[str]:
        """One ``PATH:LINE: ID: FIELD: message`` line per problem, file by file in reading
        order and in line order within a file."""
        return [problem.format(error.path) for error in self.found for problem in error.problems]

    def summary(self) -> str:
        """The one-line verdict for a sound ledger, with what was checked.

        For example ``commitments.toml: ok: 23 commitments, 4 agencies, 1 source; 23
        quotes found verbatim in their archived sources``.
        """
        if self.ledger is None:
            return f"{self.path}: {len(self.problems)} problem(s)"
        ledger = ledger_counts(self.ledger)
        return (
            f"{self.path}: ok: {_count(ledger[0], 'commitment')}, {_count(ledger[1], 'agency')}, "
            f"{_count(ledger[2], 'source')}; {_count(ledger[3], 'quote')} found verbatim "
            "in their archived sources"
        )


def _count(n: int, noun: str) -> str:
    if n == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {plural}"


def ledger_counts(ledger: Ledger) -> tuple[int, int, int, int]:
    """``(commitments, agencies, sources, quotes checked against an archive)`` of ``ledger``."""
    archived = {sid for sid, source in ledger.sources.items() if source.archive}
    quotes = sum(1 for c in ledger.commitments if c.source in archived)
    return len(ledger.commitments), len(ledger.agencies), len(ledger.sources), quotes


def future_sources(file: LedgerFile, as_of: dt.date) -> tuple[str, ...]:
    """A warning line for each source of ``file`` dated after ``as_of``, file by file: its
    pledges are not yet made on that day, so reports leave them out."""
    root = storage.part_at(file, 0)
    lines = []
    for part in storage.all_parts(file):
        inherited = root.ledger.sources if part is not root else {}
        for sid, source in part.ledger.sources.items():
            if source.date <= as_of or sid in inherited:
                continue
            problem = Problem(
                part.where.line(f"sources.{sid}", "date"),
                None,
                f"sources.{sid}.date",
                f"warning: {source.date} is after the as-of date ({as_of}), so its pledges "
                "are left out of reports until then; correct the date if it is a mistake",
            )
            lines.append(problem.format(part.name))
    return tuple(lines)


def check_ledger(path: Path, as_of: dt.date) -> CheckReport:
    """Read and validate the ledger at ``path`` as every command does, and each file of a
    ledger in many files; never raises :class:`LedgerError`: what it would say, for every
    file that has problems, is in the report's ``found``. A sound ledger is also checked
    for sources dated after ``as_of`` (:func:`future_sources`)."""
    try:
        file = storage.load(path)
    except LedgerError as exc:  # each named by the file that has them
        return CheckReport(str(path), storage.problems_by_file(path, exc), None)
    warnings = future_sources(file, as_of)
    return CheckReport(str(path), (), file.ledger, len(file.members) or 1, warnings)
