"""``gt split``: a ledger in one file made a root plus one file per source.

The root keeps everything but the sources and commitments (comments, schema, agencies)
and gains ``include = ["ledger/*.toml"]``; ``ledger/<source id>.toml`` gets the source's
table and its commitments, each block as written (comments and hand formatting kept).
Commitments are then read file by file: source by source, in the order of source ids.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from greentrade_cli.errors import DataError
from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.atomic import Write
from greentrade_cli.ledgerfile.blocks import Change, Table, block_text, delete_block, layout_blocks
from greentrade_cli.ledgerfile.ledger_file import LedgerFile
from greentrade_cli.ledgerfile.many_files import context
from greentrade_cli.ledgerfile.tomlmap import toml_lines

if TYPE_CHECKING:
    from greentrade_cli.ledgerfile.journal import Stamp
    from greentrade_cli.model.agency import Agency
    from greentrade_cli.model.source import Source

FOLDER = "ledger"
"""The folder, beside the root, of the files ``gt split`` makes."""


class Planned(NamedTuple):
    """One file ``gt split`` writes: its path and how many commitments it holds."""

    path: Path
    commitments: int


def split(path: Path, *, stamp: Stamp | None, dry_run: bool = False) -> list[Planned]:
    """Split the one-file ledger at ``path`` (see the module notes), all files or none,
    journaled so that ``gt undo`` puts the one file back; with ``dry_run``, only say what
    would be written. Returns the files, the root first.

    Raises :class:`DataError` for a ledger that includes files already, whose folder
    holds ``ledger/`` already, or whose commitments are not written as plain
    ``[[commitments]]`` blocks; and what :func:`storage.load` and the write raise.
    """
    with storage.locked(path):
        file = storage.load(path)
        writes = _plan(file)
        planned = [Planned(w.path, _count(w)) for w in writes]
        if dry_run:
            return planned
        changes = tuple(
            Change(Table.FILE, "", "" if w.old is None else w.old.text, w.text, None, _name(w, i))
            for i, w in enumerate(writes)
        )
        storage.commit_many(file, writes, changes, stamp)
        return planned


def _name(write: Write, index: int) -> str:
    return "" if index == 0 else write.path.relative_to(write.path.parent.parent).as_posix()


def _count(write: Write) -> int:
    return sum(1 for line in toml_lines(write.text) if line.strip() == "[[commitments]]")


def _plan(file: LedgerFile) -> list[Write]:
    """The root's new text and each new file, every one checked as :func:`storage.load`
    checks a file."""
    if file.includes:
        raise DataError(f"{file.name}: the ledger includes other files already; nothing to split")
    layout, ledger = file.layout, file.ledger
    if layout.stray or len(layout.blocks) != len(ledger.commitments):
        raise DataError(
            f"{file.name}: some commitments are not written as one [[commitments]] block "
            "each; run `gt check`, or split the file by hand"
        )
    folder = file.path.parent / FOLDER  # named as the ledger's path is given, as its files
    if os.path.isdir(folder) and any(folder.iterdir()):
        raise DataError(
            f"{folder}/ exists already and is not empty; move it away to split the ledger"
        )
    if os.path.lexists(folder) and not os.path.isdir(folder):
        raise DataError(
            f"{folder} exists already and is not a folder; move it away to split the ledger"
        )
    lines = toml_lines(file.text)
    blocks = layout_blocks(layout, [c.id for c in ledger.commitments])
    by_source: dict[str, list[str]] = {sid: [] for sid in sorted(ledger.sources)}
    for block in blocks:
        if block.table is Table.SOURCE:
            by_source[block.key].insert(0, block_text(lines, block))
        elif block.table is Table.COMMITMENT:
            source = ledger.commitments[layout.blocks.index((block.first, block.end))].source
            by_source[source].append(block_text(lines, block))
    root_lines = lines
    for block in sorted(blocks, key=lambda b: b.first, reverse=True):
        if block.table is not Table.AGENCY:
            root_lines = delete_block(root_lines, block)
    at = next((i for i, line in enumerate(root_lines) if line.startswith("[")), len(root_lines))
    root_lines = [*root_lines[:at], f'include = ["{FOLDER}/*.toml"]', "", *root_lines[at:]]
    newline = file.newline
    root_text = newline.join(root_lines).rstrip() + newline
    writes = [Write(file.path, file, root_text)]
    storage.check_text(file, root_text)
    tables: tuple[dict[str, Agency], dict[str, Source]] = (ledger.agencies, {})
    for sid, texts in by_source.items():
        path = file.path.parent / FOLDER / f"{sid}.toml"
        text = "\n\n".join(t.rstrip("\n") for t in texts) + "\n"
        text = text.replace("\n", newline)
        part = LedgerFile(path, "", ledger, root=file.path, root_tables=tables)
        storage.check_text(replace(part, context=context(*tables)), text)
        writes.append(Write(path, None, text))
    return writes
