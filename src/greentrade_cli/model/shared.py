"""Values that many commitments repeat, held in one object each.

A ledger repeats a few thousand values (agency codes, source ids, speakers, tags,
deadlines, units, days) across all its commitments; a ledger in many files is read file
by file, so without sharing each file would hold its own copies of them.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")

SHARED_FIELDS = frozenset(
    {"agency", "joint", "source", "speaker", "speaker_role", "tags", "metric", "unit"}
)
"""Fields of the model's classes (``Commitment.agency``, ``Measurement.source``,
``Target.unit``...) whose values repeat across commitments; every date and deadline is
shared too."""


_TABLE: dict[object, object] = {}


def shared(value: T) -> T:
    """The first value equal to ``value`` passed here in this process (``value`` itself the
    first time). ``value`` must be hashable and immutable: a string, date, tuple of strings
    or :class:`~greentrade_cli.model.deadline.Deadline`, never an enum member (``"met"``
    equals ``Status.MET``)."""
    return _TABLE.setdefault(value, value)  # type: ignore[return-value]
