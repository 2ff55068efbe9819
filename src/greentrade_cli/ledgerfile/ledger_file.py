"""A ledger file as read from disk, and the checks every read of a file makes.

Every way a file can be broken (missing, a folder, unreadable, too big, not UTF-8) becomes a
:class:`~greentrade_cli.errors.LedgerError` naming the file and line. What a write needs
of the file (its bytes, text, parsed TOML and line index) is made when first asked for.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from greentrade_cli.errors import LedgerChangedError, LedgerError, Problem
from greentrade_cli.ledgerfile.digest import sha256
from greentrade_cli.ledgerfile.location import real_path
from greentrade_cli.model.agency import Agency
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.source import Source

if TYPE_CHECKING:
    from greentrade_cli.ledgerfile import ledger_cache
    from greentrade_cli.ledgerfile.layout import Layout
    from greentrade_cli.ledgerfile.tomlmap import TomlMap

BOM = "\ufeff"
_TOML_POSITION = r"\s*\(at line (\d+), column (\d+)\)"
"""Where the TOML parser says an error is (compiled when first used, by :mod:`re`)."""
MAX_BYTES = 256 * 2**20
"""The largest ledger (and archived source) gt reads: room for some 150,000 commitments.
Parsing one the first time takes about 17 bytes of memory per byte of TOML (4 GB at the
cap); later reads come from the ledger cache."""


@dataclass(frozen=True)
class LedgerFile:
    """A ledger as read from disk, with what is needed to write it back faithfully.

    ``path`` is the path as given; ``digest`` the SHA-256 of the bytes read, to notice a
    change on disk before writing; ``read_only`` is set for the ledger bundled inside the
    package; ``cached`` is the ledger cache's entry for it (None when the cache is off or
    could not be written). The bytes (``raw``), text, full line
    index (``where``) and where the tables are (``layout``) are made when first asked
    for: a command that only reads a cached ledger needs none of them.

    For a root ledger with ``include``: ``ledger`` is the whole ledger and ``parts`` each
    file (the root first); when only some of its files were read, ``unread_ids`` holds
    the ids of the commitments in the others. For an included file: ``root`` is the
    root's path, ``root_tables`` its agencies and sources, ``context`` a digest of them.
    """

    path: Path
    digest: str
    ledger: Ledger = field(repr=False)
    read_only: bool = False
    cached: ledger_cache.Cached | None = field(default=None, repr=False)
    root: Path | None = None
    context: str = ""
    root_tables: tuple[dict[str, Agency], dict[str, Source]] | None = field(
        default=None, repr=False
    )
    includes: tuple[str, ...] = ()
    parts: tuple[LedgerFile, ...] = field(default=(), repr=False)
    unread_ids: frozenset[str] = field(default=frozenset(), repr=False)

    @property
    def members(self) -> tuple[Path, ...]:
        """Each file's path, the root first (empty for a ledger in one file)."""
        return tuple(p.path for p in self.parts)

    @property
    def name(self) -> str:
        """The path as the user gave it, for messages."""
        return str(self.path)

    @property
    def base(self) -> Path:
        """The root ledger's path: archives are read from its folder, and its journal and
        lock stand for every file it includes. ``root`` is set for an included file only."""
        return self.path if self.root is None else self.root

    def cache_id(self, digest: str) -> tuple[Path, str]:
        """``(path, digest)`` under which the ledger cache keeps this file when its bytes
        have SHA-256 ``digest``: an included file's entry is the root's, keyed also by its
        own path and ``context`` (what it was read against: the root's agencies and
        sources)."""
        if self.root is None:
            return self.path, digest
        return self.root, f"{digest}\n{real_path(self.path)}\n{self.context}"

    @cached_property
    def raw(self) -> bytes:
        """The file's bytes. Raises :class:`LedgerChangedError` when they are no longer the
        ones of ``digest`` (the file changed since it was loaded)."""
        raw = read_bytes(self.path)
        if sha256(raw).hexdigest() != self.digest:
            raise self.changed_error()
        return raw

    def changed_error(self) -> LedgerChangedError:
        """The error for a file whose bytes are no longer the ones of ``digest``."""
        return LedgerChangedError(
            f"{self.name} changed on disk since gt read it; nothing was written, run the command again"
        )

    @property
    def bom(self) -> bool:
        """True when the file starts with a UTF-8 byte-order mark (kept on writing)."""
        return self.raw.startswith(BOM.encode("utf-8"))

    @cached_property
    def layout(self) -> Layout:
        """Where the text's tables are: from the ledger cache when it holds them, else
        from scanning the text."""
        found = None if self.cached is None else self.cached.read_layout()
        return self.where.layout() if found is None else found

    @cached_property
    def text(self) -> str:
        """The decoded text, without a byte-order mark."""
        return decode(self.path, self.raw)[0]

    @cached_property
    def newline(self) -> str:
        """The text's line end, ``\\n`` or ``\\r\\n`` (as its first line has it)."""
        from greentrade_cli.ledgerfile.splice import block_newline

        return block_newline(self.text)

    @cached_property
    def where(self) -> TomlMap:
        """The text's full line index (:func:`~greentrade_cli.ledgerfile.tomlmap.scan`)."""
        from greentrade_cli.ledgerfile.tomlmap import scan

        return scan(self.text)


def fail(path: Path, message: str, line: int | None = None) -> LedgerError:
    return LedgerError(str(path), [Problem(line, None, None, message)])


@contextmanager
def os_errors(path: Path, what: str) -> Iterator[None]:
    """Turn the operating system's errors about ``path`` into a one-line :class:`LedgerError`."""
    try:
        yield
    except FileNotFoundError:
        hint = "; give --ledger PATH, or run `gt init` to create one" if what == "ledger" else ""
        raise fail(path, f"no such file{hint}") from None
    except IsADirectoryError:
        raise fail(path, f"is a folder, not a {what} file; give the path of a file") from None
    except PermissionError:
        raise fail(
            path, "cannot be read (permission denied); check the file's permissions"
        ) from None
    except OSError as exc:
        raise fail(path, f"cannot be read ({exc.strerror or exc}); check the path") from None
    except ValueError:  # a NUL character in the path
        raise fail(path, "is not a usable path (it holds a NUL character)") from None


def require_file(path: Path, what: str = "ledger") -> int:
    """Check that ``path`` (links followed) is a regular file of at most :data:`MAX_BYTES`;
    returns its size in bytes.

    ``what`` names the kind of file in messages. Raises :class:`LedgerError` naming
    ``path`` for a missing or unreachable file, a folder, something that is not a regular
    file (a pipe or a device, which would never end) or a file that is too big.
    """
    with os_errors(path, what):
        info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise fail(path, f"is a folder, not a {what} file; give the path of a file")
    if not stat.S_ISREG(info.st_mode):
        raise fail(path, f"is not a regular file (a pipe or a device?); give a {what} file")
    if info.st_size > MAX_BYTES:
        raise fail(
            path,
            f"is {info.st_size / 2**20:.1f} MiB; gt reads {what} files of at most "
            f"{MAX_BYTES // 2**20} MiB, split the file",
        )
    return info.st_size


def read_bytes(path: Path, what: str = "ledger") -> bytes:
    """The bytes of the file at ``path`` after :func:`require_file`; raises :class:`LedgerError`."""
    require_file(path, what)
    with os_errors(path, what), path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise fail(path, f"grew past {MAX_BYTES // 2**20} MiB while being read; split the file")
    return raw


def read_stream(stream: BinaryIO, name: str, what: str) -> bytes:
    """The bytes of ``stream`` (standard input, ``name`` in messages): at most
    :data:`MAX_BYTES`, read no further; raises :class:`LedgerError` when there are more."""
    raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        limit = MAX_BYTES // 2**20
        message = f"is over {limit} MiB; gt reads {what} input of at most {limit} MiB, split it into parts"
        raise LedgerError(name, [Problem(None, None, None, message)])
    return raw


def toml_error(exc: ValueError) -> tuple[str, tuple[int, int] | None]:
    """What the TOML parser (``tomli``, or :mod:`tomllib`: the same messages) says is
    wrong, as ``(reason, (line, column))``: the reason in lower case without its
    position, and the 1-based position (None when not given)."""
    found = re.search(_TOML_POSITION, str(exc))
    reason = re.sub(_TOML_POSITION, "", str(exc)).strip()
    reason = reason[:1].lower() + reason[1:]
    return reason, None if found is None else (int(found.group(1)), int(found.group(2)))


def decode(path: Path, raw: bytes) -> tuple[str, bool]:
    """``(text without BOM, had BOM)`` of ledger bytes; :class:`LedgerError` if not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(path, f"is not UTF-8 text (byte {exc.start}); save it as UTF-8", line) from None
    bom = text.startswith(BOM)
    return (text[1:] if bom else text), bom
