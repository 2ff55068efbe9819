"""Reading and writing ledger files safely.

Reading: every way a file can be broken (missing, a folder, unreadable, not UTF-8, not
TOML, failing the schema, a quote not found in its archived source) becomes a
:class:`~greentrade_cli.errors.LedgerError` naming the file and line.

Writing changes only the lines of the commitment that changed: the commitment is
re-rendered with tomli-w and the change merged into its lines as written (comments and
hand formatting kept where the change does not touch them, see
:mod:`greentrade_cli.ledgerfile.splice`); every other byte of the file stays as it was. The result
is parsed and validated again and must hold exactly the intended data before it is
written. The write takes a lock (fasteners) around read-modify-write, checks that the file
on disk is still the one read, goes to a temporary file in the same folder that is
flushed, fsynced and moved over the ledger with :func:`os.replace`, keeps the file's
permissions (and owner, where allowed), line endings and byte-order mark, and follows a
symbolic link to update its target.

Every write is first recorded in the ledger's undo journal (:mod:`greentrade_cli.ledgerfile.journal`)
with the text of each block it changes, so that any command writing through this module
can be undone by ``gt undo``.
"""

from __future__ import annotations

import os
import shlex
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from greentrade_cli.errors import (
    DataError,
    GtError,
    LedgerError,
    Problem,
    ReadOnlyLedgerError,
)
from greentrade_cli.ledgerfile import ledger_cache
from greentrade_cli.ledgerfile.atomic import finish_pending, missing_folders
from greentrade_cli.ledgerfile.digest import file_sha256, sha256
from greentrade_cli.ledgerfile.ledger_file import (
    LedgerFile,
    decode,
    fail,
    os_errors,
    read_bytes,
    require_file,
    toml_error,
)
from greentrade_cli.ledgerfile.location import real_path
from greentrade_cli.ledgerfile.many_files import (
    Root,
    as_read,
    as_written,
    duplicates,
    given_before,
    included,
    included_paths,
    merge,
    quoted_elsewhere,
    quotes_unknown,
    relative_name,
    root_of,
    root_tables,
)
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.source import Source, fold_text

if TYPE_CHECKING:
    from greentrade_cli.ledgerfile.atomic import Write
    from greentrade_cli.ledgerfile.blocks import Block, Change
    from greentrade_cli.ledgerfile.journal import Stamp
    from greentrade_cli.ledgerfile.layout import Layout
    from greentrade_cli.ledgerfile.tomlmap import TomlMap

# Reading a ledger is every command's start-up, and reading one the ledger cache holds
# needs neither TOML nor the schema: what only parsing, validating or writing needs
# (tomli, the line scanner, the schema, splicing, tempfile, tomli-w, fasteners, the undo
# journal, block diffs) is imported where it is used.

T = TypeVar("T")
LOCK_TIMEOUT_SECONDS = 30.0


def parse_text(path: Path, raw: bytes) -> tuple[str, bool, dict[str, Any]]:
    """Decode and parse ledger bytes: returns ``(text without BOM, had BOM, TOML data)``.

    Raises :class:`LedgerError` for bytes that are not UTF-8 or text that is not TOML,
    giving the line (and column) found.
    """
    import tomli  # tomllib's data where tomllib reads the text, compiled; also TOML 1.1

    text, bom = decode(path, raw)
    if not text.strip():
        named = shlex.quote(str(path))
        raise fail(
            path,
            f"is empty; start it with `gt new {named} --force` (an empty ledger) or "
            f"`gt init {named} --force` (the bundled briefing's)",
        )
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        reason, where = toml_error(exc)
        if where is None:
            reason = reason.replace(" (at end of document)", "")
            raise fail(
                path,
                f"is not valid TOML: {reason} at the end of the file; fix it and run `gt check`",
                max(1, text.count("\n") + (0 if text.endswith("\n") else 1)),
            ) from None
        raise fail(
            path,
            f"is not valid TOML: {reason} at column {where[1]}; fix the line and run `gt check`",
            where[0],
        ) from None
    except RecursionError:
        raise fail(
            path, "is not a ledger: its arrays or tables are nested too deeply to read"
        ) from None
    return text, bom, data


def check_quotes(
    path: Path, ledger: Ledger, where: TomlMap, data: Mapping[str, Any], base: Path | None = None
) -> list[Problem]:
    """Problems for quotes not found verbatim in their source's archived text.

    Every ``[[commitments]]`` table of the parsed TOML ``data`` with a string quote and a
    declared source is checked, even one that fails the schema otherwise. Archives are
    read relative to the folder of the root ledger ``base`` (``path`` when None, after
    following links); a missing or unreadable archive is itself a problem.
    """
    raw = data.get("commitments")
    commitments = [t for t in raw if isinstance(t, dict)] if isinstance(raw, list) else []
    folder = Path(os.path.realpath(path if base is None else base)).parent
    texts: dict[str, str | None] = {}
    folded: dict[str, str] = {}  # folded when a quote is not found as it is written
    problems: list[Problem] = []
    for source in ledger.sources.values():
        if not source.archive:
            continue
        archive = folder / source.archive
        try:
            texts[source.id] = read_bytes(archive, "text").decode("utf-8")
        except (LedgerError, UnicodeDecodeError) as exc:
            texts[source.id] = None
            reason = str(exc).removeprefix(f"{archive}: ") if isinstance(exc, LedgerError) else ""
            problems.append(
                Problem(
                    where.line(f"sources.{source.id}", "archive"),
                    None,
                    f"sources.{source.id}.archive",
                    f"cannot read {source.archive!r} ({reason or 'not UTF-8 text'}); "
                    "restore the archived text",
                )
            )
    for index, table in enumerate(commitments):
        quote, sid, ident = (table.get(key) for key in ("quote", "source", "id"))
        if not isinstance(quote, str) or not isinstance(sid, str):
            continue
        archived = texts.get(sid)
        if archived is None or quote in archived:  # found as written: found once folded
            continue
        if sid not in folded:
            folded[sid] = fold_text(archived)
        if fold_text(quote) not in folded[sid]:
            problems.append(
                Problem(
                    where.line(f"commitments[{index}]", "quote"),
                    ident if isinstance(ident, str) else f"commitment #{index + 1}",
                    "quote",
                    f"not found verbatim in {ledger.sources[sid].archive}; "
                    "copy the exact words of the source",
                )
            )
    return problems


class Checked(NamedTuple):
    """What :func:`validate` found: the ledger built, every problem (sorted by line; empty
    when the ledger is sound), and the ``include`` list.

    A named tuple rather than a dataclass, as are the other small records of the read
    path: making a dataclass takes about half a millisecond of every command's start-up.
    """

    ledger: Ledger
    problems: tuple[Problem, ...]
    includes: tuple[str, ...] = ()


def validate(
    path: Path, text: str, data: dict[str, Any], *, quotes: bool = True, root: Root | None = None
) -> Checked:
    """The one validation every command uses: the schema, then (with ``quotes``) every quote
    against its source's archive. ``root`` is, for an included file, the root ledger it is
    read against. Never raises for bad content: problems are returned.

    The text is scanned for line numbers (:func:`~.tomlmap.scan`) only when there are
    problems to place: a sound file is checked without its line index.
    """
    from greentrade_cli.ledgerfile.schema import read_ledger_data
    from greentrade_cli.ledgerfile.tomlmap import TomlMap, scan

    where, scanned = TomlMap(), False
    while True:
        parsed = read_ledger_data(data, where, None if root is None else root.tables)
        ledger = Ledger(parsed.agencies, parsed.sources, parsed.commitments)
        problems = list(parsed.problems)
        if quotes:
            problems += check_quotes(path, ledger, where, data, None if root is None else root.path)
        if not problems or scanned:
            break
        where, scanned = scan(text), True  # once more, to name the lines
    problems.sort(key=lambda p: p.line or 0)
    return Checked(ledger, tuple(problems), parsed.includes)


def _file_digest(path: Path) -> str:
    """The SHA-256 (hex) of the ledger file at ``path``, read in chunks (a large ledger's
    bytes are not held to know it). Raises :class:`LedgerError` as :func:`require_file`."""
    size = require_file(path)
    with os_errors(path, "ledger"), path.open("rb") as handle:
        return file_sha256(handle, size)


def ledger_digest(file: LedgerFile) -> str:
    """The SHA-256 (hex) that identifies the data of ``file``: its bytes' for a ledger in
    one file; for a ledger in many files, the SHA-256 of one line per file, in include
    order (the root first), of its path relative to the root's folder, a tab and its own
    SHA-256. A change to any file changes it."""
    if not file.members:
        return file.digest
    folder = file.path.parent
    lines = "".join(
        f"{os.path.relpath(member, folder)}\t{_file_digest(Path(member))}\n"
        for member in file.members
    )
    return sha256(lines.encode("utf-8", "surrogateescape")).hexdigest()


def _archive_names(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The archive of each source declared in parsed TOML ``data``, in file order (what a
    sound ledger's sources give)."""
    sources = data.get("sources")
    tables = sources.values() if isinstance(sources, dict) else ()
    found = (t.get("archive") for t in tables if isinstance(t, dict))
    return tuple(name for name in found if isinstance(name, str) and name)


Pick = Callable[[LedgerFile, Sequence[Path], Sequence[ledger_cache.Head]], Sequence[int] | None]
"""Which of a root's included files (at the paths given, with their cached heads) a command
needs read, by index; None when it needs the whole ledger. See :func:`load`."""


def load(
    path: Path, *, read_only: bool = False, quotes: bool = True, only: Pick | None = None
) -> LedgerFile:
    """Read, parse and validate the ledger at ``path``, and every file it includes.

    With ``quotes`` (the default) every quote is also looked up in its source's archived
    text. A file found in the ledger cache (:mod:`greentrade_cli.ledgerfile.ledger_cache`,
    for exactly these bytes and archives) is not parsed again; a sound one read with
    ``quotes`` is put there. For a root ledger with ``include``, the file returned holds
    the whole ledger, and its ``parts`` each file (the root first); with ``only`` (one
    of :func:`file_holding`, :func:`file_for`, :func:`files_named`) just the root and
    the files it picks, when the cache holds every file (:func:`_partial`). Raises
    :class:`LedgerError` listing every problem found in the first file that has any,
    with lines, and what ``only`` raises.
    """
    finish_pending(path)
    (root,) = _load_files([path], read_only, quotes, None)
    if not root.includes:
        return root
    paths = included_paths(root)
    if only is not None and quotes:
        found = _partial(root, paths, only)
        if found is not None:
            return found
    try:
        parts = _load_files(paths, read_only, quotes, root_tables(root))
    except LedgerError as exc:
        error = _with_ids_given_before(exc, root, paths, read_only, quotes)
        raise _placing(path)(error) from None
    return merge(root, parts)


def _partial(root: LedgerFile, paths: Sequence[Path], pick: Pick) -> LedgerFile | None:
    """The root ``root`` and those of its included files at ``paths`` that ``pick``
    picks, joined as :func:`merge` joins them, with the ids of the others' commitments in
    ``unread_ids``; None when a file is not in the ledger cache, when two files give one
    id (a whole read names them) or when ``pick`` needs the whole ledger."""
    files = _unread(paths, root.read_only, root_tables(root))
    cache = ledger_cache.folder(os.environ)
    found = ledger_cache.heads(cache, [f.cache_id(f.digest) for f in files])
    heads = [head for head in found if head is not None]
    if len(heads) != len(files):
        return None
    ids = [c.id for c in root.ledger.commitments]
    sources = set(root.ledger.sources)
    declared = 0
    for head in heads:
        ids += head.ids
        own = set(head.sources) - root.ledger.sources.keys()
        declared += len(own)
        sources |= own
    if len(set(ids)) != len(ids) or len(sources) != len(root.ledger.sources) + declared:
        return None
    chosen = pick(root, paths, heads)
    if chosen is None:
        return None
    chosen = sorted(set(chosen))
    parts = _cached([files[at] for at in chosen]) if chosen else []
    read = [part for part in parts if part is not None]
    if len(read) != len(chosen) or any(
        tuple(c.id for c in part.ledger.commitments) != heads[at].ids
        for part, at in zip(read, chosen, strict=True)
    ):
        return None
    unread = frozenset(i for at, head in enumerate(heads) if at not in chosen for i in head.ids)
    return replace(merge(root, read), unread_ids=unread)


def file_holding(query: str) -> Pick:
    """For :func:`load`: the file holding the commitment ``query`` (its id, or a prefix
    of it), found as :meth:`Ledger.find` would find it in the whole ledger (raising what
    it raises)."""
    from greentrade_cli.model.ledger import find_id

    def pick(
        root: LedgerFile, paths: Sequence[Path], heads: Sequence[ledger_cache.Head]
    ) -> list[int]:
        ids = [c.id for c in root.ledger.commitments]
        owner = [-1] * len(ids)
        for at, head in enumerate(heads):
            ids += head.ids
            owner += [at] * len(head.ids)
        at = owner[find_id(ids, query)]
        return [] if at < 0 else [at]

    return pick


def file_for(source: str, into: Path | None) -> Pick:
    """For :func:`load`: the file a new commitment quoting ``source`` goes to, as
    :func:`_home` chooses it (``into`` when given); the whole ledger when no file
    declares ``source`` or ``into`` is none of them (the error lists what there is)."""

    def pick(
        root: LedgerFile, paths: Sequence[Path], heads: Sequence[ledger_cache.Head]
    ) -> list[int] | None:
        declaring = [at for at, head in enumerate(heads) if source in head.sources]
        if source not in root.ledger.sources and not declaring:
            return None
        if into is not None:  # a source declared in another file: the whole read says so
            real = os.path.realpath(into)
            at = [i for i, p in enumerate(paths) if os.path.realpath(p) == real]
            if real == os.path.realpath(root.path):
                at = []
            elif not at:
                return None
            held = {*root.ledger.sources, *(s for i in at for s in heads[i].sources)}
            return at if source in held else None
        same = [at for at, head in enumerate(heads) if source in head.cited]
        if same:
            return same[-1:]
        return [] if source in root.ledger.sources else declaring[:1]

    return pick


def files_named(names: Sequence[str]) -> Pick:
    """For :func:`load`: the files the journal calls ``names`` (paths relative to the
    root's folder, "" for the root), as :func:`part_named` finds them."""

    def pick(
        root: LedgerFile, paths: Sequence[Path], heads: Sequence[ledger_cache.Head]
    ) -> list[int]:
        folder = Path(os.path.realpath(root.path)).parent
        wanted = {folder / name for name in names if name}
        return [at for at, p in enumerate(paths) if Path(os.path.realpath(p)) in wanted]

    return pick


def _with_ids_given_before(
    error: LedgerError, root: LedgerFile, paths: Sequence[Path], read_only: bool, quotes: bool
) -> LedgerError:
    """``error``, the problems of one of the included files at ``paths``, with the ids that
    file gives which the files before it give already (:func:`given_before`), or the
    error of a file before it that gives an id twice (:func:`merge`). Only for a file that
    parses as TOML: the ids of one that does not are not known."""
    at = next((i for i, p in enumerate(paths) if str(p) == error.path), None)
    parsed = None if at is None else _toml_of(paths[at])
    if at is None or parsed is None:
        return error
    try:
        before = merge(root, _load_files(paths[:at], read_only, quotes, root_tables(root)))
    except LedgerError as exc:
        return error if exc.path == error.path else exc
    return _with_ids_of(error, parsed, before.parts)


def _toml_of(path: Path) -> tuple[str, dict[str, Any]] | None:
    """The text and parsed TOML of the file at ``path``; None when it is not TOML."""
    try:
        text, _, data = parse_text(path, read_bytes(path))
    except LedgerError:
        return None
    return text, data


def _with_ids_of(
    error: LedgerError, parsed: tuple[str, dict[str, Any]], before: Sequence[LedgerFile]
) -> LedgerError:
    """``error``, the problems of an included file (``parsed``: its text and TOML), with
    the ids it gives that the files ``before`` it (the root first) give already."""
    from greentrade_cli.ledgerfile.tomlmap import scan

    found = given_before(parsed[1], scan(parsed[0]), before)
    if not found:
        return error
    return LedgerError(error.path, sorted([*error.problems, *found], key=lambda p: p.line or 0))


def problems_by_file(path: Path, first: LedgerError) -> tuple[LedgerError, ...]:
    """The problems of every file of the ledger at ``path`` that has any, one error per file
    in reading order, where :func:`load` raised ``first`` (those of the first such file).

    Only ``first`` when the root itself has problems or its ``include`` cannot be
    followed: the files it includes are read against it. An id given again is compared
    with the ids of the files before it that have no problems of their own.
    """
    try:
        (root,) = _load_files([path], False, True, None)
        paths = included_paths(root) if root.includes else []
    except LedgerError:
        return (first,)
    tables = root_tables(root)
    found: dict[str, LedgerError] = {}
    sound: list[LedgerFile] = []
    place = _placing(path)
    for at in paths:
        try:
            sound += _load_files([at], False, True, tables)
        except LedgerError as exc:
            parsed = _toml_of(at)
            error = exc if parsed is None else _with_ids_of(exc, parsed, [root, *sound])
            found[str(at)] = place(error)
    found.update((e.path, e) for e in duplicates([as_read(p) for p in (root, *sound)]))
    errors = tuple(found[str(at)] for at in paths if str(at) in found)
    return errors or (first,)


def part_at(file: LedgerFile, index: int) -> LedgerFile:
    """File ``index`` of the ledger ``file`` (0: the root); ``file`` itself for a ledger in
    one file."""
    return file.parts[index] if file.parts else file


def part_named(file: LedgerFile, name: str) -> LedgerFile | None:
    """The file of the ledger ``file`` that the journal calls ``name`` (its path relative
    to the root's folder, "" for the root); None when the ledger has no such file."""
    if not name:
        return part_at(file, 0)
    folder = Path(os.path.realpath(file.path)).parent
    for part in file.parts:
        if Path(os.path.realpath(part.path)) == folder / name:
            return part
    return None


def all_parts(file: LedgerFile) -> tuple[LedgerFile, ...]:
    """Every file of the ledger ``file``, the root first (``file`` alone for one file)."""
    return file.parts or (file,)


def kept_files(file: LedgerFile) -> dict[str, Path]:
    """The files gt keeps for the ledger ``file``, none of which an export or a draft may
    replace: what each is (``the ledger itself``...) -> its path."""
    from greentrade_cli.ledgerfile.atomic import pending_path
    from greentrade_cli.ledgerfile.journal import journal_path

    real = Path(os.path.realpath(file.path))
    kept = {"the ledger itself": file.path}
    for part in all_parts(file)[1:]:
        kept[f"one of the ledger's files ({relative_name(part)})"] = part.path
    kept["the ledger's lock file"] = lock_path(file.path)
    kept["the ledger's undo journal"] = journal_path(file.path)
    kept["the ledger's list of a write under way"] = pending_path(file.path)
    for s in file.ledger.sources.values():
        if s.archive:
            kept[f"the archived source text {Path(s.archive).name}"] = real.parent / s.archive
    return kept


def _load_files(
    paths: Sequence[Path], read_only: bool, quotes: bool, root: Root | None
) -> list[LedgerFile]:
    """The files at ``paths`` of one ledger, as :func:`load` reads them: from the ledger
    cache (one query for them all) when it holds their bytes, else parsed and checked
    (and, with ``quotes``, cached); ``root`` as :func:`validate` has it."""
    files = _unread(paths, read_only, root)
    misses: list[int] = []
    entries: list[ledger_cache.Entry] = []
    for index, (file, hit) in enumerate(zip(files, _cached(files), strict=True)):
        if hit is not None:
            files[index] = hit
            continue
        files[index], entry = _parse_file(file, quotes, root)
        misses.append(index)
        entries.append(entry)
    cache = ledger_cache.folder(os.environ)
    if quotes:
        for index, stored in zip(misses, ledger_cache.store(cache, entries), strict=True):
            files[index] = replace(files[index], cached=stored)
    return files


def _unread(paths: Sequence[Path], read_only: bool, root: Root | None) -> list[LedgerFile]:
    """The files at ``paths`` of one ledger, their digests known and their ledgers not yet
    read; ``root`` as :func:`validate` has it."""
    if len(paths) > 1:
        import hashlib  # noqa: F401  (many files make megabytes to hash: OpenSSL's is faster)
    base, tables, context = (None, None, "") if root is None else root
    return [
        LedgerFile(p, _file_digest(p), Ledger({}, {}, ()), read_only, None, base, context, tables)
        for p in paths
    ]


def _cached(files: Sequence[LedgerFile]) -> list[LedgerFile | None]:
    """Each of ``files`` (from :func:`_unread`) as the ledger cache holds it, or None."""
    cache = ledger_cache.folder(os.environ)
    hits = ledger_cache.lookup(cache, [f.cache_id(f.digest) for f in files])
    return [
        None if hit is None else replace(f, ledger=hit.ledger, cached=hit, includes=hit.includes)
        for f, hit in zip(files, hits, strict=True)
    ]


def _parse_file(
    file: LedgerFile, quotes: bool, root: Root | None
) -> tuple[LedgerFile, ledger_cache.Entry]:
    """``file`` (its digest known, its ledger not) parsed and checked, and what to cache of
    it. Raises :class:`LedgerError` listing its problems."""
    path = file.path
    raw = read_bytes(path)  # what is parsed, and cached, is what its digest says
    file = replace(file, digest=sha256(raw).hexdigest())
    text, _, data = parse_text(path, raw)
    names = _archive_names(data)
    if root is not None:
        names = tuple(s.archive for s in root.tables[1].values() if s.archive) + names
    archives = ledger_cache.archive_stamps(file.base, names)  # before reading them
    checked = validate(path, text, data, quotes=quotes, root=root)
    if checked.problems:
        error = LedgerError(str(path), checked.problems)
        raise _placing(path, checked.includes)(error) if checked.includes else error
    file = replace(file, ledger=checked.ledger, includes=checked.includes)
    where, digest = file.cache_id(file.digest)
    from greentrade_cli.ledgerfile.tomlmap import quick_layout

    layout = quick_layout(text, data)  # None: the first write scans the text for it
    return file, ledger_cache.Entry(
        where, digest, checked.ledger, layout, archives, checked.includes
    )


def _placing(
    root: Path, includes: tuple[str, ...] | None = None
) -> Callable[[LedgerError], LedgerError]:
    """A function giving an error of one file of the ledger whose root is at ``root``
    (including ``includes``; read when None) with each quote of a source that another
    file declares told where (:func:`~.many_files.quoted_elsewhere`). The files are read
    once, for the first such error."""
    read: list[list[tuple[str, dict[str, int | None]]]] = []

    def place(error: LedgerError) -> LedgerError:
        if not quotes_unknown(error):
            return error
        if not read:
            read.append(_declarations(root, includes))
        declared: dict[str, tuple[str, int | None]] = {}
        for name, sources in read[0]:
            if name != error.path:
                for sid, line in sources.items():
                    declared.setdefault(sid, (name, line))
        return quoted_elsewhere(error, declared, str(root))

    return place


def _placed_in(file: LedgerFile, error: LedgerError, includes: tuple[str, ...]) -> LedgerError:
    """``error``, of new text for ``file`` (a root including ``includes``, or an included
    file), as :func:`_placing` tells it."""
    if file.root is None and not includes:
        return error
    return _placing(file.base, None if file.root is not None else includes)(error)


def _declarations(
    path: Path, includes: tuple[str, ...] | None
) -> list[tuple[str, dict[str, int | None]]]:
    """The name of each file of the ledger whose root is at ``path`` (including
    ``includes``; read when None), in reading order, and the line of each source it
    declares. Files the ledger cache holds are not parsed; empty when the files cannot be
    listed."""
    from greentrade_cli.ledgerfile.tomlmap import scan

    try:
        (root,) = _cached(_unread([path], False, None))
        if root is None and includes is None:
            parsed = _toml_of(path)
            listed = None if parsed is None else parsed[1].get("include")
            if not isinstance(listed, list) or not all(isinstance(i, str) for i in listed):
                return []
            includes = tuple(listed)
        tables = None if root is None else root_tables(root)
        if root is None:
            root = LedgerFile(path, _file_digest(path), Ledger({}, {}, ()), includes=includes or ())
        paths = included_paths(root)
    except GtError:
        return []
    hits = [None] * len(paths) if tables is None else _cached(_unread(paths, False, tables))
    found: list[tuple[str, dict[str, int | None]]] = []
    for part, hit in [(path, root if tables else None), *zip(paths, hits, strict=True)]:
        lines: dict[str, int | None] = {}
        if hit is not None:
            inherited = {} if tables is None or hit.root is None else tables.tables[1]
            for sid in hit.ledger.sources.keys() - inherited.keys():
                lines[sid] = hit.layout.tables[f"sources.{sid}"][0] + 1
        elif (parsed := _toml_of(part)) is not None:
            sources = parsed[1].get("sources")
            if isinstance(sources, dict) and sources:
                where = scan(parsed[0])
                for sid in sources:
                    lines[sid] = where.line(f"sources.{sid}")
        found.append((str(part), lines))
    return found


def sources_told(part: LedgerFile, problems: Sequence[Problem]) -> tuple[Problem, ...]:
    """``problems`` of a commitment of ``part``, one file of a ledger, with each quote of a
    source another file declares told where, as a read of the file tells it."""
    if not problems:
        return ()
    return _placed_in(part, LedgerError(part.name, problems), part.includes).problems


def splice(file: LedgerFile, changed: Commitment) -> str:
    """The ledger text with the commitment of ``changed``'s id changed; every other line kept.

    The change is merged into the commitment's lines as written (see
    :mod:`greentrade_cli.ledgerfile.splice`), so its comments and hand formatting stay where the
    change does not touch them; when that cannot be done the commitment is re-written in
    canonical form. An unchanged commitment gives the text back unchanged. Raises
    :class:`DataError` when the commitment's lines hold a comment that re-writing would
    drop, when the commitment is not written as one ``[[commitments]]`` block, or when
    the new lines would not read back as ``changed``.
    """
    from greentrade_cli.ledgerfile import block_writes

    return block_writes.splice(file, [changed])


def append(file: LedgerFile, added: Commitment) -> str:
    """The ledger text with ``added`` written as a new block at the end; the rest kept."""
    from greentrade_cli.ledgerfile.block_writes import render_commitment
    from greentrade_cli.ledgerfile.splice import append_block

    return append_block(file.text, render_commitment(added))


def _join(file: LedgerFile, lines: list[str]) -> str:
    trailing = file.newline if file.text.endswith(("\n", "\r")) else ""
    return file.newline.join(lines) + trailing


def blocks_of(file: LedgerFile) -> list[Block]:
    """The blocks of ``file``'s text, in file order, from its layout."""
    from greentrade_cli.ledgerfile.blocks import layout_blocks

    return layout_blocks(file.layout, [c.id for c in file.ledger.commitments])


def cut(file: LedgerFile, commitment_id: str) -> str:
    """The ledger text without the block of commitment ``commitment_id`` (and the blank
    lines that separated it from the next table); the rest untouched."""
    from greentrade_cli.ledgerfile.blocks import Table, delete_block
    from greentrade_cli.ledgerfile.tomlmap import toml_lines

    block = next(
        b for b in blocks_of(file) if b.table is Table.COMMITMENT and b.key == commitment_id
    )
    return _join(file, delete_block(toml_lines(file.text), block))


def render_source(source: Source) -> str:
    """The canonical TOML table of one source, as tomli-w writes it (ends with a newline)."""
    import tomli_w

    from greentrade_cli.ledgerfile.schema import source_to_data

    return tomli_w.dumps({"sources": {source.id: source_to_data(source)}})


def with_source(file: LedgerFile, source: Source) -> str:
    """The ledger text with ``source`` written as a new table after the last source (or
    the last agency, or at the end when there is neither)."""
    from greentrade_cli.ledgerfile.blocks import Table, insert_block
    from greentrade_cli.ledgerfile.tomlmap import toml_lines

    blocks = blocks_of(file)
    above = [b for b in blocks if b.table is Table.SOURCE] or [
        b for b in blocks if b.table is Table.AGENCY
    ]
    lines = insert_block(
        toml_lines(file.text), toml_lines(render_source(source)), above[-1] if above else None
    )
    return file.newline.join(lines) + file.newline


def _verify(file: LedgerFile, text: str, expected: Ledger) -> tuple[Checked, Layout]:
    """Parse ``text`` again, validate it against the schema as every load does and insist
    it holds exactly ``expected``; else raise :class:`DataError` (nothing is written).
    Quotes are checked by :func:`save` for the commitments whose quote changes only: the
    others were checked when the file was loaded. Returns the new text's layout, for the
    journal and the cache."""
    from greentrade_cli.ledgerfile import block_writes

    raw = block_writes.encoded(file, text)
    try:
        _, _, data = parse_text(file.path, raw)
    except LedgerError as exc:
        raise DataError(
            f"{file.name}: the change would not give a valid ledger ({exc}); nothing was written"
        ) from None
    root = root_of(file)
    checked = validate(file.path, text, data, quotes=False, root=root)
    if checked.problems:
        error = _placed_in(file, LedgerError(file.name, checked.problems), checked.includes)
        first = error.problems[0].format(file.name)
        raise DataError(f"the change would make the ledger invalid: {first}; nothing was written")
    got = checked.ledger
    if (
        got.commitments != expected.commitments
        or got.agencies != expected.agencies
        or got.sources != expected.sources
    ):
        raise DataError(
            f"{file.name}: the re-written ledger did not read back as intended; nothing was written"
        )
    return checked, _layout(text, data)


def _layout(text: str, data: dict[str, Any]) -> Layout:
    """Where the tables of ``text`` (``data`` its parse) are: from its header lines when
    they tell (:func:`~.tomlmap.quick_layout`), else from the full scan."""
    from greentrade_cli.ledgerfile.tomlmap import quick_layout, scan

    found = quick_layout(text, data)
    return scan(text).layout() if found is None else found


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
        from greentrade_cli.ledgerfile.schema import commitment_to_data
        from greentrade_cli.ledgerfile.tomlmap import TomlMap

        tables = {"commitments": [commitment_to_data(c) for c in changed]}
        problems = check_quotes(
            file.path,
            Ledger(expected.agencies, expected.sources, changed),
            TomlMap(),
            tables,
            file.base,
        )
        if problems:
            raise LedgerError(file.name, problems)


def _require_writable(path: Path) -> None:
    """Refuse to write a ledger file that no one may write (``chmod a-w``): replacing it,
    as every write does, would otherwise change it anyway (its folder decides that, not
    the file). Raises :class:`DataError` naming its mode."""
    with os_errors(path, "ledger"):
        mode = stat.S_IMODE(os.stat(path).st_mode)
    if not mode & 0o222:
        raise DataError(
            f"{path}: the file is read-only (mode {mode:o}); nothing was written, make it "
            f"writable (chmod u+w {path}) to change it"
        )


class Rewrite(NamedTuple):
    """New ``text`` for ``part``, one file of a ledger, that must read back as the ledger
    ``expected``; None: checked as :func:`load` checks a file, quotes and all (an undo's
    text). Empty text removes the file (the undo of a new file)."""

    part: LedgerFile
    text: str
    expected: Ledger | None = None


def _checked(rewrite: Rewrite) -> tuple[Checked, Layout, Any]:
    """``rewrite``'s text checked, its layout, and the identities of the archives it was
    checked against (None: not known). Raises :class:`LedgerError` or :class:`DataError`
    when it is not sound."""
    part, text, expected = rewrite
    if expected is None:
        return check_text(part, text)
    checked, layout = _verify(part, text, expected)
    _check_new_quotes(part, expected)
    return checked, layout, None if part.cached is None else part.cached.archives


def write(
    file: LedgerFile,
    rewrites: Sequence[Rewrite],
    stamp: Stamp | None,
    undoes: int | None = None,
    emptied: Sequence[Path] = (),
) -> None:
    """Write every file of ``rewrites`` (files of the ledger ``file``), each checked first,
    as one journaled write (an undo of record ``undoes``, when given, which removes the
    folders ``emptied`` it leaves empty) that is made whole or not at all; then cache
    them. A file whose text does not change is left as it is.

    Raises :class:`ReadOnlyLedgerError` for the bundled ledger, :class:`LedgerChangedError`
    when a file on disk is no longer the one read, :class:`LedgerError` or
    :class:`DataError` when a new text would not be a sound ledger (a changed quote must be
    found in its source's archive) or the journal cannot be written.
    """
    from greentrade_cli.ledgerfile.atomic import Write
    from greentrade_cli.ledgerfile.blocks import diff, layout_blocks

    if file.read_only:
        raise read_only_error()
    rewrites = [
        r for r in rewrites if r.text != r.part.text or r.expected not in (None, r.part.ledger)
    ]
    if not rewrites:
        return  # nothing changed: the files (and the journal) are left exactly as they are
    found = [_checked(r) if r.text.strip() else None for r in rewrites]
    _unique_after(file, rewrites, found)
    changes: tuple[Change, ...] = ()
    for (part, text, _), new in zip(rewrites, found, strict=True):
        if undoes is None and new is not None:
            new_blocks = layout_blocks(new[1], [c.id for c in new[0].ledger.commitments])
            changes += _in_file(part, diff(part.text, text, blocks_of(part), new_blocks))
    writes = [Write(r.part.path, r.part, r.text) for r in rewrites]
    commit_many(file, writes, changes, stamp, undoes, emptied)
    entries = []
    for w, new in zip(writes, found, strict=True):
        if w.old is not None and new is not None and new[2] is not None:
            where, digest = w.old.cache_id(sha256(w.payload()).hexdigest())
            checked, layout, archives = new  # a root's include list is its new text's
            entries.append(
                ledger_cache.Entry(
                    where, digest, checked.ledger, layout, archives, checked.includes
                )
            )
    ledger_cache.store(ledger_cache.folder(os.environ), entries)


def _unique_after(
    file: LedgerFile,
    rewrites: Sequence[Rewrite],
    found: Sequence[tuple[Checked, Layout, Any] | None],
) -> None:
    """Check that the files of the ledger ``file`` read as one once ``rewrites`` are
    written (``found``: each new text checked, None for a file removed): an id given in
    two files makes the write fail with :class:`LedgerError` as a read would. When a new
    id is one of ``file``'s ``unread_ids`` (a partial read, see :func:`load`), the other
    files are read to name it."""
    written = [new[0].ledger for new in found if new is not None]
    if any(c.id in file.unread_ids for ledger in written for c in ledger.commitments):
        file = load(file.base)
    versions = {real_path(part.path): as_read(part) for part in all_parts(file)}
    for (part, _, _), new in zip(rewrites, found, strict=True):
        if new is None:
            versions.pop(real_path(part.path), None)
        else:
            checked, layout, _ = new
            versions[real_path(part.path)] = as_written(part, checked.ledger, layout)
    if len(versions) > 1:
        for error in duplicates(list(versions.values())):
            raise error


def save(file: LedgerFile, text: str, expected: Ledger, *, stamp: Stamp | None = None) -> None:
    """Write ``text`` over ``file``, one file of a ledger, after checking it reads back as
    ``expected``: :func:`write` for one file."""
    write(file, [Rewrite(file, text, expected)], stamp)


def check_text(file: LedgerFile, text: str) -> tuple[Checked, Layout, Any]:
    """``text``, new text for ``file``, checked as :func:`load` checks a file (schema and
    quotes), with its layout and the identity of its archives before they were read (for
    the cache). Raises :class:`LedgerError` listing its problems."""
    root = root_of(file)
    _, _, data = parse_text(file.path, text.encode("utf-8"))
    names = _archive_names(data)
    if root is not None:
        names = tuple(s.archive for s in root.tables[1].values() if s.archive) + names
    archives = ledger_cache.archive_stamps(file.base, names)
    checked = validate(file.path, text, data, root=root)
    if checked.problems:
        raise _placed_in(file, LedgerError(file.name, checked.problems), checked.includes)
    return checked, _layout(text, data), archives


def _in_file(file: LedgerFile, changes: tuple[Change, ...]) -> tuple[Change, ...]:
    """``changes`` to ``file`` marked with its name, for a file the root ledger includes."""
    name = relative_name(file)
    return tuple(replace(c, file=name) for c in changes) if name else changes


def read_only_error() -> ReadOnlyLedgerError:
    """The error for a write asked of the read-only bundled ledger."""
    return ReadOnlyLedgerError(
        "the bundled briefing ledger is read-only; run `gt init` to write an editable "
        "./commitments.toml (or pass --ledger PATH), then run this again"
    )


def lock_path(path: Path) -> Path:
    """The lock file of the ledger at ``path``: ``<ledger>.lock`` beside its real path."""
    return Path(os.path.realpath(path) + ".lock")


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the ledger's lock file (``<ledger>.lock`` beside its real path) for a read-modify-write,
    first dropping the journal's record of a write killed before it landed
    (:func:`~greentrade_cli.ledgerfile.journal.drop_unlanded`).

    Raises :class:`DataError` when the lock cannot be had within 30 seconds or created.
    """
    import fasteners

    from greentrade_cli.ledgerfile.journal import drop_unlanded

    name = str(lock_path(path))
    lock = fasteners.InterProcessLock(name)
    try:
        held = lock.acquire(timeout=LOCK_TIMEOUT_SECONDS)
    except OSError as exc:
        raise DataError(
            f"{path}: cannot create the lock file {name} ({exc.strerror}); "
            "check the folder's permissions"
        ) from None
    if not held:
        lock.lockfile.close()  # fasteners leaves it open on a timeout (harlowja/fasteners#39)
        raise DataError(f"{path} is locked by another gt process (lock {name}); try again")
    try:
        drop_unlanded(path)
        yield
    finally:
        lock.release()


def update(
    path: Path,
    change: Callable[[Ledger], Commitment],
    *,
    read_only: bool = False,
    stamp: Stamp | None = None,
    holding: str | None = None,
) -> Commitment:
    """Read the ledger under its lock, apply ``change`` and write the one commitment it returns.

    ``change`` receives the freshly read ledger (with ``holding``, the id or a unique prefix
    of the commitment it changes, only as far as :func:`load` reads it for that one) and
    returns the changed commitment (same id); only that commitment's lines change, in the
    file that holds it, and nothing is written when it is returned as it is (a change
    recorded already). ``stamp`` is recorded with the write in the undo journal. Returns
    the changed commitment. Raises what :func:`load`, ``change`` and :func:`save` raise.
    """
    if read_only:
        raise read_only_error()
    require_file(path)  # the same message as a read gives, before a lock file is made
    with locked(path):
        file = load(path, only=None if holding is None else file_holding(holding))
        changed = change(file.ledger)
        if changed != file.ledger.find(changed.id):
            part = part_holding(file, changed.id)
            expected = part.ledger.with_commitment(changed)
            save(part, splice(part, changed), expected, stamp=stamp)
        return changed


def part_holding(file: LedgerFile, commitment_id: str) -> LedgerFile:
    """The file of the ledger ``file`` that holds commitment ``commitment_id`` (``file``
    itself for a ledger in one file). Raises :class:`DataError` when no file holds it."""
    for part in all_parts(file):
        if any(c.id == commitment_id for c in part.ledger.commitments):
            return part
    raise DataError(f"{file.name}: no commitment with id exactly {commitment_id!r}")


def files_holding(file: LedgerFile, ids: Iterable[str]) -> tuple[str, ...]:
    """The files of the ledger ``file`` that hold the commitments ``ids``, each once, in
    the order :func:`update_many` writes them when those commitments change, named as the
    journal names them (relative to the root's folder; "" for the root): the files a write
    of them changes, for a dry run to name. Raises :class:`DataError` for an id no file
    holds."""
    holders = _holders(file)
    found = ((holders.get(cid) or part_holding(file, cid)) for cid in ids)
    return tuple(dict.fromkeys(relative_name(part) for part in found))


def _holders(file: LedgerFile) -> dict[str, LedgerFile]:
    """The file of the ledger ``file`` that holds each commitment, by id (the first file
    that holds it, as :func:`_holding` finds it)."""
    holders: dict[str, LedgerFile] = {}
    for part in all_parts(file):
        for c in part.ledger.commitments:
            holders.setdefault(c.id, part)
    return holders


def _named(file: LedgerFile, into: Path) -> LedgerFile | None:
    """The file of the ledger ``file`` at path ``into``; None when it is none of them."""
    real = os.path.realpath(into)
    members = file.members or (file.path,)
    found = [i for i, p in enumerate(members) if os.path.realpath(p) == real]
    if not found:
        return None
    return part_at(file, found[0]) if file.members else file


def _home(file: LedgerFile, added: Commitment, into: Path | None) -> LedgerFile:
    """Where a new commitment goes: the file ``into`` when given, else the last file that
    holds a commitment of its source, else the file declaring its source, else the root.
    Raises :class:`DataError` when ``into`` is not a file of the ledger."""
    if into is not None:
        found = _named(file, into)
        if found is None and not os.path.lexists(into):
            raise DataError(
                f"{into}: no such file; give the root or a file its include list names, or "
                f"start one with `gt source add ID ... --file {into}`"
            )
        if found is None:
            raise DataError(
                f"{into}: not a file of the ledger {file.name}; give the root or a file its "
                "include list names"
            )
        return found
    if not file.members:
        return file
    same = [p for p in file.parts if any(c.source == added.source for c in p.ledger.commitments)]
    if same:
        return same[-1]
    root = file.parts[0]
    for part in all_parts(file):
        if added.source in part.ledger.sources and added.source not in root.ledger.sources:
            return part
    return root


def insert(
    path: Path,
    build: Callable[[Ledger], Commitment],
    *,
    read_only: bool = False,
    stamp: Stamp | None = None,
    into: Path | None = None,
    source: str | None = None,
) -> Commitment:
    """Read the ledger under its lock and add the commitment ``build`` makes from it at the
    end of a file: ``into`` when given, else the file that holds its source's commitments.

    ``build`` receives the freshly read ledger (to choose a free id); given ``source``,
    the id of the source it quotes, that is the root and the file it goes to, as far as
    the ledger cache allows (:func:`file_for`), and the whole ledger when the id it
    chooses is taken in another. Returns the new commitment. Raises :class:`DataError`
    when its id is taken or ``into`` is not a file of the ledger, and what :func:`load`,
    ``build`` and :func:`save` raise.
    """
    if read_only:
        raise read_only_error()
    with locked(path):
        file = load(path, only=None if source is None else file_for(source, into))
        added = build(file.ledger)
        if added.id in file.unread_ids:
            file = load(path)
            added = build(file.ledger)
        if any(c.id == added.id for c in file.ledger.commitments):
            raise DataError(f"{file.name}: a commitment with id {added.id!r} already exists")
        part = _home(file, added, into)
        expected = replace(part.ledger, commitments=(*part.ledger.commitments, added))
        save(part, append(part, added), expected, stamp=stamp)
        return added


def insert_many(
    path: Path,
    build: Callable[[Ledger], Sequence[Commitment]],
    *,
    stamp: Stamp | None = None,
    into: Path | None = None,
) -> tuple[Commitment, ...]:
    """Like :func:`insert` for several new commitments, appended in order in one write
    (all or none) to one file: ``into`` when given, else the file :func:`insert` would
    choose for the first. Returns them. Raises :class:`DataError` when an id is taken,
    and what :func:`load`, ``build`` and :func:`save` raise."""
    from greentrade_cli.ledgerfile.block_writes import render_commitment
    from greentrade_cli.ledgerfile.splice import append_block

    with locked(path):
        file = load(path)
        added = tuple(build(file.ledger))
        ids = [c.id for c in (*file.ledger.commitments, *added)]
        if len(set(ids)) != len(ids):
            raise DataError(f"{file.name}: two commitments would have the same id")
        if not added:
            return added
        part = _home(file, added[0], into)
        text = part.text
        for commitment in added:
            text = append_block(text, render_commitment(commitment))
        expected = replace(part.ledger, commitments=(*part.ledger.commitments, *added))
        save(part, text, expected, stamp=stamp)
        return added


def remove(
    path: Path,
    commitment_id: str,
    *,
    read_only: bool = False,
    stamp: Stamp | None = None,
    exact: bool = True,
) -> Commitment:
    """Read the ledger under its lock and take out the commitment with exactly ``commitment_id``
    (or, without ``exact``, the one it names as :meth:`Ledger.find` finds it).

    Only that commitment's lines go, from the file that holds it (its text stays in the
    undo journal). Returns the removed commitment. Raises
    :class:`~greentrade_cli.model.UnknownIdError` and what :func:`load` and :func:`save` raise.
    """
    if read_only:
        raise read_only_error()
    with locked(path):
        file = load(path, only=file_holding(commitment_id))
        gone = file.ledger.find(commitment_id)
        if exact and gone.id != commitment_id:
            raise DataError(f"{file.name}: no commitment with id exactly {commitment_id!r}")
        part = part_holding(file, gone.id)
        kept = replace(
            part.ledger, commitments=tuple(c for c in part.ledger.commitments if c.id != gone.id)
        )
        save(part, cut(part, gone.id), kept, stamp=stamp)
        return gone


def add_source(
    path: Path,
    source: Source,
    *,
    read_only: bool = False,
    stamp: Stamp | None = None,
    into: Path | None = None,
) -> Source:
    """Read the ledger under its lock and declare ``source`` in a new ``[sources.ID]`` table,
    in the root, or in the file ``into``: one of the ledger's, or a new file that the
    root's ``include`` list names (its commitments then go there).

    Returns ``source``. Raises :class:`DataError` when the id is taken or ``into`` is
    neither, and what :func:`load` and :func:`save` raise (a malformed id or empty field
    fails the schema).
    """
    if read_only:
        raise read_only_error()
    with locked(path):
        file = load(path)
        if source.id in file.ledger.sources:
            raise DataError(f"{file.name}: a source with id {source.id!r} already exists")
        part = part_at(file, 0) if into is None else _named(file, into)
        if part is None:
            assert into is not None
            _start_file(file, into, source, stamp)
            return source
        sources = {**part.ledger.sources, source.id: source}
        save(part, with_source(part, source), replace(part.ledger, sources=sources), stamp=stamp)
        return source


def _start_file(file: LedgerFile, into: Path, source: Source, stamp: Stamp | None) -> None:
    """Write the new file ``into`` of the ledger ``file`` holding ``source`` alone (journaled)."""
    from greentrade_cli.ledgerfile.atomic import Write
    from greentrade_cli.ledgerfile.blocks import Change, Table
    from greentrade_cli.ledgerfile.many_files import context

    root = part_at(file, 0)
    folder = Path(os.path.realpath(root.path)).parent
    real = Path(os.path.realpath(into))
    name = real.relative_to(folder).as_posix() if real.is_relative_to(folder) else ""
    if not name or not any(included(name, pattern) for pattern in root.includes):
        raise DataError(
            f"{into}: the root ledger {root.name} does not include this file; give a path "
            'that its include list names (such as include = ["ledger/*.toml"]), or add it there'
        )
    if os.path.lexists(real):
        raise DataError(f"{into}: a file that is not part of the ledger is there already")
    text = render_source(source)
    tables = (root.ledger.agencies, root.ledger.sources)
    new = LedgerFile(into, "", Ledger({}, {}, ()), root=root.path, root_tables=tables)
    check_text(replace(new, context=context(*tables)), text)
    change = Change(Table.SOURCE, source.id, None, text, None, name)
    commit_many(file, [Write(into, None, text)], (change,), stamp)


def overwrite(path: Path, text: str, *, stamp: Stamp | None = None) -> None:
    """Replace the whole file at ``path`` (any text, a ledger or not) with ``text``, under
    the ledger's lock, journaled as one change of the whole file so that ``gt undo`` puts
    the old text back; its byte-order mark is kept, as every write keeps it. Writes nothing
    when the text is the same. Raises :class:`DataError` when the old file is not UTF-8
    text (undo could not put it back) or cannot be written, and what :func:`commit_many`
    raises."""
    from greentrade_cli.ledgerfile.atomic import Write
    from greentrade_cli.ledgerfile.blocks import Change, Table

    with locked(path):
        finish_pending(path)  # a write to its files left half done: not to be made later
        old = LedgerFile(path, _file_digest(path), Ledger({}, {}, ()))
        raw = old.raw
        try:
            before = decode(path, raw)[0]
        except LedgerError:
            raise DataError(
                f"{path}: not UTF-8 text, so gt undo could not put it back; nothing was "
                "written, move the file away first"
            ) from None
        if before != text:
            change = Change(Table.FILE, "", before, text)
            commit_many(old, [Write(path, old, text)], (change,), stamp)


def _hold_interrupts() -> None:
    """From here on, let Ctrl-C (SIGINT) and SIGTERM wait: a write once journaled is made
    whole, cached and reported, and the run ends as it would have."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def commit_many(
    file: LedgerFile,
    writes: Sequence[Write],
    changes: tuple[Change, ...],
    stamp: Stamp | None,
    undoes: int | None = None,
    emptied: Sequence[Path] = (),
) -> None:
    """Journal ``changes`` (or an undo of record ``undoes``) in the journal of the ledger
    ``file``, then write every file of ``writes`` (each checked already) or none, and
    remove the folders ``emptied`` that this leaves empty.

    Raises :class:`ReadOnlyLedgerError`, :class:`DataError` for a read-only file or one
    that cannot be written, and :class:`LedgerChangedError` when a file changed on disk
    since it was read.
    """
    from greentrade_cli.ledgerfile.atomic import write_files
    from greentrade_cli.ledgerfile.journal import append_entry, cut_back

    if file.read_only:
        raise read_only_error()
    for write in writes:
        if write.old is not None:
            _require_writable(write.old.path)
            if _file_digest(write.old.path) != write.old.digest:
                raise write.old.changed_error()
            _ = write.old.raw  # kept, to put the file back should another fail
    folders = () if undoes is not None else _folders_made(file.base, writes)
    _hold_interrupts()
    _, size = append_entry(file.base, stamp, changes, undoes, folders)
    try:
        write_files(file.base, writes, emptied)
    except GtError:
        cut_back(file.base, size)
        raise


def _folders_made(root: Path, writes: Sequence[Write]) -> tuple[str, ...]:
    """The folders that do not exist and that writing ``writes`` makes to hold their new
    files, relative to the folder of the ledger ``root``, each before those inside it."""
    made: dict[str, None] = {}
    base = os.path.dirname(os.path.realpath(root))
    for write in writes:
        if write.old is None and write.text:
            missing = missing_folders(Path(os.path.realpath(write.path)))
            made.update((os.path.relpath(f, base), None) for f in missing)
    return tuple(made)


def update_many(
    path: Path,
    change: Callable[[Ledger], Sequence[Commitment]],
    *,
    read_only: bool = False,
    stamp: Stamp | None = None,
) -> tuple[Commitment, ...]:
    """Like :func:`update` for several commitments, written together in one verified write.

    ``change`` receives the freshly read ledger (under the lock) and returns the changed
    commitments (distinct ids, all in the ledger); only their lines change, each in the
    file that holds it. When it returns none, nothing is written. Returns what ``change``
    returned. Raises what :func:`load`, ``change`` and :func:`save` raise; on any error
    every file is as it was.
    """
    from greentrade_cli.ledgerfile import block_writes

    if read_only:
        raise read_only_error()
    with locked(path):
        file = load(path)
        changed = tuple(change(file.ledger))
        holders = _holders(file)  # one look-up a commitment: a scan each was quadratic
        groups: dict[Path, tuple[LedgerFile, list[Commitment]]] = {}
        for commitment in changed:
            part = holders.get(commitment.id) or part_holding(file, commitment.id)
            groups.setdefault(part.path, (part, []))[1].append(commitment)
        rewrites = [
            Rewrite(part, block_writes.splice(part, group), part.ledger.with_commitments(group))
            for part, group in groups.values()
        ]
        write(file, rewrites, stamp)
        return changed
