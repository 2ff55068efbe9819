"""Lines of a ledger file by byte offset, and its bytes with some lines replaced, streamed.

A write of one commitment to a ledger of 100,000 commitments (some 160 MB) need not hold
the file: it finds where the commitment's lines start and end in one pass over the
bytes (:func:`scan`), reads just those lines, and writes the new file by copying the
old one part by part around the new lines (:func:`replaced`). Both passes hash what
they read, so a file that changed since it was read is never written over.

Lines are counted as ``text.split("\\n")`` counts them: line 0 starts the file (after a
byte-order mark), line ``n`` follows the ``n``-th ``\\n``; a ``\\r`` before it belongs to
the line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from greentrade_cli.ledgerfile.digest import Hash, sha256

CHUNK = 2**20
"""Bytes read at a time."""
BOM = b"\xef\xbb\xbf"


class Scan(NamedTuple):
    """What one pass over a file found: the byte ``offsets`` at which the lines asked for
    start (by 0-based line number), the number of ``lines`` (newlines plus one), the
    ``size`` in bytes, whether its line ends are ``mixed`` (some ``\\n``, some
    ``\\r\\n``, or a ``\\r`` at the very end) and its ``newline`` (``\\r\\n`` when
    any line ends so, else ``\\n``)."""

    offsets: dict[int, int]
    lines: int
    size: int
    mixed: bool
    newline: str

    def span(self, first: int, end: int) -> tuple[int, int]:
        """The bytes of lines ``first`` up to ``end`` (0-based, ``end`` excluded; both asked
        for in the scan unless ``end`` is :attr:`lines`), line ends included."""
        return self.offsets[first], self.size if end >= self.lines else self.offsets[end]


def _chunks(path: Path, digest: str, changed: Callable[[], Exception]) -> Iterator[bytes]:
    """The bytes of the file at ``path`` in chunks; at the end raises ``changed()`` when
    their SHA-256 (hex) is not ``digest``. Raises :class:`OSError` when it cannot be read."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(0)
        found = sha256(size=size)
        while chunk := handle.read(CHUNK):
            found.update(chunk)
            yield chunk
    if found.hexdigest() != digest:
        raise changed()


def scan(path: Path, wanted: Iterable[int], digest: str, changed: Callable[[], Exception]) -> Scan:
    """Where lines ``wanted`` (0-based numbers) of the file at ``path`` start, in one pass.

    ``digest`` is the SHA-256 (hex) the file's bytes must have; ``changed()`` is raised
    when they do not. A line number past the last line gets no offset. Raises
    :class:`OSError` when the file cannot be read.
    """
    wanted = set(wanted)
    todo = sorted(wanted - {0}, reverse=True)
    offsets: dict[int, int] = {}
    newlines = crlf = size = 0
    previous = head = b""
    for chunk in _chunks(path, digest, changed):
        if len(head) < len(BOM):
            head += chunk[: len(BOM) - len(head)]
        count = chunk.count(b"\n")
        position = -1
        seen = newlines
        while todo and todo[-1] <= newlines + count:
            line = todo.pop()
            while seen < line:
                position = chunk.index(b"\n", position + 1)
                seen += 1
            offsets[line] = size + position + 1
        crlf += chunk.count(b"\r\n") + (previous == b"\r" and chunk.startswith(b"\n"))
        newlines += count
        size += len(chunk)
        previous = chunk[-1:]
    mixed = previous == b"\r" or (crlf > 0 and crlf != newlines)
    if 0 in wanted:
        offsets[0] = len(BOM) if head == BOM else 0
    return Scan(offsets, newlines + 1, size, mixed, "\r\n" if crlf else "\n")


def read_spans(path: Path, spans: Iterable[tuple[int, int]]) -> list[bytes]:
    """The bytes ``start`` up to ``end`` of the file at ``path`` for each span ``(start,
    end)``, from one opening of the file. Raises :class:`OSError`."""
    found = []
    with path.open("rb") as handle:
        for start, end in spans:
            handle.seek(start)
            found.append(handle.read(end - start))
    return found


def replaced(
    path: Path,
    edits: Sequence[tuple[int, int, bytes]],
    digest: str,
    changed: Callable[[], Exception],
    written: Hash,
) -> Iterator[bytes]:
    """The bytes of the file at ``path`` with each span ``(start, end)`` of ``edits`` (in
    file order, not overlapping) replaced by its bytes, in parts, as read from disk.

    Every part given is also fed to ``written`` (the new file's SHA-256). ``changed()``
    is raised after the last part when the old bytes' SHA-256 (hex) is not ``digest``:
    a writer of these parts must then drop what it wrote. Raises :class:`OSError` when
    the file cannot be read.
    """
    with path.open("rb") as handle:
        old = sha256(size=handle.seek(0, 2))
        handle.seek(0)

        def copy(count: int | None, keep: bool) -> Iterator[bytes]:
            # ``count`` bytes (None: up to the end), hashed; given on when ``keep``
            while count is None or count > 0:
                chunk = handle.read(CHUNK if count is None else min(CHUNK, count))
                if not chunk:
                    return
                old.update(chunk)
                if count is not None:
                    count -= len(chunk)
                if keep:
                    written.update(chunk)
                    yield chunk

        position = 0
        for start, stop, new in edits:
            yield from copy(start - position, keep=True)
            yield from copy(stop - start, keep=False)
            written.update(new)
            yield new
            position = stop
        yield from copy(None, keep=True)
    if old.hexdigest() != digest:
        raise changed()
