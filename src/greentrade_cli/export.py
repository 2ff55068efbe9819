"""Writing the status table as CSV, JSON or Markdown, safe to publish.

CSV follows RFC 4180 (the csv module, CRLF line ends). A cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` so spreadsheets do
not run it as a formula (OWASP's advice on CSV injection). Markdown is a GitHub table in
which ``\\``, ``|``, line breaks and the characters that would make HTML, links or
emphasis are escaped, so the table never breaks and shows user text as written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from enum import StrEnum

from greentrade_cli.report import COLUMNS, StatusRow

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat(StrEnum):
    """Formats of ``gt export``."""

    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"


def neutralise_formula(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would read as a formula (``=SUM(A1)`` -> ``'=SUM(A1)``)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def to_csv(rows: Sequence[StatusRow]) -> str:
    """The status table as CSV text: a header of :data:`COLUMNS`, then one line per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        cells = row.cells()
        writer.writerow([neutralise_formula(cells[name]) for name in COLUMNS])
    return buffer.getvalue()


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
    """The status table as a GitHub-flavoured Markdown table, columns :data:`COLUMNS`."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
    for row in rows:
        cells = row.cells()
        lines.append("| " + " | ".join(markdown_cell(cells[name]) for name in COLUMNS) + " |")
    return "\n".join(lines) + "\n"


def to_json(rows: Sequence[StatusRow]) -> str:
    """The status table as a JSON array of objects (see :meth:`StatusRow.to_json`), UTF-8 text kept."""
    return json.dumps([row.to_json() for row in rows], ensure_ascii=False, indent=2) + "\n"


def render(rows: Sequence[StatusRow], fmt: ExportFormat) -> str:
    """The status table in ``fmt``."""
    renderers = {
        ExportFormat.CSV: to_csv,
        ExportFormat.JSON: to_json,
        ExportFormat.MARKDOWN: to_markdown,
    }
    return renderers[fmt](rows)
