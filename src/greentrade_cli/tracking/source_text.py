"""Reading a source's archived text (``gt extract``)."""

from __future__ import annotations

from pathlib import Path

from greentrade_cli.errors import DataError, LedgerError
from greentrade_cli.ledgerfile.ledger_file import read_bytes
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.source import Source
from greentrade_cli.tracking.source_info import source_named


def archived_text(ledger: Ledger, ledger_path: Path, source_id: str) -> tuple[Source, str]:
    """Source ``source_id`` and its archived text (read relative to the ledger's folder).

    Raises :class:`~greentrade_cli.errors.UnknownIdError` for an unknown source and
    :class:`DataError` when it has no archive or the archive cannot be read as UTF-8.
    """
    source = source_named(ledger, source_id)  # its archive is read once, below
    if not source.archive:
        raise DataError(
            f"source {source.id} has no archived text; declare a source with --text FILE "
            "(gt source add ID ... --text FILE) to extract from it"
        )
    path = ledger_path.resolve().parent / source.archive
    try:  # read as a ledger is: a pipe or a device in its place would never end
        return source, read_bytes(path, "text").decode("utf-8")
    except LedgerError as exc:
        raise DataError(f"source {source.id}: {exc}") from None
    except UnicodeDecodeError:
        raise DataError(f"source {source.id}: {path} cannot be read (not UTF-8 text)") from None
