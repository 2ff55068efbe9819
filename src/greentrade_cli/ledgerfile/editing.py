"""Editing one commitment as TOML text (``gt edit``): the text offered, reading it back,
and the loop that offers it again, with the problem on top, until it is sound.

The text is a four-line header of ``# gt`` comments, a blank line and the commitment's
``[[commitments]]`` block as the ledger writes it. Line numbers in messages count from
the top of the text the editor shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import tomli

from greentrade_cli.errors import DataError, EditError
from greentrade_cli.ledgerfile.block_writes import render_commitment
from greentrade_cli.ledgerfile.ledger_file import LedgerFile, toml_error
from greentrade_cli.ledgerfile.schema import read_commitment_data
from greentrade_cli.ledgerfile.storage import check_quotes, part_holding, sources_told
from greentrade_cli.ledgerfile.tomlmap import scan
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger

HEADER_LINES = 4
_MARK = "# gt"


def shown(error: EditError) -> str:
    """``error`` as the editor's header shows it: ``line N: ...`` counting the header's lines."""
    if error.line is None:
        return error.message
    return f"line {error.line + HEADER_LINES}: {error.message}"


def offer(
    commitment: Commitment,
    ledger_name: str,
    error: EditError | None = None,
    body: str | None = None,
) -> str:
    """The text to open in the editor: the header (with ``error`` when re-offering) and
    ``body`` (default: the commitment's block as the ledger writes it)."""
    title = f"{_MARK} edit: commitment {commitment.id} in {ledger_name}"
    if error is None:
        lines = [
            title,
            f"{_MARK}: save and quit to apply; quit without saving, or save an empty file, to change nothing.",
            f"{_MARK}: comments are not kept; the id cannot be changed.",
        ]
    else:
        lines = [
            title,
            f"{_MARK}: error: {shown(error)}",
            f"{_MARK}: fix it, then save and quit to try again; save an empty file to give up.",
        ]
    text = render_commitment(commitment) if body is None else body
    return "\n".join([*lines, ""]) + "\n" + text


def body_of(text: str) -> str:
    """``text`` without the ``# gt`` header lines at its top and the blank line after them."""
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines) and lines[start].startswith(_MARK):
        start += 1
    if start and start < len(lines) and not lines[start].strip():
        start += 1
    return "".join(lines[start:])


def is_blank(body: str) -> bool:
    """True when ``body`` holds nothing but white space and comment lines."""
    return all(not line.strip() or line.lstrip().startswith("#") for line in body.splitlines())


def read_back(body: str, file: LedgerFile, original: Commitment) -> Commitment:
    """The commitment the edited ``body`` holds, checked as the ledger would check it.

    It must be one ``[[commitments]]`` table, keep ``original``'s id, pass the schema
    against the ledger's agencies and the sources its file may quote, and quote its
    source's archived text.
    Raises :class:`EditError` with the first problem (and how many more there are).
    """
    try:
        data = tomli.loads(body)
    except tomli.TOMLDecodeError as exc:
        reason, found = toml_error(exc)
        if found is None:
            raise EditError(None, f"not valid TOML: {reason}") from None
        raise EditError(found[0], f"not valid TOML: {reason} at column {found[1]}") from None
    tables = data.get("commitments")
    if set(data) != {"commitments"} or not isinstance(tables, list) or len(tables) != 1:
        raise EditError(None, "the text must hold one [[commitments]] table and nothing else")
    where = scan(body)
    if tables[0].get("id") != original.id:
        raise EditError(
            where.line("commitments[0]", "id"),
            f'id: cannot be changed by gt edit; put back id = "{original.id}"',
        )
    part = part_holding(file, original.id)
    agencies, sources = file.ledger.agencies, part.ledger.sources  # the ones it may quote
    got, schema_problems = read_commitment_data(tables[0], agencies, sources, where)
    problems = list(sources_told(part, schema_problems))
    if got is not None and not problems:
        alone = Ledger(agencies, sources, (got,))
        problems = check_quotes(file.path, alone, where, {"commitments": tables})
    if problems or got is None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        field = f"{first.field}: " if first.field else ""
        raise EditError(first.line, f"{field}{first.message}{more}")
    return got


@dataclass(frozen=True, slots=True)
class EditResult:
    """What came of an edit: the changed commitment, or None with ``reason`` saying why
    nothing is to be written (``unchanged`` or ``emptied``)."""

    commitment: Commitment | None
    reason: str = ""


MAX_ROUNDS = 10
"""Times the editor is opened again on a text with a problem before the edit is given up
(an editor that saves the same broken text every time would otherwise loop for ever)."""


def edit_commitment(
    file: LedgerFile, original: Commitment, edit: Callable[[str], str]
) -> EditResult:
    """Offer ``original`` to ``edit`` (which returns the text as saved) until it reads back.

    A text returned as offered, or one that reads back as ``original``, is ``unchanged``;
    an empty one (white space and comments only) is ``emptied``. A text with a problem
    is offered again with the problem on top. Raises :class:`DataError` when a text
    offered with a problem comes back untouched or still has a problem after
    :data:`MAX_ROUNDS` rounds (the edit is given up), and what ``edit`` raises.
    """
    offered = offer(original, file.name)
    error: EditError | None = None
    for _ in range(MAX_ROUNDS):
        returned = edit(offered)
        if returned == offered:
            if error is None:
                return EditResult(None, "unchanged")
            raise DataError(
                f"{original.id}: the edit still had a problem ({shown(error)}) and was given up; "
                "nothing was changed"
            )
        body = body_of(returned)
        if is_blank(body):
            return EditResult(None, "emptied")
        try:
            changed = read_back(body, file, original)
        except EditError as exc:
            error = exc
            offered = offer(original, file.name, exc, body)
            continue
        if changed == original:
            return EditResult(None, "unchanged")
        return EditResult(changed)
    assert error is not None  # every round that did not return had a problem
    raise DataError(
        f"{original.id}: the edit still had a problem after {MAX_ROUNDS} tries ({shown(error)}) "
        "and was given up; nothing was changed"
    )
