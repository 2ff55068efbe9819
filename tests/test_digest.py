"""SHA-256 without OpenSSL for small inputs: the same digest as hashlib's, at any size."""

from __future__ import annotations

import hashlib

import pytest

from greentrade_cli.ledgerfile.digest import OPENSSL_FROM, sha256


@pytest.mark.parametrize("size", [0, 1, 17 * 1024, OPENSSL_FROM - 1, OPENSSL_FROM, 3 * 2**20])
def test_the_digest_is_hashlibs(size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert sha256(data).digest() == hashlib.sha256(data).digest()
