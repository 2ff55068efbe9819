"""Turning the rows of an import file into changes: the values each row gives, checked
for type and form (ids, dates, numbers, statuses) but not yet against the ledger.

A flat row (a CSV line or a flat JSON object) has the fields of :data:`COLUMNS`: ``id``
and ``date`` always, ``status`` (with ``note``, ``evidence`` and, for a pledge missed,
withdrawn or stalled, ``reason``) for a status change
and/or ``value`` (with ``source``) for a measurement; with both, ``note`` belongs to the
status change. An object as ``gt export --format json`` writes it gives its ``history``
and ``measurements`` lists; its other fields are ignored, and its ``status`` becomes a
check (see :class:`ImportEntry`). Every problem is kept, with its line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from greentrade_cli.errors import Problem, UsageError
from greentrade_cli.model.history import REASONED_STATUSES, HistoryEntry, Reason
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.numbers import parse_number
from greentrade_cli.model.status import Status

COLUMNS = ("id", "status", "reason", "date", "note", "evidence", "value", "source")
"""Columns (CSV) and keys (JSON) of a flat import row."""


@dataclass(frozen=True, slots=True)
class ImportEntry:
    """One change asked for at ``line`` of the file, for the commitment ``commitment_id``.

    Exactly one of ``history`` (a status change), ``measurement`` or ``status_check`` is
    set. A status check comes from an exported object: its ``status`` must agree with
    ``own_status``, the status its own history list ends with (None when that list is
    empty), or with the commitment's status after the import.
    """

    line: int
    commitment_id: str
    history: HistoryEntry | None = None
    measurement: Measurement | None = None
    status_check: Status | None = None
    own_status: Status | None = None


@dataclass(slots=True)
class ImportFile:
    """What was read: ``entries`` in file order and ``problems`` (empty when all rows are sound)."""

    entries: list[ImportEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class RowReader:
    """Turns rows into :class:`ImportEntry` objects in ``result``, collecting problems.

    :meth:`flat` reads a flat row, :meth:`json_object` a JSON object of either kind;
    ``line`` is the 1-based line of the file the row starts on.
    """

    def __init__(self) -> None:
        self.result = ImportFile()

    def problem(self, line: int, cid: str | None, name: str | None, message: str) -> None:
        """Record a problem at ``line``, for commitment ``cid`` and field ``name`` if known."""
        self.result.problems.append(Problem(line, cid or None, name, message))

    def text(self, line: int, cid: str, row: Mapping[str, Any], name: str) -> str | None:
        value = row.get(name)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        self.problem(line, cid, name, f"must be text, not {json.dumps(value)}")
        return None

    def date(self, line: int, cid: str, row: Mapping[str, Any]) -> dt.date | None:
        value = row.get("date")
        if value is None or (isinstance(value, str) and not value.strip()):
            self.problem(line, cid, "date", "missing; give the date of the change as YYYY-MM-DD")
            return None
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem(line, cid, "date", f"{value!r} is not a date; write YYYY-MM-DD")
        return None

    def number(self, line: int, cid: str, value: Any) -> float | None:
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int | float):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = parse_number(value, "value")  # 2,000 as gt record reads it
            except UsageError:
                number = None
        else:
            number = None
        if number is None or not math.isfinite(number):
            self.problem(
                line,
                cid,
                "value",
                f"{value!r} is not a number; write a plain number in the target's unit "
                "(31.5, not 31.5% or 31,5)",
            )
            return None
        return number

    def status(self, line: int, cid: str, raw: Any) -> Status | None:
        if not isinstance(raw, str):
            self.problem(line, cid, "status", f"must be text, not {json.dumps(raw)}")
            return None
        try:
            return Status.parse(raw)
        except UsageError as exc:
            self.problem(line, cid, "status", str(exc))
            return None

    def add_status(
        self, line: int, cid: str, date: dt.date | None, row: Mapping[str, Any], note: str | None
    ) -> None:
        status = self.status(line, cid, row.get("status"))
        evidence = self.text(line, cid, row, "evidence")
        raw_reason = self.text(line, cid, row, "reason")
        reason = None
        if raw_reason and raw_reason.strip():
            try:
                reason = Reason.parse(raw_reason)
            except UsageError as exc:
                self.problem(line, cid, "reason", str(exc))
                return
            if status is not None and status not in REASONED_STATUSES:
                allowed = ", ".join(s.value for s in REASONED_STATUSES)
                self.problem(line, cid, "reason",
                             f"a reason is given only for a status of {allowed}, not "
                             f"{status.value!r}; leave it empty")  # fmt: skip
                return
        if date is None or status is None or note is None or evidence is None:
            return
        entry = HistoryEntry(date, status, note, evidence, reason)
        self.result.entries.append(ImportEntry(line, cid, history=entry))

    def add_measurement(
        self, line: int, cid: str, date: dt.date | None, row: Mapping[str, Any], note: str | None
    ) -> None:
        value = self.number(line, cid, row.get("value"))
        source = self.text(line, cid, row, "source")
        if date is None or value is None or source is None or note is None:
            return
        entry = Measurement(date, value, source, note)
        self.result.entries.append(ImportEntry(line, cid, measurement=entry))

    def flat(self, line: int, row: Mapping[str, Any]) -> None:
        """One flat row: a status change and/or a measurement (``note`` goes with the status)."""
        unknown = [key for key in row if key not in COLUMNS]
        if unknown:
            self.problem(
                line, None, str(unknown[0]), f"unknown field; known fields: {', '.join(COLUMNS)}"
            )
            return
        raw_id = row.get("id")
        cid = raw_id.strip() if isinstance(raw_id, str) else ""
        if not cid:
            self.problem(line, None, "id", "missing; give the commitment's id")
            return
        has_status = not _blank(row.get("status"))
        has_value = not _blank(row.get("value"))
        if not has_status and not has_value:
            self.problem(line, cid, None, "gives neither a status nor a value; fill one in")
            return
        date = self.date(line, cid, row)
        note = self.text(line, cid, row, "note")
        if has_status:
            self.add_status(line, cid, date, row, note)
        if has_value:
            self.add_measurement(line, cid, date, row, "" if has_status else note)

    def exported(self, line: int, obj: Mapping[str, Any]) -> None:
        """An object as ``gt export --format json`` writes it: its history and measurements."""
        raw_id = obj.get("id")
        if not isinstance(raw_id, str) or not raw_id.strip():
            self.problem(line, None, "id", "missing; give the commitment's id")
            return
        cid = raw_id.strip()
        lists = {name: obj.get(name, []) for name in ("history", "measurements")}
        for name, items in lists.items():
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                self.problem(line, cid, name, "must be a list of objects")
                return
        own: Status | None = None
        for name, keys, required, add in (
            (
                "history",
                ("date", "status", "reason", "note", "evidence"),
                "status",
                self.add_status,
            ),
            ("measurements", ("date", "value", "source", "note"), "value", self.add_measurement),
        ):
            for item in lists[name]:
                extra = [k for k in item if k not in keys]
                if extra:
                    self.problem(
                        line, cid, f"{name}.{extra[0]}", f"unknown field; known: {', '.join(keys)}"
                    )
                elif _blank(item.get(required)):
                    self.problem(line, cid, f"{name}.{required}", "missing")
                else:
                    add(
                        line,
                        cid,
                        self.date(line, cid, item),
                        item,
                        self.text(line, cid, item, "note"),
                    )
                    if name == "history" and isinstance(item["status"], str):
                        with contextlib.suppress(UsageError):
                            own = Status.parse(item["status"])
        claimed = obj.get("status")
        if claimed is not None:
            status = self.status(line, cid, claimed)
            if status is not None:
                self.result.entries.append(
                    ImportEntry(line, cid, status_check=status, own_status=own)
                )

    def json_object(self, line: int, obj: Any) -> None:
        """A JSON value from the file: a flat row, or an exported object (it has lists)."""
        if not isinstance(obj, dict):
            self.problem(line, None, None, "must be a JSON object ({...})")
        elif "history" in obj or "measurements" in obj:
            if "date" in obj:
                self.problem(
                    line,
                    None,
                    "date",
                    "an exported object takes dates in its history and measurements only",
                )
            else:
                self.exported(line, obj)
        else:
            self.flat(line, obj)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
