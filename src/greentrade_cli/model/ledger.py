"""The ledger: every agency, source and commitment, and looking commitments up by id."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from greentrade_cli.errors import AmbiguousIdError, UnknownIdError
from greentrade_cli.model.agency import Agency, resolve_agency
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.source import Source


@dataclass(frozen=True, slots=True)
class Ledger:
    """The contents of one ledger file, validated.

    ``agencies`` and ``sources`` are keyed by code and id in file order; ``commitments``
    keeps file order (for the bundled ledger, the order of the briefing).
    """

    agencies: dict[str, Agency]
    sources: dict[str, Source]
    commitments: Sequence[Commitment]

    def find(self, query: str) -> Commitment:
        """Return the commitment whose id is ``query``, or the only one it is a prefix of.

        Raises what :func:`find_id` raises.
        """
        return self.commitments[find_id(commitment_ids(self.commitments), query)]

    def agency(self, query: str) -> Agency:
        """Resolve a code, English or Chinese name or alias (any case) to an agency.

        Raises :class:`greentrade_cli.errors.UsageError` listing the valid ones.
        """
        return resolve_agency(self.agencies.values(), query)

    def pledged_on(self, c: Commitment) -> dt.date | None:
        """The day ``c`` was pledged: its source's date (None when the source is undeclared)."""
        source = self.sources.get(c.source)
        return None if source is None else source.date

    def with_commitment(self, changed: Commitment) -> Ledger:
        """A copy of the ledger with the commitment of the same id replaced by ``changed``
        (the same ledger when none has that id)."""
        return self.with_commitments((changed,))

    def with_commitments(self, changed: Iterable[Commitment]) -> Ledger:
        """A copy of the ledger with each commitment of the same id as one of ``changed``
        replaced by it, in one copy (the same ledger when none has such an id)."""
        by_id = {c.id: c for c in changed}
        if not any(c.id in by_id for c in self.commitments):
            return self
        return replace(self, commitments=tuple(by_id.get(c.id, c) for c in self.commitments))


def find_id(ids: Sequence[str], query: str) -> int:
    """The index in ``ids`` of ``query`` (any case), or of the only id it is a prefix of.

    Raises :class:`UnknownIdError` (with close matches) when none matches and
    :class:`AmbiguousIdError` (listing candidates) when several ids start with it.
    """
    query = query.strip().lower()  # ids are lower-case: MIIT-Green-... finds miit-green-...
    with contextlib.suppress(ValueError):
        return ids.index(query)
    starting = [i for i, cid in enumerate(ids) if cid.startswith(query)] if query else []
    if len(starting) == 1:
        return starting[0]
    if starting:
        listed = ", ".join(ids[i] for i in starting)
        raise AmbiguousIdError(
            f"{query!r} matches {len(starting)} commitments: {listed}; give more of the id"
        )
    close = difflib.get_close_matches(query, ids, n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}?" if close else "run `gt list` to see the ids"
    raise UnknownIdError(f"no commitment with id {query!r}; {hint}")


def commitment_ids(commitments: Sequence[Commitment]) -> list[str]:
    """The id of each commitment, in order."""
    return [c.id for c in commitments]
