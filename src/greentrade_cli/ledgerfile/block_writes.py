"""Writing commitment blocks into a ledger's text, each verified on its own.

A write that changes commitments (``gt mark``, ``record``, ``import``, ``edit``, and
``undo`` of those) replaces only their blocks: the change is merged into each block's
lines as written (:mod:`greentrade_cli.ledgerfile.splice`), the new block is parsed and checked by
itself against the ledger's agencies and sources, and the line positions of the rest
(:class:`~greentrade_cli.ledgerfile.layout.Layout`) are moved, so the rest of a large file is never
parsed again. :mod:`greentrade_cli.ledgerfile.storage` journals and writes the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from greentrade_cli.errors import DataError, GtError
from greentrade_cli.ledgerfile.layout import Layout
from greentrade_cli.ledgerfile.tomlmap import replaced_layout
from greentrade_cli.model.ledger import commitment_ids

if TYPE_CHECKING:
    from greentrade_cli.ledgerfile.blocks import Change
    from greentrade_cli.ledgerfile.ledger_file import LedgerFile
    from greentrade_cli.model.commitment import Commitment

# Imported by gt's writes only: the parser, schema and merge are imported where used.


def render_commitment(commitment: Commitment) -> str:
    """The canonical TOML block of one commitment, as tomli-w writes it (ends with a newline)."""
    import tomli_w

    from greentrade_cli.ledgerfile.schema import commitment_to_data

    return tomli_w.dumps({"commitments": [commitment_to_data(commitment)]})


class Edit(NamedTuple):
    """Lines ``first`` up to ``end`` (0-based, ``end`` excluded) of a text replaced by
    ``lines`` (without their ``\\n``, as ``str.split("\\n")`` gives them); ``last`` when the
    old lines run to the end of the text (no ``\\n`` after them)."""

    first: int
    end: int
    lines: list[str]
    last: bool


class Spliced(NamedTuple):
    """Commitments spliced into a ledger text, each block verified on its own: the
    ``edits`` to its lines (last in the file first), the new ``layout``, the commitments
    changed (by index) and, for the journal, each changed block's text before and after
    (lines joined with ``\\n``, by index)."""

    edits: tuple[Edit, ...]
    layout: Layout
    changed: dict[int, Commitment]
    blocks: dict[int, tuple[str, str]]

    def text(self, old: str) -> str:
        """The new text: ``old``, the text spliced into, with the edits made."""
        parts = old.split("\n")
        for edit in self.edits:
            parts[edit.first : edit.end] = edit.lines
        return "\n".join(parts)


def lines_text(parts: Sequence[str]) -> str:
    """Lines (``\\r`` ends and all, as ``str.split("\\n")`` gives them) as the journal keeps a
    block: line ends dropped, joined with ``\\n``, ending with one."""
    return "\n".join(line.removesuffix("\r") for line in parts) + "\n"


def plan(file: LedgerFile, changed: Sequence[Commitment]) -> Spliced:
    """Splice ``changed`` into ``file``'s text, from the last commitment in the file to the
    first, so that the line ranges of those still to do stay valid.

    Raises :class:`DataError` as :func:`_splice_one`, and
    :class:`~greentrade_cli.errors.LedgerChangedError` when the file changed since it was
    read.
    """
    ids = {cid: i for i, cid in enumerate(commitment_ids(file.ledger.commitments))}
    if len(file.layout.blocks) != len(ids):
        raise DataError(
            f"{file.name}: the commitments are not written as [[commitments]] tables, "
            "so gt cannot change one without re-writing the others; write each as a "
            "[[commitments]] table and run this again"
        )
    order = sorted(changed, key=lambda c: ids[c.id], reverse=True)
    found = old_lines(file, [file.layout.blocks[ids[c.id]] for c in order])
    layout = file.layout
    done: dict[int, Commitment] = {}
    blocks: dict[int, tuple[str, str]] = {}
    edits: list[Edit] = []
    for new in order:
        index = ids[new.id]
        first, end = layout.blocks[index]
        old, last = found[(first, end)]
        original = "\n".join(old) + ("" if last else "\n")
        block = _splice_one(file, original, index, new)
        if block is not None:
            layout = replaced_layout(layout, index, block)
            lines = block.split("\n")
            ended = block.endswith("\n")
            if ended:
                lines.pop()
            blocks[index] = (lines_text(old), lines_text(lines))
            edits.append(Edit(first, end, [*lines, ""] if ended and last else lines, last))
            done[index] = new
    return Spliced(tuple(edits), layout, done, blocks)


def old_lines(
    file: LedgerFile, spans: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], tuple[list[str], bool]]:
    """The lines of each span ``(first, end)`` of ``file``'s text (as ``str.split("\\n")``
    gives them), and whether the span runs to the end of the text."""
    parts = file.text.split("\n")
    return {(a, b): (parts[a:b], b >= len(parts)) for a, b in spans}


def _splice_one(file: LedgerFile, original: str, index: int, changed: Commitment) -> str | None:
    """The new text of commitment ``index``'s block, whose lines in ``file`` are
    ``original`` (line ends included), holding ``changed``, verified on its own; None
    when it does not change."""
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
        verify_block(file, first, canonical, changed)
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
    verify_block(file, first, canonical, changed)
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


def mixed_line_ends(text: str) -> bool:
    """True when ``text`` does not end every line alike (``\\n`` or ``\\r\\n``): a write
    that touches some lines must then re-join them all, as :mod:`greentrade_cli.ledgerfile.blocks`
    does."""
    return text.endswith("\r") or ("\r\n" in text and text.count("\n") != text.count("\r\n"))


def journal_changes(file: LedgerFile, spliced: Spliced) -> tuple[Change, ...] | None:
    """The journal's changes for ``spliced``, as :func:`greentrade_cli.ledgerfile.blocks.diff` finds
    them, without reading the whole text again; None when the text mixes line ends (or
    only line ends changed), where ``diff`` must decide."""
    from greentrade_cli.ledgerfile.blocks import Change, Table

    if mixed_line_ends(file.text) or not spliced.blocks:
        return None
    if any(a == b for a, b in spliced.blocks.values()):
        return None
    ids = commitment_ids(file.ledger.commitments)
    changes = []
    for index in sorted(spliced.blocks):
        first = file.layout.blocks[index][0]
        above = [
            (a, name.replace(".", "/", 1))
            for name, (a, _) in file.layout.tables.items()
            if name.partition(".")[0] in (Table.AGENCY, Table.SOURCE) and "." in name
        ]
        if index:
            above.append((file.layout.blocks[index - 1][0], f"commitments/{ids[index - 1]}"))
        above = [(a, name) for a, name in above if a < first]
        before, after = spliced.blocks[index]
        prev = max(above)[1] if above else None
        changes.append(Change(Table.COMMITMENT, ids[index], before, after, prev))
    return tuple(changes)
