"""A ledger's commitments read a chunk at a time, when first asked for.

A write of one commitment (``gt mark``, ``record``, ``edit``) to a ledger of 100,000
commitments needs that commitment, the ids of the others and nothing else of them: built
in full they take some 240 MB. The ledger cache gives such a write a
:class:`LazyCommitments`, which holds every id but builds a commitment only when it is
asked for, with the rest of its chunk.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import overload

from greentrade_cli.model.commitment import Commitment

ChunkLoader = Callable[[int], tuple[Commitment, ...]]
"""Gives chunk ``n`` (commitments ``n * size`` up to ``(n + 1) * size``), in file order."""


class LazyCommitments(Sequence[Commitment]):
    """The commitments of a ledger in file order, loaded a chunk at a time.

    ``ids`` is every commitment's id in file order; ``size`` the commitments per chunk;
    ``load`` gives a chunk by number (it may raise, e.g. when what it reads from has
    changed; that error reaches whoever asked for the commitment); ``replaced`` holds the
    commitments that differ from their chunk's, by index. Chunks loaded are kept and
    shared with the sequences made by :meth:`with_replaced`.
    """

    __slots__ = ("_chunks", "_load", "_replaced", "_size", "ids")

    def __init__(
        self,
        ids: tuple[str, ...],
        size: int,
        load: ChunkLoader,
        replaced: Mapping[int, Commitment] | None = None,
        chunks: dict[int, tuple[Commitment, ...]] | None = None,
    ) -> None:
        self.ids = ids
        self._size = size
        self._load = load
        self._replaced = dict(replaced or {})
        self._chunks = {} if chunks is None else chunks

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Commitment: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Commitment, ...]: ...

    def __getitem__(self, index: int | slice) -> Commitment | tuple[Commitment, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        i = operator.index(index)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("commitment index out of range")
        if i in self._replaced:
            return self._replaced[i]
        number, offset = divmod(i, self._size)
        chunk = self._chunks.get(number)
        if chunk is None:
            chunk = self._chunks[number] = self._load(number)
        return chunk[offset]

    def __iter__(self) -> Iterator[Commitment]:
        for i in range(len(self)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same commitments in the same order (a tuple too)."""
        if not isinstance(other, Sequence) or len(other) != len(self):
            return False
        return all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def with_replaced(self, changes: Mapping[int, Commitment]) -> LazyCommitments:
        """A copy with the commitment at each index of ``changes`` (0-based, in range)
        replaced by the one given, which must keep its id."""
        return LazyCommitments(
            self.ids, self._size, self._load, {**self._replaced, **changes}, self._chunks
        )


def commitment_ids(commitments: Sequence[Commitment]) -> Sequence[str]:
    """The id of each commitment of ``commitments``, in order, without building any that a
    :class:`LazyCommitments` has not built yet."""
    if isinstance(commitments, LazyCommitments):
        return commitments.ids
    return [c.id for c in commitments]
