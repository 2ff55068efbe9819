"""What a ledger knows about its sources (``gt source list``, ``gt source show``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from greentrade_cli.errors import LedgerError, UnknownIdError
from greentrade_cli.ledgerfile.ledger_file import read_bytes
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.source import Source


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source, the ids of the pledges that cite it (ledger order), and its archived
    text's ``size`` in bytes and ``sha256`` (hex digest); both None when it has no
    archive or the file cannot be read."""

    source: Source
    pledges: tuple[str, ...]
    size: int | None
    sha256: str | None

    def to_json(self) -> dict[str, Any]:
        """The row as JSON-ready values (the date as ``YYYY-MM-DD``)."""
        s = self.source
        return {
            "id": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "date": s.date.isoformat(),
            "url": s.url,
            "archive": s.archive,
            "size": self.size,
            "sha256": self.sha256,
            "pledges": list(self.pledges),
        }


def _archived(folder: Path, source: Source) -> tuple[int | None, str | None]:
    if not source.archive:
        return None, None
    try:  # read as a ledger is: a pipe or a device in its place would never end
        data = read_bytes(folder / source.archive, "text")
    except LedgerError:
        return None, None
    return len(data), hashlib.sha256(data).hexdigest()


def source_rows(ledger: Ledger, ledger_path: Path) -> list[SourceRow]:
    """One row per source, in the ledger's order; archives are read relative to the
    folder of the ledger at ``ledger_path``."""
    folder = ledger_path.resolve().parent
    cited: dict[str, list[str]] = {sid: [] for sid in ledger.sources}
    for c in ledger.commitments:
        cited.setdefault(c.source, []).append(c.id)
    return [
        SourceRow(s, tuple(cited[s.id]), *_archived(folder, s)) for s in ledger.sources.values()
    ]


def source_named(ledger: Ledger, source_id: str) -> Source:
    """Source ``source_id``; raises :class:`UnknownIdError` listing the known ids."""
    source = ledger.sources.get(source_id.strip())
    if source is None:
        known = ", ".join(ledger.sources) or "none declared"
        raise UnknownIdError(
            f"no source with id {source_id!r}; known: {known} (see `gt source list`)"
        )
    return source


def source_row(ledger: Ledger, ledger_path: Path, source_id: str) -> SourceRow:
    """The row of source ``source_id`` (its archive alone read); raises what
    :func:`source_named` raises."""
    source = source_named(ledger, source_id)
    cited = tuple(c.id for c in ledger.commitments if c.source == source.id)
    return SourceRow(source, cited, *_archived(ledger_path.resolve().parent, source))
