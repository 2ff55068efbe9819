"""A ledger text as keyed blocks, and the block-by-block changes between two versions of it.

Every agency, source and commitment is one *block*: the lines of its table (for a
commitment, with its history, measurements and target), found by
:func:`greentrade_cli.ledgerfile.tomlmap.scan`. A write to the ledger changes whole blocks only, so
the difference between the text before and after a write is a short list of
:class:`Change` objects, each holding the block's text before and after (None where the
block did not exist). :func:`revert` applies such a list backwards to a later text,
refusing when a block no longer reads as the write left it: this is what ``gt undo``
does. A difference that is not a matter of whole blocks is kept as one change of the
whole file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import tomli

from greentrade_cli.errors import ConflictError
from greentrade_cli.ledgerfile.tomlmap import Layout, TomlMap, content_end, scan, toml_lines


class Table(StrEnum):
    """What a block is: one agency, source or commitment, or (``file``) the whole text."""

    AGENCY = "agencies"
    SOURCE = "sources"
    COMMITMENT = "commitments"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class Block:
    """Where one block is: its table, key (agency code, source or commitment id) and
    0-based line range ``first`` to ``end`` (exclusive)."""

    table: Table
    key: str
    first: int
    end: int


@dataclass(frozen=True, slots=True)
class Change:
    """How one block changed in one write.

    ``before``/``after`` are the block's lines joined with ``\\n`` and ending with one
    (None when the block was added/removed); a removed block's ``before`` also holds the
    blank lines removed with it but one (:func:`removed_text`). ``prev`` names the block
    just above it (``"commitments/ID"``), used to put a removed block back in its place;
    None when it was the first. For ``Table.FILE``, ``before``/``after`` are the whole texts.
    ``file`` is the file of a ledger in many files the block is in, relative to the root
    ledger's folder ("" for the root).
    """

    table: Table
    key: str
    before: str | None
    after: str | None
    prev: str | None = None
    file: str = ""

    @property
    def name(self) -> str:
        """``commitments/ID``, ``sources/ID``, ``agencies/CODE`` or ``file``."""
        return str(self.table) if self.table is Table.FILE else f"{self.table}/{self.key}"


_SINGULAR = {Table.AGENCY: "agency", Table.SOURCE: "source", Table.COMMITMENT: "commitment"}


def find_blocks(text: str, data: Mapping[str, Any], where: TomlMap | None = None) -> list[Block]:
    """The blocks of ``text`` in file order; ``data`` is ``text`` parsed by ``tomli``
    and ``where`` its :func:`~greentrade_cli.ledgerfile.tomlmap.scan` (made here when not given)."""
    where = scan(text) if where is None else where
    raw = data.get("commitments", [])
    ids = (
        [t.get("id") if isinstance(t, dict) else None for t in raw] if isinstance(raw, list) else []
    )
    return layout_blocks(where.layout(), ids)


def layout_blocks(layout: Layout, ids: Sequence[object]) -> list[Block]:
    """The blocks of a text laid out as ``layout``, in file order; ``ids`` holds the id of
    each ``[[commitments]]`` table in file order (a block whose id is not a string, or
    beyond ``ids``, is left out)."""
    found: list[Block] = []
    for name, (first, end) in layout.tables.items():
        head, _, key = name.partition(".")
        if key and head in (Table.AGENCY, Table.SOURCE):
            found.append(Block(Table(head), key, first, end))
    for (first, end), ident in zip(layout.blocks, ids, strict=False):
        if isinstance(ident, str):
            found.append(Block(Table.COMMITMENT, ident, first, end))
    found.sort(key=lambda b: b.first)
    return found


def block_text(lines: Sequence[str], block: Block) -> str:
    """The lines of ``block`` joined with ``\\n``, ending with one."""
    return "\n".join(lines[block.first : block.end]) + "\n"


def _name(block: Block) -> str:
    return f"{block.table}/{block.key}"


def _index(blocks: Sequence[Block]) -> dict[str, Block]:
    return {_name(b): b for b in blocks}


def _join(lines: Sequence[str], newline: str, trailing: bool) -> str:
    return newline.join(lines) + (newline if trailing and lines else "")


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _cut_lines(lines: Sequence[str], block: Block) -> tuple[int, int]:
    """The 0-based range of ``lines`` that :func:`delete_block` takes out for ``block``: its
    lines and the blank lines after it when something follows, else the blank lines before
    it (the blank lines that end the text stay)."""
    first, end = block.first, block.end
    if end < content_end(lines):
        while not lines[end].strip():
            end += 1
        return first, end
    while first > 0 and not lines[first - 1].strip():
        first -= 1
    return first, end


def delete_block(lines: list[str], block: Block) -> list[str]:
    """``lines`` without ``block``: with the blank lines after it when something follows,
    else with the blank lines before it (the blank lines that end the text stay). The
    inverse of :func:`insert_block`."""
    first, end = _cut_lines(lines, block)
    return lines[:first] + lines[end:]


def removed_text(lines: Sequence[str], block: Block) -> str:
    """The text of ``block`` as :func:`revert` puts it back when the write being undone
    removed it by :func:`delete_block`: its lines, and the blank lines cut with it but the
    one :func:`insert_block` puts back between blocks. Only the block's own lines unless
    more than one blank line separated it from its neighbour (two blank lines below it,
    say), which would otherwise come back as one."""
    first, end = _cut_lines(lines, block)
    if end > block.end:  # blank lines below it: the last is the one put back
        return "\n".join(lines[block.first : end - 1]) + "\n"
    if first < block.first:  # the last block: blank lines above it, the first put back
        return "\n".join(lines[first + 1 : block.end]) + "\n"
    return block_text(lines, block)


def insert_block(lines: list[str], new: Sequence[str], after: Block | None) -> list[str]:
    """``lines`` with ``new`` put after block ``after`` (after the last line that is not
    blank when None), separated by one blank line from what is above and below it; the
    blank lines that end the text stay last."""
    end = content_end(lines)
    if after is not None and after.end < end:
        at = after.end
        while not lines[at].strip():
            at += 1
        return [*lines[:at], *new, "", *lines[at:]]
    return [*lines[:end], "", *new, *lines[end:]] if end else [*new, *lines]


def _parse(text: str) -> dict[str, Any]:
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise ConflictError(f"the ledger is not valid TOML ({exc}); fix it first") from None


def diff(
    before: str,
    after: str,
    old_blocks: list[Block] | None = None,
    new_blocks: list[Block] | None = None,
) -> tuple[Change, ...]:
    """The changes that turn text ``before`` into ``after`` (both parse as TOML).

    Block by block when reverting them gives ``before`` back exactly; otherwise one
    ``Table.FILE`` change holding both texts. Empty when the texts are equal.
    ``old_blocks`` and ``new_blocks`` are the texts' :func:`find_blocks`, when the caller
    has them already (a ledger write has parsed both texts once).
    """
    if before == after:
        return ()
    old_lines, new_lines = toml_lines(before), toml_lines(after)
    if old_blocks is None:
        old_blocks = find_blocks(before, tomli.loads(before))
    if new_blocks is None:
        new_blocks = find_blocks(after, tomli.loads(after))
    old_at, new_at = _index(old_blocks), _index(new_blocks)
    changes: list[Change] = []
    prev: str | None = None
    for block in old_blocks:
        name = _name(block)
        old_text = block_text(old_lines, block)
        new_text = block_text(new_lines, new_at[name]) if name in new_at else None
        if new_text is None:  # removed: with the blank lines an undo must put back too
            old_text = removed_text(old_lines, block)
        if old_text != new_text:
            changes.append(Change(block.table, block.key, old_text, new_text, prev))
        prev = name
    prev = None
    for block in new_blocks:
        name = _name(block)
        if name not in old_at:
            changes.append(Change(block.table, block.key, None, block_text(new_lines, block), prev))
        prev = name
    whole = (Change(Table.FILE, "", before, after),)
    if not changes:
        return whole
    try:
        reverted = revert(after, tuple(changes), new_blocks)
    except ConflictError:
        return whole
    return tuple(changes) if reverted == before else whole


def revert(
    text: str, changes: Sequence[Change], blocks: list[Block] | None = None, name: str = "the file"
) -> str:
    """``text``, the file called ``name`` in messages, with ``changes`` undone, newest first.

    Each changed block (or the whole text) must read exactly as ``after``, and a removed
    one must still be absent. Raises :class:`ConflictError` saying which did not;
    ``text`` is returned unchanged in no case, the caller writes the result or nothing.
    ``blocks`` are ``text``'s :func:`find_blocks`, when the caller has them.
    """
    newline, trailing = _newline(text), text.endswith(("\n", "\r"))
    for run in _runs(reversed(changes)):
        change = run[0]
        if change.table is Table.FILE:
            if text != change.after:
                raise ConflictError(
                    f"{name} changed since by other means, and putting the whole file back "
                    "would undo that change too"
                )
            assert change.before is not None
            text = change.before
            newline, trailing = _newline(text), text.endswith(("\n", "\r"))
            continue
        lines = toml_lines(text)
        found, blocks = blocks if blocks is not None else find_blocks(text, _parse(text)), None
        at = _index(found)
        if change.after is not None and change.before is not None:
            lines = _put_back(lines, run, at)
            text = _join(lines, newline, trailing)
            continue
        if change.after is None:
            if change.name in at:
                what = f"{_SINGULAR[change.table]} {change.key}"
                raise ConflictError(f"{what} was added again since by other means")
            assert change.before is not None
            anchor = at.get(change.prev) if change.prev else None
            if anchor is None and change.prev is None:
                first = next((b for b in at.values() if b.table is change.table), None)
                if first is not None:
                    before = toml_lines(change.before)
                    lines = [*lines[: first.first], *before, "", *lines[first.first :]]
                    text = _join(lines, newline, trailing)
                    continue
            if anchor is None:
                same = [b for b in at.values() if b.table is change.table]
                anchor = max(same, key=lambda b: b.first) if same else None
            lines = insert_block(lines, toml_lines(change.before), anchor)
            text = _join(lines, newline, trailing or not text)
            continue
        lines = delete_block(lines, _as_left(lines, at, change))
        text = _join(lines, newline, trailing)
    return text


def _as_left(lines: list[str], at: Mapping[str, Block], change: Change) -> Block:
    """The block of ``lines`` (its blocks by name: ``at``) that ``change`` made; raises
    :class:`ConflictError` when it is gone or no longer reads as ``change`` left it."""
    current = at.get(change.name)
    what = f"{_SINGULAR[change.table]} {change.key}"
    if current is None:
        raise ConflictError(f"{what} was removed since by other means")
    if block_text(lines, current) != change.after:
        raise ConflictError(f"{what} changed since by other means")
    return current


def _runs(changes: Iterable[Change]) -> Iterator[list[Change]]:
    """``changes`` in order, in runs to undo at once: the changes in place of blocks
    (neither added nor removed) that follow one another, each block once; every other
    change alone. Putting back one block does not move another, so a run is undone in
    one pass over the text: a parse of it per change made a write to n commitments (whose
    changes :func:`diff` checks by reverting them) and its undo take time growing with n
    squared."""
    run: list[Change] = []
    names: set[str] = set()
    for change in changes:
        in_place = change.table is not Table.FILE and None not in (change.before, change.after)
        if run and (not in_place or change.name in names):
            yield run
            run, names = [], set()
        if in_place:
            run.append(change)
            names.add(change.name)
        else:
            yield [change]
    if run:
        yield run


def _put_back(lines: list[str], run: Sequence[Change], at: Mapping[str, Block]) -> list[str]:
    """``lines`` with the block of each change in ``run`` (changes in place) put back as
    it was before; raises :class:`ConflictError` for the first block that no longer reads
    as the change left it."""
    spans: list[tuple[Block, str]] = []
    for change in run:
        assert change.before is not None
        spans.append((_as_left(lines, at, change), change.before))
    spans.sort(key=lambda span: span[0].first)
    result: list[str] = []
    done = 0
    for block, before in spans:
        result += lines[done : block.first]
        result += toml_lines(before)
        done = block.end
    result += lines[done:]
    return result
