"""Starting a ledger and declaring its agencies: ``gt new`` and ``gt agency add/edit/remove``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from greentrade_cli.cli.app import (
    NewLedgerPath,
    OnOpt,
    app,
    change_date,
    checked_text,
    how_to_use,
    new_ledger_path,
    state_of,
    today,
)
from greentrade_cli.model.agency import AGENCY_RULE, Agency

agency_app = typer.Typer(
    help="Declare the agencies that make pledges (`gt agencies` lists them).",
    no_args_is_help=True,
)
app.add_typer(agency_app, name="agency")

CodeArg = Annotated[
    str,
    typer.Argument(metavar="CODE", help=f"Agency code: {AGENCY_RULE} (NDRC)."),
]
NameZh = Annotated[
    str | None, typer.Option("--name-zh", callback=checked_text, help="The Chinese name.")
]
Alias = Annotated[
    list[str] | None,
    typer.Option(
        "--alias", callback=checked_text, help="Another name users may type (repeat for several)."
    ),
]


@app.command("new")
def new_cmd(
    ctx: typer.Context,
    path: NewLedgerPath = None,
    agencies: Annotated[
        bool,
        typer.Option("--agencies", help="Declare the bundled ledger's agencies (MOFCOM, MIIT...)."),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write an empty ledger: `schema = 1` and, with --agencies, the bundled agencies.

    Then declare agencies (gt agency add), a source with its text (gt source add) and
    pledges (gt add, or gt extract and gt add --from).
    """
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.ledgerfile import storage
    from greentrade_cli.ledgerfile.location import bundled_ledger_path
    from greentrade_cli.ledgerfile.starter import new_ledger_text, write_new

    target = new_ledger_path(path)
    declared: tuple[Agency, ...] = ()
    if agencies:
        declared = tuple(
            storage.load(bundled_ledger_path(), read_only=True).ledger.agencies.values()
        )
    write_new(target, new_ledger_text(declared), force=force, stamp=stamp_of(ctx, today()))
    typer.echo(f"wrote {target}; {how_to_use(target)}", err=True)


def _writable_path(ctx: typer.Context) -> Path:
    from greentrade_cli.ledgerfile import storage

    where = state_of(ctx).location()
    if where.bundled:
        raise storage.read_only_error()
    return where.path


@agency_app.command("add")
def agency_add_cmd(
    ctx: typer.Context,
    code: CodeArg,
    name: Annotated[str, typer.Option("--name", callback=checked_text, help="The English name.")],
    name_zh: NameZh = None,
    alias: Alias = None,
    on: OnOpt = None,
) -> None:
    """Declare an agency, so that pledges can name it (gt add --agency CODE)."""
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.ledgerfile.agency_writes import add_agency

    path = _writable_path(ctx)
    added = add_agency(
        path,
        Agency(code, name, name_zh or "", tuple(alias or ())),
        stamp=stamp_of(ctx, change_date(on)),
    )
    state_of(ctx).output.note(f"added agency {added.code} ({added.name})")


@agency_app.command("edit")
def agency_edit_cmd(
    ctx: typer.Context,
    code: CodeArg,
    name: Annotated[
        str | None, typer.Option("--name", callback=checked_text, help="The new English name.")
    ] = None,
    name_zh: NameZh = None,
    alias: Annotated[
        list[str] | None,
        typer.Option(
            "--alias",
            callback=checked_text,
            help="Replace the aliases by these (repeat for several).",
        ),
    ] = None,
    on: OnOpt = None,
) -> None:
    """Change an agency's names or aliases (the code stays; options not given are kept)."""
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.ledgerfile.agency_writes import edit_agency

    path = _writable_path(ctx)

    def change(old: Agency) -> Agency:
        return replace(
            old,
            name=old.name if name is None else name,
            name_zh=old.name_zh if name_zh is None else name_zh,
            aliases=old.aliases if alias is None else tuple(alias),
        )

    edited = edit_agency(path, code, change, stamp=stamp_of(ctx, change_date(on)))
    state_of(ctx).output.note(f"agency {edited.code}: saved")


@agency_app.command("remove")
def agency_remove_cmd(ctx: typer.Context, code: CodeArg, on: OnOpt = None) -> None:
    """Remove an agency no pledge names (`gt undo` puts it back)."""
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.ledgerfile.agency_writes import remove_agency

    path = _writable_path(ctx)
    gone = remove_agency(path, code, stamp=stamp_of(ctx, change_date(on)))
    state_of(ctx).output.note(f"removed agency {gone.code}; `gt undo` puts it back")
