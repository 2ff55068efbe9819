"""A new, empty ledger file (``gt new``): the schema line and, if asked, some agencies."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from greentrade_cli.errors import DataError
from greentrade_cli.ledgerfile import atomic, storage
from greentrade_cli.model.agency import Agency

if TYPE_CHECKING:
    from greentrade_cli.ledgerfile.journal import Stamp

HEADER = (
    "# greentrade-cli ledger: public commitments made at policy briefings.\n"
    "# Add agencies with `gt agency add`, sources with `gt source add`, pledges with\n"
    "# `gt add`; check with `gt check`.\n"
    "\n"
    "schema = 1\n"
)


def new_ledger_text(agencies: Iterable[Agency] = ()) -> str:
    """The text of a ledger with no source and no commitment: :data:`HEADER` and one
    ``[agencies.CODE]`` table per agency given."""
    import tomli_w

    from greentrade_cli.ledgerfile.schema import agency_to_data

    tables = {a.code: agency_to_data(a) for a in agencies}
    return HEADER + ("\n" + tomli_w.dumps({"agencies": tables}) if tables else "")


def write_new(path: Path, text: str, *, force: bool = False, stamp: Stamp | None = None) -> None:
    """Write ``text`` as a new ledger at ``path`` (atomically; its folder must exist); with
    ``force``, over the file there, journaled (``stamp``) so that ``gt undo`` puts it back.
    Raises :class:`DataError` when ``path`` exists and ``force`` is not set, and what
    :func:`storage.overwrite` raises."""
    if not path.exists():
        atomic.write_atomically(path, text.encode("utf-8"))
    elif force:
        storage.overwrite(path, text, stamp=stamp)
    else:
        raise DataError(f"{path} already exists; pass --force to overwrite it or give another PATH")
