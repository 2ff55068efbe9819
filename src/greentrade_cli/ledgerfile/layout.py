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

    def replaced(self, index: int, block: str) -> Layout:
        """The layout once commitment ``index``'s lines are replaced by ``block`` (its new
        text, line ends included): later lines move by the change in line count, and the
        comment lines inside the block are the new text's."""
        from greentrade_cli.ledgerfile.tomlmap import scan, split_lines

        first, end = self.blocks[index]
        count = len(split_lines(block))
        shift = count - (end - first)

        def moved(line: int) -> int:
            return line + shift if line >= end else line

        inner = frozenset(first + n for n in scan(block).comment_lines)
        return Layout(
            (
                *self.blocks[:index],
                (first, first + count),
                *((a + shift, b + shift) for a, b in self.blocks[index + 1 :]),
            ),
            frozenset(moved(n) for n in self.comment_lines if not first <= n < end) | inner,
            {i: moved(n - 1) + 1 for i, n in self.stray.items()},
            {k: (moved(a), moved(b) if a >= end else b) for k, (a, b) in self.tables.items()},
        )
