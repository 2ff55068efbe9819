"""Measure TOML parsers on the benchmark's ledgers: time, peak memory, and same data as tomllib.

``python bench/parsers.py --size 10000`` parses the one-file synthetic ledger of that
size with :mod:`tomllib`, ``tomli`` and ``rtoml`` (each installed separately: they are
not gt's dependencies), each in a fresh interpreter (best of three; peak resident memory
of the whole process), and compares each parser's result with tomllib's, type by type
(dates, times, time zones and floats included), on that ledger and on every ``.toml``
file of the repository (the test corpus).

``--toml-test DIR`` compares them instead on the conformance corpus of TOML's own test
suite (``DIR`` is the ``tests`` folder of a checkout of toml-lang/toml-test): every valid
and invalid text of the TOML version the running Python's tomllib reads, and, with
``--mutate N``, N texts made from those by random edits (the same N texts on every run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
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
# What one result can be beside tomllib's, in the order they are printed.
OUTCOMES = (
    "same data",
    "both reject",
    "different data",
    "reads what tomllib rejects",
    "rejects what tomllib reads",
)
# The pieces a mutation inserts: TOML's punctuation, escapes, numbers and dates at their
# limits, line ends and characters TOML forbids or treats apart.
PIECES = (
    "{",
    "}",
    "[",
    "]",
    "[[a]]",
    ",",
    "=",
    ".",
    "#",
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\e",
    "\\x41",
    "\\u00e9",
    "\n",
    "\r\n",
    "\r",
    "\t",
    " ",
    "\x00",
    "\x7f",
    "\ufeff",
    "1e309",
    "-1e309",
    "1e-400",
    "inf",
    "nan",
    "-0.0",
    "0x",
    "0o7",
    "0b1",
    "_",
    "1_000",
    "00",
    "9223372036854775808",
    "1979-05-27",
    "T",
    "07:32",
    ":00",
    ".999999999",
    "Z",
    "+08:00",
    "true",
    "a",
    "a.b",
    "é",
)


def difference(a: Any, b: Any, where: str = "") -> str | None:
    """Where ``a`` and ``b`` first differ in data or type, or ``None`` when they hold the same:
    floats by exact value and sign (a NaN equal to a NaN of its sign), dates and times by
    their fields, offset and time zone class."""
    if type(a) is not type(b):
        return f"{where or 'all'}: {type(a).__name__} {a!r} against {type(b).__name__} {b!r}"
    if isinstance(a, dict):
        if a.keys() != b.keys():
            return f"{where or 'all'}: keys {sorted(a.keys() ^ b.keys())} in one only"
        pairs = [(a[k], b[k], f"{where}.{k}") for k in a]
    elif isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items against {len(b)}"
        pairs = [(x, y, f"{where}[{i}]") for i, (x, y) in enumerate(zip(a, b, strict=True))]
    else:
        return _scalar_difference(a, b, where)
    for x, y, at in pairs:
        if (found := difference(x, y, at)) is not None:
            return found
    return None


def _scalar_difference(a: Any, b: Any, where: str) -> str | None:
    """How scalars ``a`` and ``b``, of one type, differ (see :func:`difference`)."""
    if isinstance(a, float):
        value = a.hex() == b.hex() or (math.isnan(a) and math.isnan(b))
        alike = value and math.copysign(1, a) == math.copysign(1, b)
    elif isinstance(a, dt.datetime | dt.time):
        alike = a.isoformat() == b.isoformat()
        if alike and type(a.tzinfo) is not type(b.tzinfo):
            names = (type(a.tzinfo).__name__, type(b.tzinfo).__name__)
            return f"{where}: {a.isoformat()} in time zone class {names[0]} against {names[1]}"
    else:
        alike = bool(a == b)
    return None if alike else f"{where}: {a!r} against {b!r}"


def same(a: Any, b: Any) -> bool:
    """True when ``a`` and ``b`` hold the same data with the same types (:func:`difference`)."""
    return difference(a, b) is None


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


def toml_version() -> str:
    """The TOML version the running Python's :mod:`tomllib` reads (1.1.0 from Python 3.15)."""
    return "1.1.0" if sys.version_info >= (3, 15) else "1.0.0"


def conformance(folder: Path) -> tuple[dict[str, str], list[str]]:
    """``(texts, names of files that are not UTF-8)`` of toml-test's corpus in ``folder``
    (its ``tests`` folder) for :func:`toml_version`, by path like ``valid/float/zero.toml``.
    Each text is what gt hands its parser: the bytes decoded as UTF-8, one leading BOM
    removed; gt refuses bytes that are not UTF-8 before parsing, so those are only named."""
    listing = (folder / f"files-toml-{toml_version()}").read_text(encoding="utf-8")
    texts, undecodable = {}, []
    for name in listing.split():
        if name.endswith(".toml"):
            try:
                texts[name] = (folder / name).read_bytes().decode("utf-8").removeprefix("\ufeff")
            except UnicodeDecodeError:
                undecodable.append(name)
    return texts, undecodable


def mutations(texts: dict[str, str], count: int) -> dict[str, str]:
    """``count`` texts, each one of ``texts`` with one to four random edits (a piece of
    TOML inserted, one to three characters deleted, or a stretch of the text copied
    elsewhere in it); the same ones on every run."""
    rng = random.Random(0)
    names = sorted(texts)
    made = {}
    for number in range(count):
        name = rng.choice(names)
        text = texts[name]
        for _ in range(rng.randint(1, 4)):
            at, pick = rng.randint(0, len(text)), rng.random()
            if pick < 0.5:
                text = text[:at] + rng.choice(PIECES) + text[at:]
            elif pick < 0.8:
                text = text[:at] + text[at + rng.randint(1, 3) :]
            else:
                start = rng.randint(0, len(text))
                text = text[:at] + text[start : start + rng.randint(1, 10)] + text[at:]
        made[f"{name} #{number}"] = text
    return made


def outcomes(loads: Callable[[str], Any], texts: dict[str, str]) -> dict[str, dict[str, str]]:
    """For each of :data:`OUTCOMES`, the texts that ``loads`` gives it on beside
    :func:`tomllib.loads`, by name, with what differs (the data, or the error raised)."""
    import tomllib

    found: dict[str, dict[str, str]] = {outcome: {} for outcome in OUTCOMES}
    for where, text in texts.items():
        try:
            want: object = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            want = exc
        try:
            got: object = loads(text)
        except Exception as exc:
            got = exc
        if isinstance(want, Exception):
            outcome = "both reject" if isinstance(got, Exception) else "reads what tomllib rejects"
            found[outcome][where] = f"tomllib: {want}"
        elif isinstance(got, Exception):
            found["rejects what tomllib reads"][where] = f"{type(got).__name__}: {got}"
        elif (differs := difference(want, got)) is not None:
            found["different data"][where] = differs
        else:
            found["same data"][where] = ""
    return found


def rtoml_else_tomli(text: str) -> Any:
    """``text`` parsed by rtoml, or by tomli when rtoml raises."""
    import importlib

    try:
        return importlib.import_module("rtoml").loads(text)
    except Exception:
        return importlib.import_module("tomli").loads(text)


def report_conformance(folder: Path, mutate: int) -> None:
    """Print, for tomli, rtoml and rtoml falling back to tomli, how the toml-test corpus
    (and ``mutate`` mutations of it) reads beside tomllib: counts by outcome, and the texts
    that do not read alike (those whose data differs only in the time zone's class, that
    tomli reads too, or that start with a BOM, counted apart)."""
    import importlib

    texts, undecodable = conformance(folder)
    groups = {
        kind: {name: text for name, text in texts.items() if name.startswith(kind + "/")}
        for kind in ("valid", "invalid")
    }
    if mutate:
        groups[f"{mutate} mutations"] = mutations(texts, mutate)
    print(
        f"toml-test, TOML {toml_version()}: {len(groups['valid'])} valid and "
        f"{len(groups['invalid']) + len(undecodable)} invalid texts "
        f"({len(undecodable)} not UTF-8, which gt refuses before parsing, left out)"
    )
    parsers: dict[str, Callable[[str], Any]] = {
        name: importlib.import_module(name).loads for name in PARSERS[1:]
    }
    parsers["rtoml, else tomli"] = rtoml_else_tomli
    for group, members in groups.items():
        tomli_reads = set(outcomes(parsers["tomli"], members)["reads what tomllib rejects"])
        for name, loads in parsers.items():
            found = outcomes(loads, members)
            counts = ", ".join(f"{len(found[o])} {o}" for o in OUTCOMES if found[o])
            print(f"{name}, {group}: {counts}")
            for outcome in OUTCOMES[2:]:
                cases = found[outcome]
                if name == "tomli":
                    apart = []
                elif outcome == "different data":
                    apart = [w for w, why in cases.items() if "time zone class" in why]
                    if apart:
                        print(
                            f"    {len(apart)} only in the time zone's class, as {cases[apart[0]]}"
                        )
                else:
                    apart = [w for w in cases if w in tomli_reads]
                    boms = [w for w in cases if w not in apart and members[w][:1] == "\ufeff"]
                    if apart or boms:
                        print(
                            f"    of those tomllib rejects, {len(apart)} tomli reads too and "
                            f"{len(boms)} start with a BOM (a second one: gt takes off the first)"
                        )
                    apart += boms
                for where in [w for w in cases if w not in apart][:12]:
                    print(f"    {outcome}: {where}: {cases[where][:140]!r}")


def main(argv: list[str] | None = None) -> None:
    """Print one line per parser: seconds, ratio to tomllib, peak MiB, and equality; or,
    with ``--toml-test``, how each reads the conformance corpus."""
    sys.path.insert(0, str(ROOT))
    from bench.generate import generate

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument(
        "--toml-test", type=Path, metavar="DIR", help="the tests folder of toml-lang/toml-test"
    )
    parser.add_argument(
        "--mutate",
        type=int,
        default=0,
        metavar="N",
        help="with --toml-test: also compare N random edits of its texts",
    )
    args = parser.parse_args(argv)
    if args.toml_test:
        report_conformance(args.toml_test, args.mutate)
        return
    with tempfile.TemporaryDirectory() as folder:
        ledger = generate(args.size, 1).write(Path(folder))
        files = corpus(ledger)
        base = None
        print(f"{args.size} commitments, {ledger.stat().st_size / 2**20:.1f} MiB of TOML")
        for name in PARSERS:
            run = [sys.executable, "-c", TIMED, name, str(ledger)]
            seconds, peak = map(float, subprocess.check_output(run, text=True).split())
            base = seconds if base is None else base
            import importlib

            found = outcomes(importlib.import_module(name).loads, files)
            differ = [w for o in OUTCOMES[2:] for w in found[o]]
            verdict = "same data" if not differ else f"differs on {', '.join(differ[:5])}"
            print(
                f"{name:8} {seconds:6.2f} s  {seconds / base:5.2f}x  {peak:6.0f} MiB  "
                f"{verdict} ({len(differ)} of {len(files)} texts differ)"
            )


if __name__ == "__main__":
    main()
