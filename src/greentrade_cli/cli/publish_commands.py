"""Publishing: ``gt site``, a static website of the ledger."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from greentrade_cli.cli.app import AsOf, app, as_of_date, checked_text, state_of


@app.command("site")
def site_cmd(
    ctx: typer.Context,
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The folder to write the pages into.")
    ],
    as_of: AsOf = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar="TEXT",
            callback=checked_text,
            help="The site's name, in every page's heading and tab. Default: Green trade pledges.",
        ),
    ] = None,
) -> None:
    """Write a static website of the ledger into DIR: the scorecard, a page per agency and
    per pledge, charts and a methods page; no script, nothing fetched from elsewhere.

    The pages are replaced whole on every run (only in a new or empty folder, or one gt
    site wrote; what else is at its top, such as CNAME or .git, is kept); the same ledger
    and --as-of give the same files.
    """
    from greentrade_cli.export.site import build_site, write_site

    state = state_of(ctx)
    file = state.load()
    from greentrade_cli.ledgerfile.storage import ledger_digest

    pages = build_site(file.ledger, as_of_date(as_of), ledger_digest(file), title)
    write_site(folder, pages, file.path)
    state.output.note(f"wrote {len(pages)} pages to {folder} (open {folder / 'index.html'})")
