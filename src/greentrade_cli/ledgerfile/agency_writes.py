"""Declaring, changing and removing agencies (``gt agency add``, ``edit``, ``remove``).

Each write reads the ledger under its lock, changes only the ``[agencies.CODE]`` table
concerned and is checked and journalled like every other write (so ``gt undo`` reverts it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from greentrade_cli.errors import DataError, UsageError
from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.blocks import Block, Table, delete_block, insert_block, layout_blocks
from greentrade_cli.ledgerfile.journal import Stamp
from greentrade_cli.ledgerfile.ledger_file import LedgerFile
from greentrade_cli.ledgerfile.schema import agency_to_data
from greentrade_cli.ledgerfile.tomlmap import toml_lines
from greentrade_cli.model.agency import AGENCY_FORMAT, AGENCY_RULE, Agency


def render_agency(agency: Agency) -> list[str]:
    """The lines of one agency's canonical TOML table, as tomli-w writes it."""
    import tomli_w

    return toml_lines(tomli_w.dumps({"agencies": {agency.code: agency_to_data(agency)}}))


def check_agency(agency: Agency) -> Agency:
    """``agency`` with its fields stripped and duplicate aliases dropped; raises
    :class:`UsageError` for a code not as :data:`AGENCY_RULE` says or an empty name."""
    if not AGENCY_FORMAT.fullmatch(agency.code):
        raise UsageError(f"agency code {agency.code!r} must be {AGENCY_RULE} (e.g. NDRC)")
    name = agency.name.strip()
    if not name:
        raise UsageError("--name must not be empty")
    aliases = tuple(dict.fromkeys(a.strip() for a in agency.aliases if a.strip()))
    return replace(agency, name=name, name_zh=agency.name_zh.strip(), aliases=aliases)


def _blocks(file: LedgerFile) -> list[Block]:
    return layout_blocks(file.layout, [c.id for c in file.ledger.commitments])


def _text(file: LedgerFile, lines: list[str]) -> str:
    return file.newline.join(lines) + file.newline


def _agency_block(file: LedgerFile, code: str) -> Block:
    return next(b for b in _blocks(file) if b.table is Table.AGENCY and b.key == code)


def _unknown(file: LedgerFile, code: str) -> DataError:
    known = ", ".join(file.ledger.agencies) or "none declared yet"
    return DataError(f"{file.name}: no agency with code {code!r} (known: {known})")


def add_agency(path: Path, agency: Agency, *, stamp: Stamp | None = None) -> Agency:
    """Declare ``agency`` in a new ``[agencies.CODE]`` table after the last agency (or
    before the first table when there is none). Returns it as written. Raises
    :class:`UsageError` (see :func:`check_agency`), :class:`DataError` when the code is
    taken, and what :func:`storage.load` and :func:`storage.save` raise."""
    agency = check_agency(agency)
    with storage.locked(path):
        file = storage.load(path)
        if agency.code in file.ledger.agencies:
            raise DataError(
                f"{file.name}: agency {agency.code} already exists; change it with "
                f"`gt agency edit {agency.code}`"
            )
        root = storage.part_at(file, 0)  # agencies are declared in the root file
        lines = toml_lines(root.text)
        blocks = _blocks(root)
        agencies = [b for b in blocks if b.table is Table.AGENCY]
        new = render_agency(agency)
        if agencies or not blocks:
            lines = insert_block(lines, new, agencies[-1] if agencies else None)
        else:
            first = blocks[0].first
            lines = [*lines[:first], *new, "", *lines[first:]]
        expected = replace(root.ledger, agencies={**root.ledger.agencies, agency.code: agency})
        storage.save(root, _text(root, lines), expected, stamp=stamp)
        return agency


def edit_agency(
    path: Path, code: str, change: Callable[[Agency], Agency], *, stamp: Stamp | None = None
) -> Agency:
    """Replace agency ``code`` by ``change(agency)`` (same code) in its table's place.
    Returns the new agency. Raises :class:`DataError` for an unknown code and what
    :func:`add_agency` raises."""
    with storage.locked(path):
        file = storage.load(path)
        old = file.ledger.agencies.get(code)
        if old is None:
            raise _unknown(file, code)
        new = check_agency(change(old))
        root = storage.part_at(file, 0)
        block = _agency_block(root, code)
        lines = toml_lines(root.text)
        lines = [*lines[: block.first], *render_agency(new), *lines[block.end :]]
        agencies = {k: (new if k == code else a) for k, a in root.ledger.agencies.items()}
        expected = replace(root.ledger, agencies=agencies)
        storage.save(root, _text(root, lines), expected, stamp=stamp)
        return new


def remove_agency(path: Path, code: str, *, stamp: Stamp | None = None) -> Agency:
    """Remove agency ``code``, which no commitment may name. Returns it. Raises
    :class:`DataError` for an unknown code or one still in use (naming the pledges)."""
    with storage.locked(path):
        file = storage.load(path)
        old = file.ledger.agencies.get(code)
        if old is None:
            raise _unknown(file, code)
        users = [c.id for c in file.ledger.commitments if code in c.agencies]
        if users:
            shown = ", ".join(users[:3]) + (f" and {len(users) - 3} more" if len(users) > 3 else "")
            raise DataError(
                f"agency {code} is named by {len(users)} commitment(s) ({shown}); "
                "it cannot be removed while a pledge names it"
            )
        root = storage.part_at(file, 0)
        lines = delete_block(toml_lines(root.text), _agency_block(root, code))
        agencies = {k: a for k, a in root.ledger.agencies.items() if k != code}
        expected = replace(root.ledger, agencies=agencies)
        storage.save(root, _text(root, lines), expected, stamp=stamp)
        return old
