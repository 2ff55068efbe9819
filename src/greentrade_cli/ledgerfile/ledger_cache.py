"""The ledger cache: a validated ledger kept between runs, so that reading it is not parsing it.

Parsing and validating a ledger of 10,000 commitments takes seconds (TOML parsing, the
line index, the schema, the quote check); loading the same ledger from this cache takes
about a tenth of a second. An entry is found only for exactly the bytes it was made
from, so a stale or damaged entry is never used:

- its name is the SHA-256 of the ledger's real path, the SHA-256 of the ledger's bytes,
  the gt version and a fingerprint of gt's own code (size and modification time of
  each module), the schema version and the Python version;
- the file starts with the SHA-256 of the rest, checked as the rest is read and
  unpickled (what was unpickled is dropped on a mismatch), and holds its own key;
- it records the identity (inode, size, modification and change times) of every archived
  source its quotes were checked against; an archive that changed makes it a miss;
- it is used only when owned by the user and writable by no one else (it is a pickle).

Only a ledger that passed every check (schema and quotes) is cached. A write records the
commitments it changed as a small entry on top of the full entry it started from
(:func:`store_change`), rather than re-pickling the whole ledger. Every failure to read
or write the cache is a miss, never an error: the cache only ever saves time.

A ledger in many files has an entry per file (see
:meth:`~greentrade_cli.ledgerfile.ledger_file.LedgerFile.cache_id`).

The folder is ``$GT_CACHE_DIR`` when set, else the user cache folder (``platformdirs``,
``~/.cache/greentrade-cli`` on Linux); ``GT_NO_CACHE`` set to anything but empty turns
the cache off. At most :data:`MAX_ENTRIES` entries are kept, least recently used out.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import os
import stat
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from greentrade_cli import SCHEMA_VERSION, __version__
from greentrade_cli.ledgerfile.digest import sha256
from greentrade_cli.model.agency import Agency
from greentrade_cli.model.baseline import Baseline
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.deadline import Deadline
from greentrade_cli.model.history import HistoryEntry
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.source import Source
from greentrade_cli.model.target import Target

if TYPE_CHECKING:
    from greentrade_cli.ledgerfile.layout import Layout

FORMAT = 8
"""Version of the entry format; part of every key."""
CHUNK = 1000
"""Commitments per pickle in a full entry. Unpickling keeps every object of one pickle
alive until that pickle is done; in chunks, loading 100,000 commitments needs the memory
of the ledger and of one chunk, not of the ledger twice."""
MAX_ENTRIES = 20_000
"""Entries kept in the cache folder (one per ledger file: a ledger in many files has
thousands); the least recently used go first."""
MAX_CHANGED = 256
"""Changed commitments a change entry may hold before a write stores a full entry."""
DIR_VAR = "GT_CACHE_DIR"
OFF_VAR = "GT_NO_CACHE"
APP_NAME = "greentrade-cli"
"""The name of gt's folder in the user cache folder."""
_MAGIC = b"greentrade-cli ledger cache\n"
_MODEL = (Agency, Baseline, Commitment, Deadline, HistoryEntry, Measurement, Source, Target)

ArchiveStamp = tuple[str, int, int, int, int]
"""An archive's path relative to the ledger folder, inode, size in bytes, and modification
and change times in nanoseconds."""


class Cached(NamedTuple):
    """A ledger found in the cache: the ledger, its :class:`Layout` still pickled (only a
    write needs it: 100,000 commitments make 12 MB of it), and what a write needs to
    store its change on top (``base``, the key of the full entry; ``changed``, the
    commitments replaced since, by index).

    A named tuple: making a dataclass would take about half a millisecond of every
    command's start-up."""

    ledger: Ledger
    layout_pickle: bytes
    base: str
    changed: Mapping[int, Commitment]
    archives: tuple[ArchiveStamp, ...]
    includes: tuple[str, ...] = ()
    spans: tuple[int, ...] = ()
    chunks: tuple[bytes, ...] = ()
    """The commitments as pickled in the entry, when asked for (see :func:`lookup`)."""
    files: Mapping[int, tuple[Commitment, ...]] = {}
    """For a whole ledger in many files: the commitments of each file (by its place)
    written since the full entry ``base``."""

    def read_layout(self) -> Layout | None:
        """The :class:`Layout` unpickled; None if the pickle does not hold one."""
        from greentrade_cli.ledgerfile.layout import Layout  # only writes need it

        try:
            with _gc_paused():
                found = _unpickle(io.BufferedReader(io.BytesIO(self.layout_pickle)))
        except Exception:  # checked with the entry's SHA-256: only other code gets here
            return None
        return found if isinstance(found, Layout) else None


def folder(environ: Mapping[str, str]) -> Path | None:
    """The cache folder from ``environ`` (see the module notes); None when the cache is off."""
    if environ.get(OFF_VAR):
        return None
    given = environ.get(DIR_VAR)
    if given:
        return Path(given)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cycle collector while many objects are made at once (unpickling a ledger),
    then move every object alive to its permanent generation (:func:`gc.freeze`): the
    collector would otherwise walk them all again and again, for most of the time taken.
    They live until gt exits anyway."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


@functools.cache
def _code_fingerprint() -> str:
    """Size and modification time of each of gt's modules: an entry made by other code
    (an upgrade, an edit in a checkout) is never read."""
    package = Path(__file__).parents[1]
    parts = [__version__, str(SCHEMA_VERSION), str(FORMAT), sys.version]
    layers = ("model", "ledgerfile", "tracking", "render", "export", "cli")
    for where in (package, *(package / name for name in layers)):
        with contextlib.suppress(OSError), os.scandir(where) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    parts.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)


def key(path: Path, digest: str) -> str:
    """The key of the ledger at ``path`` whose bytes have SHA-256 ``digest`` (hex), for
    this gt: a hex SHA-256 (see the module notes)."""
    material = f"{os.path.realpath(path)}\n{digest}\n{_code_fingerprint()}"
    return sha256(material.encode("utf-8", "surrogateescape")).hexdigest()


def archive_stamps(path: Path, archives: tuple[str, ...]) -> tuple[ArchiveStamp, ...] | None:
    """The identity of each archive (paths relative to the ledger's real folder), or None
    when one cannot be read."""
    base = Path(os.path.realpath(path)).parent
    stamps = []
    for name in archives:
        try:
            info = (base / name).stat()
        except (OSError, ValueError):
            return None
        stamps.append((name, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
    return tuple(stamps)


def _reducer(cls: type) -> Any:
    from operator import attrgetter

    names = tuple(f.name for f in fields(cls))
    get = attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (cls, (get(obj),))
    return lambda obj: (cls, get(obj))


def _pickle(value: object) -> bytes:
    """``value`` pickled; the ledger's classes are rebuilt by calling them with their
    fields, which is several times faster to load than the dataclass default."""
    import pickle

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {cls: _reducer(cls) for cls in _MODEL}
    with _gc_paused():
        pickler.dump(value)
    return buffer.getvalue()


def _unpickle(stream: io.BufferedReader) -> Any:
    """The pickle read from ``stream``, by the C unpickler that :mod:`pickle` itself uses,
    without importing :mod:`pickle` (about a millisecond of a read's start-up), where
    there is one."""
    try:
        from _pickle import load
    except ImportError:  # a Python without the C accelerator
        from pickle import load
    return load(stream)


_PREFIX = "gt-ledger-"
"""Every file gt makes in the cache folder starts with this (after a dot for a temporary
one): the folder may be shared, and gt removes only its own files."""
_TMP_AGE_NS = 3600 * 10**9
"""A temporary entry file older than this was left by a gt that was killed; it goes."""


def _load_payload(stream: io.BufferedReader, keep: bool = False) -> tuple[Any, ...]:
    """The payload of an entry, from its pickles in ``stream``: ``(FORMAT, key, kind, body,
    archives)``.

    The first pickle is that tuple. A full entry's body there is ``(agencies, sources,
    count, includes, spans, chunk sizes)``; the commitments follow in chunks, then the
    layout, and the body is given back as ``(ledger, layout pickle, includes, spans,
    chunks)``, ``chunks`` the chunks' pickles when ``keep`` is set (else empty). A
    change entry's body is ``(base, changed)``; its layout follows, and it is given back
    as ``(base, changed, layout pickle)``. The layout is left pickled: only a write
    unpickles it.
    """
    payload = _unpickle(stream)
    if not isinstance(payload, tuple) or len(payload) != 5:
        return ()
    body = payload[3]
    if payload[2] == "full":
        agencies, sources, count, includes, spans, sizes = body
        found: list[Commitment] = []
        kept = []
        for size in sizes:
            chunk = stream.read(size)
            found.extend(_unpickle(io.BufferedReader(io.BytesIO(chunk))))
            if keep:
                kept.append(chunk)
        if len(found) != count:
            return ()
        ledger = Ledger(agencies, sources, tuple(found))
        body = (ledger, stream.read(), includes, spans, tuple(kept))
    elif payload[2] in ("change", "files"):
        body = (*body, stream.read())
    return (*payload[:3], body, payload[4])


@contextlib.contextmanager
def _open_entry(entry: Path) -> Iterator[BinaryIO | None]:
    """The entry file ``entry`` open for reading, or None when it is not a regular file
    owned by the user and writable by no one else (it is a pickle). Raises
    :class:`OSError` when it cannot be opened."""
    # Non-blocking: a named pipe put in an entry's place must not hang gt.
    fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or (
            hasattr(os, "getuid")
            and (info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))
        ):
            yield None
        else:
            yield handle


def _entry_path(where: Path, name: str) -> Path:
    return where / f"{_PREFIX}{name}.pickle"


def _is_entry(filename: str) -> bool:
    """True for the name of a cache entry (``gt-ledger-`` 64 hex digits ``.pickle``)."""
    stem = filename.removeprefix(_PREFIX).removesuffix(".pickle")
    return (
        filename.startswith(_PREFIX)
        and filename.endswith(".pickle")
        and len(stem) == 64
        and all(c in "0123456789abcdef" for c in stem)
    )


class _Hashing(io.RawIOBase):
    """A binary file read through, with the SHA-256 of everything read so far and the
    position in the file (:meth:`tell`, which :class:`io.BufferedReader` asks)."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self.handle = handle
        self.hash = sha256(size=size)
        self.position = handle.tell()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count: int = self.handle.readinto(buffer)  # type: ignore[attr-defined]
        self.hash.update(memoryview(buffer)[:count])
        self.position += count
        return count

    def tell(self) -> int:
        return self.position


def _read(where: Path, name: str, keep: bool = False) -> tuple[Any, ...] | None:
    """The payload of entry ``name``, checked, or None (see :func:`_load_payload`).

    The pickle is read as a stream (a ledger of 100,000 commitments makes an entry of
    over 100 MB) and used only when the SHA-256 of what was read matches the header.
    """
    entry = _entry_path(where, name)
    try:
        with _open_entry(entry) as handle:
            if handle is None:
                return None
            head = handle.read(len(_MAGIC) + 32)
            if head[: len(_MAGIC)] != _MAGIC:
                return None
            reader = _Hashing(handle, os.fstat(handle.fileno()).st_size - len(head))
            try:
                with _gc_paused():
                    payload = _load_payload(io.BufferedReader(reader, 2**16), keep)
            except Exception:  # a damaged entry is a miss, whatever unpickling raises
                return None
            reader.hash.update(handle.read())  # anything after the pickle counts too
            if reader.hash.digest() != head[len(_MAGIC) :]:
                return None
        os.utime(entry)  # recently used
    except OSError:
        return None
    if not isinstance(payload, tuple) or len(payload) != 5 or payload[:2] != (FORMAT, name):
        return None
    return payload


def lookup(where: Path | None, path: Path, digest: str, *, keep: bool = False) -> Cached | None:
    """The cached ledger for the file at ``path`` with bytes of SHA-256 ``digest``, or None
    (cache off, no entry, an entry that fails a check, or an archive that changed).

    With ``keep``, a full entry's commitments are also given as pickled (``chunks``), for
    :func:`store` to reuse without pickling them again.
    """
    if where is None:
        return None
    name = key(path, digest)
    payload = _read(where, name, keep)
    if payload is None:
        return None
    _, _, kind, body, archives = payload
    changed: dict[int, Commitment] = {}
    files: Mapping[int, tuple[Commitment, ...]] = {}
    base = name
    if kind == "change":
        base, changed, layout = body
        full = _read(where, base)
        if full is None or full[2] != "full" or full[4] != archives:
            return None
        ledger, _, includes, spans, _ = full[3]
        chunks: tuple[bytes, ...] = ()  # stale: some commitments are replaced
        found = list(ledger.commitments)
        for index, commitment in changed.items():
            found[index] = commitment
        ledger = Ledger(ledger.agencies, ledger.sources, tuple(found))
    elif kind == "full":
        ledger, layout, includes, spans, chunks = body
    elif kind == "files":
        base, files, spans, layout = body
        full = _read(where, base)
        if full is None or full[2] != "full" or full[4] != archives:
            return None
        ledger, _, includes, base_spans, _ = full[3]
        chunks = ()
        parts, at = [], 0
        for number, count in enumerate(base_spans):
            parts.append(files.get(number, ledger.commitments[at : at + count]))
            at += count
        joined = tuple(c for part in parts for c in part)
        ledger = Ledger(ledger.agencies, ledger.sources, joined)
    else:
        return None
    if not isinstance(ledger, Ledger) or not isinstance(layout, bytes):
        return None
    if archive_stamps(path, tuple(a[0] for a in archives)) != archives:
        return None
    return Cached(ledger, layout, base, changed, archives, includes, spans, chunks, files)


def _full_payload(
    name: str,
    ledger: Ledger,
    layout: bytes,
    archives: tuple[ArchiveStamp, ...],
    includes: tuple[str, ...],
    spans: tuple[int, ...],
    chunks: tuple[bytes, ...],
) -> bytes:
    """The pickles of a full entry (see :func:`_load_payload`); ``layout`` and the
    commitments in ``chunks`` are pickled already."""
    sizes = tuple(len(c) for c in chunks)
    head = (ledger.agencies, ledger.sources, len(ledger.commitments), includes, spans, sizes)
    return b"".join((_pickle((FORMAT, name, "full", head, archives)), *chunks, layout))


def pickle_commitments(commitments: Sequence[Commitment]) -> tuple[bytes, ...]:
    """``commitments`` pickled in chunks of :data:`CHUNK`, as an entry holds them."""
    found = commitments
    return tuple(_pickle(tuple(found[i : i + CHUNK])) for i in range(0, len(found), CHUNK))


def _write(where: Path, name: str, payload: bytes, prune: bool = True) -> None:
    import tempfile

    _make_folder(where)
    fd, tmp = tempfile.mkstemp(prefix=f".{_PREFIX}", suffix=".tmp", dir=where)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC + sha256(payload).digest() + payload)
        os.replace(tmp, _entry_path(where, name))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if prune:
        prune_folder(where)


def prune_folder(where: Path | None) -> None:
    """Keep the :data:`MAX_ENTRIES` most recently used entries in ``where`` (see
    :func:`_prune`); never raises."""
    if where is not None:
        with contextlib.suppress(OSError):
            _prune(where)


def _make_folder(where: Path) -> None:
    """Create the cache folder (mode 700) and any missing parents, unless the nearest
    folder that exists belongs to another user: ``sudo -E gt`` must not leave a folder
    owned by root in the user's home. Raises :class:`OSError` when it cannot."""
    if where.is_dir():
        return
    existing = where.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if hasattr(os, "geteuid") and existing.stat().st_uid != os.geteuid():
        raise PermissionError(f"{existing} belongs to another user")
    where.mkdir(parents=True, exist_ok=True, mode=0o700)


def _prune(where: Path) -> None:
    """Keep the :data:`MAX_ENTRIES` most recently used entries, and remove temporary files
    that a killed gt left; nothing else in the folder is touched."""
    import time

    now = time.time_ns()
    found = []
    with os.scandir(where) as entries:
        for e in entries:
            if _is_entry(e.name):
                found.append((e.stat(follow_symlinks=False).st_mtime_ns, e.path))
            elif (
                e.name.startswith(f".{_PREFIX}")
                and e.name.endswith(".tmp")
                and now - e.stat(follow_symlinks=False).st_mtime_ns > _TMP_AGE_NS
            ):
                with contextlib.suppress(OSError):
                    os.unlink(e.path)
    for _, old in sorted(found, reverse=True)[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            os.unlink(old)


def store(
    where: Path | None,
    path: Path,
    digest: str,
    ledger: Ledger,
    layout: Layout | None,
    archives: tuple[ArchiveStamp, ...] | None,
    includes: tuple[str, ...] = (),
    spans: tuple[int, ...] = (),
    *,
    prune: bool = True,
    chunks: tuple[bytes, ...] | None = None,
) -> Cached | None:
    """Cache ``ledger`` (sound, quotes checked) and its ``layout`` (None when not known: a
    write then scans the text) for the file at ``path`` with bytes of SHA-256 ``digest``.

    ``archives`` are the :func:`archive_stamps` of its sources' archives taken before
    their texts were read for the quote check; nothing is stored unless they are still
    the same (an archive changed meanwhile may have been read half old, half new).
    Returns what a later :func:`lookup` would give (with its ``chunks``), or None when
    nothing was stored (never raises). With ``prune`` (the default) the folder is then
    pruned; a read of many files stores them all first and prunes once
    (:func:`prune_folder`). ``chunks`` are the commitments already pickled, when known
    (:func:`pickle_commitments`)."""
    if where is None or archives is None:
        return None
    names = tuple(s.archive for s in ledger.sources.values() if s.archive)
    if archive_stamps(path, names) != archives:
        return None
    import pickle

    name = key(path, digest)
    try:
        pickled = _pickle(layout)
        chunks = pickle_commitments(ledger.commitments) if chunks is None else chunks
        payload = _full_payload(name, ledger, pickled, archives, includes, spans, chunks)
        _write(where, name, payload, prune)
    except (OSError, pickle.PicklingError):
        return None
    return Cached(ledger, pickled, name, {}, archives, includes, spans, chunks)


def store_files(
    where: Path | None,
    path: Path,
    digest: str,
    before: Cached,
    number: int,
    commitments: tuple[Commitment, ...],
    spans: tuple[int, ...],
) -> None:
    """Cache the whole of a ledger in many files after a write to its file ``number``:
    ``before`` (as looked up or stored) with that file's commitments now
    ``commitments``, the files holding ``spans`` commitments, for the root at ``path``
    with whole digest ``digest``. Stores a small entry over ``before``'s full entry;
    nothing once the files written since hold many commitments (the next read joins
    the files again). Never raises."""
    if where is None or key(path, digest) == before.base:
        return  # back to the bytes of the full entry (an undo): it holds them already
    files = {**before.files, number: commitments}
    if sum(len(found) for found in files.values()) > MAX_CHANGED:
        return
    import pickle

    try:
        name = key(path, digest)
        head = (FORMAT, name, "files", (before.base, files, spans), before.archives)
        _write(where, name, _pickle(head))
    except (OSError, pickle.PicklingError):
        return


def store_change(
    where: Path | None,
    path: Path,
    digest: str,
    before: Cached,
    changed: Mapping[int, Commitment],
    ledger: Ledger,
    layout: Layout,
) -> None:
    """Cache the ledger a write made: ``before`` (as looked up or stored) with the
    commitments at the indexes of ``changed`` replaced, giving ``ledger`` laid out as
    ``layout``, for the file at ``path`` now of SHA-256 ``digest``. Stores a small change
    entry over ``before``'s full entry, or a full entry once many commitments have
    changed. Never raises."""
    if where is None or key(path, digest) == before.base:
        return  # back to the bytes of the full entry (an undo): it holds them already
    merged = {**before.changed, **changed}
    if len(merged) > MAX_CHANGED:
        store(where, path, digest, ledger, layout, before.archives, before.includes, before.spans)
        return
    import pickle

    try:
        name = key(path, digest)
        head = (FORMAT, name, "change", (before.base, merged), before.archives)
        _write(where, name, _pickle(head) + _pickle(layout))
    except (OSError, pickle.PicklingError):
        return
