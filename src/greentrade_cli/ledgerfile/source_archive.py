"""Declaring a new source document, with its text archived beside the ledger (``gt source add``)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

from greentrade_cli.errors import DataError, GtError, LedgerError, UsageError
from greentrade_cli.ledgerfile import atomic, storage
from greentrade_cli.ledgerfile.journal import Stamp
from greentrade_cli.ledgerfile.ledger_file import read_bytes
from greentrade_cli.ledgerfile.schema import text_problem
from greentrade_cli.model.ids import ID_FORMAT, id_length_problem
from greentrade_cli.model.source import Source, url_problem

ARCHIVE_FOLDER = "sources"


def _read_text(text_file: Path) -> str:
    """The UTF-8 text of ``--text``, read as a ledger is (:func:`read_bytes`: a regular
    file within the size limit of a ledger), held line by line to the rule of ledger text
    (:func:`text_problem`: no ESC, C1 control or bidirectional override, which would reach
    a terminal through ``gt extract``). Raises :class:`UsageError` naming the file (and
    the line)."""
    try:
        raw = read_bytes(text_file, "text")
    except LedgerError as exc:
        raise UsageError(f"--text: {exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"--text: {text_file} is not UTF-8 text; save it as UTF-8") from None
    lines = text.replace("\r\n", "\n")  # a CR ending a line is a line end, not a control
    if text_problem(lines) is not None:  # one scan; the line is looked for only then
        for number, line in enumerate(lines.split("\n"), 1):
            if problem := text_problem(line):
                raise UsageError(f"--text: {text_file}:{number}: {problem}")
    return text


def declare_source(
    ledger: Path,
    source: Source,
    text_file: Path | None,
    *,
    read_only: bool = False,
    stamp: Stamp | None = None,
    into: Path | None = None,
    on: dt.date | None = None,
) -> Source:
    """Add ``source`` to the ledger at ``ledger`` (in its file ``into``, or a new file there,
    when given: see :func:`storage.add_source`); with ``text_file``, archive its text first.

    The text is copied to ``sources/<id>.txt`` in the ledger's folder (an identical copy
    already there is kept) and the source's ``archive`` points at it, so quotes of new
    commitments are checked against it. Returns the source as declared. Raises
    :class:`UsageError` for an id that is not lower-case letters, digits and hyphens or
    is too long, a date after ``on`` (the day of this change), an empty title or
    publisher, a URL that is not http(s), or a text file that cannot be read (missing,
    not a regular file, too big, not UTF-8) or holds a control character, :class:`DataError` when a different archive already has that
    name, and what :func:`storage.add_source` raises (then a copy made here is removed
    again).
    """
    if read_only:
        raise storage.read_only_error()
    if not ID_FORMAT.match(source.id):
        raise UsageError(
            f"source id {source.id!r} must be lower-case letters and digits joined by '-' "
            "(e.g. mofcom-2025-11-05)"
        )
    if problem := id_length_problem(source.id):
        raise UsageError(f"source id: {problem}")
    if on is not None and source.date > on:
        raise UsageError(
            f"--date: {source.date} is after the day of this change ({on}, --on or today); "
            "give the day the source was published"
        )
    for option, value in (("--title", source.title), ("--publisher", source.publisher)):
        if not value.strip():
            raise UsageError(f"{option} must not be empty")
    problem = url_problem(source.url) if source.url else None
    if problem is not None:
        raise UsageError(f"--url: {problem}")
    if text_file is None:
        return storage.add_source(ledger, source, stamp=stamp, into=into)
    text = _read_text(text_file)
    relative = f"{ARCHIVE_FOLDER}/{source.id}.txt"
    archive = Path(os.path.realpath(ledger)).parent / relative
    created = False
    if archive.exists():
        if archive.read_bytes() != text.encode("utf-8"):
            raise DataError(
                f"{archive} already exists with other text; move it away or choose another source id"
            )
    else:
        archive.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_atomically(archive, text.encode("utf-8"))
        created = True
    try:
        archived = replace(source, archive=relative)
        return storage.add_source(ledger, archived, stamp=stamp, into=into)
    except GtError:
        if created:
            archive.unlink(missing_ok=True)
        raise
