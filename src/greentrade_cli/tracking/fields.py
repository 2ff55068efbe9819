"""The fields of the status table, each declared once, and choosing them with ``--fields``.

A :class:`Field` is one column of what ``gt list``, ``gt show`` and ``gt export`` write:
its name (the ``--fields`` name, the CSV and Markdown header, the JSON key), what it
means, and how it is written. Where a field appears follows from what it has:

- ``text``: a column of the exported table (CSV, Markdown), in :data:`FIELDS` order;
- ``cell``: how a listing (a terminal table, tab-separated rows) shows it, when that
  differs from ``text`` (progress with its bar);
- ``json``: a key of the JSON objects of ``--json`` and ``gt export --format json``;
- ``listed``: a column of ``gt list`` without ``--fields``.

Adding a field is one entry here (and the model field it reads).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from greentrade_cli.errors import UsageError
from greentrade_cli.model.history import HistoryEntry
from greentrade_cli.model.status import Status
from greentrade_cli.model.target import Target
from greentrade_cli.tracking.report import (
    StatusRow,
    describe_target,
    format_percent,
    round_half_up,
)

V = TypeVar("V")
BAR_WIDTH = 8


class Field(NamedTuple):
    """One field of the status table (see the module notes). ``wraps`` marks long text
    that a table wraps rather than keeps on one line."""

    name: str
    help: str
    text: Callable[[StatusRow], str] | None = None
    json: Callable[[StatusRow], Any] | None = None
    cell: Callable[[StatusRow], str] | None = None
    listed: bool = False
    wraps: bool = False


def bar(fraction: float | None, width: int = BAR_WIDTH) -> str:
    """A text progress bar, clamped to 0..1 (the figure beside it is not clamped)."""
    if fraction is None:
        return ""
    filled = round_half_up(min(max(fraction, 0.0), 1.0), width)
    return "█" * filled + "░" * (width - filled)


def progress_cell(row: StatusRow) -> str:
    """``█████░░░ 50%`` for a quantitative pledge with data, ``—`` without, empty otherwise."""
    if row.progress is None:
        return ""
    if row.progress.fraction is None:
        return "—"
    return f"{bar(row.progress.fraction)} {format_percent(row.progress.fraction)}"


def status_with_reason(entry: HistoryEntry) -> str:
    """A history entry's status with its reason in brackets: ``missed (no_funding)``."""
    return entry.status.value + (f" ({entry.reason.value})" if entry.reason else "")


def status_move(previous: Status, entry: HistoryEntry) -> str:
    """A status change as the log and newsletter word it: ``pledged → in_progress``, or
    ``still in_progress`` for an entry that keeps the status (new evidence, a new note)."""
    if entry.status is previous:
        return f"still {status_with_reason(entry)}"
    return f"{previous.value} → {status_with_reason(entry)}"


def _last(row: StatusRow) -> Any:
    history = row.history()
    return history[-1] if history else None


def _target_json(row: StatusRow) -> dict[str, Any] | None:
    return target_json(row.version.target)


def target_json(t: Target | None) -> dict[str, Any] | None:
    """A target as JSON: metric, unit, baseline (value and date, or null), value, direction."""
    if t is None:
        return None
    baseline = None
    if t.baseline is not None:
        bdate = t.baseline.date.isoformat() if t.baseline.date else None
        baseline = {"value": t.baseline.value, "date": bdate}
    return {
        "metric": t.metric,
        "unit": t.unit,
        "baseline": baseline,
        "value": t.value,
        "direction": t.direction.value,
    }


def _history_json(row: StatusRow) -> list[dict[str, str | None]]:
    return [
        {
            "date": h.date.isoformat(),
            "status": h.status.value,
            "reason": h.reason.value if h.reason else None,
            "note": h.note or None,
            "evidence": h.evidence or None,
        }
        for h in row.history()
    ]


def _measurements_json(row: StatusRow) -> list[dict[str, Any]]:
    return [
        {
            "date": m.date.isoformat(),
            "value": m.value,
            "source": m.source or None,
            "note": m.note or None,
        }
        for m in row.commitment.measurements
        if m.date <= row.as_of
    ]


def _deadline(row: StatusRow) -> str:
    d = row.version.deadline
    return d.text if d else ""


def _revisions_json(row: StatusRow) -> list[dict[str, Any]]:
    return [
        {
            "date": revised.revision.date.isoformat(),
            "note": revised.revision.note or None,
            "evidence": revised.revision.evidence or None,
            "previous_target": target_json(revised.before.target),
            "previous_deadline": revised.before.deadline.text if revised.before.deadline else None,
            "weakened": revised.weakened,
            "strengthened": revised.strengthened,
        }
        for revised in row.commitment.revised(row.as_of)
    ]


def weakened(row: StatusRow) -> bool:
    """True when a revision on or before the report date lowered the pledge's ambition."""
    return row.commitment.weakened_on(row.as_of)


FIELDS: tuple[Field, ...] = (
    Field(
        "id",
        "The commitment's id.",
        text=lambda r: r.commitment.id,
        json=lambda r: r.commitment.id,
        listed=True,
    ),
    Field(
        "agency",
        "The code of the agency that made the pledge; a joint pledge's codes joined by + "
        "(lead first) in tables and exports, the lead's alone in JSON.",
        text=lambda r: r.commitment.agency_text,
        json=lambda r: r.commitment.agency,
        listed=True,
    ),
    Field(
        "agencies",
        "Every agency that made the pledge, lead first (JSON only: a list of codes).",
        json=lambda r: list(r.commitment.agencies),
    ),
    Field(
        "title",
        "A short title of the pledge.",
        text=lambda r: r.commitment.title,
        json=lambda r: r.commitment.title,
        listed=True,
        wraps=True,
    ),
    Field(
        "speaker",
        "Who made the pledge, as named in the source (null when not named).",
        json=lambda r: r.commitment.speaker or None,
    ),
    Field(
        "speaker_role",
        "The speaker's office (null when not given).",
        json=lambda r: r.commitment.speaker_role or None,
    ),
    Field(
        "status",
        "The status on the report date.",
        text=lambda r: r.status,
        json=lambda r: r.status,
        listed=True,
    ),
    Field(
        "deadline",
        "The deadline in force on the report date, as written: YYYY, YYYY-MM or YYYY-MM-DD "
        "(empty or null: continuing).",
        text=_deadline,
        json=lambda r: _deadline(r) or None,
        listed=True,
    ),
    Field(
        "overdue",
        "True when the deadline has passed on the report date and the status is still open.",
        json=lambda r: r.commitment.is_overdue(r.as_of),
    ),
    Field(
        "tags",
        "The pledge's tags.",
        json=lambda r: list(r.commitment.tags),
    ),
    Field(
        "target",
        "The numeric target in force on the report date: at least or at most a value "
        "(JSON: metric, unit, baseline, value, direction).",
        text=lambda r: describe_target(t) if (t := r.version.target) else "",
        json=_target_json,
        wraps=True,
    ),
    Field(
        "metric",
        "What the target in force on the report date measures (a listing's only; in an "
        "export, part of target).",
        cell=lambda r: t.metric if (t := r.version.target) else "",
        wraps=True,
    ),
    Field(
        "unit",
        "The unit of that target and its measurements; % is percentage points (a listing's "
        "only; in an export, part of target).",
        cell=lambda r: t.unit if (t := r.version.target) else "",
    ),
    Field(
        "progress",
        "How far from the baseline to the target the latest measurement is (JSON: a "
        "fraction, 0.5 is 50%).",
        text=lambda r: format_percent(r.progress.fraction) if r.progress else "",
        json=lambda r: None if r.progress is None else r.progress.fraction,
        cell=progress_cell,
        listed=True,
    ),
    Field(
        "pace",
        "Whether progress keeps up with a straight line to the deadline; a listing also "
        "says overdue for a pledge without a number.",
        text=lambda r: r.progress.pace.value if r.progress else "",
        json=lambda r: None if r.progress is None else r.progress.pace.value,
        cell=lambda r: r.pace_label,
        listed=True,
    ),
    Field(
        "latest",
        "The latest measured value on the report date.",
        json=lambda r: None if r.progress is None else r.progress.latest,
    ),
    Field(
        "last_change",
        "The date of the last status change on the report date.",
        text=lambda r: last.date.isoformat() if (last := _last(r)) else "",
    ),
    Field(
        "reason",
        "Why the pledge was missed, withdrawn or stalled, as given with the last status "
        "change (a key of the reason taxonomy; empty or null when none was given).",
        text=lambda r: last.reason.value if (last := _last(r)) and last.reason else "",
        json=lambda r: last.reason.value if (last := _last(r)) and last.reason else None,
    ),
    Field(
        "evidence",
        "The evidence given with the last status change.",
        text=lambda r: last.evidence if (last := _last(r)) else "",
        wraps=True,
    ),
    Field(
        "source",
        "The id of the source document the quote comes from.",
        text=lambda r: r.commitment.source,
        json=lambda r: r.commitment.source,
    ),
    Field(
        "quote",
        "The speaker's exact words.",
        text=lambda r: r.commitment.quote,
        json=lambda r: r.commitment.quote,
        wraps=True,
    ),
    Field(
        "revised",
        "The date of the last revision of the target or deadline on or before the report "
        "date (empty or null: never revised).",
        text=lambda r: revs[-1].date.isoformat() if (revs := r.revisions()) else "",
        json=lambda r: revs[-1].date.isoformat() if (revs := r.revisions()) else None,
    ),
    Field(
        "weakened",
        "yes (JSON: true) when a revision on or before the report date lowered ambition: a "
        "lower target, a later deadline, a changed baseline year.",
        text=lambda r: "yes" if weakened(r) else "",
        json=weakened,
    ),
    Field(
        "history",
        "Every status change on or before the report date: date, status, reason, note, evidence.",
        json=_history_json,
    ),
    Field(
        "measurements",
        "Every measurement on or before the report date: date, value, source, note.",
        json=_measurements_json,
    ),
    Field(
        "revisions",
        "Every revision on or before the report date: date, note, evidence, the target and "
        "deadline it replaced, and how it weakened or strengthened the pledge.",
        json=_revisions_json,
    ),
    Field(
        "flags",
        "stale: an open pledge with nothing recorded for longer than --stale-after days.",
        cell=lambda r: "stale" if r.stale else "",
        listed=True,
    ),
)
"""Every field, in the order outputs show them."""

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
EXPORT_COLUMNS = tuple(f.name for f in FIELDS if f.text is not None)
"""Columns of the CSV and Markdown status table, in order."""
JSON_FIELDS = tuple(f.name for f in FIELDS if f.json is not None)
"""Keys of a JSON row, in order (what ``--json --fields`` may name)."""
LIST_COLUMNS = tuple(f.name for f in FIELDS if f.listed)
"""The columns of ``gt list`` without ``--fields``."""
TABLE_FIELDS = tuple(f.name for f in FIELDS if f.text is not None or f.cell is not None)
"""Fields a listing (table or tab-separated rows) can show with ``--fields``."""
WRAPPING = frozenset(f.name for f in FIELDS if f.wraps)


def export_cells(row: StatusRow) -> dict[str, str]:
    """The row as the exported table writes it, keyed by :data:`EXPORT_COLUMNS`."""
    return {f.name: f.text(row) for f in FIELDS if f.text is not None}


_CELLS: dict[str, Callable[[StatusRow], str]] = {
    f.name: f.cell or f.text  # type: ignore[misc]
    for f in FIELDS
    if f.cell is not None or f.text is not None
}


def table_cells(row: StatusRow, names: Sequence[str] = TABLE_FIELDS) -> dict[str, str]:
    """The cells ``names`` of the row as a listing shows them (progress with its bar)."""
    return {name: _CELLS[name](row) for name in names}


def json_record(row: StatusRow) -> dict[str, Any]:
    """The row as a JSON object, keyed by :data:`JSON_FIELDS`: dates as ISO strings, the
    deadline as written (``"2030"``), progress a fraction (0.5 is 50%) or null."""
    return {f.name: f.json(row) for f in FIELDS if f.json is not None}


class FieldSet(NamedTuple):
    """The fields one kind of output offers: ``names`` in their natural order, ``default``
    the ones shown without ``--fields``, ``what`` a word for messages (``"table"``).

    A named tuple, not a dataclass: made at start-up, it costs a tenth as much.
    """

    names: tuple[str, ...]
    default: tuple[str, ...]
    what: str = "output"

    def choose(self, text: str | None) -> tuple[str, ...]:
        """The fields named in ``text`` (``"id,status"``), in the order given; ``default`` for None.

        Spaces around names are ignored, a name given twice counts once, names match
        ignoring case and ``-`` for ``_``. Raises :class:`UsageError` naming the unknown
        field and listing the valid ones, or when ``text`` names no field at all.
        """
        if text is None:
            return self.default
        chosen: list[str] = []
        for part in text.split(","):
            name = part.strip().lower().replace("-", "_")
            if not name:
                continue
            if name not in self.names:
                raise UsageError(
                    f"--fields: unknown {self.what} field {part.strip()!r}; "
                    f"use any of: {','.join(self.names)}"
                )
            if name not in chosen:
                chosen.append(name)
        if not chosen:
            raise UsageError(
                f"--fields: no field named; give --fields alone to list them, e.g. --fields {','.join(self.default[:2])}"
            )
        return tuple(chosen)


TABLE_FIELD_SET = FieldSet(TABLE_FIELDS, LIST_COLUMNS, "table")
"""What ``--fields`` may name for tables and tab-separated rows."""
JSON_FIELD_SET = FieldSet(JSON_FIELDS, JSON_FIELDS, "JSON")
"""What ``--json --fields`` may name."""


def pick(record: Mapping[str, V], fields: Sequence[str]) -> dict[str, V]:
    """A new dict holding only ``fields`` of ``record``, in the order of ``fields``."""
    return {name: record[name] for name in fields}
