"""Reading and writing ledger files safely.

Reading: every way a file can be broken (missing, a folder, unreadable, not UTF-8, not
TOML, failing the schema, a quote not found in its archived source) becomes a
:class:`~greentrade_cli.errors.LedgerError` naming the file and line.

Writing changes only the lines of the commitment that changed: its block is re-written
with tomli-w and spliced into the original text; the result is parsed again and must
hold exactly the intended data before it is written. The write takes a lock (filelock)
around read-modify-write, goes to a temporary file in the same folder that is flushed,
fsynced and moved over the ledger with :func:`os.replace`, keeps the file's permissions,
line endings and byte-order mark, and follows a symbolic link to update its target.

Every write is first recorded in the ledger's undo journal (:mod:`greentrade_cli.journal`)
with the text of each block it changes, so that any command writing through this module
can be undone by ``gt undo``.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import tomli_w
from filelock import FileLock, Timeout

from greentrade_cli.blocks import Table, delete_block, diff, find_blocks, insert_block
from greentrade_cli.commitment import Commitment
from greentrade_cli.errors import (
    DataError,
    GtError,
    LedgerChangedError,
    LedgerError,
    Problem,
    ReadOnlyLedgerError,
)
from greentrade_cli.journal import Entry, Stamp, append_entry, cut_back, next_seq, read_journal
from greentrade_cli.ledger import Ledger
from greentrade_cli.schema import commitment_to_data, read_ledger_data, source_to_data
from greentrade_cli.source import Source, quote_found
from greentrade_cli.tomlmap import TomlMap, scan, toml_lines

BOM = "\ufeff"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
LOCK_TIMEOUT_SECONDS = 30.0
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LedgerFile:
    """A ledger as read from disk, with what is needed to write it back faithfully.

    ``path`` is the path as given; ``text`` the decoded text (without a byte-order mark);
    ``digest`` the SHA-256 of the bytes read, to notice a change on disk before writing;
    ``read_only`` is set for the ledger bundled inside the package.
    """

    path: Path
    text: str
    digest: str
    ledger: Ledger
    where: TomlMap = field(repr=False)
    data: dict[str, Any] = field(repr=False)
    newline: str = "\n"
    bom: bool = False
    read_only: bool = False

    @property
    def name(self) -> str:
        """The path as the user gave it, for messages."""
        return str(self.path)


def _fail(path: Path, message: str, line: int | None = None) -> LedgerError:
    return LedgerError(str(path), [Problem(line, None, None, message)])


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail(
            path, "no such file; give --ledger PATH, or run `gt init` to create one"
        ) from None
    except IsADirectoryError:
        raise _fail(path, "is a folder, not a ledger file; give the path of a .toml file") from None
    except PermissionError:
        raise _fail(
            path, "cannot be read (permission denied); check the file's permissions"
        ) from None
    except OSError as exc:
        raise _fail(path, f"cannot be read ({exc.strerror}); check the path") from None


def parse_text(path: Path, raw: bytes) -> tuple[str, bool, dict[str, Any]]:
    """Decode and parse ledger bytes: returns ``(text without BOM, had BOM, TOML data)``.

    Raises :class:`LedgerError` for bytes that are not UTF-8 or text that is not TOML,
    giving the line (and column) found.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(path, f"is not UTF-8 text (byte {exc.start}); save it as UTF-8", line) from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    if not text.strip():
        raise _fail(path, "is empty; run `gt init` for a starter ledger")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_POSITION.search(str(exc))
        reason = _TOML_POSITION.sub("", str(exc)).strip()
        reason = reason[:1].lower() + reason[1:]
        if where is None:
            raise _fail(path, f"is not valid TOML: {reason}; fix it and run `gt check`") from None
        raise _fail(
            path,
            f"is not valid TOML: {reason} at column {where.group(2)}; fix the line and run `gt check`",
            int(where.group(1)),
        ) from None
    return text, bom, data


def check_quotes(path: Path, ledger: Ledger, where: TomlMap) -> list[Problem]:
    """Problems for quotes not found verbatim in their source's archived text.

    Archives are read relative to the ledger's folder (after following links); a missing
    or unreadable archive is itself a problem.
    """
    folder = Path(os.path.realpath(path)).parent
    texts: dict[str, str | None] = {}
    problems: list[Problem] = []
    for source in ledger.sources.values():
        if not source.archive:
            continue
        try:
            texts[source.id] = (folder / source.archive).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            texts[source.id] = None
            reason = getattr(exc, "strerror", None) or "not UTF-8 text"
            problems.append(
                Problem(
                    where.line(f"sources.{source.id}", "archive"),
                    None,
                    f"sources.{source.id}.archive",
                    f"cannot read {source.archive!r} ({reason}); restore the archived text",
                )
            )
    for index, c in enumerate(ledger.commitments):
        archived = texts.get(c.source)
        if archived is not None and not quote_found(c.quote, archived):
            section = f"commitments[{index}]"
            problems.append(
                Problem(
                    where.line(section, "quote"),
                    c.id,
                    "quote",
                    f"not found verbatim in {ledger.sources[c.source].archive}; "
                    "copy the exact words of the source",
                )
            )
    return problems


def load(path: Path, *, read_only: bool = False, quotes: bool = True) -> LedgerFile:
    """Read, parse and validate the ledger at ``path``.

    With ``quotes`` (the default) every quote is also looked up in its source's archived
    text. Raises :class:`LedgerError` listing every problem found, with lines.
    """
    raw = _read_bytes(path)
    text, bom, data = parse_text(path, raw)
    ledger, where = _validate(path, text, data, quotes)
    newline = "\r\n" if "\r\n" in text else "\n"
    return LedgerFile(
        path, text, hashlib.sha256(raw).hexdigest(), ledger, where, data, newline, bom, read_only
    )


def _validate(path: Path, text: str, data: dict[str, Any], quotes: bool) -> tuple[Ledger, TomlMap]:
    """Check parsed ledger ``data`` (from ``text``) against the schema and, with ``quotes``,
    the archived sources; raises :class:`LedgerError` listing every problem, with lines."""
    where = scan(text)
    parsed = read_ledger_data(data, where)
    ledger = Ledger(parsed.agencies, parsed.sources, parsed.commitments)
    problems = list(parsed.problems)
    if quotes and not problems:
        problems += check_quotes(path, ledger, where)
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise LedgerError(str(path), problems)
    return ledger, where


def _has_comment(text: str) -> bool:
    """True when ``text`` (TOML) holds a ``#`` comment outside every string."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            return True
        for quote in ('"""', "'''", '"', "'"):
            if text.startswith(quote, i):
                i += len(quote)
                while i < n and not text.startswith(quote, i):
                    i += 2 if (quote[0] == '"' and text[i] == "\\") else 1
                i += len(quote)
                break
        else:
            i += 1
    return False


def render_commitment(commitment: Commitment) -> str:
    """The canonical TOML block of one commitment, as tomli-w writes it (ends with a newline)."""
    return tomli_w.dumps({"commitments": [commitment_to_data(commitment)]})


def splice(file: LedgerFile, changed: Commitment) -> str:
    """The ledger text with the block of ``changed`` (matched by id) re-written; the rest untouched.

    Raises :class:`DataError` when the block holds a comment that re-writing would drop.
    """
    return splice_many(file, [changed])


def splice_many(file: LedgerFile, changed: Sequence[Commitment]) -> str:
    """The ledger text with the block of each commitment in ``changed`` (matched by id,
    each at most once) re-written; every other line untouched.

    Raises :class:`DataError` when a block to re-write holds a comment it would drop.
    """
    ids = [c.id for c in file.ledger.commitments]
    lines = toml_lines(file.text)
    for new in sorted(changed, key=lambda c: ids.index(c.id), reverse=True):
        index = ids.index(new.id)
        first, end = file.where.blocks[index]
        old_block = "\n".join(lines[first:end]) + "\n"
        old = file.ledger.commitments[index]
        if old_block != render_commitment(old) and _has_comment(old_block):
            raise DataError(
                f"{file.name}:{first + 1}: {new.id}: the commitment holds a comment that a "
                "write would drop; move the comment above its [[commitments]] line and run this again"
            )
        lines[first:end] = toml_lines(render_commitment(new))
    trailing = file.newline if file.text.endswith(("\n", "\r")) else ""
    return file.newline.join(lines) + trailing


def append(file: LedgerFile, added: Commitment) -> str:
    """The ledger text with ``added`` written as a new block at the end."""
    body = file.text.rstrip("\r\n")
    block = render_commitment(added).rstrip("\n").replace("\n", file.newline)
    return body + file.newline * 2 + block + file.newline


def _join(file: LedgerFile, lines: list[str]) -> str:
    trailing = file.newline if file.text.endswith(("\n", "\r")) else ""
    return file.newline.join(lines) + trailing


def cut(file: LedgerFile, commitment_id: str) -> str:
    """The ledger text without the block of commitment ``commitment_id`` (and the blank
    lines that separated it from the next table); the rest untouched."""
    block = next(
        b
        for b in find_blocks(file.text, file.data)
        if b.table is Table.COMMITMENT and b.key == commitment_id
    )
    return _join(file, delete_block(toml_lines(file.text), block))


def render_source(source: Source) -> str:
    """The canonical TOML table of one source, as tomli-w writes it (ends with a newline)."""
    return tomli_w.dumps({"sources": {source.id: source_to_data(source)}})


def with_source(file: LedgerFile, source: Source) -> str:
    """The ledger text with ``source`` written as a new table after the last source (or
    the last agency, or at the end when there is neither)."""
    blocks = find_blocks(file.text, file.data)
    above = [b for b in blocks if b.table is Table.SOURCE] or [
        b for b in blocks if b.table is Table.AGENCY
    ]
    lines = insert_block(
        toml_lines(file.text), toml_lines(render_source(source)), above[-1] if above else None
    )
    return file.newline.join(lines) + file.newline


def _verify(file: LedgerFile, text: str, expected: Ledger) -> None:
    """Parse ``text`` again and insist it holds exactly ``expected``; else nothing is written."""
    _, _, data = parse_text(file.path, text.encode("utf-8"))
    parsed = read_ledger_data(data, scan(text))
    if parsed.problems:
        raise LedgerError(file.name, parsed.problems)
    if (
        parsed.commitments != expected.commitments
        or parsed.agencies != expected.agencies
        or parsed.sources != expected.sources
    ):
        raise DataError(
            f"{file.name}: the re-written ledger did not read back as intended; nothing was written"
        )


def write_atomically(path: Path, data: bytes) -> None:
    """Replace the file at ``path`` (following links) with ``data`` in one step.

    Writes a temporary file in the same folder, flushes and fsyncs it, copies the old
    file's permissions and moves it into place with :func:`os.replace`: a reader sees
    the old file or the new one, never a mixture. Raises :class:`DataError` when the
    folder or file cannot be written.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise DataError(
            f"{path}: cannot write in {target.parent} ({exc.strerror}); "
            "check the folder's permissions"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DataError(
            f"{path}: cannot be written ({exc.strerror}); nothing was changed"
        ) from None
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _check_new_quotes(file: LedgerFile, expected: Ledger) -> None:
    """Raise :class:`LedgerError` when a commitment whose quote or source changes would
    quote words its source's archived text does not hold."""
    old = {c.id: c for c in file.ledger.commitments}
    changed = tuple(
        c
        for c in expected.commitments
        if c.id not in old or (old[c.id].quote, old[c.id].source) != (c.quote, c.source)
    )
    if changed:
        problems = check_quotes(
            file.path, Ledger(expected.agencies, expected.sources, changed), TomlMap()
        )
        if problems:
            raise LedgerError(file.name, problems)


def _commit(file: LedgerFile, text: str, stamp: Stamp | None, undoes: int | None = None) -> None:
    """Journal and write ``text`` over ``file`` (already checked), unless the file on disk
    changed since it was read. A write is journaled with its block changes; an undo
    (``undoes``, the record it reverts) with that number only."""
    if file.read_only:
        raise read_only_error()
    current = _read_bytes(file.path)
    if hashlib.sha256(current).hexdigest() != file.digest:
        raise LedgerChangedError(
            f"{file.name} changed on disk while gt was writing it; nothing was written, run the command again"
        )
    entries = read_journal(file.path)
    changes = () if undoes is not None else diff(file.text, text)
    size = append_entry(file.path, Entry(next_seq(entries), stamp, changes, undoes))
    payload = (BOM if file.bom else "") + text
    try:
        write_atomically(file.path, payload.encode("utf-8"))
    except GtError:
        cut_back(file.path, size)
        raise


def save(file: LedgerFile, text: str, expected: Ledger, *, stamp: Stamp | None = None) -> None:
    """Write ``text`` over ``file`` after checking it reads back as ``expected``.

    The write is recorded in the undo journal first, under ``stamp`` (who, what command,
    which date; None records it without them). Raises :class:`ReadOnlyLedgerError` for
    the bundled ledger, :class:`LedgerChangedError` when the file on disk is no longer
    the one read, :class:`LedgerError` or :class:`DataError` when the new text would not
    be a sound ledger (a changed quote must be found in its source's archive) or the
    journal cannot be written.
    """
    if file.read_only:
        raise read_only_error()
    _verify(file, text, expected)
    _check_new_quotes(file, expected)
    _commit(file, text, stamp)


def save_text(file: LedgerFile, text: str, *, stamp: Stamp | None, undoes: int) -> Ledger:
    """Write ``text``, the ledger with journal record ``undoes`` reverted, over ``file``.

    ``text`` must be a sound ledger (schema and quotes, as :func:`load` checks); the
    write is journaled as an undo of record ``undoes``. Returns the ledger written.
    Raises what :func:`load` raises for the new text, and what :func:`save` raises.
    """
    if file.read_only:
        raise read_only_error()
    _, _, data = parse_text(file.path, text.encode("utf-8"))
    ledger, _ = _validate(file.path, text, data, quotes=True)
    _commit(file, text, stamp, undoes)
    return ledger


def read_only_error() -> ReadOnlyLedgerError:
    """The error for a write asked of the read-only bundled ledger."""
    return ReadOnlyLedgerError(
        "the bundled briefing ledger is read-only; run `gt init` to write an editable "
        "./commitments.toml (or pass --ledger PATH), then run this again"
    )


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the ledger's lock file (``<ledger>.lock`` beside its real path) for a read-modify-write.

    Raises :class:`DataError` when the lock cannot be had within 30 seconds or created.
    """
    target = Path(os.path.realpath(path))
    lock = FileLock(str(target) + ".lock", timeout=LOCK_TIMEOUT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise DataError(
            f"{path} is locked by another gt process (lock {lock.lock_file}); try again"
        ) from None
    except OSError as exc:
        raise DataError(
            f"{path}: cannot create the lock file {lock.lock_file} ({exc.strerror}); "
            "check the folder's permissions"
        ) from None
    try:
        yield
    finally:
        lock.release()


def update(
    path: Path,
    change: Callable[[Ledger], Commitment],
    *,
    read_only: bool = False,
    stamp: Stamp | None = None,
) -> Commitment:
    """Read the ledger under its lock, apply ``change`` and write the one commitment it returns.

    ``change`` receives the freshly read ledger and returns the changed commitment (same
    id); only that commitment's lines change in the file. ``stamp`` is recorded with the
    write in the undo journal. Returns the changed commitment. Raises what :func:`load`,
    ``change`` and :func:`save` raise.
    """
    if read_only:
        raise read_only_error()
    with locked(path):
        file = load(path)
        changed = change(file.ledger)
        save(file, splice(file, changed), file.ledger.with_commitment(changed), stamp=stamp)
        return changed


def insert(
    path: Path,
    build: Callable[[Ledger], Commitment],
    *,
    read_only: bool = False,
    stamp: Stamp | None = None,
) -> Commitment:
    """Read the ledger under its lock and add the commitment ``build`` makes from it at the end.

    ``build`` receives the freshly read ledger (to choose a free id). Returns the new
    commitment. Raises :class:`DataError` when its id is taken, and what :func:`load`,
    ``build`` and :func:`save` raise.
    """
    if read_only:
        raise read_only_error()
    with locked(path):
        file = load(path)
        added = build(file.ledger)
        if any(c.id == added.id for c in file.ledger.commitments):
            raise DataError(f"{file.name}: a commitment with id {added.id!r} already exists")
        expected = replace(file.ledger, commitments=(*file.ledger.commitments, added))
        save(file, append(file, added), expected, stamp=stamp)
        return added


def remove(
    path: Path, commitment_id: str, *, read_only: bool = False, stamp: Stamp | None = None
) -> Commitment:
    """Read the ledger under its lock and take out the commitment with exactly ``commitment_id``.

    Only that commitment's lines go (its text stays in the undo journal). Returns the
    removed commitment. Raises :class:`~greentrade_cli.ledger.UnknownIdError` and what
    :func:`load` and :func:`save` raise.
    """
    if read_only:
        raise read_only_error()
    with locked(path):
        file = load(path)
        gone = file.ledger.find(commitment_id)
        if gone.id != commitment_id:
            raise DataError(f"{file.name}: no commitment with id exactly {commitment_id!r}")
        kept = tuple(c for c in file.ledger.commitments if c.id != gone.id)
        save(file, cut(file, gone.id), replace(file.ledger, commitments=kept), stamp=stamp)
        return gone


def add_source(
    path: Path, source: Source, *, read_only: bool = False, stamp: Stamp | None = None
) -> Source:
    """Read the ledger under its lock and declare ``source`` in a new ``[sources.ID]`` table.

    Returns ``source``. Raises :class:`DataError` when the id is taken, and what
    :func:`load` and :func:`save` raise (a malformed id or empty field fails the schema).
    """
    if read_only:
        raise read_only_error()
    with locked(path):
        file = load(path)
        if source.id in file.ledger.sources:
            raise DataError(f"{file.name}: a source with id {source.id!r} already exists")
        sources = {**file.ledger.sources, source.id: source}
        save(file, with_source(file, source), replace(file.ledger, sources=sources), stamp=stamp)
        return source


def update_many(
    path: Path,
    change: Callable[[Ledger], Sequence[Commitment]],
    *,
    read_only: bool = False,
    stamp: Stamp | None = None,
) -> tuple[Commitment, ...]:
    """Like :func:`update` for several commitments, written together in one verified write.

    ``change`` receives the freshly read ledger (under the lock) and returns the changed
    commitments (distinct ids, all in the ledger); only their lines change in the file.
    When it returns none, nothing is written. Returns what ``change`` returned. Raises
    what :func:`load`, ``change`` and :func:`save` raise; on any error the file is as it was.
    """
    if read_only:
        raise read_only_error()
    with locked(path):
        file = load(path)
        changed = tuple(change(file.ledger))
        if changed:
            expected = file.ledger
            for commitment in changed:
                expected = expected.with_commitment(commitment)
            save(file, splice_many(file, changed), expected, stamp=stamp)
        return changed
