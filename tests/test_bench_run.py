"""The benchmark's runner: the process meter, taking turns, the report's arithmetic, and a
smoke run of ``bench/run.py`` (no timing is asserted: only that it runs and reports)."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from bench.generate import generate
from bench.report import CaseResult, case_table, growth_table, render_report, targets
from bench.run import _sizes, gt_commands, pick
from bench.snapshot import restore, snapshot
from bench.timing import Job, Sample, Timing, run_once, time_round_robin

from greentrade_cli.cli import app
from greentrade_cli.ledgerfile import storage
from tests.conftest import REPO

GT = str(Path(sys.executable).parent / "gt")


def _python(code: str) -> tuple[str, ...]:
    return (sys.executable, "-c", code)


def test_the_meter_reports_exit_code_output_size_and_memory(tmp_path: Path) -> None:
    ok = run_once(_python("print('x' * 99)"), {}, str(tmp_path))
    assert (ok.code, ok.out_bytes, ok.err) == (0, 100, "")
    assert ok.max_rss > 1024 * 1024
    assert ok.wall > 0 and ok.cpu >= 0
    bad = run_once(_python("import sys; sys.exit('broken ledger')"), {}, str(tmp_path))
    assert (bad.code, bad.out_bytes, bad.err) == (1, 0, "broken ledger\n")


def test_the_meter_does_not_count_the_memory_of_the_process_that_starts_it(tmp_path: Path) -> None:
    ballast = bytearray(300 * 1024 * 1024)  # this process now holds 300 MiB
    small = run_once(_python("pass"), {}, str(tmp_path))
    assert small.max_rss < 100 * 1024 * 1024
    del ballast


def test_commands_take_turns_and_a_writing_command_is_put_back(tmp_path: Path) -> None:
    log = tmp_path / "log"
    put_backs: list[int] = []
    jobs = [
        Job(_python(f"open({str(log)!r}, 'a').write('A')"), {}, str(tmp_path)),
        Job(
            _python(f"open({str(log)!r}, 'a').write('B')"),
            {},
            str(tmp_path),
            lambda: put_backs.append(1),
        ),
        Job(_python(f"open({str(log)!r}, 'a').write('C'); raise SystemExit(2)"), {}, str(tmp_path)),
    ]
    first, second, failing = time_round_robin(jobs, runs=2, warmup=1)
    assert log.read_text() == "ABCABAB"
    assert len(put_backs) == 4  # before each of 3 runs, and once after the last
    assert (len(first.samples), len(second.samples), len(failing.samples)) == (2, 2, 1)
    assert first.ok and not failing.ok
    assert failing.failure == "exit 2: nothing on standard error"


def _timing(*walls: float, rss_mib: int = 40, code: int = 0) -> Timing:
    samples = tuple(Sample(w, w / 2, rss_mib * 2**20, code, 10, "gt: error: no\n") for w in walls)
    return Timing(("x",), samples)


def _case(name: str, size: int, list_s: float, task_s: float, floor_s: float) -> CaseResult:
    r = CaseResult(name, size, 2048 * size, max(size // 25, 1))
    r.floors = {"python -c pass": _timing(0.02), 'python -c "import typer, rich"': _timing(floor_s)}
    r.gt = {"list": _timing(list_s, list_s * 3, list_s)}
    r.gt_line = {"list": "gt list --agency MIIT"}
    r.peer = {"list": _timing(task_s)}
    r.peer_line = {"list": "task project:MIIT list"}
    r.peer_title = {"list": "task project:X list"}
    r.skipped = ["summary"]
    return r


def test_the_case_table_gives_medians_memory_and_ratios() -> None:
    assert case_table(_case("10000", 10_000, 0.5, 0.25, 0.1)) == [
        "a synthetic ledger: 10,000 commitments, 20,000 KiB, 400 source(s)",
        "  command                          ms  cpu  MB  peer                     ms  cpu  MB  gt/peer  gt/floor",
        "  python -c pass                   20   10  40                                                    0.20x",
        '  python -c "import typer, rich"  100   50  40                                                    1.00x',
        "  gt list                         500  250  40  task project:MIIT list  250  125  40    2.00x     5.00x",
        "  gt list --agency MIIT",
        "  not in this gt, skipped: summary",
    ]


def test_growth_is_time_per_commitment_over_the_size_before() -> None:
    results = [_case("1000", 1000, 0.2, 0.1, 0.1), _case("10000", 10_000, 1.0, 1.5, 0.1)]
    assert growth_table(results) == [
        "growth: median time at each size; per-commitment time over the size before",
        "  command              1,000 ms  10,000 ms  10,000/1,000  MB at 10,000",
        "  gt list                   200      1,000         0.50x            40",
        "  task project:X list       100      1,500         1.50x            40",
    ]


def test_the_targets_are_checked_against_the_issue_limits() -> None:
    bundled = _case("bundled", 23, 0.12, 0.01, 0.1)
    at_10k = _case("10000", 10_000, 0.9, 1.0, 0.1)
    at_100k = _case("100000", 100_000, 10.8, 12.0, 0.1)
    at_100k.gt["list"] = _timing(10.8, rss_mib=350)
    assert targets([bundled, at_10k, at_100k]) == [
        "targets of issue #7 measured in this run",
        "  [ok  ] at 10,000: gt list / task project:X list = 0.90x (<= 1.0x)",
        "  [n/a ] at 10,000: gt summary / its peer = - (<= 1.0x) (gt summary not in this gt)",
        "  [n/a ] at 10,000: gt mark / its peer = - (<= 1.5x) (gt mark not in this gt)",
        "  [ok  ] bundled: gt list / import typer, rich = 1.20x (<= 1.3x)",
        "  [n/a ] bundled: gt show / import typer, rich = - (<= 1.3x) (not in this gt)",
        "  [n/a ] bundled: gt summary / import typer, rich = - (<= 1.3x) (not in this gt)",
        "  [n/a ] bundled: gt export / import typer, rich = - (<= 1.3x) (not in this gt)",
        "  [n/a ] bundled: gt check / import typer, rich = - (<= 1.3x) (not in this gt)",
        "  [ok  ] growth: gt list time per commitment at 100,000 / at 10,000 = 1.20x (<= 1.2x)",
        "  [MISS] memory: gt list at 100,000 peaks at 350 MB (<= 300 MB)",
    ]


def test_a_failed_command_is_reported_not_timed() -> None:
    case = _case("1000", 1000, 0.2, 0.1, 0.1)
    case.gt["list"] = _timing(0.2, code=1)
    table = case_table(case)
    assert table[4].startswith("  gt list                         FAILED  FAILED  40")
    assert "  gt list failed: exit 1: gt: error: no" in table


def test_the_whole_report_starts_with_its_setting() -> None:
    setting = {
        "runs": 5,
        "warmup": 1,
        "python": "3.11.7",
        "platform": "Linux x86_64, 2 CPUs",
        "peer": "2.6.2",
        "seed": 1,
        "meter_floor_mb": 5.2,
    }
    text = render_report([_case("1000", 1000, 0.2, 0.1, 0.1)], setting)
    assert text.splitlines()[:3] == [
        "gt benchmark: 5 timed round(s) after 1 warm-up, commands taking turns; ms = median wall "
        "time, cpu = median user + system time, MB = peak resident memory (max RSS, MiB)",
        "Python 3.11.7 on Linux x86_64, 2 CPUs; peer: Taskwarrior 2.6.2; seed 1",
        'floor = python -c "import typer, rich", same interpreter as gt; gt output goes to a pipe; '
        "MB figures are at least the meter's own 5.2 MB",
    ]
    assert text.endswith("  not in this gt, skipped: summary\n")


def test_the_commands_are_read_from_gt_help() -> None:
    found = gt_commands(GT, {"PATH": "/usr/bin:/bin", "NO_COLOR": "1"})
    group = typer.main.get_command(app)
    assert sorted(found) == sorted(group.commands)  # type: ignore[attr-defined]
    assert found["list"].startswith("Usage: gt list [OPTIONS]")


def test_the_commitment_to_mark_is_open_and_the_one_to_show_is_in_the_middle() -> None:
    ledger = storage.load(REPO / "commitments.toml").ledger
    picks = pick(ledger)
    assert picks.agency == "MIIT"
    assert picks.show_id == ledger.commitments[len(ledger.commitments) // 2].id
    assert ledger.find(picks.mark_id).status.is_open


def test_the_smoke_run_prints_the_table_and_leaves_the_ledgers_as_they_were(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            *(sys.executable, str(REPO / "bench" / "run.py"), "--smoke", "--sizes", "50"),
            *("--gt", GT, "--workdir", str(tmp_path), "--json", str(tmp_path / "out.json")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("gt benchmark: 1 timed round(s) after 0 warm-up, commands taking turns;")
    assert "\nthe bundled ledger: 23 commitments, 18 KiB, 1 source(s)\n" in out
    assert "\na synthetic ledger: 50 commitments, 75 KiB, 2 source(s)\n" in out
    assert "\na synthetic ledger in 3 files: 50 commitments, 75 KiB, 2 source(s)\n" in out
    for name in ("list", "show", "mark", "export", "record", "add", "remove"):
        assert len(re.findall(rf"^  gt {name} +[\d,]+ +[\d,]+ +\d+ ", out, flags=re.M)) == 3
    assert len(re.findall(r"^  gt list, one file edited +[\d,]+ ", out, flags=re.M)) == 3
    if shutil.which("task"):
        assert len(re.findall(r"^  gt list .* task project:MIIT list +\d", out, flags=re.M)) == 3
        edited = r"^  gt list, one file edited .* task project:MIIT list +\d"
        assert len(re.findall(edited, out, flags=re.M)) == 3
    assert "targets of issue #7 measured in this run" in out
    assert (tmp_path / "50" / "commitments.toml").read_text(encoding="utf-8") == generate(
        50, 1
    ).text
    assert sorted(p.name for p in (tmp_path / "50").iterdir()) == ["commitments.toml", "sources"]
    many = tmp_path / "50 many"
    assert sorted(p.name for p in many.iterdir()) == ["commitments.toml", "ledger", "sources"]
    assert sorted(p.name for p in (many / "ledger").iterdir()) == [
        "briefing-00001.toml",
        "briefing-00002.toml",
    ]
    assert (many / "commitments.toml").read_text(encoding="utf-8") == generate(50, 1).head
    assert (tmp_path / "bundled" / "commitments.toml").read_bytes() == (
        REPO / "commitments.toml"
    ).read_bytes()
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [case["size"] for case in report["cases"]] == [23, 50, 50]
    assert all(t["ok"] for case in report["cases"] for t in case["gt"].values())


def test_sizes_are_a_comma_list_or_none() -> None:
    assert _sizes("1_000,10000") == [1000, 10000]
    assert _sizes("none") == []
    with pytest.raises(argparse.ArgumentTypeError, match=r"'10k' is not a list of sizes"):
        _sizes("10k")
    with pytest.raises(argparse.ArgumentTypeError, match="sizes must be positive whole numbers"):
        _sizes("0")


def test_a_folder_is_put_back_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "commitments.toml").write_text("before", encoding="utf-8")
    (tmp_path / "sources").mkdir()
    files = snapshot(tmp_path)
    (tmp_path / "commitments.toml").write_text("after", encoding="utf-8")
    (tmp_path / ".commitments.toml.gt-journal.jsonl").write_text("{}", encoding="utf-8")
    (tmp_path / "sources" / "kept.txt").write_text("kept", encoding="utf-8")
    restore(tmp_path, files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["commitments.toml", "sources"]
    assert (tmp_path / "commitments.toml").read_text(encoding="utf-8") == "before"
    assert (tmp_path / "sources" / "kept.txt").read_text(encoding="utf-8") == "kept"


def test_a_failed_command_meets_no_target() -> None:
    small, big = _case("10000", 10_000, 1.0, 1.0, 0.1), _case("100000", 100_000, 2.0, 9.0, 0.1)
    big.gt["list"] = _timing(0.2, rss_mib=27, code=1)
    assert targets([small, big])[-2:] == [
        "  [n/a ] growth: gt list time per commitment at 100,000 / at 10,000 = - (<= 1.2x)",
        "  [n/a ] memory: gt list at 100,000: failed (exit 1: gt: error: no)",
    ]
    assert growth_table([small, big])[2] == "  gt list                  1,000      FAILED"
