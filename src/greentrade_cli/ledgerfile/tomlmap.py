"""Where things are in a TOML ledger's text: line numbers of keys and the span of each commitment.

The TOML parser gives values but no positions; this scanner tokenises the text (strings
of the four kinds, comments, arrays and inline tables, table headers, dotted keys) so
that problems can name a line and a write can replace just one commitment's lines. It is
an index, not a parser: it never raises, and every text written with its help is parsed
again by the parser (``tomli``) and compared before it is saved.

Lines are counted at ``\\n`` only, as TOML and editors count them: a U+2028 or a lone
``\\r`` inside a string does not start a line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import tomli

from greentrade_cli.ledgerfile.layout import Layout as Layout

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"?')
_LITERAL = re.compile(r"'[^'\n]*'?")
_ML_END = {'"""': re.compile(r'\\.|"""', re.S), "'''": re.compile(r"'''")}
_BLANK = re.compile(r"[ \t\r]*")
# A scalar value: number, boolean, date or time (a date-time may hold one space).
_SCALAR = re.compile(r"[^\s,\]\}#]+(?: \d{2}:\d{2}[^\s,\]\}#]*)?")
_INDEX = re.compile(r"\[\d+\]$")
# The common statement in one match: a bare key, a one-line string or a scalar, an
# optional comment, up to the end of the line (the line end itself is left).
_SIMPLE = re.compile(
    r"""([A-Za-z0-9_-]+)[ \t]*=[ \t]*(?:"(?:[^"\\\n]|\\.)*"(?!")|'[^'\n]*'(?!')|[^\s,\[\]{}#"'=]+)"""
    r"[ \t\r]*(#[^\n]*)?(?=\n|\Z)"
)
_TOP = "commitments"


def split_lines(text: str) -> list[str]:
    """``text`` cut after each ``\\n``, line ends kept (``"".join`` gives ``text`` back).

    Unlike :meth:`str.splitlines` it never cuts at ``\\r``, U+2028 or other separators
    that TOML keeps inside strings. A text ending in ``\\n`` has no empty last item.
    """
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def toml_lines(text: str) -> list[str]:
    """The lines of ``text`` as TOML counts them (split at ``\\n`` only), without their
    line ends (``\\n``, ``\\r\\n``)."""
    return [line.removesuffix("\n").removesuffix("\r") for line in split_lines(text)]


def content_end(lines: Sequence[str]) -> int:
    """The number of ``lines`` (line ends kept or not) up to the last one that is not
    blank (white space only): a block added at the end of a text goes there, before the
    blank lines that end the text, which stay last."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return end


def _join(section: str, name: str) -> str:
    return f"{section}.{name}" if section else name


@dataclass(slots=True)
class TomlMap:
    """Positions in a ledger text.

    ``keys`` maps ``(section, key)`` to a 1-based line, where section is ``""`` for the
    top level, ``"agencies.MIIT"``, ``"sources.ID"``, ``"commitments[3].target"`` (the
    fourth commitment, counting from 0) or ``"commitments[3].history[1]"`` (its second
    history entry, whether written as ``[[commitments.history]]`` or inline).
    ``headers`` maps a section to the 1-based line where it starts. ``blocks`` holds,
    per ``[[commitments]]`` table in file order, the 0-based ``(first, end)`` range of its
    lines (end exclusive, as from :func:`split_lines`), ending before any blank or
    comment lines that precede the next table. ``comment_lines`` holds the 0-based lines
    with a ``#`` comment; ``stray`` maps a commitment index to the 1-based line of a
    sub-table of it (``[commitments.target]``) written after another table, away from
    its block. ``tables`` holds the same 0-based ``(first, end)`` range for every table
    that is not a commitment's, keyed by its dotted name (``"agencies.MIIT"``,
    ``"sources.scio-2025-10-31"``).
    """

    keys: dict[tuple[str, str], int] = field(default_factory=dict)
    headers: dict[str, int] = field(default_factory=dict)
    blocks: list[tuple[int, int]] = field(default_factory=list)
    comment_lines: set[int] = field(default_factory=set)
    stray: dict[int, int] = field(default_factory=dict)
    tables: dict[str, tuple[int, int]] = field(default_factory=dict)

    def layout(self) -> Layout:
        """What a write needs of this map: the blocks, comment lines, stray sub-tables and
        other tables (see :class:`Layout`)."""
        return Layout(
            tuple(self.blocks), frozenset(self.comment_lines), dict(self.stray), dict(self.tables)
        )

    def shifted(self, lines: int) -> TomlMap:
        """This map with every line number moved down by ``lines`` (a block scanned on its
        own, placed at 0-based line ``lines`` of its file)."""
        return TomlMap(
            {k: n + lines for k, n in self.keys.items()},
            {k: n + lines for k, n in self.headers.items()},
            [(a + lines, b + lines) for a, b in self.blocks],
            {n + lines for n in self.comment_lines},
            {k: n + lines for k, n in self.stray.items()},
            {k: (a + lines, b + lines) for k, (a, b) in self.tables.items()},
        )

    def line(self, section: str, key: str | None = None) -> int | None:
        """1-based line of ``key`` in ``section``, else of the section, else of the nearest
        enclosing section or key found (``commitments[0].history[2]`` falls back to the
        ``history`` key of ``commitments[0]``, then to ``commitments[0]``); None if none is.
        """
        if key is not None and (section, key) in self.keys:
            return self.keys[(section, key)]
        while section:
            if section in self.headers:
                return self.headers[section]
            parent, _, last = section.rpartition(".")
            name = _INDEX.sub("", last)
            if name != last and (parent, name) in self.keys:
                return self.keys[(parent, name)]
            section = parent
        return None


@dataclass(slots=True)
class _Frame:
    kind: str  # "array" or "table"
    path: str
    count: int = 0


class _Scanner:
    """One pass over a TOML text; fills a :class:`TomlMap`. Tolerates invalid text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line = 0
        self.map = TomlMap()
        self.section = ""
        self.aot: dict[str, int] = {}
        self.block: int | None = None
        self.block_start = 0
        self.last_content = -1
        self.table: tuple[str, int] | None = None

    # -- low level -------------------------------------------------------------------

    def _skip(self, newlines: bool) -> None:
        """Skip blanks (and newlines and comments when ``newlines``; comments always)."""
        text, n = self.text, len(self.text)
        while self.i < n:
            self.i = _BLANK.match(text, self.i).end()  # type: ignore[union-attr]
            if self.i >= n:
                return
            ch = text[self.i]
            if ch == "#":
                self.map.comment_lines.add(self.line)
                end = text.find("\n", self.i)
                self.i = n if end < 0 else end
            elif ch == "\n" and newlines:
                self.line += 1
                self.i += 1
            else:
                return

    def _advance_to(self, end: int) -> None:
        self.line += self.text.count("\n", self.i, end)
        self.i = end

    def _string(self) -> str:
        """Consume the string at ``self.i``; return its raw text (quotes included)."""
        text = self.text
        for delim, closing in _ML_END.items():
            if text.startswith(delim, self.i):
                pos = self.i + 3
                while True:
                    found = closing.search(text, pos)
                    if found is None:
                        end = len(text)
                        break
                    if found.group() == delim:
                        end = found.end()
                        while end < len(text) and text[end] == delim[0] and end - found.end() < 2:
                            end += 1
                        break
                    pos = found.end()
                start = self.i
                self._advance_to(end)
                return text[start:end]
        pattern = _BASIC if text[self.i] == '"' else _LITERAL
        match = pattern.match(text, self.i)
        assert match is not None  # both patterns match their opening quote
        self.i = match.end()
        return match.group()

    def _key(self) -> list[str]:
        """Consume a dotted key; return its parts (unquoted), empty when there is none."""
        parts: list[str] = []
        text, n = self.text, len(self.text)
        while self.i < n:
            self.i = _BLANK.match(text, self.i).end()  # type: ignore[union-attr]
            if self.i >= n:
                break
            if text[self.i] in "\"'":
                parts.append(_unquote(self._string()))
            else:
                bare = _BARE_KEY.match(text, self.i)
                if bare is None:
                    break
                parts.append(bare.group())
                self.i = bare.end()
            self.i = _BLANK.match(text, self.i).end()  # type: ignore[union-attr]
            if self.i < n and text[self.i] == ".":
                self.i += 1
                continue
            break
        return parts

    # -- values ----------------------------------------------------------------------

    def _start(self, path: str, stack: list[_Frame]) -> None:
        """Begin one value at ``self.i``: a string or scalar is consumed, a container pushed."""
        text = self.text
        if self.i >= len(text):
            return
        ch = text[self.i]
        if ch in "\"'":
            self._string()
        elif ch == "[":
            self.i += 1
            stack.append(_Frame("array", path))
        elif ch == "{":
            self.map.headers.setdefault(path, self.line + 1)
            self.i += 1
            stack.append(_Frame("table", path))
        else:
            match = _SCALAR.match(text, self.i)
            self.i = match.end() if match and match.end() > self.i else self.i + 1

    def _record_key(self, section: str, parts: list[str]) -> str:
        """Record a (dotted) key's line under ``section``; return the path of its value."""
        for depth in range(1, len(parts)):
            implicit = section
            for part in parts[:depth]:
                implicit = _join(implicit, part)
            self.map.headers.setdefault(implicit, self.line + 1)
        owner = section
        for part in parts[:-1]:
            owner = _join(owner, part)
        self.map.keys.setdefault((owner, parts[-1]), self.line + 1)
        return _join(owner, parts[-1])

    def _value(self, path: str) -> None:
        """Consume one value (iteratively: nesting depth costs no recursion)."""
        stack: list[_Frame] = []
        self._start(path, stack)
        text, n = self.text, len(self.text)
        while stack and self.i < n:
            top = stack[-1]
            self._skip(newlines=True)
            if self.i >= n:
                break
            ch = text[self.i]
            if ch in ("]" if top.kind == "array" else "}"):
                self.i += 1
                stack.pop()
            elif ch == ",":
                self.i += 1
            elif top.kind == "array":
                element = f"{top.path}[{top.count}]"
                top.count += 1
                self._start(element, stack)
            else:
                parts = self._key()
                if not parts:
                    self.i += 1
                    continue
                value_path = self._record_key(top.path, parts)
                self._skip(newlines=False)
                if self.i < n and text[self.i] == "=":
                    self.i += 1
                self._skip(newlines=False)
                self._start(value_path, stack)

    # -- statements ------------------------------------------------------------------

    def _resolve(self, parts: list[str]) -> str:
        """The section path of header ``parts``: each array of tables met resolves to its
        latest element (``commitments.target`` -> ``commitments[4].target``)."""
        path = ""
        for part in parts:
            path = _join(path, part)
            if path in self.aot:
                path = f"{path}[{self.aot[path]}]"
        return path

    def _header(self) -> None:
        text = self.text
        is_array = text.startswith("[[", self.i)
        header_line = self.line
        self.i += 2 if is_array else 1
        parts = self._key() or [""]
        self._skip(newlines=False)
        closing = "]]" if is_array else "]"
        if text.startswith(closing, self.i):
            self.i += len(closing)
        new_commitment = False
        if is_array:
            name = _join(self._resolve(parts[:-1]), parts[-1])
            self.aot[name] = self.aot.get(name, -1) + 1
            section = f"{name}[{self.aot[name]}]"
            new_commitment = name == _TOP
        else:
            section = self._resolve(parts)
        self._blocks_at(section, new_commitment, header_line)
        self.section = section
        self.map.headers.setdefault(section, header_line + 1)

    def _close_table(self) -> None:
        if self.table is not None:
            self.map.tables.setdefault(self.table[0], (self.table[1], self.last_content + 1))
            self.table = None

    def _blocks_at(self, section: str, new_commitment: bool, header_line: int) -> None:
        """Open, keep or close the current commitment block (and other table) at a header."""
        self._close_table()
        if not section.startswith(_TOP):
            self.table = (section, header_line)
        inside = self.block is not None and (
            section.startswith(f"{_TOP}[{self.block}].") or section == f"{_TOP}[{self.block}]"
        )
        if self.block is not None and (new_commitment or not inside):
            self.map.blocks.append((self.block_start, self.last_content + 1))
            self.block = None
        if new_commitment:
            self.block = len(self.map.blocks)
            self.block_start = header_line
        elif self.block is None and section.startswith(f"{_TOP}["):
            index = section[len(_TOP) + 1 : section.index("]")]
            if index.isdigit():
                self.map.stray.setdefault(int(index), header_line + 1)

    def scan(self) -> TomlMap:
        text, n = self.text, len(self.text)
        while True:
            self._skip(newlines=True)
            if self.i >= n:
                break
            simple = _SIMPLE.match(text, self.i)
            if simple is not None:
                self.map.keys.setdefault((self.section, simple.group(1)), self.line + 1)
                if simple.group(2) is not None:
                    self.map.comment_lines.add(self.line)
                self.i = simple.end()
            elif text[self.i] == "[":
                self._header()
            else:
                parts = self._key()
                if not parts:
                    self.i += 1
                    continue
                value_path = self._record_key(self.section, parts)
                self._skip(newlines=False)
                if self.i < n and text[self.i] == "=":
                    self.i += 1
                self._skip(newlines=False)
                self._value(value_path)
            self.last_content = self.line
        if self.block is not None:
            self.map.blocks.append((self.block_start, self.last_content + 1))
        self._close_table()
        return self.map


def _unquote(raw: str) -> str:
    """The name a quoted key stands for (escapes decoded by the parser itself)."""
    if raw.startswith("'"):
        return raw.strip("'")
    try:
        value = tomli.loads(f"k = {raw}")["k"]
    except tomli.TOMLDecodeError:
        return raw.strip('"')
    return value if isinstance(value, str) else raw


def scan(text: str) -> TomlMap:
    """Index the headers, keys and commitment blocks of ``text`` (see :class:`TomlMap`).

    Never raises; on text that is not valid TOML the index may be incomplete.
    """
    return _Scanner(text).scan()


_HEADER = re.compile(
    r"[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*(\]\]?)[ \t]*(?:#.*)?"
)
_HEADER_LINE = re.compile(r"\n[ \t]*\[[^\n]*")  # run on the text after a "\n"
_COMMENT = re.compile(r"""(?:[^"'#\n]|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')*#""")


def _content_before(text: str, at: int) -> int:
    """The offset of the start of the last line before offset ``at`` (a line start)
    that holds more than blanks or a comment; -1 when there is none."""
    end = at - 1
    while end >= 0:
        begin = text.rfind("\n", 0, end) + 1
        bare = text[begin:end].strip()
        if bare and not bare.startswith("#"):
            return begin
        end = begin - 1
    return -1


def quick_layout(text: str, data: dict[str, object]) -> Layout | None:
    """The :class:`Layout` of ``text`` (``data`` its parse) from its header and comment
    lines alone, as :func:`scan` gives it, in a small part of the time; None when the
    text holds what only the full scan reads right (a multi-line string, a quoted or
    unusual header, a table declared some other way)."""
    if '"""' in text or "'''" in text:
        return None
    blocks: list[tuple[int, int]] = []
    stray: dict[int, int] = {}
    tables: dict[str, tuple[int, int]] = {}
    start: int | None = None  # the open [[commitments]] block's first line
    table: tuple[str, int] | None = None
    line, offset = 0, 0

    def line_of(at: int) -> int:  # lines are counted forward only
        nonlocal line, offset
        line += text.count("\n", offset, at)
        offset = at
        return line

    def close(at: int) -> int:  # the end of the block or table before offset ``at``
        found = _content_before(text, at)
        return line_of(at) - text.count("\n", found, at) + 1 if found >= 0 else 0

    for match in _HEADER_LINE.finditer("\n" + text):
        at = match.start()  # the offset in ``text`` of the line's start
        n = line_of(at)
        header = _HEADER.fullmatch(match.group()[1:].rstrip("\r"))
        if header is None or len(header.group(1)) != len(header.group(3)):
            return None
        name = header.group(2)
        if " " in name or "\t" in name:
            name = re.sub(r"[ \t]", "", name)
        if table is not None:
            tables.setdefault(table[0], (table[1], close(at)))
            table = None
        if name == _TOP and header.group(1) == "[[":
            if start is not None:
                blocks.append((start, close(at)))
            start = n
        elif name.startswith(f"{_TOP}."):
            if start is None and blocks:
                stray.setdefault(len(blocks) - 1, n + 1)
        elif header.group(1) == "[[" or name == _TOP:
            return None
        else:
            if start is not None:
                blocks.append((start, close(at)))
                start = None
            table = (name, n)
    if start is not None:
        blocks.append((start, close(len(text) + 1)))
    if table is not None:
        tables.setdefault(table[0], (table[1], close(len(text) + 1)))
    comments = set()
    line, offset = 0, 0
    for match in re.finditer("#", text):
        begin = text.rfind("\n", 0, match.start()) + 1
        if _COMMENT.match(text, begin):
            comments.add(line_of(begin))
    declared: set[str] = set()
    for kind in ("agencies", "sources"):
        found = data.get(kind)
        if isinstance(found, dict):
            declared.update(f"{kind}.{key}" for key in found)
    listed = data.get(_TOP, [])
    if not isinstance(listed, list) or len(blocks) != len(listed):
        return None
    if set(tables) - {"agencies", "sources"} != declared:
        return None
    return Layout(tuple(blocks), frozenset(comments), stray, tables)
