"""Reading a file of status changes and measurements for ``gt import``.

Three layouts are read:

* CSV (RFC 4180, UTF-8 with or without a byte-order mark) with a header row naming
  columns among :data:`~greentrade_cli.tracking.import_rows.COLUMNS`; each line a flat row.
* JSON: an array of objects, each a flat row or an object as ``gt export --format json``
  writes it; problems name the line each object starts on.
* JSON lines: one such object per line (``gt export --format jsonl``).

What a row means is :mod:`.import_rows`'s business. Nothing here looks at the ledger:
every row becomes an :class:`~greentrade_cli.tracking.import_rows.ImportEntry` or a
:class:`~greentrade_cli.errors.Problem` with its line, and every problem is kept so that
the user sees them all at once.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

from greentrade_cli.errors import DataError
from greentrade_cli.tracking.import_rows import COLUMNS, ImportFile, RowReader


class ImportFormat(StrEnum):
    """Layouts ``gt import`` reads; ``auto`` decides by file name, then by content."""

    AUTO = "auto"
    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"


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


UNCLOSED = (
    'a quoted field opens here and is never closed; end it with a quote (") and write a '
    'quote inside it as ""'
)
"""The problem with a quoted field that runs to the end of a CSV file, at the line it opens."""

_LINE_END = re.compile(r"\r\n|\r|\n")
_UNQUOTED = re.compile(r"[^,\r\n]*")


def _unclosed_quote(text: str, first: int) -> int | None:
    """The line on which a quoted field opens that is still open at the end of ``text``,
    whose records from line ``first`` (1-based, the start of one) on are read; None when
    every quoted field there closes. Lines and fields as :mod:`csv` reads them: a line
    ends at ``\\r\\n``, ``\\r`` or ``\\n``; a quote opens a field only as its first
    character, ``""`` in a quoted field is a quote, and after the closing quote the rest
    of the field is plain text."""
    ends = _LINE_END.finditer(text)
    pos = 0
    for _ in range(first - 1):
        pos = next(ends).end()
    start = pos
    while pos < len(text):
        if text[pos] == '"':
            opened, pos = pos, pos + 1
            while (close := text.find('"', pos)) >= 0 and text.startswith('"', close + 1):
                pos = close + 2
            if close < 0:
                return first + len(_LINE_END.findall(text, start, opened))
            pos = close + 1
        match = _UNQUOTED.match(text, pos)
        assert match is not None  # it matches the empty string
        pos = match.end() + 1  # past the comma or line end after the field
    return None


def _csv(reader: RowReader, text: str) -> None:
    rows = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []  # (line, cells), the header first
    line = 1
    error: csv.Error | None = None
    try:
        for cells in rows:
            records.append((line, cells))
            line = rows.line_num + 1
    except csv.Error as exc:  # the record at line: one field too long, say
        error = exc
    # A quote left open takes in the rest of the file as one field of the last record
    # (or one too long to read): that record is no row at all, the problem is the quote.
    last = line if error else records[-1][0] if records else None
    if last is not None and (opened := _unclosed_quote(text, last)) is not None:
        if error is None:
            records.pop()
        reader.problem(opened, None, None, UNCLOSED)
        if not records:
            return
    elif error is not None:
        if not records:
            reader.problem(1, None, None, f"is not CSV ({error})")
            return
        reader.problem(line, None, None, f"is not valid CSV ({error})")
    if not records:
        reader.problem(1, None, None, "is empty; the first line names the columns")
        return
    (_, header), *body = records
    found = len(reader.result.problems)
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
    if len(reader.result.problems) > found:  # rows are read by the header's names
        return
    for line, cells in body:
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


TOO_DEEP = "nests lists or objects too deeply to read; a row is one object of plain values"
"""The problem with JSON nested past Python's recursion limit (about 1,000 levels)."""


def _json_items(text: str) -> Iterator[tuple[int, Any]]:
    """The items of a JSON array with the line each starts on. Raises ValueError (with a line)."""
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if not text.startswith("[", pos):
        try:
            decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{exc.lineno}: is not valid JSON ({exc.msg})") from None
        except RecursionError:
            raise ValueError(f"{_line(text, pos)}: {TOO_DEEP}") from None
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
        except RecursionError:
            raise ValueError(f"{_line(text, start)}: {TOO_DEEP}") from None
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
    reader = RowReader()
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
            except RecursionError:
                reader.problem(number, None, None, TOO_DEEP)
                continue
            reader.json_object(number, item)
    return reader.result
