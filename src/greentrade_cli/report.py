"""The status table: one row of plain values per commitment, as of a date.

This is what ``gt list`` shows and ``gt export`` writes; the column order is
:data:`COLUMNS` (documented in the README).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from greentrade_cli.commitment import Commitment
from greentrade_cli.fields import FieldSet
from greentrade_cli.ledger import Ledger
from greentrade_cli.progress import Pace, Progress, progress
from greentrade_cli.target import Direction, Target

COLUMNS = (
    "id", "agency", "title", "status", "deadline", "target", "progress", "pace",
    "last_change", "evidence", "source", "quote",
)  # fmt: skip
"""Columns of the CSV and Markdown status table, in order."""

JSON_FIELDS = (
    "id", "title", "agency", "speaker", "speaker_role", "status", "deadline", "overdue",
    "tags", "target", "progress", "pace", "latest", "source", "quote", "history",
    "measurements",
)  # fmt: skip
"""Keys of :meth:`StatusRow.to_json`, in order (what ``--json --fields`` may name)."""
JSON_FIELD_SET = FieldSet(JSON_FIELDS, JSON_FIELDS, "JSON")


def format_value(value: float, unit: str) -> str:
    """A value with its unit as people write it: ``40%``, ``1.5 bn yuan`` (``%`` is percentage points)."""
    number = f"{value:,.6g}" if abs(value) >= 1000 else f"{value:.6g}"
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def describe_target(target: Target) -> str:
    """``at least 40%`` for an increase target, ``at most 5%`` for a decrease target."""
    bound = "at least" if target.direction is Direction.INCREASE else "at most"
    return f"{bound} {format_value(target.value, target.unit)}"


def format_percent(fraction: float | None) -> str:
    """A progress fraction as a whole percentage (``0.5`` -> ``50%``, ``1.1667`` -> ``117%``); ``—`` when unknown."""
    return "—" if fraction is None else f"{fraction * 100:.0f}%"


@dataclass(frozen=True, slots=True)
class StatusRow:
    """A commitment as it stood on ``as_of``: its status, history and figures then."""

    commitment: Commitment
    as_of: dt.date
    progress: Progress | None

    @property
    def status(self) -> str:
        """The status word on ``as_of``."""
        return self.commitment.status_as_of(self.as_of).value

    @property
    def pace(self) -> Pace | None:
        """The pace label, None for a pledge without a numeric target."""
        return None if self.progress is None else self.progress.pace

    def history(self) -> list[Any]:
        """History entries dated on or before ``as_of``."""
        return [h for h in self.commitment.history if h.date <= self.as_of]

    def cells(self) -> dict[str, str]:
        """The row as text, keyed by :data:`COLUMNS`."""
        c = self.commitment
        history = self.history()
        last = history[-1] if history else None
        return {
            "id": c.id,
            "agency": c.agency,
            "title": c.title,
            "status": self.status,
            "deadline": c.deadline.text if c.deadline else "",
            "target": describe_target(c.target) if c.target else "",
            "progress": format_percent(self.progress.fraction) if self.progress else "",
            "pace": self.progress.pace.value if self.progress else "",
            "last_change": last.date.isoformat() if last else "",
            "evidence": last.evidence if last else "",
            "source": c.source,
            "quote": c.quote,
        }

    def to_json(self) -> dict[str, Any]:
        """The row as a JSON object: every field of the commitment plus its figures.

        Dates are ISO strings, the deadline as written (``"2030"``), progress a fraction
        (0.5 is 50%) or null.
        """
        c = self.commitment
        target = None
        if c.target is not None:
            t = c.target
            baseline = None
            if t.baseline is not None:
                bdate = t.baseline.date.isoformat() if t.baseline.date else None
                baseline = {"value": t.baseline.value, "date": bdate}
            target = {
                "metric": t.metric,
                "unit": t.unit,
                "baseline": baseline,
                "value": t.value,
                "direction": t.direction.value,
            }
        p = self.progress
        return {
            "id": c.id,
            "title": c.title,
            "agency": c.agency,
            "speaker": c.speaker or None,
            "speaker_role": c.speaker_role or None,
            "status": self.status,
            "deadline": c.deadline.text if c.deadline else None,
            "overdue": c.is_overdue(self.as_of),
            "tags": list(c.tags),
            "target": target,
            "progress": None if p is None else p.fraction,
            "pace": None if p is None else p.pace.value,
            "latest": None if p is None else p.latest,
            "source": c.source,
            "quote": c.quote,
            "history": [
                {
                    "date": h.date.isoformat(),
                    "status": h.status.value,
                    "note": h.note,
                    "evidence": h.evidence,
                }
                for h in self.history()
            ],
            "measurements": [
                {"date": m.date.isoformat(), "value": m.value, "source": m.source, "note": m.note}
                for m in c.measurements
                if m.date <= self.as_of
            ],
        }


def status_rows(ledger: Ledger, commitments: list[Commitment], as_of: dt.date) -> list[StatusRow]:
    """One :class:`StatusRow` per commitment, in the order given, as of ``as_of``."""
    rows = []
    for c in commitments:
        source = ledger.sources.get(c.source)
        rows.append(StatusRow(c, as_of, progress(c, as_of, source.date if source else None)))
    return rows
