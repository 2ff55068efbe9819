"""A ledger in many files: the root's ``include`` list, and writing several files as one.

The root ledger may hold ``include = ["ledger/*.toml"]``: paths or glob patterns relative
to its folder. Each file it names holds sources and commitments (agencies stay in the
root); a commitment quotes a source of the root or of its own file. Ids are unique
across all files. Each file is read, cached and written on its own.

A command that changes several files writes them as one
(:func:`~greentrade_cli.ledgerfile.atomic.write_files`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple

from greentrade_cli.errors import LedgerError, Problem
from greentrade_cli.ledgerfile.ledger_file import LedgerFile, fail
from greentrade_cli.ledgerfile.location import real_path
from greentrade_cli.model.ledger import Ledger

if TYPE_CHECKING:
    from greentrade_cli.ledgerfile.layout import Layout
    from greentrade_cli.ledgerfile.tomlmap import TomlMap
    from greentrade_cli.model.agency import Agency
    from greentrade_cli.model.source import Source

_GLOB = frozenset("*?[")


class Root(NamedTuple):
    """What an included file is read against: the root ledger's path, its agencies and
    sources, and ``context``, a digest of both (part of the file's cache key)."""

    path: Path
    tables: tuple[dict[str, Agency], dict[str, Source]]
    context: str


def root_of(file: LedgerFile) -> Root | None:
    """The :class:`Root` an included ``file`` was read against; None for a root ledger."""
    if file.root is None or file.root_tables is None:
        return None
    return Root(file.root, file.root_tables, file.context)


def included_paths(root: LedgerFile) -> list[Path]:
    """The files the root ledger ``root`` includes, in ``include`` order (a pattern's
    matches sorted by name), as paths beside the root's path as given.

    Raises :class:`LedgerError` naming the root and its ``include`` line for a pattern
    that leaves the root's folder (by ``..``, an absolute path or a symbolic link),
    matches nothing, names a missing file, reaches a file twice or the root itself, or
    reaches a folder, a broken link or an empty file.
    """
    import glob

    folder = os.path.realpath(Path(os.path.realpath(root.path)).parent)
    seen = {os.path.realpath(root.path): "the root ledger itself"}
    found: list[Path] = []
    for pattern in root.includes:

        def bad(message: str, pattern: str = pattern) -> LedgerError:
            line = root.where.line("", "include")
            return fail(root.path, f"include {pattern!r} {message}", line)

        pure = PurePosixPath(pattern)
        if pure.is_absolute() or ".." in pure.parts:
            raise bad(
                "leaves the root ledger's folder; give a path inside it, such as ledger/*.toml"
            )
        glob_pattern = bool(_GLOB.intersection(pattern))
        if glob_pattern:
            names = sorted(glob.glob(pattern, root_dir=folder))
            if not names:
                raise bad("matches no file; fix the pattern, or remove it from the list")
        elif not os.path.lexists(os.path.join(folder, pattern)):
            raise bad("names no file; fix the path, or remove it from the list")
        else:
            names = [pattern]
        for name in names:
            real = real_path(os.path.join(folder, name))
            if os.path.commonpath([real, folder]) != folder:
                raise bad(
                    f"reaches {name}, a link out of the root ledger's folder; copy the file in"
                )
            if real in seen:
                again = seen[real]
                raise bad(f"reaches {name}, which is {again}; list each file once")
            unfit = _unfit(real)
            if unfit == "folder" and not glob_pattern:
                example = pattern.rstrip("/") + "/*.toml"
                raise bad(f"names a folder; give a pattern such as {example}")
            if unfit:
                raise bad(f"reaches {name}, {_UNFIT[unfit]}")
            seen[real] = f"included already ({name})"
            found.append(root.path.parent / name)
    return found


_SMALL = 512
"""Bytes: a file this small is read to see whether it holds only blank lines."""
_UNFIT = {
    "folder": "a folder; give a pattern that matches files only, such as ledger/*.toml",
    "broken": "a link to no file; fix the link, or remove it",
    "empty": "an empty file; put a source and its commitments in it, or remove it",
}
"""What to do about an included path that is no ledger file, by :func:`_unfit`'s kind."""


def _unfit(real: str) -> str:
    """Why the path ``real`` (links followed) is no file to include: a key of
    :data:`_UNFIT`, or "" (its other faults are named when it is read)."""
    import stat

    try:
        info = os.stat(real)
    except FileNotFoundError:
        return "broken"
    except OSError:
        return ""
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    if not stat.S_ISREG(info.st_mode) or info.st_size > _SMALL:
        return ""
    try:
        with open(real, "rb") as handle:
            text = handle.read(_SMALL).decode("utf-8", "replace")
    except OSError:
        return ""
    return "" if text.lstrip("\ufeff").strip() else "empty"


def included(name: str, pattern: str) -> bool:
    """True when the include ``pattern`` names the file ``name`` (a path relative to the
    root's folder), as :func:`included_paths` reads it: ``*``, ``?`` and ``[...]`` match
    within one folder's name, never across a ``/``."""
    import fnmatch

    names, parts = name.split("/"), pattern.split("/")
    return len(names) == len(parts) and all(map(fnmatch.fnmatchcase, names, parts))


def context(agencies: object, sources: object) -> str:
    """A digest of the root's agencies and sources: an included file is checked against
    them, so its cache entry is only good for the same ones."""
    from greentrade_cli.ledgerfile.digest import sha256

    return sha256(repr((agencies, sources)).encode("utf-8")).hexdigest()


def root_tables(root: LedgerFile) -> Root:
    """What the files the root ledger ``root`` includes are read against."""
    tables = (root.ledger.agencies, root.ledger.sources)
    return Root(root.path, tables, context(*tables))


def merge(root: LedgerFile, included: Sequence[LedgerFile]) -> LedgerFile:
    """The whole ledger of the root ``root`` (read, with ``include``) and the files it
    includes (read against it, in :func:`included_paths` order), joined, the root's
    commitments first.

    Raises :class:`LedgerError` for an id given twice, naming both files (the first
    error of :func:`duplicates`).
    """
    parts = [root, *included]
    for error in duplicates([as_read(part) for part in parts]):
        raise error
    sources = dict(root.ledger.sources)
    for part in included:
        for sid, source in part.ledger.sources.items():
            sources.setdefault(sid, source)
    commitments = tuple(c for part in parts for c in part.ledger.commitments)
    ledger = Ledger(root.ledger.agencies, sources, commitments)
    return LedgerFile(
        root.path,
        root.digest,
        ledger,
        root.read_only,
        includes=root.includes,
        parts=tuple(parts),
    )


class Version(NamedTuple):
    """A file of a ledger as :func:`duplicates` sees it: the file, what it holds (read, or
    about to be written) and where its tables are (made only to name a line)."""

    file: LedgerFile
    ledger: Ledger
    layout: Callable[[], Layout]


def as_read(part: LedgerFile) -> Version:
    """The file ``part`` as read."""
    return Version(part, part.ledger, lambda: part.layout)


def as_written(part: LedgerFile, ledger: Ledger, layout: Layout) -> Version:
    """The file ``part`` about to hold ``ledger``, its tables at ``layout``."""
    return Version(part, ledger, lambda: layout)


def duplicates(versions: Sequence[Version]) -> Iterator[LedgerError]:
    """For each of the files ``versions`` of a ledger (the root first) that gives ids a
    file before it gives already (a commitment's, or a source's that the root does not
    declare), in order, a :class:`LedgerError` naming every such id at its line."""
    root = versions[0].ledger
    commitment_at: dict[str, LedgerFile] = {}
    source_at: dict[str, LedgerFile] = {sid: versions[0].file for sid in root.sources}
    for index, (part, ledger, layout) in enumerate(versions):
        twice: list[Problem] = []
        for at, c in enumerate(ledger.commitments):
            if c.id in commitment_at:
                line = layout().blocks[at][0] + 1
                twice.append(_twice(line, c.id, "id", "commitment", commitment_at[c.id]))
            commitment_at.setdefault(c.id, part)
        if index:
            for sid in ledger.sources:
                if sid in root.sources:
                    continue
                if sid in source_at:
                    line = layout().tables[f"sources.{sid}"][0] + 1
                    twice.append(_twice(line, None, f"sources.{sid}", "source", source_at[sid]))
                source_at.setdefault(sid, part)
        if twice:
            yield LedgerError(part.name, sorted(twice, key=lambda p: p.line or 0))


def given_before(
    data: Mapping[str, Any], where: TomlMap, before: Sequence[LedgerFile]
) -> list[Problem]:
    """The ids of an included file that the files before it give already, for a file whose
    own problems stop it being read: ``data`` is its parsed TOML (so ids are known only
    for a file that is TOML), ``where`` its line index and ``before`` the files before it,
    the root first. The problems are those :func:`duplicates` would find once the file's
    own are fixed, so that a check reports them together."""
    root = before[0]
    commitment_at: dict[str, LedgerFile] = {}
    source_at: dict[str, LedgerFile] = {}
    for part in before:
        for c in part.ledger.commitments:
            commitment_at.setdefault(c.id, part)
        if part is not root:
            for sid in part.ledger.sources:
                if sid not in root.ledger.sources:
                    source_at.setdefault(sid, part)
    twice: list[Problem] = []
    tables = data.get("commitments")
    for index, table in enumerate(tables if isinstance(tables, list) else ()):
        ident = table.get("id") if isinstance(table, dict) else None
        if isinstance(ident, str) and ident in commitment_at:
            line = where.line(f"commitments[{index}]")
            twice.append(_twice(line, ident, "id", "commitment", commitment_at[ident]))
    declared = data.get("sources")
    for sid in declared if isinstance(declared, dict) else ():
        if sid in source_at:
            line = where.line(f"sources.{sid}")
            twice.append(_twice(line, None, f"sources.{sid}", "source", source_at[sid]))
    return twice


def _unknown_source(problem: Problem) -> str | None:
    """The source id of a problem of a commitment quoting a source its file cannot see."""
    from greentrade_cli.ledgerfile.schema import unknown_source_of

    return unknown_source_of(problem.message) if problem.field == "source" else None


def quotes_unknown(error: LedgerError) -> bool:
    """True when a problem of ``error`` is a commitment quoting a source its file cannot see."""
    return any(_unknown_source(problem) is not None for problem in error.problems)


def quoted_elsewhere(
    error: LedgerError, declared: Mapping[str, tuple[str, int | None]], root: str
) -> LedgerError:
    """``error``, the problems of one file of the ledger whose root is named ``root``, with
    each commitment quoting a source that another file declares (``declared``: the name
    and line of the file declaring each source) told where it is and what to do."""
    problems = []
    for problem in error.problems:
        sid = _unknown_source(problem)
        if sid is not None and sid in declared:
            name, line = declared[sid]
            at = name if line is None else f"{name}:{line}"
            problem = problem._replace(
                message=f"source {sid!r} is declared in {at}; a commitment may quote only its "
                f"own file's and the root's sources: move [sources.{sid}] into {root}, or this "
                f"commitment into {name}"
            )
        problems.append(problem)
    return LedgerError(error.path, problems)


def _twice(line: int | None, cid: str | None, field: str, what: str, first: LedgerFile) -> Problem:
    message = (
        f"duplicate id: {first.name} has a {what} with this id already; ids are unique across files"
    )
    return Problem(line, cid, field, message)


def relative_name(file: LedgerFile) -> str:
    """An included file's path relative to its root's folder ("" for the root): how the
    journal names it."""
    if file.root is None:
        return ""
    folder = Path(os.path.realpath(file.root)).parent
    return Path(os.path.realpath(file.path)).relative_to(folder).as_posix()
