"""Candidates for shell completion, taken from a ledger: ids, agency codes, statuses, tags.

Each function returns ``(value, help)`` pairs whose value starts with what was typed so
far (ignoring case), in the ledger's order (tags sorted); the help text is shown by
shells that can (zsh, fish).
"""

from __future__ import annotations

from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status

Candidate = tuple[str, str]


def _starts(value: str, incomplete: str) -> bool:
    return value.casefold().startswith(incomplete.casefold())


def id_candidates(ledger: Ledger, incomplete: str) -> list[Candidate]:
    """Commitment ids starting with ``incomplete``, each with its title."""
    return [(c.id, c.title) for c in ledger.commitments if _starts(c.id, incomplete)]


def agency_candidates(ledger: Ledger, incomplete: str) -> list[Candidate]:
    """Agency codes starting with ``incomplete`` (any case), each with its English name."""
    return [(a.code, a.name) for a in ledger.agencies.values() if _starts(a.code, incomplete)]


def status_candidates(incomplete: str) -> list[Candidate]:
    """Status words starting with ``incomplete`` (``-`` may stand for ``_``)."""
    typed = incomplete.replace("-", "_")
    return [(s.value, "") for s in Status if _starts(s.value, typed)]


def tag_candidates(ledger: Ledger, incomplete: str) -> list[Candidate]:
    """Tags used in the ledger that start with ``incomplete``, sorted, each with its count."""
    counts: dict[str, int] = {}
    for c in ledger.commitments:
        for tag in c.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return [
        (tag, f"{n} commitment{'' if n == 1 else 's'}")
        for tag, n in sorted(counts.items())
        if _starts(tag, incomplete)
    ]
