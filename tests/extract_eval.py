"""Scoring ``gt extract`` against pledges transcribed by hand (see docs/extract.md).

A hand pledge is *found* when a pledge candidate covers its quote: their spans in the
source text overlap by at least half of the shorter one (a candidate clause inside a
longer hand quote, or a hand clause inside a candidate sentence, both count). Several
hand pledges may share one quote, and one candidate may cover them all.

* recall: hand pledges found / hand pledges;
* precision: pledge candidates covering some hand pledge / pledge candidates;
* agency, deadline, target: among the hand pledges found, the share whose candidate
  (the one overlapping most) gives the same agencies, the same deadline (both none
  counts), the same target value, unit and direction (both none counts).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from greentrade_cli.ledgerfile import storage
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.source import fold_text
from greentrade_cli.tracking.extract import Candidate, Kind, extract

REPO = Path(__file__).resolve().parents[1]
BRIEFINGS = REPO / "tests" / "data" / "briefings"


@dataclass(frozen=True)
class Score:
    """The figures of one briefing (counts, so that they can be summed)."""

    name: str
    hand: int
    found: int
    candidates: int
    correct: int
    agency: int
    deadline: int
    target: int

    def percent(self, part: int, whole: int) -> str:
        return f"{100 * part / whole:.0f}%" if whole else "—"

    def row(self) -> str:
        """The briefing's row of the table in docs/extract.md."""
        cells = [
            self.name,
            str(self.hand),
            str(self.candidates),
            self.percent(self.found, self.hand),
            self.percent(self.correct, self.candidates),
            self.percent(self.agency, self.found),
            self.percent(self.deadline, self.found),
            self.percent(self.target, self.found),
        ]
        return "| " + " | ".join(cells) + " |"


HEADER = (
    "| briefing | hand pledges | candidates | recall | precision | agency | deadline | target |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|"
)


def _span(folded: str, quote: str) -> tuple[int, int]:
    text = fold_text(quote)
    start = folded.find(text)
    assert start >= 0, f"quote not in the text: {quote[:60]}"
    return start, start + len(text)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _covers(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and _overlap(a, b) * 2 >= shorter


def _same_target(c: Candidate, hand: Commitment) -> bool:
    if c.target is None or hand.target is None:
        return c.target is None and hand.target is None
    t = hand.target
    return (c.target.value, c.target.unit, c.target.direction) == (t.value, t.unit, t.direction)


def score(name: str, ledger_path: Path) -> Score:
    """Run the extractor on the (only) source of the ledger at ``ledger_path`` and score
    it against that ledger's commitments."""
    ledger = storage.load(ledger_path).ledger
    (source,) = ledger.sources.values()
    text = (ledger_path.parent / source.archive).read_text(encoding="utf-8")
    folded = fold_text(text)
    candidates = [
        c
        for c in extract(text, list(ledger.agencies.values()), source.date.year)
        if c.kind is Kind.PLEDGE
    ]
    spans = [_span(folded, c.quote) for c in candidates]
    hands = [(h, _span(folded, h.quote)) for h in ledger.commitments]
    found = agency = deadline = target = 0
    for hand, span in hands:
        covering = [(c, s) for c, s in zip(candidates, spans, strict=True) if _covers(s, span)]
        if not covering:
            continue
        found += 1
        best, _ = max(covering, key=lambda pair: _overlap(pair[1], span))
        agency += best.agencies == hand.agencies
        deadline += best.deadline == (hand.deadline.text if hand.deadline else None)
        target += _same_target(best, hand)
    correct = sum(1 for s in spans if any(_covers(s, span) for _, span in hands))
    return Score(name, len(hands), found, len(candidates), correct, agency, deadline, target)


def total(name: str, scores: list[Score]) -> Score:
    """The scores added up."""
    return Score(
        name,
        *(sum(getattr(s, f) for s in scores) for f in
          ("hand", "found", "candidates", "correct", "agency", "deadline", "target")),
    )  # fmt: skip


def all_scores() -> tuple[Score, list[Score]]:
    """The bundled briefing's score, and one per briefing under tests/data/briefings."""
    bundled = score("bundled SCIO briefing, 31 Oct 2025", REPO / "commitments.toml")
    others = [
        score(folder.name, folder / "commitments.toml")
        for folder in sorted(BRIEFINGS.iterdir())
        if (folder / "commitments.toml").is_file()
    ]
    return bundled, others


def table() -> str:
    """The table of figures as docs/extract.md shows it."""
    bundled, others = all_scores()
    rows = [bundled.row(), *(s.row() for s in others)]
    if others:
        rows.append(total("other briefings, together", others).row())
    return "\n".join([HEADER, *rows])


if __name__ == "__main__":
    print(table())
