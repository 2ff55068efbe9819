"""The ledger cache: each ledger file's checked contents kept between runs, so that reading
a file gt has read before is not parsing it.

The cache is one SQLite database in the cache folder (:data:`DB_NAME`), a row per version
of a ledger file. A row is found only for exactly the bytes it was made from, so a stale
or damaged row is never used:

- its key is the SHA-256 of the file's real path, the SHA-256 of its bytes (for an
  included file, also of what it was checked against: the root's agencies and sources),
  the gt version, a fingerprint of gt's own code (size and modification time of each
  module), the schema version and the Python version;
- it holds the SHA-256 of its pickle, checked before the pickle is read, and the pickle
  holds the key again;
- it records the identity (inode, size, modification and change times) of every archived
  source its quotes were checked against; an archive that changed makes it a miss;
- the database is used only when it is a regular file owned by the user and writable by
  no one else (it holds pickles).

Only a file that passed every check (schema and quotes) is cached; a write caches the
files it wrote. A ledger in many files is one row per file, read in one query. Every
failure to read or write the cache is a miss, never an error: the cache only saves time.

The folder is ``$GT_CACHE_DIR`` when set, else the user cache folder (``platformdirs``,
``~/.cache/greentrade-cli`` on Linux); ``GT_NO_CACHE`` set to anything but empty turns
the cache off. At most :data:`MAX_ENTRIES` rows are kept, the least recently used go.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import os
import stat
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from greentrade_cli import SCHEMA_VERSION, __version__
from greentrade_cli.ledgerfile.digest import sha256
from greentrade_cli.ledgerfile.location import real_path
from greentrade_cli.model.agency import Agency
from greentrade_cli.model.baseline import Baseline
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.deadline import Deadline
from greentrade_cli.model.history import HistoryEntry
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.revision import Revision
from greentrade_cli.model.shared import SHARED_FIELDS, shared
from greentrade_cli.model.source import Source
from greentrade_cli.model.target import Target

if TYPE_CHECKING:
    import sqlite3

    from greentrade_cli.ledgerfile.layout import Layout

FORMAT = 14
"""Version of the row format; part of every key."""
MAX_ENTRIES = 20_000
"""Rows kept (one per version of a ledger file: a ledger in many files has thousands);
the least recently used go first."""
DIR_VAR = "GT_CACHE_DIR"
OFF_VAR = "GT_NO_CACHE"
APP_NAME = "greentrade-cli"
"""The name of gt's folder in the user cache folder."""
DB_NAME = "gt-ledgers.sqlite"
"""The database's name in the cache folder (the folder may be shared)."""
BUSY_SECONDS = 0.2
"""How long a command waits for the database while another gt writes it, before going
on without the cache."""
_USED_EVERY_NS = 3600 * 10**9
"""A row read is marked used again (a write to the database) at most this often."""
_MODEL = (Agency, Baseline, Commitment, HistoryEntry, Measurement, Revision, Source, Target)

ArchiveStamp = tuple[str, int, int, int, int]
"""An archive's path relative to the ledger folder, inode, size in bytes, and modification
and change times in nanoseconds."""


class Cached(NamedTuple):
    """A ledger file found in (or put in) the cache: its checked contents, the identity of
    the archives its quotes were checked against, its ``include`` list, and its
    :class:`Layout` still pickled (only a write needs it; None when not known).

    A named tuple: making a dataclass would take about half a millisecond of every
    command's start-up."""

    ledger: Ledger
    archives: tuple[ArchiveStamp, ...]
    includes: tuple[str, ...] = ()
    layout_pickle: bytes | None = None

    def read_layout(self) -> Layout | None:
        """The :class:`Layout` unpickled; None if none was stored."""
        from greentrade_cli.ledgerfile.layout import Layout  # only writes need it

        if self.layout_pickle is None:
            return None
        try:
            found = _unpickle(self.layout_pickle)
        except Exception:  # checked with the row's SHA-256: only other code gets here
            return None
        return found if isinstance(found, Layout) else None


class Head(NamedTuple):
    """What a cached ledger file holds, read without unpickling its contents: the id of
    each commitment (in file order), of each source its ledger has (for an included
    file, the root's too) and of each source its commitments quote."""

    ids: tuple[str, ...]
    sources: tuple[str, ...]
    cited: frozenset[str]


class Entry(NamedTuple):
    """A checked ledger file to cache: its path, the SHA-256 its key is made of (see
    :meth:`~.ledger_file.LedgerFile.cache_id`), contents, layout (None when not known),
    archive identities taken before their texts were read, and ``include`` list."""

    path: Path
    digest: str
    ledger: Ledger
    layout: Layout | None
    archives: tuple[ArchiveStamp, ...] | None
    includes: tuple[str, ...] = ()


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
    """Size and modification time of each of gt's modules: a row made by other code
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
    """The key of the ledger file at ``path`` whose bytes have SHA-256 ``digest`` (hex),
    for this gt: a hex SHA-256 (see the module notes)."""
    material = f"{real_path(path)}\n{digest}\n{_code_fingerprint()}"
    return sha256(material.encode("utf-8", "surrogateescape")).hexdigest()


def archive_stamps(path: Path, archives: tuple[str, ...]) -> tuple[ArchiveStamp, ...] | None:
    """The identity of each archive (paths relative to the ledger's real folder), or None
    when one cannot be read."""
    base = Path(real_path(path)).parent
    stamps = []
    for name in archives:
        try:
            info = (base / name).stat()
        except (OSError, ValueError):
            return None
        stamps.append((name, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
    return tuple(stamps)


class _Shared(NamedTuple):
    """A value to pickle as a call of :func:`~greentrade_cli.model.shared.shared`."""

    value: object


@functools.cache
def _day(ordinal: int) -> dt.date:
    """The shared date of proleptic Gregorian ``ordinal`` (how the cache pickles dates)."""
    return shared(dt.date.fromordinal(ordinal))


@functools.cache
def _deadline(text: str) -> Deadline:
    """The shared deadline written ``text`` (how the cache pickles deadlines: every one
    is made by :meth:`Deadline.parse`)."""
    return shared(Deadline.parse(text))


def _reducer(cls: type, wrapped: dict[object, _Shared]) -> Any:
    """How to pickle an object of the model's class ``cls``: as a call of ``cls`` with its
    fields, the values of shared fields wrapped (one wrapper per value in ``wrapped``, so
    that a value repeated in a file is loaded once)."""
    from operator import attrgetter

    names = tuple(f.name for f in fields(cls))
    get = attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (cls, (get(obj),))
    if SHARED_FIELDS.isdisjoint(names):
        return lambda obj: (cls, get(obj))
    mark = tuple(name in SHARED_FIELDS for name in names)

    def wrap(value: object) -> _Shared:
        found = wrapped.get(value)
        if found is None:
            found = wrapped[value] = _Shared(value)
        return found

    def reduce(obj: object) -> tuple[type, tuple[object, ...]]:
        values = get(obj)
        return cls, tuple(wrap(v) if m and v else v for m, v in zip(mark, values, strict=True))

    return reduce


_DISPATCH: dict[type, Any] = {
    dt.date: lambda day: (_day, (day.toordinal(),)),
    Deadline: lambda deadline: (_deadline, (deadline.text,)),
    _Shared: lambda found: (shared, (found.value,)),
}
"""How the cache pickles dates, deadlines and shared values besides the model's classes
(:func:`_reducer`): each loads as the one object of its value (see
:mod:`greentrade_cli.model.shared`)."""


def _pickle(value: object) -> bytes:
    """``value`` pickled; the ledger's classes are rebuilt by calling them with their
    fields, which is several times faster to load than the dataclass default; dates,
    deadlines and the values of :data:`~greentrade_cli.model.shared.SHARED_FIELDS` load
    as the objects every other file's load as."""
    import io
    import pickle

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    wrapped: dict[object, _Shared] = {}
    pickler.dispatch_table = {**_DISPATCH, **{cls: _reducer(cls, wrapped) for cls in _MODEL}}
    with _gc_paused():
        pickler.dump(value)
    return buffer.getvalue()


def _unpickle(data: bytes) -> Any:
    """``data`` unpickled by the C unpickler that :mod:`pickle` itself uses, without
    importing :mod:`pickle` (about a millisecond of a read's start-up), where there is one."""
    try:
        from _pickle import loads
    except ImportError:  # a Python without the C accelerator
        from pickle import loads
    return loads(data)


def _safe(db: Path) -> bool:
    """True when the database file at ``db`` is a regular file owned by the user and
    writable by no one else (or not there yet); never raises."""
    try:
        info = os.lstat(db)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    return not hasattr(os, "getuid") or (
        info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def _replace(db: Path) -> bool:
    """Remove what is at ``db`` to start a new database there, when it is the user's own
    and not a folder (a file others may write, a pipe, a link, a damaged database);
    True when it is gone. Never raises."""
    try:
        info = os.lstat(db)
        if stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            return False
        os.unlink(db)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


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


def _connect(where: Path, create: bool) -> sqlite3.Connection | None:
    """The database in ``where``, or None when it is not there, not safe to read (see
    :func:`_safe`), busy or unreadable. With ``create`` (to store rows), one that is
    missing is made, and one that is not safe, not a database or of another format is
    replaced by a new one. Never raises."""
    import sqlite3

    db = where / DB_NAME
    if not create and not (_safe(db) and db.is_file()):
        return None
    for _ in range(2):
        if not _safe(db) and not _replace(db):
            return None
        try:
            if create:
                _make_folder(where)
                os.close(os.open(db, os.O_RDWR | os.O_CREAT, 0o600))  # private before use
            connection = sqlite3.connect(db, timeout=BUSY_SECONDS)
            connection.execute("PRAGMA synchronous = OFF")  # a cache: a torn row fails its hash
            (version,) = connection.execute("PRAGMA user_version").fetchone()
            if version != FORMAT:
                if not create:
                    return None
                with connection:
                    connection.execute("DROP TABLE IF EXISTS entries")
                    connection.execute(
                        "CREATE TABLE entries (key TEXT PRIMARY KEY, sha256 BLOB, "
                        "body BLOB, layout BLOB, used INTEGER, head BLOB)"
                    )
                    connection.execute(f"PRAGMA user_version = {FORMAT}")
            return connection
        except sqlite3.OperationalError:
            return None  # busy (another gt writing it), locked or unreadable: a miss
        except sqlite3.DatabaseError:
            if not create or not _replace(db):  # not a database: start a new one
                return None
        except OSError:
            return None
    return None


def lookup(where: Path | None, ids: Sequence[tuple[Path, str]]) -> list[Cached | None]:
    """The cached file for each ``(path, digest)`` of ``ids`` (see :func:`key`), or None
    for it (cache off, no row, a row that fails a check, or an archive that changed).
    One query for them all; never raises."""
    import sqlite3

    found: list[Cached | None] = [None] * len(ids)
    if where is None or not ids:
        return found
    connection = _connect(where, create=False)
    if connection is None:
        return found
    import time

    names = {key(path, digest): index for index, (path, digest) in enumerate(ids)}
    order = list(names)
    now, used = time.time_ns(), []
    try:
        with _gc_paused():
            rows = _select(connection, order, "sha256, body, layout, used")
            for name, digest, body, layout, when in rows:  # each unpickled as it comes
                index = names[name]
                found[index] = _read(name, digest, body, layout, ids[index][0])
                if found[index] is not None and now - when > _USED_EVERY_NS:
                    used.append(name)
    except sqlite3.Error:
        return [None] * len(ids)
    if used:
        with contextlib.suppress(sqlite3.Error), connection:
            connection.executemany(
                "UPDATE entries SET used = ? WHERE key = ?", ((now, n) for n in used)
            )
    return found


def _select(
    connection: sqlite3.Connection, names: Sequence[str], columns: str
) -> Iterator[tuple[Any, ...]]:
    """The rows whose keys are among ``names``: each key, then ``columns``; queried 500
    keys at a time (SQLite's limit on parameters). Raises :class:`sqlite3.Error`."""
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        marks = ",".join("?" * len(chunk))
        yield from connection.execute(
            f"SELECT key, {columns} FROM entries WHERE key IN ({marks})", chunk
        )


def heads(where: Path | None, ids: Sequence[tuple[Path, str]]) -> list[Head | None]:
    """The :class:`Head` of each ``(path, digest)`` of ``ids`` that :func:`lookup` would
    find, or None for it; one query, and no file's contents unpickled. Never raises."""
    import sqlite3

    found: list[Head | None] = [None] * len(ids)
    connection = None if where is None or not ids else _connect(where, create=False)
    if connection is None:
        return found
    names = {key(path, digest): index for index, (path, digest) in enumerate(ids)}
    try:
        for name, head in _select(connection, list(names), "head"):
            index = names[name]
            found[index] = _read_head(head, ids[index][0])
    except sqlite3.Error:
        return [None] * len(ids)
    return found


def _read_head(head: bytes, path: Path) -> Head | None:
    """The :class:`Head` a row's ``head`` (SHA-256, then the pickle of the head and of
    the archives' identities) holds for the file at ``path``; None when it fails its hash
    or an archive changed."""
    if not isinstance(head, bytes) or sha256(head[32:]).digest() != head[:32]:
        return None
    try:
        ids, sources, cited, archives = _unpickle(head[32:])
    except Exception:  # checked with its SHA-256: only other code gets here
        return None
    if archive_stamps(path, tuple(a[0] for a in archives)) != archives:
        return None
    return Head(ids, sources, cited)


def _read(name: str, digest: bytes, body: bytes, layout: bytes | None, path: Path) -> Cached | None:
    """The file a row (``name``, the SHA-256 and pickle of its contents, its layout)
    caches for the file at ``path``; None when the row fails a check or an archive it was
    checked against changed."""
    if sha256(body).digest() != digest:
        return None
    try:
        payload = _unpickle(body)
    except Exception:  # a damaged row is a miss, whatever unpickling raises
        return None
    if not isinstance(payload, tuple) or len(payload) != 5 or payload[:2] != (FORMAT, name):
        return None
    _, _, ledger, archives, includes = payload
    if not isinstance(ledger, Ledger):
        return None
    if archive_stamps(path, tuple(a[0] for a in archives)) != archives:
        return None
    return Cached(ledger, archives, includes, layout)


def store(where: Path | None, entries: Sequence[Entry]) -> list[Cached | None]:
    """Cache each of ``entries`` (sound, quotes checked), in one transaction, and keep the
    :data:`MAX_ENTRIES` most recently used rows. An entry whose archives changed since
    their identity was taken is not stored (an archive changed meanwhile may have been
    read half old, half new). Returns what a later :func:`lookup` would give for each
    (None when it was not stored). Never raises."""
    import sqlite3

    stored: list[Cached | None] = [None] * len(entries)
    if where is None or not entries:
        return stored
    rows = []
    for index, e in enumerate(entries):
        names = tuple(s.archive for s in e.ledger.sources.values() if s.archive)
        if e.archives is not None and archive_stamps(e.path, names) == e.archives:
            rows.append(index)
            layout = None if e.layout is None else _pickle(e.layout)
            stored[index] = Cached(e.ledger, e.archives, e.includes, layout)
    connection = _connect(where, create=True)
    if connection is None or not rows:
        return [None] * len(entries)
    try:
        with connection:
            made = (_row(entries[index], stored[index]) for index in rows)  # one at a time
            connection.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?)", made)
            (count,) = connection.execute("SELECT count(*) FROM entries").fetchone()
            if count > MAX_ENTRIES:
                connection.execute(
                    "DELETE FROM entries WHERE key NOT IN "
                    "(SELECT key FROM entries ORDER BY used DESC LIMIT ?)",
                    (MAX_ENTRIES,),
                )
    except sqlite3.Error:
        return [None] * len(entries)
    return stored


def _row(entry: Entry, cached: Cached | None) -> tuple[str, bytes, bytes, bytes | None, int, bytes]:
    """The row that caches ``entry`` (``cached``, with its layout pickled): key, SHA-256 of
    the pickle, pickle, layout, use time, and head (see :func:`_read_head`)."""
    import pickle
    import time

    name = key(entry.path, entry.digest)
    body = _pickle((FORMAT, name, entry.ledger, entry.archives, entry.includes))
    layout = None if cached is None else cached.layout_pickle
    commitments = entry.ledger.commitments
    ids = tuple(c.id for c in commitments)
    cited = frozenset(c.source for c in commitments)
    head = pickle.dumps((ids, tuple(entry.ledger.sources), cited, entry.archives), 5)
    return name, sha256(body).digest(), body, layout, time.time_ns(), sha256(head).digest() + head
