"""Where things are in a TOML ledger's text: line numbers of keys and the span of each commitment.

:mod:`tomllib` gives values but no positions; this light scanner reads headers and
``key = value`` lines so that problems can name a line and a write can replace just one
commitment's lines. It is an index, not a parser: every text written with its help is
parsed again by :mod:`tomllib` and compared before it is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]#]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
_ML_DELIMS = ('"""', "'''")


def _dotted(name: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


@dataclass(slots=True)
class TomlMap:
    """Positions in a ledger text.

    ``keys`` maps ``(section, key)`` to a 1-based line, where section is ``""`` for the
    top level, ``"agencies.MIIT"``, ``"sources.ID"``, ``"commitments[3].target"`` (the
    fourth commitment, counting from 0) or ``"commitments[3].history[1]"`` (its second
    ``[[commitments.history]]`` table). ``blocks`` holds, per commitment in file order,
    the 0-based ``(first, end)`` line range of its lines (end exclusive), ending before
    any blank or comment lines that precede the next table. ``tables`` holds the same
    0-based ``(first, end)`` range for every other table, keyed by its dotted name
    (``"agencies.MIIT"``, ``"sources.scio-2025-10-31"``).
    """

    keys: dict[tuple[str, str], int] = field(default_factory=dict)
    headers: dict[str, int] = field(default_factory=dict)
    blocks: list[tuple[int, int]] = field(default_factory=list)
    tables: dict[str, tuple[int, int]] = field(default_factory=dict)

    def line(self, section: str, key: str | None = None) -> int | None:
        """1-based line of ``key`` in ``section`` (or of the section's header), None if unknown."""
        if key is not None and (section, key) in self.keys:
            return self.keys[(section, key)]
        return self.headers.get(section)

    def entry_line(self, section: str, array: str, index: int, key: str) -> int | None:
        """Line of ``key`` in entry ``index`` of ``array`` (a table array or an inline array)."""
        return self.line(f"{section}.{array}[{index}]", key) or self.line(section, array)


def toml_lines(text: str) -> list[str]:
    """The lines of ``text`` as TOML counts them: split at LF or CRLF only.

    :meth:`str.splitlines` also splits at characters TOML allows inside strings (U+0085,
    U+2028, U+2029), which would cut a string in two when lines are joined again.
    """
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def scan(text: str) -> TomlMap:
    """Index the headers, keys and commitment blocks of ``text`` (see :class:`TomlMap`)."""
    result = TomlMap()
    lines = toml_lines(text)
    section = ""
    in_string: str | None = None
    count = -1
    start: int | None = None
    table: tuple[str, int] | None = None
    last_content = -1
    arrays: dict[str, int] = {}
    for number, line in enumerate(lines):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            last_content = number
            continue
        stripped = line.strip()
        header = _HEADER.match(line)
        if header:
            name = _dotted(header.group(2))
            is_array = header.group(1) == "[["
            if table is not None:
                result.tables.setdefault(table[0], (table[1], last_content + 1))
            table = None if name.startswith("commitments") else (name, number)
            if name == "commitments" and is_array:
                if start is not None:
                    result.blocks.append((start, last_content + 1))
                count += 1
                start = number
            elif not name.startswith("commitments.") and start is not None:
                result.blocks.append((start, last_content + 1))
                start = None
            if name.startswith("commitments") and count >= 0:
                name = f"commitments[{count}]" + name[len("commitments") :]
            if is_array and not name.endswith("]"):
                seen = arrays.get(name, 0)
                arrays[name] = seen + 1
                name = f"{name}[{seen}]"
            section = name
            result.headers.setdefault(section, number + 1)
            last_content = number
            continue
        if not stripped or stripped.startswith("#"):
            continue
        last_content = number
        key = _KEY.match(line)
        if key:
            result.keys.setdefault((section, key.group(1).strip("\"'")), number + 1)
        for delim in _ML_DELIMS:
            if line.count(delim) % 2 == 1:
                in_string = delim
                break
    if start is not None:
        result.blocks.append((start, last_content + 1))
    if table is not None:
        result.tables.setdefault(table[0], (table[1], last_content + 1))
    return result
