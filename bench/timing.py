"""Timing whole processes: wall time, CPU time and peak memory of each run.

Each run goes through :mod:`bench.meter`, a small process that forks the command, reaps
it with :func:`os.wait4` (whose resource usage gives CPU time and maximum resident set
size) and times it from fork to exit. The command's standard output is a pipe that this
process reads to the end, as a pager or ``grep`` would; standard error goes to a
scratch file. POSIX only (Linux, macOS).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Sample:
    """One run: ``wall`` and ``cpu`` (user + system) in seconds, ``max_rss`` in bytes,
    ``code`` the exit code, ``out_bytes`` the size of standard output, ``err`` the start
    of standard error (for a failing run's message)."""

    wall: float
    cpu: float
    max_rss: int
    code: int
    out_bytes: int
    err: str


@dataclass(frozen=True, slots=True)
class Timing:
    """The timed runs of one command (warm-up runs are not in ``samples``)."""

    argv: tuple[str, ...]
    samples: tuple[Sample, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """True when every run exited with 0."""
        return bool(self.samples) and all(s.code == 0 for s in self.samples)

    @property
    def wall(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        """Median CPU time (user + system) in seconds."""
        return statistics.median(s.cpu for s in self.samples)

    @property
    def max_rss(self) -> int:
        """Largest peak resident memory over the runs, in bytes."""
        return max(s.max_rss for s in self.samples)

    @property
    def failure(self) -> str:
        """The exit code and first line of standard error of the first failing run ("" if none)."""
        for s in self.samples:
            if s.code != 0:
                first = (
                    s.err.strip().splitlines()[0] if s.err.strip() else "nothing on standard error"
                )
                return f"exit {s.code}: {first}"
        return ""


METER = Path(__file__).with_name("meter.py")


def _rss_bytes(ru_maxrss: int) -> int:
    """``ru_maxrss`` is in kilobytes on Linux and in bytes on macOS."""
    return ru_maxrss if sys.platform == "darwin" else ru_maxrss * 1024


def run_once(argv: Sequence[str], env: dict[str, str], cwd: str) -> Sample:
    """Run ``argv`` once in ``cwd`` with ``env`` under :data:`METER`; standard input is empty.

    Raises :class:`RuntimeError` when the meter itself fails (it cannot start the command).
    """
    with tempfile.TemporaryDirectory(prefix="gt-meter-") as scratch:
        figures = Path(scratch) / "figures"
        with (Path(scratch) / "stderr").open("w+b") as err:
            proc = subprocess.Popen(
                [sys.executable, "-I", "-S", str(METER), str(figures), *argv],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=err,
                env=env,
                cwd=cwd,
            )
            assert proc.stdout is not None
            size = 0
            while chunk := proc.stdout.read(1 << 16):
                size += len(chunk)
            proc.stdout.close()
            if proc.wait() != 0 or not figures.exists():
                raise RuntimeError(f"the meter could not run {argv[0]} (exit {proc.returncode})")
            err.seek(0)
            message = err.read(2000).decode("utf-8", "replace")
        wall, cpu, rss, code = figures.read_text(encoding="ascii").split()
    return Sample(float(wall), float(cpu), _rss_bytes(int(rss)), int(code), size, message)


@dataclass(frozen=True, slots=True)
class Job:
    """A command to time: ``argv`` run in ``cwd`` with ``env``; ``before_each`` (outside the
    timing) puts back what a run changes, so every run of a command that writes starts
    from the same files."""

    argv: tuple[str, ...]
    env: dict[str, str]
    cwd: str
    before_each: Callable[[], object] | None = None


def time_round_robin(jobs: Sequence[Job], *, runs: int, warmup: int) -> list[Timing]:
    """Time every job ``runs`` times after ``warmup`` untimed runs, taking turns.

    Each round runs every job once, so a change in machine load touches all of them
    alike and their ratios stay fair. A job that fails is not run again; its failing
    run is kept in its samples. Returns one :class:`Timing` per job, in order.
    """
    samples: list[list[Sample]] = [[] for _ in jobs]
    failed = [False] * len(jobs)
    for index in range(warmup + runs):
        for number, job in enumerate(jobs):
            if failed[number]:
                continue
            if job.before_each is not None:
                job.before_each()
            sample = run_once(job.argv, job.env, job.cwd)
            if index >= warmup or sample.code != 0:
                samples[number].append(sample)
            failed[number] = sample.code != 0
    for job in jobs:
        if job.before_each is not None:
            job.before_each()
    return [Timing(job.argv, tuple(found)) for job, found in zip(jobs, samples, strict=True)]
