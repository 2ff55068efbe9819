"""Real output streams: gt ends quietly when the program reading its output stops (``gt
list | head -1``), with one line when its output cannot be written (a full disk, a
file-size limit), and writes what an encoding cannot hold (ascii, cp1252) as escapes."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

GT = Path(sys.executable).with_name("gt")
FULL = "gt: error: cannot write to standard output (No space left on device); free space or write to another file\n"


def run(
    args: list[str], env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """``gt`` with ``args`` in a process of its own (output captured unless redirected)."""
    options: dict[str, object] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    options.update(kwargs)
    return subprocess.run(
        [str(GT), *args], env={**os.environ, **(env or {})}, timeout=60, check=False, **options
    )  # type: ignore[call-overload, no-any-return]


@pytest.mark.skipif(not hasattr(signal, "SIGPIPE"), reason="no SIGPIPE on this system")
@pytest.mark.parametrize(
    "args", [["list"], ["export", "--format", "jsonl"], ["show", "miit-green-f"]]
)
def test_a_closed_pipe_ends_gt_by_sigpipe_without_a_traceback(args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before gt writes anything
    try:
        result = subprocess.run(
            [str(GT), *args, "--as-of", "2026-01-01"],
            stdout=write_end, stderr=subprocess.PIPE, timeout=60, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (-signal.SIGPIPE, b"")


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_text_an_encoding_cannot_hold_is_escaped(encoding: str) -> None:
    agencies = run(["agencies"], {"PYTHONIOENCODING": encoding})
    assert (agencies.returncode, agencies.stderr) == (0, b"")
    assert agencies.stdout.splitlines()[1] == (
        b"MOFCOM\tMinistry of Commerce\t\\u5546\\u52a1\\u90e8\tMOC, Commerce\t16\t15"
    )
    shown = run(
        ["show", "mofcom-apec-egl", "--as-of", "2026-01-01"], {"PYTHONIOENCODING": encoding}
    )
    assert (shown.returncode, shown.stderr) == (0, b"")
    dot = {"ascii": b"\\xb7", "cp1252": b"\xb7"}[encoding]
    assert shown.stdout.splitlines()[
        2
    ] == b"agency\tMOFCOM %s Ministry of Commerce %s \\u5546\\u52a1\\u90e8" % (dot, dot)


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown"])
def test_an_export_is_utf8_whatever_the_encoding(fmt: str) -> None:
    args = ["export", "--format", fmt, "--as-of", "2026-01-01"]
    utf8 = run(args, {"PYTHONIOENCODING": "utf-8"})
    ascii_ = run(args, {"PYTHONIOENCODING": "ascii", "LC_ALL": "C"})
    assert (ascii_.returncode, ascii_.stderr) == (0, b"")
    assert ascii_.stdout == utf8.stdout
    assert "“green content”".encode() in ascii_.stdout
    if fmt == "json":
        assert len(json.loads(ascii_.stdout)) == 23


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["export", "--format", "json"],
        ["show", "miit-green-f"],
        ["check"],
        ["summary", "--json"],
        ["--help"],
        ["--version"],
    ],
)
def test_output_to_a_full_disk_is_one_line(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = run(args, stdout=full)
    assert (result.returncode, result.stderr.decode()) == (1, FULL)


def test_output_to_a_full_terminal_is_one_line() -> None:
    with open("/dev/full", "wb") as full:
        result = run(["show", "miit-green-f"], {"TTY_COMPATIBLE": "1"}, stdout=full)
    assert (result.returncode, result.stderr.decode()) == (1, FULL)


@pytest.mark.parametrize(
    "args", [["export", "--format", "csv"], ["export", "--format", "json"], ["--help"]]
)
def test_output_past_the_file_size_limit_is_one_line(tmp_path: Path, args: list[str]) -> None:
    def limit() -> None:  # a short write first (up to the limit), then "File too large"
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))

    with (tmp_path / "out.csv").open("wb") as out:
        result = run(args, stdout=out, preexec_fn=limit)
    assert (result.returncode, result.stderr.decode()) == (
        1,
        "gt: error: cannot write to standard output (File too large); free space or write to "
        "another file\n",
    )
    assert (tmp_path / "out.csv").stat().st_size == 100


def test_closed_standard_output_and_error_are_quiet() -> None:
    closed = subprocess.run(f"exec '{GT}' list >&- 2>&-", shell=True, timeout=60, check=False)
    assert closed.returncode == 0


def test_an_output_file_past_the_file_size_limit_is_not_written(tmp_path: Path) -> None:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))

    out = tmp_path / "rows.json"
    result = run(["export", "--format", "json", "--output", str(out)], preexec_fn=limit)
    assert (result.returncode, result.stderr.decode()) == (
        1,
        f"gt: error: {out}: cannot be written (File too large); nothing was changed\n",
    )
    assert sorted(tmp_path.iterdir()) == []
