"""SHA-256 of bytes, without loading OpenSSL to hash a few kilobytes.

``import hashlib`` loads OpenSSL's libcrypto: about 3 ms, a twentieth of gt's start-up on
a small ledger, where hashing the ledger takes microseconds. CPython's own SHA-256 (the
module :mod:`hashlib` falls back to without OpenSSL) gives the same digest without it,
but takes about five times as long per byte, so inputs of :data:`OPENSSL_FROM` bytes or
more still go to :mod:`hashlib`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from functools import cache
from typing import BinaryIO, Protocol

OPENSSL_FROM = 2**20
"""Inputs of at least this many bytes are hashed by OpenSSL (through :mod:`hashlib`): past
about a megabyte, its speed makes up for the time it takes to load."""


class Hash(Protocol):
    """A SHA-256 hash object."""

    def update(self, data: bytes | memoryview, /) -> None:
        """Hash ``data`` after what was hashed before."""
        ...

    def digest(self) -> bytes:
        """The 32 bytes of the digest."""
        ...

    def hexdigest(self) -> str:
        """The digest as 64 lower-case hexadecimal digits."""
        ...


@cache
def _builtin() -> Callable[[bytes], Hash] | None:
    """CPython's own SHA-256 constructor, or None when this Python was built without it."""
    name = "_sha2" if sys.version_info >= (3, 12) else "_sha256"
    try:
        found: Callable[[bytes], Hash] = importlib.import_module(name).sha256
    except (ImportError, AttributeError):
        return None
    return found


def sha256(data: bytes = b"", size: int | None = None) -> Hash:
    """The SHA-256 of ``data``: the same digest as :func:`hashlib.sha256` gives.

    ``size`` is how many bytes will be hashed in all (``data`` and what is given to the
    hash's ``update`` later), when more than ``data``; it chooses the implementation
    (OpenSSL's once it is loaded: then every input goes to it).
    """
    if (len(data) if size is None else size) < OPENSSL_FROM and "_hashlib" not in sys.modules:
        builtin = _builtin()
        if builtin is not None:
            return builtin(data)
    import hashlib

    return hashlib.sha256(data)


def file_sha256(handle: BinaryIO, size: int) -> str:
    """The SHA-256 (hex) of the rest of the open binary file ``handle``, of ``size`` bytes,
    read in chunks: a ledger's bytes need not be held to know its digest."""
    digest = sha256(size=size)
    while chunk := handle.read(2**18):
        digest.update(chunk)
    return digest.hexdigest()
