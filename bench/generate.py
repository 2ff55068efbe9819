"""Synthetic but realistic ledgers for the benchmark, deterministic from a seed.

A ledger of ``size`` commitments is a run of policy briefings (:data:`PER_BRIEFING`
pledges each, spread over five years); every briefing is a source with an archived text
that holds each of its pledges' quotes, so the ledger passes ``gt``'s validation,
quote check included. Eight agencies share the pledges about equally. Every commitment
has a quote and 1-5 history entries; about half have a numeric target (most with a
stated baseline) and those have 0-10 measurements; about one title in seven carries
Chinese text. Each commitment block is written exactly as ``tomli_w`` prints it
(:func:`greentrade_cli.ledgerfile.block_writes.render_commitment`), the layout ``gt`` itself writes.

Run as a script to write a ledger folder::

    python bench/generate.py --size 10000 --seed 1 --out /tmp/ledger-10k
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from greentrade_cli.ledgerfile.block_writes import render_commitment
from greentrade_cli.model.agency import Agency
from greentrade_cli.model.baseline import Baseline
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.deadline import Deadline
from greentrade_cli.model.history import HistoryEntry
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.source import Source
from greentrade_cli.model.status import Status
from greentrade_cli.model.target import Direction, Target

PER_BRIEFING = 25
"""Pledges per synthetic briefing (one source, one archived text)."""
FIRST_BRIEFING = dt.date(2021, 1, 4)
SPAN_DAYS = 1460
"""Briefings are spread evenly over this many days from :data:`FIRST_BRIEFING` (four years)."""
MAX_HISTORY_GAP = 100
"""Days between history entries are drawn from 0..this; with at most 5 entries the last
falls before mid-2026, so ``gt mark ... --on`` :data:`MARK_ON` is always in date order
and never after the day the benchmark runs (gt refuses a change dated in the future)."""
MARK_ON = "2026-06-30"

AGENCIES = (
    Agency("MOFCOM", "Ministry of Commerce", "商务部", ("MOC", "Commerce")),
    Agency("MIIT", "Ministry of Industry and Information Technology", "工业和信息化部"),
    Agency("PBOC", "People's Bank of China", "中国人民银行", ("PBC", "central bank")),
    Agency("SAMR", "State Administration for Market Regulation", "国家市场监督管理总局"),
    Agency("NDRC", "National Development and Reform Commission", "国家发展和改革委员会"),
    Agency("MEE", "Ministry of Ecology and Environment", "生态环境部"),
    Agency("NEA", "National Energy Administration", "国家能源局"),
    Agency("GACC", "General Administration of Customs", "海关总署", ("Customs",)),
)
SPEAKERS = (
    ("Li Wei", "Vice Minister"),
    ("Wang Fang", "Director-General"),
    ("Zhang Min", "Deputy Director-General"),
    ("Liu Yang", "Spokesperson"),
    ("Chen Jing", "Vice Chairman"),
    ("Zhao Lei", "Chief Engineer"),
)
VERBS = (
    "expand", "promote", "strengthen", "support", "improve", "accelerate", "standardise",
    "upgrade", "deepen", "build",
)  # fmt: skip
PRODUCTS = (
    "new energy vehicles", "lithium batteries", "photovoltaic modules", "wind turbines",
    "green building materials", "energy-efficient appliances", "green hydrogen",
    "recycled steel", "low-carbon cement", "green finance products",
    "carbon accounting services", "sustainable aviation fuel", "heat pumps",
    "electric buses", "energy storage systems", "green shipping",
)  # fmt: skip
OBJECTS = (
    "trade in {p}", "exports of {p}", "standards for {p}", "certification of {p}",
    "supply chains for {p}", "investment in {p}", "cross-border cooperation on {p}",
)  # fmt: skip
PLACES = (
    "in the Yangtze River Delta", "with ASEAN partners", "along the Belt and Road",
    "in pilot free trade zones", "in central and western regions", "with APEC economies",
    "in the Greater Bay Area", "across the country",
)  # fmt: skip
CLAUSES = (
    "and share low-carbon achievements with the world",
    "so that green products compete on quality rather than price",
    "while keeping industrial and supply chains secure and stable",
    "in line with international rules and high-standard agreements",
    "and help small and medium-sized firms take part",
    "with clearer data, accounting and disclosure",
)  # fmt: skip
CJK = (
    "推动绿色贸易高质量发展", "扩大绿色产品进口", "完善碳足迹核算体系", "支持新能源汽车出口",
    "建设绿色低碳供应链", "加快绿色金融创新", "提升绿色标准国际化水平",
)  # fmt: skip
TAGS = (
    "green-trade", "tariffs", "fta", "standards", "finance", "energy", "industry",
    "carbon-accounting", "supply-chain", "trade-governance", "customs", "investment",
)  # fmt: skip
METRICS = (
    # metric, unit, direction, baseline low, baseline high, ceiling (increase) / floor ratio
    ("Share of green factories in industrial output value", "%", Direction.INCREASE, 10, 40, 80),
    ("Exports of green products", "bn yuan", Direction.INCREASE, 200, 3000, 9000),
    ("Installed wind and solar capacity", "GW", Direction.INCREASE, 300, 1200, 3000),
    ("Green loans outstanding", "tn yuan", Direction.INCREASE, 10, 30, 80),
    ("Certified green products", "items", Direction.INCREASE, 1000, 20000, 90000),
    ("Tariff on environmental goods", "%", Direction.DECREASE, 4, 12, 0),
    ("Carbon intensity of exports", "t CO2 per m yuan", Direction.DECREASE, 200, 600, 0),
)
FINAL_STATUS = (
    (Status.PLEDGED, 30), (Status.IN_PROGRESS, 30), (Status.STALLED, 8),
    (Status.PARTIALLY_MET, 8), (Status.MET, 14), (Status.MISSED, 5), (Status.WITHDRAWN, 5),
)  # fmt: skip
ON_THE_WAY = (Status.PLEDGED, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.STALLED)


@dataclass(frozen=True, slots=True)
class Generated:
    """A synthetic ledger: its text, its archived source texts and what it holds.

    ``text`` is the whole ``commitments.toml``; ``archives`` maps each archive path
    (relative to the ledger's folder, ``sources/ID.txt``) to its text; ``ledger`` holds
    the same data as typed objects (what ``gt`` reads back from ``text``).
    """

    text: str
    archives: dict[str, str]
    ledger: Ledger
    head: str = ""
    parts: dict[str, str] | None = None

    def write(self, folder: Path) -> Path:
        """Write ``commitments.toml`` and its ``sources/`` into ``folder``; returns the ledger path."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, body in self.archives.items():
            archive = folder / name
            archive.parent.mkdir(parents=True, exist_ok=True)
            archive.write_text(body, encoding="utf-8")
        path = folder / "commitments.toml"
        path.write_text(self.text, encoding="utf-8")
        return path

    def write_many(self, folder: Path) -> Path:
        """Write the same ledger as a root and one file per source (``ledger/ID.toml``, as
        ``gt split`` makes it) into ``folder``; returns the root's path."""
        path = self.write(folder)
        path.write_text(self.head, encoding="utf-8")
        (folder / "ledger").mkdir()
        for name, body in (self.parts or {}).items():
            (folder / "ledger" / f"{name}.toml").write_text(body, encoding="utf-8")
        return path


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _deadline(rng: random.Random) -> Deadline | None:
    roll = rng.random()
    year = rng.randint(2025, 2035)
    if roll < 0.2:
        return None
    if roll < 0.6:
        return Deadline.parse(str(year))
    if roll < 0.85:
        return Deadline.parse(f"{year}-{rng.randint(1, 12):02d}")
    return Deadline.parse(f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")


def _target(rng: random.Random, pledged: dt.date) -> tuple[Target, int]:
    """A target and the number of its measurements (0-10)."""
    metric, unit, direction, low, high, bound = rng.choice(METRICS)
    start = round(rng.uniform(low, high), 1)
    share = rng.uniform(0.2, 0.7)
    value = round(start + (bound - start) * share, 1)
    baseline = None
    if rng.random() < 0.7:
        when = pledged - dt.timedelta(days=rng.randint(30, 400)) if rng.random() < 0.8 else None
        baseline = Baseline(start, when)
    return Target(metric, unit, value, direction, baseline), rng.randint(0, 10)


def _measurements(
    rng: random.Random, target: Target, count: int, pledged: dt.date
) -> tuple[Measurement, ...]:
    if target.baseline is not None:
        start = target.baseline.value
    elif target.direction is Direction.INCREASE:
        start = target.value * rng.uniform(0.5, 0.9)
    else:
        start = target.value * rng.uniform(1.2, 2.0)
    result = []
    when = pledged
    for i in range(count):
        when += dt.timedelta(days=rng.randint(20, 120))
        reached = (i + 1) / count * rng.uniform(0.3, 1.2)
        value = round(start + (target.value - start) * reached, 2)
        source = f"{rng.choice(('National Bureau of Statistics', 'customs statistics', 'ministry bulletin'))} {when.year}"
        note = "preliminary figure" if rng.random() < 0.2 else ""
        result.append(Measurement(when, value, source, note))
    return tuple(result)


def _history(
    rng: random.Random, status: Status, pledged: dt.date, title: str
) -> tuple[HistoryEntry, ...]:
    count = rng.randint(1, 5)
    statuses = [rng.choice(ON_THE_WAY) for _ in range(count - 1)] + [status]
    when = pledged
    entries = []
    for index, step in enumerate(statuses):
        if index:
            when += dt.timedelta(days=rng.randint(0, MAX_HISTORY_GAP))
        note = f"Status reviewed on {when:%d %B %Y}: {step.value.replace('_', ' ')} for {title.split(' (')[0].lower()}."
        evidence = ""
        if step is Status.MET or rng.random() < 0.7:
            evidence = f"Progress report of {when:%B %Y}, section {rng.randint(1, 12)}.{rng.randint(1, 9)}, https://example.gov.cn/report/{rng.randint(10000, 99999)}"
        entries.append(HistoryEntry(when, step, note, evidence))
    return tuple(entries)


def _commitment(
    rng: random.Random, index: int, source: Source, statuses: list[Status]
) -> Commitment:
    agency = rng.choice(AGENCIES)
    product = rng.choice(PRODUCTS)
    verb = rng.choice(VERBS)
    thing = rng.choice(OBJECTS).format(p=product)
    place = rng.choice(PLACES)
    deadline = _deadline(rng)
    title = f"{verb.capitalize()} {thing} {place}"
    if deadline is not None:
        title += f" by {deadline.text[:4]}"
    if rng.random() < 0.15:
        title += f" ({rng.choice(CJK)})"
    quote = f"We will {verb} {thing} {place}, {rng.choice(CLAUSES)}."
    target = None
    measurements: tuple[Measurement, ...] = ()
    if rng.random() < 0.5:
        target, count = _target(rng, source.date)
        measurements = _measurements(rng, target, count, source.date)
        figure = f"{target.value:g}{target.unit if target.unit == '%' else ' ' + target.unit}"
        quote += f" {target.metric} will {'reach' if target.direction is Direction.INCREASE else 'fall to'} {figure}."
    status = rng.choices(statuses, weights=[w for _, w in FINAL_STATUS])[0]
    speaker, role = rng.choice(SPEAKERS)
    tags = tuple(sorted(rng.sample(TAGS, rng.randint(1, 3))))
    return Commitment(
        id=f"{agency.code.lower()}-{_slug(product)}-{index + 1:06d}",
        title=title,
        agency=agency.code,
        source=source.id,
        quote=quote,
        status=status,
        speaker=speaker,
        speaker_role=f"{role}, {agency.name}",
        deadline=deadline,
        tags=tags,
        history=_history(rng, status, source.date, title),
        measurements=measurements,
        target=target,
    )


def _archive(source: Source, pledges: list[Commitment]) -> str:
    paragraphs = [
        source.title,
        f"    The {source.publisher} held a policy briefing on {source.date:%d %B %Y}. "
        "Officials briefed reporters on green trade and answered questions.",
    ]
    for c in pledges:
        paragraphs.append(f"    {c.speaker}, {c.speaker_role}, said: “{c.quote}”")
        paragraphs.append("    Reporters then asked about the timetable and the funding.")
    return "\n\n".join(paragraphs) + "\n"


def _source_table(s: Source) -> dict[str, object]:
    return {"title": s.title, "publisher": s.publisher, "date": s.date, "archive": s.archive}


def _header(sources: list[Source]) -> str:
    head = {
        "schema": 1,
        "agencies": {
            a.code: {
                "name": a.name,
                "name_zh": a.name_zh,
                **({"aliases": list(a.aliases)} if a.aliases else {}),
            }
            for a in AGENCIES
        },
        "sources": {s.id: _source_table(s) for s in sources},
    }
    return (
        "# Synthetic ledger for the gt benchmark (bench/generate.py); not real pledges.\n\n"
        + tomli_w.dumps(head)
    )


def generate(size: int, seed: int) -> Generated:
    """Build a ledger of ``size`` commitments (``size`` >= 1) from ``seed``.

    The same ``size`` and ``seed`` give the same bytes on every run and machine.
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    rng = random.Random(f"gt-bench-{seed}")
    statuses = [s for s, _ in FINAL_STATUS]
    count = -(-size // PER_BRIEFING)
    sources = []
    for k in range(count):
        date = FIRST_BRIEFING + dt.timedelta(days=k * SPAN_DAYS // max(count - 1, 1))
        sid = f"briefing-{k + 1:05d}"
        topic = rng.choice(PRODUCTS)
        sources.append(
            Source(
                sid,
                f"Policy briefing on green trade and {topic}",
                "State Council Information Office",
                date,
                f"sources/{sid}.txt",
            )
        )
    commitments: list[Commitment] = []
    archives: dict[str, str] = {}
    for k, source in enumerate(sources):
        first = k * PER_BRIEFING
        pledges = [
            _commitment(rng, i, source, statuses)
            for i in range(first, min(first + PER_BRIEFING, size))
        ]
        commitments.extend(pledges)
        archives[source.archive] = _archive(source, pledges)
    rendered = [render_commitment(c) for c in commitments]
    ledger = Ledger({a.code: a for a in AGENCIES}, {s.id: s for s in sources}, tuple(commitments))
    head = _header([]).replace("\n[agencies.", '\ninclude = ["ledger/*.toml"]\n\n[agencies.', 1)
    parts = {}
    for k, source in enumerate(sources):
        table = tomli_w.dumps({"sources": {source.id: _source_table(source)}})
        mine = rendered[k * PER_BRIEFING : (k + 1) * PER_BRIEFING]
        parts[source.id] = "\n".join([table, *mine])
    return Generated(_header(sources) + "\n" + "\n".join(rendered), archives, ledger, head, parts)


def main(argv: list[str] | None = None) -> None:
    """``python bench/generate.py --size N --seed S --out FOLDER``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="number of commitments")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument(
        "--many", action="store_true", help="a root plus one file per source (ledger/ID.toml)"
    )
    args = parser.parse_args(argv)
    generated = generate(args.size, args.seed)
    path = generated.write_many(args.out) if args.many else generated.write(args.out)
    print(f"wrote {path} ({args.size} commitments, seed {args.seed})")


if __name__ == "__main__":
    main()
