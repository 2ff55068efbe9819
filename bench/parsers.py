"""Measure TOML parsers on the benchmark's ledgers: time, peak memory, and same data as tomllib.

``python bench/parsers.py --size 10000`` parses the one-file synthetic ledger of that
size with :mod:`tomllib`, ``tomli`` and ``rtoml`` (each installed separately: they are
not gt's dependencies), each in a fresh interpreter (best of three; peak resident memory
of the whole process), and compares each parser's result with tomllib's, type by type
(dates, times and floats included), on that ledger and on every ``.toml`` file of the
repository (the test corpus).
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

PARSERS = ("tomllib", "tomli", "rtoml")
ROOT = Path(__file__).resolve().parents[1]
TIMED = """
import importlib, resource, sys, time
module = importlib.import_module(sys.argv[1])
text = open(sys.argv[2], encoding="utf-8").read()
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    module.loads(text)
    best = min(best, time.perf_counter() - start)
print(best, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def same(a: Any, b: Any) -> bool:
    """True when ``a`` and ``b`` hold the same data with the same types (floats by their
    exact value, NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a.hex() == b.hex()
    return bool(a == b)


def corpus(ledger: Path) -> dict[str, str]:
    """The texts compared, by name: ``ledger``, every ``.toml`` file of the repository and
    every string constant of the tests holding ``=`` (the ledgers, fragments and broken
    inputs they write; those neither parser reads must fail in both)."""
    import ast

    texts = {ledger.name: ledger.read_text(encoding="utf-8")}
    for path in sorted(ROOT.rglob("*.toml")):
        if ".venv" not in path.parts:
            texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "=" in node.value:
                texts[f"{path.name}:{node.lineno}"] = node.value
    return texts


def compare(name: str, texts: dict[str, str]) -> tuple[int, list[str]]:
    """``(texts compared, names of those whose result differs from tomllib's, or that one
    parser reads and the other rejects)`` for parser ``name``."""
    import importlib
    import tomllib

    module = importlib.import_module(name)
    differ = []
    for where, text in texts.items():
        try:
            want: object = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            want = None
        try:
            got: object = module.loads(text)
        except Exception:
            got = None
        if not same(want, got):
            differ.append(where)
    return len(texts), differ


def main(argv: list[str] | None = None) -> None:
    """Print one line per parser: seconds, ratio to tomllib, peak MiB, and equality."""
    sys.path.insert(0, str(ROOT))
    from bench.generate import generate

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        ledger = generate(args.size, 1).write(Path(folder))
        files = corpus(ledger)
        base = None
        print(f"{args.size} commitments, {ledger.stat().st_size / 2**20:.1f} MiB of TOML")
        for name in PARSERS:
            run = [sys.executable, "-c", TIMED, name, str(ledger)]
            seconds, peak = map(float, subprocess.check_output(run, text=True).split())
            base = seconds if base is None else base
            count, differ = compare(name, files)
            verdict = "same data" if not differ else f"differs on {', '.join(differ[:5])}"
            print(
                f"{name:8} {seconds:6.2f} s  {seconds / base:5.2f}x  {peak:6.0f} MiB  "
                f"{verdict} ({len(differ)} of {count} texts differ)"
            )


if __name__ == "__main__":
    main()
