"""Scripting conventions shared by commands (as ``gh`` has them): ``--json``, ``--fields``.

A command that offers them declares ``as_json: JsonFlag = False`` and
``fields: FieldsOpt = None``, is registered with ``cls=FieldsCommand`` (so ``--fields``
may be given without a value), and prints through :func:`print_json`,
:func:`print_records` or :func:`print_pairs`; ``--fields`` alone is answered with
:func:`print_field_names`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from greentrade_cli.views import tsv_escape

if TYPE_CHECKING:
    from rich.text import Text

    from greentrade_cli.cli.output import Output
    from greentrade_cli.fields import FieldSet
    from greentrade_cli.table_layout import Column

FIELDS_OPTION = "--fields"

JsonFlag = Annotated[
    bool,
    typer.Option("--json", help="Print JSON (UTF-8, 2-space indent) instead of a table."),
]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        FIELDS_OPTION,
        metavar="A,B,C",
        help="Fields to show, comma-separated, in that order (table, tab-separated and JSON "
        "output); give --fields alone to list the field names.",
    ),
]


def fill_bare_fields(args: Sequence[str]) -> list[str]:
    """Arguments with a bare ``--fields`` (last, or followed by an option) made ``--fields=``.

    Arguments after a ``--`` separator are left alone.
    """
    result = list(args)
    for i, arg in enumerate(result):
        if arg == "--":
            break
        if arg == FIELDS_OPTION:
            following = result[i + 1] if i + 1 < len(result) else None
            if following is None or (following.startswith("-") and following != "-"):
                result[i] = FIELDS_OPTION + "="
    return result


class FieldsCommand(TyperCommand):
    """A command whose ``--fields`` may be given without a value (it then lists the names)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, fill_bare_fields(args))


def wants_field_names(fields: str | None) -> bool:
    """True when ``--fields`` was given with no value: list the field names and stop."""
    return fields is not None and not fields.strip()


def print_field_names(out: Output, field_set: FieldSet) -> None:
    """The available field names, one a line, on standard output."""
    for name in field_set.names:
        out.line(name)


def print_json(out: Output, value: Any) -> None:
    """``value`` as JSON on standard output: UTF-8 (whatever the locale's encoding), 2-space
    indent, a final newline."""
    import json

    out.data(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def print_records(
    out: Output,
    columns: Sequence[Column],
    records: Sequence[Mapping[str, Text]],
    *,
    importance: Sequence[str] | None = None,
) -> None:
    """Records as a table fitted to the terminal, or as tab-separated rows when piped.

    Tab-separated output has a header line of column names and escapes backslash, tab
    and line breaks (see :func:`greentrade_cli.views.tsv_escape`). On a terminal, columns
    left out to fit are named on standard error.
    """
    if not out.is_terminal:
        out.line("\t".join(c.name for c in columns))
        for record in records:
            out.line("\t".join(tsv_escape(record[c.name].plain) for c in columns))
        return
    from greentrade_cli.table_layout import fitted_table

    width = out.stdout.width
    fitted = fitted_table(columns, records, width, importance=importance)
    out.print_wide(fitted.table, fitted.width)
    if fitted.dropped:
        out.note(
            f"left out {', '.join(fitted.dropped)} to fit {width} columns; "
            "widen the terminal or choose columns with --fields"
        )


def print_pairs(out: Output, pairs: Sequence[tuple[str, str]]) -> None:
    """Name/value pairs: an aligned grid on a terminal, ``name<TAB>value`` lines when piped."""
    if not out.is_terminal:
        for name, value in pairs:
            out.line(f"{name}\t{tsv_escape(value)}")
        return
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in pairs:
        grid.add_row(Text(name), Text(value))
    out.print(grid)
