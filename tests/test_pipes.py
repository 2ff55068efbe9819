"""gt ends quietly when the program reading its output stops (``gt list | head -1``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

GT = Path(sys.executable).with_name("gt")


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
