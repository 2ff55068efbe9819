"""Writing the status table as CSV, JSON, JSON lines, Markdown, HTML, SVG or SQLite, safe to publish.

CSV follows RFC 4180 (the csv module, CRLF line ends). A cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` so spreadsheets do
not run it as a formula (OWASP's advice on CSV injection). Markdown is a GitHub table in
which ``\\``, ``|``, line breaks and the characters that would make HTML, links or
emphasis are escaped, so the table never breaks and shows user text as written.
HTML (:mod:`.html_report`) escapes every string; SVG (:mod:`.svg_report`) is Rich's.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from greentrade_cli.errors import UsageError
from greentrade_cli.tracking.fields import EXPORT_COLUMNS, export_cells, json_record
from greentrade_cli.tracking.report import StatusRow

if TYPE_CHECKING:
    import datetime as dt

    from greentrade_cli.model.ledger import Ledger

# Each format's modules (csv, json, the HTML and SVG writers) are imported when it is used.

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat(StrEnum):
    """Formats of ``gt export``."""

    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"
    HTML = "html"
    SVG = "svg"
    SQLITE = "sqlite"


def neutralise_formula(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would read as a formula (``=SUM(A1)`` -> ``'=SUM(A1)``)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def to_csv(rows: Sequence[StatusRow]) -> str:
    """The status table as CSV text: a header of :data:`EXPORT_COLUMNS`, then one line per row."""
    return "".join(csv_lines(rows))


def csv_lines(rows: Iterable[StatusRow]) -> Iterator[str]:
    """:func:`to_csv` a line at a time (a line may hold line breaks inside quotes)."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(cells: Sequence[str]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        return buffer.getvalue()

    yield line(EXPORT_COLUMNS)
    for row in rows:
        cells = export_cells(row)
        yield line([neutralise_formula(cells[name]) for name in EXPORT_COLUMNS])


_MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\|<>[]*`"})


def markdown_cell(text: str) -> str:
    """Escape a cell for a GitHub-flavoured Markdown table.

    Backslash, ``|``, ``<``, ``>``, ``[``, ``]``, ``*`` and backquote get a backslash
    (CommonMark shows them as themselves: no HTML, links or emphasis from user text);
    line breaks become ``<br>``.
    """
    text = text.translate(_MARKDOWN_SPECIAL)
    return "<br>".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def to_markdown(rows: Sequence[StatusRow]) -> str:
    """The status table as a GitHub-flavoured Markdown table, columns :data:`EXPORT_COLUMNS`."""
    return "".join(markdown_lines(rows))


def markdown_lines(rows: Iterable[StatusRow]) -> Iterator[str]:
    """:func:`to_markdown` a line at a time, each ending with ``\\n``."""
    yield "| " + " | ".join(EXPORT_COLUMNS) + " |\n"
    yield "|" + "|".join("---" for _ in EXPORT_COLUMNS) + "|\n"
    for row in rows:
        cells = export_cells(row)
        yield "| " + " | ".join(markdown_cell(cells[name]) for name in EXPORT_COLUMNS) + " |\n"


def json_parts(records: Iterable[object]) -> Iterator[str]:
    """``records`` as a JSON array (UTF-8 text kept, 2-space indent, a final newline), a
    record at a time: the text of ``json.dumps(list(records), ensure_ascii=False,
    indent=2)`` and a newline, never held whole."""
    import json

    before = "[\n  "
    for record in records:  # JSON text holds no line break but between its values
        yield before + json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        before = ",\n  "
    yield "[]\n" if before == "[\n  " else "\n]\n"


def json_lines(rows: Iterable[StatusRow]) -> Iterator[str]:
    """The status table as a JSON array of objects (see
    :func:`~greentrade_cli.tracking.fields.json_record`), a row at a time (:func:`json_parts`)."""
    return json_parts(json_record(row) for row in rows)


def to_jsonl(rows: Sequence[StatusRow]) -> str:
    """The status table as JSON lines: one compact object per row (as in :func:`json_lines`), UTF-8 kept."""
    return "".join(jsonl_lines(rows))


def jsonl_lines(rows: Iterable[StatusRow]) -> Iterator[str]:
    """:func:`to_jsonl` a line at a time."""
    import json

    for row in rows:
        yield json.dumps(json_record(row), ensure_ascii=False) + "\n"


EXCEL_BOM = "\ufeff"
"""The byte-order mark that makes Excel read a CSV file as UTF-8."""


def check_options(fmt: ExportFormat, *, title: str | None, excel: bool) -> None:
    """Raise :class:`UsageError` for ``excel`` with a format other than CSV, or a
    ``title`` with a format that has none (only HTML and SVG have one)."""
    if excel and fmt is not ExportFormat.CSV:
        raise UsageError(f"--excel is for --format csv, not {fmt.value}")
    if title is not None and fmt not in (ExportFormat.HTML, ExportFormat.SVG):
        raise UsageError(f"--title is for --format html or svg, not {fmt.value}")


def sqlite_bytes(ledger: Ledger, rows: Sequence[StatusRow]) -> bytes:
    """The SQLite database of ``rows`` (see :mod:`.sqlite_db`), as the bytes of its file."""
    import tempfile
    from pathlib import Path

    from greentrade_cli.export.sqlite_db import write_sqlite

    with tempfile.TemporaryDirectory(prefix="gt-export-") as folder:
        path = Path(folder) / "gt.db"
        write_sqlite(ledger, rows, path)
        return path.read_bytes()


def render_parts(
    ledger: Ledger,
    rows: Sequence[StatusRow],
    fmt: ExportFormat,
    as_of: dt.date,
    *,
    title: str | None = None,
    excel: bool = False,
) -> Iterator[str]:
    """The status table of ``rows`` (from ``ledger``, as of ``as_of``) in ``fmt``, in parts
    to write one after the other: a line (for JSON, a row) at a time for CSV, JSON, JSON
    lines and Markdown (a table of 100,000 rows is never held whole), the whole text for
    the other formats.

    ``title`` heads the HTML page and the SVG window; ``excel`` puts :data:`EXCEL_BOM`
    before CSV text. Raises :class:`UsageError`, before any part is made, for ``excel``
    with another format or a ``title`` with a format that has none, and for SQLite,
    which is written to a file (:func:`sqlite_bytes`).
    """
    check_options(fmt, title=title, excel=excel)
    if fmt is ExportFormat.SQLITE:
        raise UsageError("--format sqlite writes a database file; give --output FILE (not -)")
    if fmt is ExportFormat.HTML:
        from greentrade_cli.export.html_report import to_html

        return iter([to_html(ledger, rows, as_of, title)])
    if fmt is ExportFormat.SVG:
        from greentrade_cli.export.legend import cited_sources
        from greentrade_cli.export.svg_report import to_svg

        return iter([to_svg(rows, as_of, title, sources=cited_sources(ledger, rows))])
    lines = {
        ExportFormat.CSV: csv_lines,
        ExportFormat.JSON: json_lines,
        ExportFormat.JSONL: jsonl_lines,
        ExportFormat.MARKDOWN: markdown_lines,
    }[fmt](rows)
    return itertools.chain([EXCEL_BOM], lines) if excel else lines
