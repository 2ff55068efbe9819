"""Finding lines by byte offset and streaming a file with some lines replaced."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greentrade_cli.ledgerfile import byte_lines
from greentrade_cli.ledgerfile.digest import sha256


class Changed(Exception):
    pass


def _scan(path: Path, wanted: list[int]) -> byte_lines.Scan:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return byte_lines.scan(path, wanted, digest, Changed)


@pytest.fixture(params=[1, 3, 2**20], ids=["chunk 1", "chunk 3", "chunk 1 MiB"])
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Read a byte, three bytes or a megabyte at a time: lines and CRLF pairs cross chunks."""
    size: int = request.param
    monkeypatch.setattr(byte_lines, "CHUNK", size)
    return size


def test_line_offsets_as_split_counts_them(tmp_path: Path, chunk: int) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"a = 1\nbb = 2\n\nccc = 3")
    scan = _scan(path, [0, 1, 2, 3, 4])
    assert scan == byte_lines.Scan({0: 0, 1: 6, 2: 13, 3: 14}, 4, 21, False, "\n")
    assert scan.span(1, 3) == (6, 14)
    assert scan.span(3, 4) == (14, 21)  # up to the end: the last line has no line end


def test_a_byte_order_mark_is_not_part_of_line_0(tmp_path: Path, chunk: int) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"\xef\xbb\xbfa = 1\r\nb = 2\r\n")
    scan = _scan(path, [0, 1, 2])
    assert scan == byte_lines.Scan({0: 3, 1: 10, 2: 17}, 3, 17, False, "\r\n")


@pytest.mark.parametrize(
    ("data", "mixed"),
    [
        (b"a\nb\n", False),
        (b"a\r\nb\r\n", False),
        (b"a\r\nb\n", True),
        (b"a\nb\r\n", True),
        (b"a\r\nb\r", True),
        (b"a = 'x\rx'\n", False),
    ],
)
def test_mixed_line_ends(tmp_path: Path, chunk: int, data: bytes, mixed: bool) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(data)
    assert _scan(path, []).mixed is mixed


def test_a_file_changed_since_it_was_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"a = 1\n")
    with pytest.raises(Changed):
        byte_lines.scan(path, [0], hashlib.sha256(b"a = 2\n").hexdigest(), Changed)


def _replaced(path: Path, edits: list[tuple[int, int, bytes]], digest: str) -> tuple[bytes, str]:
    written = sha256(size=2**30)
    data = b"".join(byte_lines.replaced(path, edits, digest, Changed, written))
    return data, written.hexdigest()


def test_replaced_streams_the_file_with_spans_replaced(tmp_path: Path, chunk: int) -> None:
    path = tmp_path / "f.toml"
    old = b"0123456789abcdef"
    path.write_bytes(old)
    digest = hashlib.sha256(old).hexdigest()
    edits = [(0, 2, b"<"), (5, 5, b"+"), (7, 11, b""), (14, 16, b">>>")]
    data, written = _replaced(path, edits, digest)
    assert data == b"<234+56bcd>>>"
    assert written == hashlib.sha256(data).hexdigest()


def test_replaced_refuses_a_file_that_changed(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(b"a = 1\n")
    with pytest.raises(Changed):
        _replaced(path, [(0, 1, b"b")], hashlib.sha256(b"a = 2\n").hexdigest())


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.sampled_from(["", "x", "yz", "é", "漢字", "a = 'q'"]), max_size=8),
    newline=st.sampled_from(["\n", "\r\n"]),
    bom=st.booleans(),
    ends=st.booleans(),
    size=st.integers(min_value=1, max_value=9),
    data=st.data(),
)
def test_a_splice_by_bytes_is_a_splice_by_lines(
    tmp_path_factory: pytest.TempPathFactory,
    lines: list[str],
    newline: str,
    bom: bool,
    ends: bool,
    size: int,
    data: st.DataObject,
) -> None:
    """Replacing lines [first, end) by bytes gives what replacing them in the decoded text does."""
    text = newline.join(lines) + (newline if ends and lines else "")
    raw = ("\ufeff" if bom else "").encode() + text.encode()
    path = tmp_path_factory.mktemp("splice") / "f.toml"
    path.write_bytes(raw)
    parts = text.split("\n")
    first = data.draw(st.integers(0, len(parts) - 1))
    end = data.draw(st.integers(first + 1, len(parts)))  # a block has a line at least
    new = data.draw(st.lists(st.sampled_from(["N", "ü", ""]), min_size=1, max_size=3))
    last = end >= len(parts)
    block = "\n".join(new) + ("" if last else "\n")
    expected = parts[:first] + new + parts[end:]
    old = byte_lines.CHUNK
    byte_lines.CHUNK = size
    try:
        scan = _scan(path, [first, end])
        start, stop = scan.span(first, end)
        got, _ = _replaced(path, [(start, stop, block.encode())], hashlib.sha256(raw).hexdigest())
    finally:
        byte_lines.CHUNK = old
    assert scan.lines == len(parts)
    assert raw[start:stop].decode() == "\n".join(parts[first:end]) + ("" if last else "\n")
    assert got == ("\ufeff" if bom else "").encode() + "\n".join(expected).encode()
