"""Choosing fields (columns) for output, as ``--fields a,b,c`` asks.

A :class:`FieldSet` names the fields a view can show and the ones it shows by default;
:meth:`FieldSet.choose` reads the user's comma-separated list. Used for tables,
tab-separated rows and JSON objects alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple, TypeVar

from greentrade_cli.errors import UsageError

V = TypeVar("V")


class FieldSet(NamedTuple):
    """The fields one kind of output offers: ``names`` in their natural order, ``default``
    the ones shown without ``--fields``, ``what`` a word for messages (``"table"``).

    A named tuple, not a dataclass: made at start-up, it costs a tenth as much.
    """

    names: tuple[str, ...]
    default: tuple[str, ...]
    what: str = "output"

    def choose(self, text: str | None) -> tuple[str, ...]:
        """The fields named in ``text`` (``"id,status"``), in the order given; ``default`` for None.

        Spaces around names are ignored, a name given twice counts once, names match
        ignoring case and ``-`` for ``_``. Raises :class:`UsageError` naming the unknown
        field and listing the valid ones, or when ``text`` names no field at all.
        """
        if text is None:
            return self.default
        chosen: list[str] = []
        for part in text.split(","):
            name = part.strip().lower().replace("-", "_")
            if not name:
                continue
            if name not in self.names:
                raise UsageError(
                    f"--fields: unknown {self.what} field {part.strip()!r}; "
                    f"use any of: {','.join(self.names)}"
                )
            if name not in chosen:
                chosen.append(name)
        if not chosen:
            raise UsageError(
                f"--fields: no field named; give --fields alone to list them, e.g. --fields {','.join(self.default[:2])}"
            )
        return tuple(chosen)


def pick(record: Mapping[str, V], fields: Sequence[str]) -> dict[str, V]:
    """A new dict holding only ``fields`` of ``record``, in the order of ``fields``."""
    return {name: record[name] for name in fields}
