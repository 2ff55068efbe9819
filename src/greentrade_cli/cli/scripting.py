"""Scripting conventions shared by commands (as ``gh`` has them): ``--json``, ``--fields``.

A command that offers them declares ``as_json: JsonFlag = False`` and
``fields: FieldsOpt = None``, is registered with ``cls=FieldsCommand`` (so ``--fields``
may be given without a value); ``--fields`` alone is answered with
:func:`print_field_names`. Every report reaches standard output through
:func:`print_report`: JSON with ``--json``, a table on a terminal, plain tab-separated
lines when piped (:func:`print_records` and :func:`print_pairs` for records and pairs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from greentrade_cli.render.views import tsv_escape

if TYPE_CHECKING:
    from rich.text import Text

    from greentrade_cli.cli.output import Output
    from greentrade_cli.render.table_layout import Column, FittedTable
    from greentrade_cli.tracking.fields import FieldSet

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
    indent, a final newline. An iterator is written as an array, an item at a time."""
    if isinstance(value, Iterator):
        from greentrade_cli.export.formats import json_parts

        for part in json_parts(value):
            out.data(part)
        return
    import json

    out.data(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def print_report(
    out: Output,
    *,
    lines: Callable[[], Iterable[str]],
    table: Callable[[], None],
    to_json: Callable[[], Any] | None = None,
    empty: str | None = None,
) -> None:
    """The one way a report reaches standard output: ``to_json()`` as JSON when given
    (``--json``); else ``empty`` said on standard error when given (nothing to show); else
    ``table()``, which prints for a terminal, or ``lines()`` written as they are for a pipe.
    Each is called only when used, so a pipe never imports Rich's tables."""
    if to_json is not None:
        print_json(out, to_json())
    elif empty is not None:
        out.note(empty)
    elif out.is_terminal:
        table()
    else:
        for line in lines():
            out.line(line)


def print_records(
    out: Output,
    columns: Sequence[Column],
    records: Sequence[Mapping[str, Text]],
    *,
    importance: Sequence[str] | None = None,
) -> None:
    """Records as a table fitted to the terminal, or as tab-separated rows when piped.

    Tab-separated output has a header line of column names and escapes backslash, tab
    and line breaks (see :func:`greentrade_cli.render.views.tsv_escape`). On a terminal, columns
    left out to fit are named on standard error.
    """

    def plain() -> Iterable[str]:
        yield "\t".join(c.name for c in columns)
        for record in records:
            yield "\t".join(tsv_escape(record[c.name].plain) for c in columns)

    def table() -> None:
        from greentrade_cli.render.table_layout import fitted_table

        print_fitted(
            out,
            lambda width: fitted_table(columns, records, width, importance=importance),
            "choose columns with --fields",
        )

    print_report(out, lines=plain, table=table)


def print_fitted(out: Output, fit: Callable[[int], FittedTable], remedy: str) -> None:
    """Print the table ``fit`` lays out for the terminal's width, and name on standard
    error the columns it left out (see :func:`note_left_out`)."""
    width = out.stdout.width
    fitted = fit(width)
    out.print_wide(fitted.table, fitted.width)
    note_left_out(out, fitted.dropped, width, remedy)


def note_left_out(out: Output, dropped: Sequence[str], width: int, remedy: str) -> None:
    """Say on standard error, in one line, which columns a table left out to fit ``width``
    terminal columns, and how to see them (widen the terminal or ``remedy``); nothing
    when none was left out."""
    if dropped:
        out.note(
            f"left out {', '.join(dropped)} to fit {width} columns; widen the terminal or {remedy}"
        )


def print_pairs(out: Output, pairs: Sequence[tuple[str, str]]) -> None:
    """Name/value pairs: an aligned grid on a terminal, ``name<TAB>value`` lines when piped."""

    def table() -> None:
        from rich.table import Table
        from rich.text import Text

        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for name, value in pairs:
            grid.add_row(Text(name), Text(value))
        out.print(grid)

    print_report(out, lines=lambda: (f"{n}\t{tsv_escape(v)}" for n, v in pairs), table=table)
