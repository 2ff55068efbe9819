"""Writing commitment blocks into a ledger's text.

A write that changes commitments (``gt mark``, ``record``, ``import``, ``edit``) replaces
only their blocks: the change is merged into each block's lines as written
(:mod:`greentrade_cli.ledgerfile.splice`), keeping comments and hand formatting, or the block is
re-written in canonical form when a merge would not read back as the change.
:mod:`greentrade_cli.ledgerfile.storage` checks the whole new text, journals and writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from greentrade_cli.errors import DataError, GtError
from greentrade_cli.model.ledger import commitment_ids

if TYPE_CHECKING:
    from greentrade_cli.ledgerfile.ledger_file import LedgerFile
    from greentrade_cli.model.commitment import Commitment

# Imported by gt's writes only: the parser, schema and merge are imported where used.


def render_commitment(commitment: Commitment) -> str:
    """The canonical TOML block of one commitment, as tomli-w writes it (ends with a newline)."""
    import tomli_w

    from greentrade_cli.ledgerfile.schema import commitment_to_data

    return tomli_w.dumps({"commitments": [commitment_to_data(commitment)]})


def splice(file: LedgerFile, changed: Sequence[Commitment]) -> str:
    """``file``'s text with each commitment of ``changed`` (matched by id, each at most
    once) merged into its block; every other line kept. The text is put together once,
    block by block in file order (a splice of the lines a block made a write to n
    commitments move the lines below each, n times).

    Raises :class:`DataError` as :func:`_splice_one`.
    """
    ids = {cid: i for i, cid in enumerate(commitment_ids(file.ledger.commitments))}
    if len(file.layout.blocks) != len(ids):
        raise DataError(
            f"{file.name}: the commitments are not written as [[commitments]] tables, "
            "so gt cannot change one without re-writing the others; write each as a "
            "[[commitments]] table and run this again"
        )
    lines = file.text.split("\n")  # a "\r" stays at the end of each CRLF line
    result: list[str] = []
    done = 0
    for new in sorted(changed, key=lambda c: ids[c.id]):
        index = ids[new.id]
        first, end = file.layout.blocks[index]
        last = end >= len(lines)  # no line end after the block
        block = _splice_one(file, "\n".join(lines[first:end]) + ("" if last else "\n"), index, new)
        if block is not None:
            result += lines[done:first]
            result += block.removesuffix("" if last else "\n").split("\n")
            done = end
    result += lines[done:]
    return "\n".join(result)


def _splice_one(file: LedgerFile, original: str, index: int, changed: Commitment) -> str | None:
    """The new text of commitment ``index``'s block, whose lines in ``file`` are
    ``original`` (line ends included), holding ``changed``: merged into ``original`` when
    that reads back as ``changed``, else canonical; None when it does not change. Raises
    :class:`DataError` when re-writing it would drop a comment."""
    old = file.ledger.commitments[index]
    if changed == old:
        return None
    if index in file.layout.stray:
        raise DataError(
            f"{file.name}:{file.layout.stray[index]}: {changed.id}: part of this commitment is "
            "written after another table; move it up under its [[commitments]] line and "
            "run this again"
        )
    from greentrade_cli.ledgerfile.splice import canonical_block, conflicting_lines, merged_block

    first, end = file.layout.blocks[index]
    new = render_commitment(changed)
    canonical = canonical_block(original, new)
    merged = merged_block(original, render_commitment(old), new)
    if merged is not None and merged != canonical:
        try:
            verify_block(file, first, merged, changed)
        except GtError:
            pass
        else:
            return merged
    elif merged == canonical:
        return canonical
    commented = sorted(line for line in file.layout.comment_lines if first <= line < end)
    if commented:
        touched = {first + i for i in conflicting_lines(original, render_commitment(old), new)}
        line = next((n for n in commented if n in touched), commented[0]) + 1
        raise DataError(
            f"{file.name}:{line}: {changed.id}: this change rewrites line {line}, whose comment "
            "would be lost; move the comment off the lines the change touches (above the "
            "[[commitments]] line, say) and run this again"
        )
    return canonical


def encoded(file: LedgerFile, text: str) -> bytes:
    """``text``, new lines for ``file``, as UTF-8; :class:`DataError` when it cannot be (an
    argument in another encoding leaves lone surrogates)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise DataError(
            f"{file.name}: the change holds text that is not valid UTF-8 (an argument in "
            "another encoding?); nothing was written"
        ) from None


def verify_block(file: LedgerFile, first: int, block: str, expected: Commitment) -> None:
    """Insist that ``block``, the new lines of one commitment starting at 0-based line
    ``first``, reads back as exactly ``expected``; else raise :class:`DataError`."""
    if read_block(file, first, block, expected.id) != expected:
        raise DataError(
            f"{file.name}: the re-written ledger did not read back as intended; nothing was written"
        )


def read_block(file: LedgerFile, first: int, block: str, ident: str) -> Commitment:
    """The commitment that ``block``, the new lines of commitment ``ident`` starting at
    0-based line ``first``, holds; :class:`DataError` when it is not a sound one.

    The block is parsed on its own: it must be one ``[[commitments]]`` table and nothing
    else, and pass the schema against the ledger's agencies and sources. That is enough
    for the whole file: the lines it replaces are a whole table in a sound ledger, from
    its header up to the next table's, and TOML gives what follows a table header to that
    table alone, so the file parses as before with this one table changed.
    """
    raw = encoded(file, block)
    import tomli

    from greentrade_cli.ledgerfile.schema import read_commitment_data
    from greentrade_cli.ledgerfile.tomlmap import scan

    try:
        data = tomli.loads(raw.decode("utf-8"))
    except (tomli.TOMLDecodeError, RecursionError) as exc:
        raise DataError(
            f"{file.name}: the change would not give a valid ledger ({exc}); nothing was written"
        ) from None
    tables = data.get("commitments")
    if set(data) != {"commitments"} or not isinstance(tables, list) or len(tables) != 1:
        raise DataError(
            f"{file.name}: the change would not give one [[commitments]] table for "
            f"{ident}; nothing was written"
        )
    ledger = file.ledger
    got, problems = read_commitment_data(
        tables[0], ledger.agencies, ledger.sources, scan(block).shifted(first)
    )
    if problems or got is None:
        first_problem = problems[0].format(file.name)
        raise DataError(
            f"the change would make the ledger invalid: {first_problem}; nothing was written"
        )
    if got.id != ident:
        raise DataError(f"{file.name}: {ident}: the change gives another id; nothing was written")
    return got
