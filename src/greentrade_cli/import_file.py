"""Reading a file of status changes and measurements for ``gt import``.

Three layouts are read:

* CSV (RFC 4180, UTF-8 with or without a byte-order mark) with a header row naming
  columns among :data:`COLUMNS`: ``id`` and ``date`` always, ``status`` (with ``note``
  and ``evidence``) for status changes and/or ``value`` (with ``source``) for
  measurements. A row may carry both; ``note`` then belongs to the status change.
* JSON: an array of objects, each either such a flat row or an object as ``gt export
  --format json`` writes it, whose ``history`` and ``measurements`` lists are read (its
  other fields are ignored; its ``status`` is checked against its history, not applied).
* JSON lines: one such object per line (``gt export --format jsonl``).

Nothing here looks at the ledger: every row becomes an :class:`ImportEntry` or a
:class:`~greentrade_cli.errors.Problem` with its line, and every problem is kept so that
the user sees them all at once.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from greentrade_cli.errors import DataError, Problem, UsageError
from greentrade_cli.history import HistoryEntry
from greentrade_cli.measurement import Measurement
from greentrade_cli.status import Status

COLUMNS = ("id", "status", "date", "note", "evidence", "value", "source")
"""Columns (CSV) and keys (JSON) of a flat import row."""


class ImportFormat(StrEnum):
    """Layouts ``gt import`` reads; ``auto`` decides by file name, then by content."""

    AUTO = "auto"
    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"


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


def detect_format(name: str, text: str) -> ImportFormat:
    """The layout of a file called ``name`` holding ``text``: by extension, else by content.

    ``.csv``, ``.json``, ``.jsonl`` and ``.ndjson`` decide; otherwise text starting with
    ``[`` is JSON, with ``{`` JSON lines, anything else CSV.
    """
    lower = name.lower()
    for ending, fmt in (
        (".csv", ImportFormat.CSV),
        (".jsonl", ImportFormat.JSONL),
        (".ndjson", ImportFormat.JSONL),
        (".json", ImportFormat.JSON),
    ):
        if lower.endswith(ending):
            return fmt
    start = text.lstrip()[:1]
    return {"[": ImportFormat.JSON, "{": ImportFormat.JSONL}.get(start, ImportFormat.CSV)


def decode(name: str, raw: bytes) -> str:
    """``raw`` as text: UTF-8, a leading byte-order mark dropped (Excel writes one).

    Raises :class:`DataError` naming the line of the first byte that is not UTF-8.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{name}:{line}: is not UTF-8 text (byte {exc.start}); save it as UTF-8 "
            "(in Excel: CSV UTF-8)"
        ) from None


class _Reader:
    """Turns raw values into entries, collecting problems."""

    def __init__(self) -> None:
        self.result = ImportFile()

    def problem(self, line: int, cid: str | None, name: str | None, message: str) -> None:
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
                number = float(value.strip())
            except ValueError:
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
        if date is None or status is None or note is None or evidence is None:
            return
        entry = HistoryEntry(date, status, note, evidence)
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
            ("history", ("date", "status", "note", "evidence"), "status", self.add_status),
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


def _csv(reader: _Reader, text: str) -> None:
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows, None)
    except csv.Error as exc:
        reader.problem(1, None, None, f"is not CSV ({exc})")
        return
    if header is None:
        reader.problem(1, None, None, "is empty; the first line names the columns")
        return
    names = [h.strip().lower() for h in header]
    for name in names:
        if name not in COLUMNS:
            reader.problem(
                1, None, name or "(empty)", f"unknown column; known columns: {', '.join(COLUMNS)}"
            )
    for needed in ("id", "date"):
        if needed not in names:
            reader.problem(1, None, needed, "column missing; the header must name it")
    if "status" not in names and "value" not in names:
        reader.problem(1, None, None, "needs a status or a value column (or both)")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        reader.problem(1, None, repeated[0], "column named twice")
    if reader.result.problems:
        return
    line = rows.line_num + 1
    try:
        for cells in rows:
            if any(cell.strip() for cell in cells):
                if len(cells) != len(names):
                    reader.problem(
                        line,
                        None,
                        None,
                        f"has {len(cells)} cells but the header names {len(names)} columns",
                    )
                else:
                    reader.flat(line, dict(zip(names, cells, strict=True)))
            line = rows.line_num + 1
    except csv.Error as exc:
        reader.problem(line, None, None, f"is not valid CSV ({exc})")


def _json_items(text: str) -> Iterator[tuple[int, Any]]:
    """The items of a JSON array with the line each starts on. Raises ValueError (with a line)."""
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if not text.startswith("[", pos):
        raise ValueError(f"{_line(text, pos)}: must be a JSON array of objects ([{{...}}, ...])")
    pos = _skip_space(text, pos + 1)
    if text.startswith("]", pos):
        return
    while True:
        start = pos
        try:
            item, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{exc.lineno}: is not valid JSON ({exc.msg})") from None
        yield _line(text, start), item
        pos = _skip_space(text, pos)
        if text.startswith(",", pos):
            pos = _skip_space(text, pos + 1)
        elif text.startswith("]", pos):
            if text[pos + 1 :].strip():
                raise ValueError(f"{_line(text, pos + 1)}: has text after the closing ]")
            return
        else:
            raise ValueError(f"{_line(text, pos)}: is not valid JSON (expected ',' or ']')")


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def read_import(text: str, fmt: ImportFormat) -> ImportFile:
    """Read ``text`` in layout ``fmt`` (not ``auto``; see :func:`detect_format`).

    Returns every entry and every problem found, with 1-based lines (for a JSON array,
    the line each object starts on).
    """
    reader = _Reader()
    if fmt is ImportFormat.CSV:
        _csv(reader, text)
    elif fmt is ImportFormat.JSON:
        try:
            for line, item in _json_items(text):
                reader.json_object(line, item)
        except ValueError as exc:
            where, _, message = str(exc).partition(": ")
            reader.problem(int(where), None, None, message)
    else:
        for number, raw in enumerate(text.split("\n"), start=1):
            if not raw.strip():
                continue
            try:
                item = json.loads(raw)
            except json.JSONDecodeError as exc:
                reader.problem(number, None, None, f"is not valid JSON ({exc.msg})")
                continue
            reader.json_object(number, item)
    return reader.result
