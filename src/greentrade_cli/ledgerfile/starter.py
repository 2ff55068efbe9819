"""A new, empty ledger file (``gt new``): the schema line and, if asked, some agencies."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from greentrade_cli.errors import DataError
from greentrade_cli.ledgerfile import atomic
from greentrade_cli.model.agency import Agency

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


def write_new(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` as a new ledger at ``path`` (atomically; its folder must exist).
    Raises :class:`DataError` when ``path`` exists and ``force`` is not set."""
    if path.exists() and not force:
        raise DataError(f"{path} already exists; pass --force to overwrite it or give another PATH")
    atomic.write_atomically(path, text.encode("utf-8"))
