"""Shared fixtures: an isolated environment so output compares exactly, a copy of the ledger,
and a runner for the ``gt`` command line."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from greentrade_cli.cli import app

REPO = Path(__file__).resolve().parents[1]
BRIEFING_LEDGER = REPO / "commitments.toml"
WIDTH = 100


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-docs",
        action="store_true",
        help="write what gt prints into the console examples of README.md and docs/",
    )


@pytest.fixture(autouse=True)
def isolated_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No colour, a fixed width, no ledger from the environment, a scratch working folder
    and a scratch ledger cache of its own."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    monkeypatch.setenv("LINES", "50")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("GT_LEDGER", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.delenv("GT_NO_CACHE", raising=False)
    monkeypatch.setenv("GT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def signals_restored() -> Iterator[None]:
    """Ctrl-C and SIGTERM as they were before the test: a write through the library holds
    them off for the rest of the run (the command line gives them back), and the suite,
    and every process it starts, must stay stoppable."""
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    yield
    for number, handler in before.items():
        signal.signal(number, handler)


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    """An editable copy of the briefing ledger (and its archived source) in a scratch folder."""
    folder = tmp_path / "ledger"
    folder.mkdir()
    shutil.copyfile(BRIEFING_LEDGER, folder / "commitments.toml")
    shutil.copytree(REPO / "sources", folder / "sources")
    return folder / "commitments.toml"


FACTORIES_SHARE = "Output value share of national, provincial and municipal green factories"
"""The metric of the briefing's one share target (``miit-green-factories-2030``, in %)."""


def as_growth_rate(path: Path) -> None:
    """Make the share target of the briefing ledger at ``path`` a growth rate, with the
    same unit (%) and values: a share is 0 to 100%, a growth rate any number, for tests of
    values no share can take (negative, huge)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(FACTORIES_SHARE) == 1
    growth = "Growth of the output value of national, provincial and municipal green factories"
    path.write_text(text.replace(FACTORIES_SHARE, growth), encoding="utf-8")


def never_opened(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    """Fail the test at once, rather than hang it or fill the memory, when ``paths`` (a
    pipe, a device) are opened: a file that is not a regular one must be refused unread."""
    import builtins
    import io

    banned = {os.path.abspath(p) for p in paths}
    real_open, real_os_open = builtins.open, os.open

    def check(file: object) -> None:
        if (
            isinstance(file, str | bytes | os.PathLike)
            and os.path.abspath(os.fsdecode(file)) in banned
        ):
            raise AssertionError(f"{os.fsdecode(file)} was opened")

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        check(file)
        return real_open(file, *args, **kwargs)

    def guarded_os_open(file: Any, *args: Any, **kwargs: Any) -> int:
        check(file)
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)


Run = Callable[..., Result]


@pytest.fixture
def gt() -> Run:
    """Run ``gt`` with arguments in-process; returns the result (stdout and stderr apart)."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False, prog_name="gt")

    return run


@pytest.fixture
def gt_tty(gt: Run, monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run ``gt`` as on a terminal (``TTY_COMPATIBLE=1``: tables, not plain rows), with
    ``--color never`` so that the tables compare exactly, without text styles. Only its
    own runs: ``gt`` in the same test still writes to a pipe."""

    def run(*args: str, input: str | None = None) -> Result:
        with monkeypatch.context() as env:
            env.setenv("TTY_COMPATIBLE", "1")
            return gt("--color", "never", *args, input=input)

    return run
