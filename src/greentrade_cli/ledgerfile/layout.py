"""Where the tables of a ledger text are: what a write needs, kept by the ledger cache.

A module of its own, apart from the line scanner (:mod:`greentrade_cli.ledgerfile.tomlmap`), because
every cached ledger holds a :class:`Layout`: unpickling one imports only this module, not
the scanner, its regular expressions or :mod:`tomllib`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the tables of a ledger text are, as a write needs them: ``blocks``,
    ``comment_lines``, ``stray`` and ``tables`` as in
    :class:`~greentrade_cli.ledgerfile.tomlmap.TomlMap` (0-based lines, except ``stray``'s 1-based
    ones).

    It is small beside a ``TomlMap`` (no line per key), so the ledger cache keeps it
    and a write can splice a commitment without scanning the whole text again.
    """

    blocks: tuple[tuple[int, int], ...] = ()
    comment_lines: frozenset[int] = frozenset()
    stray: dict[int, int] = field(default_factory=dict)
    tables: dict[str, tuple[int, int]] = field(default_factory=dict)
