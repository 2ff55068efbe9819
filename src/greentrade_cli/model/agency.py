"""Agencies that make commitments, and resolving what a user types to an agency code."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from greentrade_cli.errors import UsageError

AGENCY_FORMAT = re.compile(r"^[A-Z][A-Z0-9]{0,29}$")
AGENCY_RULE = "upper-case letters and digits, at most 30"
"""What :data:`AGENCY_FORMAT` allows, in words (gt site names a page after the code)."""


@dataclass(frozen=True, slots=True)
class Agency:
    """A government body, from the ledger's ``[agencies.CODE]`` table.

    ``code`` is the short upper-case code used in commitments (``MIIT``); ``name`` the
    English name, ``name_zh`` the Chinese name, ``aliases`` other names users may type.
    """

    code: str
    name: str
    name_zh: str = ""
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every name this agency answers to: code, English, Chinese name and aliases."""
        return (self.code, self.name, self.name_zh, *self.aliases)


def name_key(name: str) -> str:
    """What two names of agencies are compared by: case and surrounding white space ignored."""
    return name.strip().casefold()


def resolve_agency(agencies: Iterable[Agency], query: str) -> Agency:
    """Return the agency whose code, English or Chinese name or alias equals ``query``.

    Matching ignores case and surrounding white space. Raises :class:`UsageError` listing
    the valid codes (with English names) when nothing matches, or saying how to declare
    one when there is none.
    """
    wanted = name_key(query)
    known = list(agencies)
    for agency in known:
        if any(name and name_key(name) == wanted for name in agency.names()):
            return agency
    if not known:
        raise UsageError(
            f"unknown agency {query!r}: the ledger declares no agency yet; declare one with "
            "`gt agency add CODE --name NAME`"
        )
    valid = ", ".join(f"{a.code} ({a.name})" for a in known)
    raise UsageError(f"unknown agency {query!r}; use one of: {valid}")
