"""The benchmark's report: one table per ledger, growth with size, and the targets of issue #7.

Times are median wall times in milliseconds, memory the peak resident set (max RSS) in
MiB. Ratios are gt over the peer (Taskwarrior) or over the floor ``python -c "import
typer, rich"`` measured in the same run, so machine speed cancels out.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bench.timing import Timing

FLOOR = 'python -c "import typer, rich"'
READ_COMMANDS = ("list", "show", "summary", "export", "check")
PEER_TARGETS = (("list", 1.0), ("summary", 1.0), ("mark", 1.5))
PEER_TARGET_SIZE = 10_000
FLOOR_TARGET = 1.3
GROWTH_FROM, GROWTH_TO, GROWTH_TARGET = 10_000, 100_000, 1.2
MEMORY_TARGET_MB = 300


@dataclass(slots=True)
class CaseResult:
    """The timings for one ledger (``name`` is ``bundled`` or the size) of ``size``
    commitments: ``floors`` by label, ``gt`` and ``peer`` by command name, with the
    command lines run (``gt_line``, ``peer_line``) and the peer's generic name
    (``peer_title``, e.g. ``task N info``); commands this ``gt`` lacks are in ``skipped``;
    ``first_read`` is one ``gt check`` of the ledger before any other gt command, with
    the ledger cache empty, and ``edit_read`` one ``gt list`` after a one-line hand edit
    of one file (None when not timed); ``layout`` is ``one`` (one file) or ``many``
    (a root and one file per source)."""

    name: str
    size: int
    ledger_bytes: int
    sources: int
    floors: dict[str, Timing] = field(default_factory=dict)
    gt: dict[str, Timing] = field(default_factory=dict)
    gt_line: dict[str, str] = field(default_factory=dict)
    peer: dict[str, Timing] = field(default_factory=dict)
    peer_line: dict[str, str] = field(default_factory=dict)
    peer_title: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    first_read: Timing | None = None
    edit_read: Timing | None = None
    layout: str = "one"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> list[str]:
    """Rows under headers in aligned columns: the first ``left`` columns (and the peer column
    named ``peer``) aligned left, the rest right; two-space indent, no trailing spaces."""
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            leftish = i < left or headers[i] == "peer"
            parts.append(cell.ljust(widths[i]) if leftish else cell.rjust(widths[i]))
        return ("  " + "  ".join(parts)).rstrip()

    return [line(headers), *(line(row) for row in rows)]


def ms(t: Timing) -> str:
    """Median wall time in whole milliseconds, or the failure."""
    return f"{t.wall * 1000:,.0f}" if t.ok else "FAILED"


def cpu(t: Timing) -> str:
    """Median CPU time (user + system) in whole milliseconds, or the failure."""
    return f"{t.cpu * 1000:,.0f}" if t.ok else "FAILED"


def mb(t: Timing) -> str:
    """Peak resident memory in MiB."""
    return f"{t.max_rss / 2**20:,.0f}" if t.samples else ""


def ratio(a: Timing | None, b: Timing | None) -> float | None:
    """``a``'s median wall time over ``b``'s, None when either is missing or failed."""
    if a is None or b is None or not a.ok or not b.ok:
        return None
    return a.wall / b.wall


def times(value: float | None) -> str:
    """A ratio as ``0.42x`` (empty when unknown)."""
    return "" if value is None else f"{value:.2f}x"


def _size(n: int) -> str:
    return f"{n:,}"


def case_table(r: CaseResult) -> list[str]:
    """The table of one ledger: floors, then each gt command with its peer and ratios."""
    kind = "the bundled ledger" if r.name == "bundled" else "a synthetic ledger"
    if r.layout == "many":
        kind += f" in {r.sources + 1} files"
    lines = [
        f"{kind}: {_size(r.size)} commitments, {r.ledger_bytes / 1024:,.0f} KiB, {r.sources:,} source(s)"
    ]
    floor = r.floors.get(FLOOR)
    rows = [
        [label, ms(t), cpu(t), mb(t), "", "", "", "", "", times(ratio(t, floor))]
        for label, t in r.floors.items()
    ]
    for name, t in r.gt.items():
        peer = r.peer.get(name)
        rows.append(
            [
                f"gt {name}",
                ms(t),
                cpu(t),
                mb(t),
                r.peer_line.get(name, ""),
                ms(peer) if peer else "",
                cpu(peer) if peer else "",
                mb(peer) if peer else "",
                times(ratio(t, peer)),
                times(ratio(t, floor)),
            ]
        )
    if r.first_read is not None:
        t = r.first_read
        rows.append(["gt check, cache empty", ms(t), cpu(t), mb(t), "", "", "", "", "", ""])
        rows[-1][-1] = times(ratio(t, floor))
    if r.edit_read is not None:
        t, peer = r.edit_read, r.peer.get("list")
        rows.append(["gt list, one file edited", ms(t), cpu(t), mb(t), r.peer_line.get("list", "")])
        rows[-1] += [
            ms(peer) if peer else "",
            "",
            "",
            times(ratio(t, peer)),
            times(ratio(t, floor)),
        ]
    headers = ["command", "ms", "cpu", "MB", "peer", "ms", "cpu", "MB", "gt/peer", "gt/floor"]
    lines += table(headers, rows)
    if r.first_read is not None and not r.first_read.ok:
        lines.append(f"  gt check, cache empty, failed: {r.first_read.failure}")
    for name, t in r.gt.items():
        if not t.ok:
            lines.append(f"  gt {name} failed: {t.failure}")
    for name, t in r.peer.items():
        if not t.ok:
            lines.append(f"  {r.peer_line[name]} failed: {t.failure}")
    lines += [f"  {line}" for line in r.gt_line.values()]
    if r.skipped:
        lines.append(f"  not in this gt, skipped: {', '.join(r.skipped)}")
    return lines


def growth_table(results: Sequence[CaseResult]) -> list[str]:
    """Time at each synthetic size and time per commitment relative to the size before
    (1.00x = linear growth), for gt and the peer; empty with fewer than two sizes."""
    sized = sorted(
        (r for r in results if r.name != "bundled" and r.layout == "one"), key=lambda r: r.size
    )
    if len(sized) < 2:
        return []
    headers = ["command", *(f"{_size(r.size)} ms" for r in sized)]
    headers += [f"{_size(b.size)}/{_size(a.size)}" for a, b in itertools.pairwise(sized)]
    headers += [f"MB at {_size(sized[-1].size)}"]
    rows = []
    for side in ("gt", "peer"):
        names = list(dict.fromkeys(n for r in sized for n in getattr(r, side)))
        for name in names:
            found: list[Timing | None] = [getattr(r, side).get(name) for r in sized]
            label = f"gt {name}" if side == "gt" else sized[-1].peer_title.get(name, name)
            row = [label, *(ms(t) if t else "" for t in found)]
            for (ra, ta), (rb, tb) in itertools.pairwise(zip(sized, found, strict=True)):
                value = ratio(tb, ta)
                row.append(times(None if value is None else value * ra.size / rb.size))
            last = found[-1]
            row.append(mb(last) if last is not None and last.ok else "")
            rows.append(row)
    return [
        "growth: median time at each size; per-commitment time over the size before",
        *table(headers, rows),
    ]


def _verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "[n/a ]"
    return "[ok  ]" if value <= limit else "[MISS]"


def targets(results: Sequence[CaseResult]) -> list[str]:
    """Each target of issue #7 that this run measured, with its value and ok / MISS."""
    lines = []
    by_size = {r.size: r for r in results if r.name != "bundled" and r.layout == "one"}
    at = by_size.get(PEER_TARGET_SIZE)
    if at is not None and at.peer:
        for name, limit in PEER_TARGETS:
            value = ratio(at.gt.get(name), at.peer.get(name))
            label = at.peer_title.get(name, "its peer")
            why = "" if name in at.gt else f" (gt {name} not in this gt)"
            lines.append(
                f"  {_verdict(value, limit)} at {_size(at.size)}: gt {name} / {label} = {times(value) or '-'} (<= {limit}x){why}"
            )
    bundled = next((r for r in results if r.name == "bundled"), None)
    if bundled is not None:
        floor = bundled.floors.get(FLOOR)
        for name in READ_COMMANDS:
            value = ratio(bundled.gt.get(name), floor)
            why = "" if name in bundled.gt else " (not in this gt)"
            lines.append(
                f"  {_verdict(value, FLOOR_TARGET)} bundled: gt {name} / import typer, rich = {times(value) or '-'} (<= {FLOOR_TARGET}x){why}"
            )
    small, big = by_size.get(GROWTH_FROM), by_size.get(GROWTH_TO)
    if small is not None and big is not None:
        for name in big.gt:
            value = ratio(big.gt[name], small.gt.get(name))
            per = None if value is None else value * small.size / big.size
            lines.append(
                f"  {_verdict(per, GROWTH_TARGET)} growth: gt {name} time per commitment at {_size(big.size)} / at {_size(small.size)} = {times(per) or '-'} (<= {GROWTH_TARGET}x)"
            )
    if big is not None:
        for name, t in big.gt.items():
            if not t.ok:
                lines.append(
                    f"  [n/a ] memory: gt {name} at {_size(big.size)}: failed ({t.failure})"
                )
                continue
            peak = t.max_rss / 2**20
            lines.append(
                f"  {_verdict(peak, MEMORY_TARGET_MB)} memory: gt {name} at {_size(big.size)} peaks at {mb(t)} MB (<= {MEMORY_TARGET_MB} MB)"
            )
    return ["targets of issue #7 measured in this run", *lines] if lines else []


def render_report(results: Sequence[CaseResult], setting: Mapping[str, object]) -> str:
    """The whole report as text (ends with a newline)."""
    peer = (
        f"Taskwarrior {setting['peer']}"
        if setting.get("peer")
        else "none (Taskwarrior not installed or --no-peer)"
    )
    lines = [
        f"gt benchmark: {setting['runs']} timed round(s) after {setting['warmup']} warm-up, commands taking turns; "
        "ms = median wall time, cpu = median user + system time, MB = peak resident memory (max RSS, MiB)",
        f"Python {setting['python']} on {setting['platform']}; peer: {peer}; seed {setting['seed']}",
        f"floor = {FLOOR}, same interpreter as gt; gt output goes to a pipe; "
        f"MB figures are at least the meter's own {setting['meter_floor_mb']} MB",
    ]
    for r in results:
        lines += ["", *case_table(r)]
    for block in (growth_table(results), targets(results)):
        if block:
            lines += ["", *block]
    return "\n".join(lines) + "\n"
