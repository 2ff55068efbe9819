"""Time ``gt`` against its floors and against Taskwarrior, side by side, at several sizes.

For the bundled ledger and for synthetic ledgers of each size asked for, this times
whole processes (median of ``--runs`` after ``--warmup`` untimed runs): the ``gt``
commands below, the floors (bare ``python`` and ``python -c "import typer, rich"``,
with the interpreter ``gt`` runs on) and, when Taskwarrior is installed, the same
records imported into a scratch Taskwarrior folder. It prints ratios, peak memory and
growth with size, and checks the targets of issue #7. Commands this ``gt`` does not
have yet (from ``gt --help``) are skipped with a note.

Usage::

    python bench/run.py                         # bundled, 1k and 10k, each in one file and
                                                # in many; 5 runs after 1 warm-up
    python bench/run.py --sizes 1000,10000,100000 --runs 3
    python bench/run.py --smoke                 # CI: bundled and 1k, one run each
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import taskwarrior
from bench.generate import MARK_ON, generate
from bench.report import CaseResult, render_report
from bench.snapshot import restore, snapshot
from bench.timing import Job, Timing, run_once, time_round_robin
from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.location import bundled_ledger_path
from greentrade_cli.model.ledger import Ledger

AS_OF = "2026-06-30"
EVIDENCE = "Benchmark evidence: progress report, section 1.1"
FLOORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("python -c pass", ("-c", "pass")),
    ('python -c "import typer, rich"', ("-c", "import typer, rich")),
)


@dataclass(frozen=True, slots=True)
class Picks:
    """What the commands of one ledger act on: an agency, a commitment to show and one to mark
    (an open one, so ``met`` is a real change), and their Taskwarrior numbers."""

    agency: str
    show_id: str
    mark_id: str
    show_task: str = ""
    mark_task: str = ""
    record_id: str = ""
    remove_id: str = ""
    source_id: str = ""
    quote: str = ""
    record_task: str = ""
    remove_task: str = ""


@dataclass(frozen=True, slots=True)
class Command:
    """A ``gt`` command to time and its Taskwarrior peer (None when there is none)."""

    name: str
    gt: Callable[[Picks], list[str]]
    peer: Callable[[Picks], list[str]] | None
    peer_title: str = ""
    writes: bool = False

    def peer_label(self, picks: Picks) -> str:
        """The peer command line as shown in the table."""
        return "" if self.peer is None else "task " + " ".join(self.peer(picks))


COMMANDS = (
    Command(
        "list",
        lambda p: ["list", "--agency", p.agency, "--as-of", AS_OF],
        lambda p: [f"project:{p.agency}", "list"],
        "task project:X list",
    ),
    Command(
        "show",
        lambda p: ["show", p.show_id, "--as-of", AS_OF],
        lambda p: [p.show_task, "info"],
        "task N info",
    ),
    Command(
        "mark",
        lambda p: ["mark", p.mark_id, "met", "--evidence", EVIDENCE, "--on", MARK_ON],
        lambda p: [p.mark_task, "modify", "gtstatus:met"],
        "task N modify",
        writes=True,
    ),
    Command("summary", lambda p: ["summary"], lambda p: ["summary"], "task summary"),
    Command(
        "export",
        lambda p: ["export", "--format", "csv", "--as-of", AS_OF],
        lambda p: ["export"],
        "task export",
    ),
    Command("check", lambda p: ["check"], None),
    Command(
        "record",
        lambda p: ["record", p.record_id, "42", "--on", MARK_ON],
        lambda p: [p.record_task, "modify", "gtstatus:measured"],
        "task N modify",
        writes=True,
    ),
    Command(
        "add",
        lambda p: [
            *("add", "--title", "Benchmark pledge", "--agency", p.agency),
            *("--source", p.source_id, "--quote", p.quote, "--on", MARK_ON),
        ],
        lambda p: ["add", "Benchmark pledge", f"project:{p.agency}"],
        "task add",
        writes=True,
    ),
    Command(
        "remove",
        lambda p: ["remove", p.remove_id, "--yes", "--on", MARK_ON],
        lambda p: [p.remove_task, "delete"],
        "task N delete",
        writes=True,
    ),
)


def gt_commands(gt: str, env: dict[str, str]) -> dict[str, str]:
    """The commands this ``gt`` has, each with its ``--help`` text, read from ``gt --help``."""
    text = subprocess.run(
        [gt, "--help"], env=env, capture_output=True, text=True, check=True
    ).stdout
    section = text.split("\nCommands:\n", 1)[1] if "\nCommands:\n" in text else ""
    names = []
    for line in section.splitlines():
        if not line.strip():
            break
        if line.startswith("  ") and not line.startswith("   "):
            names.append(line.split()[0])
    return {
        name: subprocess.run([gt, name, "--help"], env=env, capture_output=True, text=True).stdout
        for name in names
    }


def pick(ledger: Ledger) -> Picks:
    """The agency (MIIT when there is one), the middle commitment to show, and the first open
    commitment from the middle on to mark."""
    agency = "MIIT" if "MIIT" in ledger.agencies else next(iter(ledger.agencies))
    items = tuple(ledger.commitments)
    middle = len(items) // 2
    ordered = items[middle:] + items[:middle]
    mark = next((c for c in ordered if c.status.is_open), ordered[0])
    record = next((c for c in ordered if c.target is not None), mark)
    gone = items[middle + 1] if middle + 1 < len(items) else items[0]
    return Picks(
        agency, items[middle].id, mark.id, "", "", record.id, gone.id, mark.source, mark.quote
    )


def base_env(cache: Path) -> dict[str, str]:
    """The environment for every timed process: the caller's, without ledger or Taskwarrior
    settings, with colour off and gt's ledger cache in ``cache`` (a scratch folder, so that
    every run starts with it empty and the user's own cache is left alone)."""
    skip = ("GT_LEDGER", "GT_NO_CACHE", "TASKRC", "TASKDATA", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env["NO_COLOR"] = "1"
    env["GT_CACHE_DIR"] = str(cache)
    return env


def _note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def prepare_case(
    name: str, work: Path, size: int | None, seed: int, many: bool = False
) -> tuple[Path, Ledger, int]:
    """Write the ledger of one case into ``work/name``: the bundled one (``size`` None) or a
    generated one, in one file or (``many``) a root and one file per source. Returns the
    ledger path, its contents and its number of sources."""
    folder = work / name
    if folder.exists():
        shutil.rmtree(folder)
    if size is None:
        bundled = bundled_ledger_path()
        folder.mkdir(parents=True)
        shutil.copyfile(bundled, folder / "commitments.toml")
        ledger = storage.load(folder / "commitments.toml", quotes=False).ledger
        for source in ledger.sources.values():
            if source.archive:
                (folder / source.archive).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(bundled.parent / source.archive, folder / source.archive)
        return folder / "commitments.toml", ledger, len(ledger.sources)
    generated = generate(size, seed)
    path = generated.write_many(folder) if many else generated.write(folder)
    return path, generated.ledger, len(generated.ledger.sources)


@dataclass(frozen=True, slots=True)
class Setup:
    """What every case is timed with: the ``gt`` executable and its interpreter, the
    commands it has (name to ``--help`` text), Taskwarrior's executable (None: no peer),
    runs and warm-up runs per command, and the environment."""

    gt: str
    python: str
    available: dict[str, str]
    task: str | None
    runs: int
    warmup: int
    env: dict[str, str]


def _gt_args(setup: Setup, command: Command, picks: Picks) -> list[str]:
    args = command.gt(picks)
    if "--as-of" in setup.available[command.name] and "--as-of" not in args and not command.writes:
        args += ["--as-of", AS_OF]
    return args


def _put_back(folder: Path) -> Callable[[], object]:
    """A function that puts the files directly in ``folder``, and in its ``ledger/`` (the
    files of a ledger in many files), back as they are now."""
    folders = [f for f in (folder, folder / "ledger") if f.is_dir()]
    files = [snapshot(f) for f in folders]

    def put_back() -> None:
        for where, found in zip(folders, files, strict=True):
            restore(where, found)

    return put_back


def _undo_job(setup: Setup, command: Command, picks: Picks, path: Path) -> Job:
    """``gt undo`` of ``command``, on a copy of the ledger's folder where ``command`` ran
    once: each run starts from the copy as the write left it."""
    folder = path.parent.with_name(f"{path.parent.name}-undo-{command.name}")
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(path.parent, folder)
    copy = folder / path.name
    argv = (setup.gt, "--ledger", str(copy), *_gt_args(setup, command, picks))
    done = run_once(argv, setup.env, str(folder))
    if done.code != 0:
        raise RuntimeError(f"gt {command.name} failed on {copy}: {done.err}")
    return Job((setup.gt, "--ledger", str(copy), "undo"), setup.env, str(folder), _put_back(folder))


def _edited_file(path: Path) -> Path:
    """The file a one-line hand edit goes to: the ledger's first included file, or the
    ledger itself when it is one file."""
    included = sorted((path.parent / "ledger").glob("*.toml"))
    return included[0] if included else path


def run_case(
    setup: Setup, name: str, size: int | None, work: Path, seed: int, many: bool = False
) -> CaseResult:
    """Time the floors, every available ``gt`` command and its peer on one ledger, in turns.

    A command that writes (``mark``) gets the ledger, or Taskwarrior's data folder, put
    back before each run and after the last, so every run makes the same change.
    """
    _note(f"preparing {name} ...")
    path, ledger, sources = prepare_case(name, work, size, seed, many)
    size_bytes = sum(p.stat().st_size for p in [path, *path.parent.glob("ledger/*.toml")])
    result = CaseResult(name, len(ledger.commitments), size_bytes, sources)
    result.layout = "many" if many else "one"
    picks = pick(ledger)
    tasks = None
    if setup.task is not None:
        tasks = taskwarrior.make_folder(work / f"{name}-task", ledger, setup.task, setup.env)
        show_task = tasks.task_id(picks.show_id, setup.env)
        picks = replace(
            picks,
            show_task=show_task,
            mark_task=tasks.task_id(picks.mark_id, setup.env),
            record_task=tasks.task_id(picks.record_id, setup.env),
            remove_task=tasks.task_id(picks.remove_id, setup.env),
        )
    del ledger
    cwd = str(path.parent)
    jobs: dict[tuple[str, str], Job] = {}
    for label, floor_args in FLOORS:
        jobs[("floor", label)] = Job((setup.python, *floor_args), setup.env, cwd)
    for command in COMMANDS:
        if command.name not in setup.available:
            result.skipped.append(command.name)
            continue
        args = _gt_args(setup, command, picks)
        result.gt_line[command.name] = shlex.join(["gt", *args])
        jobs[("gt", command.name)] = Job(
            (setup.gt, "--ledger", str(path), *args),
            setup.env,
            cwd,
            _put_back(path.parent) if command.writes else None,
        )
        if tasks is not None and command.peer is not None:
            result.peer_line[command.name] = command.peer_label(picks)
            result.peer_title[command.name] = command.peer_title
            jobs[("peer", command.name)] = Job(
                tuple(tasks.argv(*command.peer(picks))),
                tasks.env(setup.env),
                cwd,
                _put_back(tasks.data) if command.writes else None,
            )
    if "undo" in setup.available:
        _note(f"making a copy of {name} for the undo of each write ...")
        for command in COMMANDS:
            if command.writes and ("gt", command.name) in jobs:
                jobs[("gt", f"undo {command.name}")] = _undo_job(setup, command, picks, path)
                result.gt_line[f"undo {command.name}"] = f"gt undo (of gt {command.name})"
    if "check" in setup.available:
        _note(f"reading {name} once with the ledger cache empty ...")
        argv = (setup.gt, "--ledger", str(path), "check")
        result.first_read = Timing(argv, (run_once(argv, setup.env, cwd),))
    if "list" in setup.available:
        edited = _edited_file(path)
        before = edited.read_bytes()
        edited.write_bytes(before + b"# a one-line hand edit\n")
        listing = (setup.gt, "--ledger", str(path), *_gt_args(setup, COMMANDS[0], picks))
        result.edit_read = Timing(listing, (run_once(listing, setup.env, cwd),))
        edited.write_bytes(before)
    _note(f"timing {len(jobs)} commands on {name}, {setup.warmup} + {setup.runs} rounds ...")
    timings = time_round_robin(list(jobs.values()), runs=setup.runs, warmup=setup.warmup)
    for (kind, key), timing in zip(jobs, timings, strict=True):
        {"floor": result.floors, "gt": result.gt, "peer": result.peer}[kind][key] = timing
    for key in list(result.gt):
        write = key.removeprefix("undo ")
        if write != key and write in result.peer:  # an undo's peer is its write's
            result.peer[key] = result.peer[write]
            result.peer_line[key] = result.peer_line[write]
            result.peer_title[key] = result.peer_title[write]
    return result


def _sizes(text: str) -> list[int]:
    """``1000,10000`` as ``[1000, 10000]``; ``none`` for no synthetic ledger (bundled only)."""
    if text.strip().lower() == "none":
        return []
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a list of sizes such as 1000,10000 (or none)"
        ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive whole numbers")
    return sizes


def _default_gt() -> str | None:
    here = Path(sys.executable).parent / "gt"
    return str(here) if here.exists() else shutil.which("gt")


def _python_of(gt: str) -> str:
    """The interpreter a ``gt`` console script runs with (its ``#!`` line), else this one."""
    try:
        first = Path(gt).read_bytes().split(b"\n", 1)[0].decode()
    except (OSError, UnicodeDecodeError):
        return sys.executable
    interpreter = first[2:].strip().split()[0] if first.startswith("#!") else ""
    return interpreter if interpreter and Path(interpreter).exists() else sys.executable


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The runner's options (see ``--help``)."""
    parser = argparse.ArgumentParser(
        prog="bench/run.py", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        help="commitments per synthetic ledger, or none (default 1000,10000)",
    )
    parser.add_argument(
        "--layouts",
        type=lambda text: [part for part in text.split(",") if part],
        default=["one", "many"],
        help="one (one file), many (a root and one file per source), or one,many (default)",
    )
    parser.add_argument("--runs", type=int, help="timed runs per command (default 5)")
    parser.add_argument("--warmup", type=int, help="untimed runs first (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--gt", default=_default_gt(), help="the gt executable (default: beside this python)"
    )
    parser.add_argument("--no-peer", action="store_true", help="do not time Taskwarrior")
    parser.add_argument("--no-bundled", action="store_true", help="do not time the bundled ledger")
    parser.add_argument(
        "--workdir", type=Path, help="scratch folder (default: a temporary one, removed)"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every timing to FILE")
    parser.add_argument(
        "--smoke", action="store_true", help="CI smoke test: one run per command, 1k only"
    )
    args = parser.parse_args(argv)
    smoke = args.smoke
    if args.sizes is None:
        args.sizes = [1000] if smoke else [1000, 10000]
    args.runs = args.runs if args.runs is not None else (1 if smoke else 5)
    args.warmup = args.warmup if args.warmup is not None else (0 if smoke else 1)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    if not args.gt or not Path(args.gt).exists():
        parser.error("cannot find the gt executable; install the project or pass --gt PATH")
    return args


def _as_json(results: list[CaseResult]) -> list[dict[str, object]]:
    def timing(t: Timing) -> dict[str, object]:
        return {
            "argv": list(t.argv),
            "ok": t.ok,
            "wall_s": [s.wall for s in t.samples],
            "cpu_s": [s.cpu for s in t.samples],
            "max_rss_bytes": [s.max_rss for s in t.samples],
            "stdout_bytes": [s.out_bytes for s in t.samples],
        }

    return [
        {
            "name": r.name,
            "size": r.size,
            "ledger_bytes": r.ledger_bytes,
            "layout": r.layout,
            "first_read": None if r.first_read is None else timing(r.first_read),
            "edit_read": None if r.edit_read is None else timing(r.edit_read),
            "floors": {k: timing(v) for k, v in r.floors.items()},
            "gt": {k: timing(v) for k, v in r.gt.items()},
            "peer": {k: timing(v) for k, v in r.peer.items()},
            "skipped": r.skipped,
        }
        for r in results
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its report; returns 1 when a timed command failed."""
    args = parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="gt-bench-"))
    env = base_env(work / "gt-cache")
    task = None if args.no_peer else taskwarrior.find_task()
    setup = Setup(
        args.gt,
        _python_of(args.gt),
        gt_commands(args.gt, env),
        task,
        args.runs,
        args.warmup,
        env,
    )
    work.mkdir(parents=True, exist_ok=True)
    true = shutil.which("true") or "true"
    meter_floor = run_once([true], env, str(work)).max_rss
    cases: list[tuple[str, int | None, bool]] = (
        [] if args.no_bundled else [("bundled", None, False)]
    )
    for size in args.sizes:
        if "one" in args.layouts:
            cases.append((str(size), size, False))
        if "many" in args.layouts:
            cases.append((f"{size} many", size, True))
    try:
        results = [run_case(setup, n, size, work, args.seed, many) for n, size, many in cases]
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    setting = {
        "seed": args.seed,
        "runs": args.runs,
        "warmup": args.warmup,
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "peer": taskwarrior.version(task) if task else "",
        "gt": args.gt,
        "meter_floor_mb": round(meter_floor / 2**20, 1),
    }
    print(render_report(results, setting), end="")
    if args.json is not None:
        args.json.write_text(
            json.dumps({"setting": setting, "cases": _as_json(results)}, indent=2) + "\n",
            encoding="utf-8",
        )
    failed = [
        t
        for r in results
        for t in (*r.floors.values(), *r.gt.values(), *r.peer.values())
        if not t.ok
    ]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
