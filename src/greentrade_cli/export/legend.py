"""What a published page says about its words: readable labels, the legend, the source line.

Every publishing format (the HTML page, the SVG picture, the site) reads these, so a
status is called the same thing, and explained the same way, wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from linkify_it import LinkifyIt
from markupsafe import Markup, escape

from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.source import Source
from greentrade_cli.model.status import Status
from greentrade_cli.tracking.progress import Pace
from greentrade_cli.tracking.report import StatusRow
from greentrade_cli.tracking.scorecard import Verdict


def label(token: str) -> str:
    """A vocabulary word as a reader sees it: ``in_progress`` -> ``In progress``."""
    words = token.replace("_", " ")
    return words[:1].upper() + words[1:]


STATUS_MEANINGS: dict[Status, str] = {
    Status.PLEDGED: "promised; nothing recorded since",
    Status.IN_PROGRESS: "action under way",
    Status.STALLED: "action has stopped",
    Status.PARTIALLY_MET: "part of the promise kept",
    Status.MET: "kept, with evidence",
    Status.MISSED: "the deadline passed unmet",
    Status.WITHDRAWN: "dropped by the government",
}
"""What each status means (the legend of every published page)."""

VERDICT_MEANINGS: dict[Verdict, str] = {
    Verdict.KEPT: "met",
    Verdict.KEPT_IN_PART: "partially met",
    Verdict.BROKEN: "missed or withdrawn",
    Verdict.IN_THE_WORKS: "in progress or stalled",
    Verdict.NOT_YET_RATED: "pledged, nothing recorded yet",
}
"""Which statuses give each verdict, in words (the mapping is the scorecard's ``VERDICTS``)."""

PACE_MEANINGS: dict[Pace, str] = {
    Pace.REACHED: "the latest measurement meets the target",
    Pace.ON_TRACK: "progress keeps up with a straight line to the deadline",
    Pace.BEHIND: "progress trails that line by more than 10 percentage points",
    Pace.OVERDUE: "the deadline has passed and the target is not met",
    Pace.NO_DATA: "not enough measurements, or no deadline, to judge",
}
"""What each pace means."""

VERDICT_COLOURS: dict[Verdict, str] = {
    Verdict.KEPT: "#1a7f37",
    Verdict.KEPT_IN_PART: "#7d4e00",
    Verdict.BROKEN: "#cf222e",
    Verdict.IN_THE_WORKS: "#0969da",
    Verdict.NOT_YET_RATED: "#8c959f",
}
"""The colour of each verdict in charts (each also labelled in words)."""


STATUS_COLOURS: dict[Status, str] = {
    Status.PLEDGED: "#0a5c73",
    Status.IN_PROGRESS: "#0550ae",
    Status.STALLED: "#7d4e00",
    Status.PARTIALLY_MET: "#7d4e00",
    Status.MET: "#1a7f37",
    Status.MISSED: "#c21d2a",
    Status.WITHDRAWN: "#57606a",
}
"""The text colour of each status on a published page (each also written in words); dark
enough for 4.5:1 contrast on white and on the pages' light grey."""

OVERDUE_COLOUR = STATUS_COLOURS[Status.MISSED]
"""The colour of the word "Overdue" beside a status."""

STATUS_CSS = (
    "".join(
        f".status-{status.value} {{ color: {colour}; }}\n"
        for status, colour in STATUS_COLOURS.items()
    )
    + f".overdue {{ color: {OVERDUE_COLOUR}; }}\n"
)
"""The CSS rules (``.status-STATUS``, ``.overdue``) of :data:`STATUS_COLOURS`: the HTML
page and every page of the site include them."""


def cited_sources(ledger: Ledger, rows: Sequence[StatusRow]) -> list[Source]:
    """The sources the rows quote, in ledger order (every source when there are no rows)."""
    used = {r.commitment.source for r in rows}
    return [s for s in ledger.sources.values() if not rows or s.id in used]


def source_url(source: Source) -> str:
    """The source's web address, ``""`` when the ledger gives none."""
    return str(getattr(source, "url", "") or "")


def source_text(source: Source) -> str:
    """The source as a line of plain text: ``title, publisher, YYYY-MM-DD[, url]``."""
    parts = [source.title, source.publisher, source.date.isoformat(), source_url(source)]
    return ", ".join(part for part in parts if part)


def sources_text(sources: Iterable[Source]) -> str:
    """``Source: ...`` (or ``Sources: ...; ...``) for the sources given; ``""`` for none."""
    texts = [source_text(s) for s in sources]
    if not texts:
        return ""
    return ("Source: " if len(texts) == 1 else "Sources: ") + "; ".join(texts)


_LINKS = LinkifyIt()


def linked(text: str) -> Markup:
    """``text`` escaped for HTML, with each web address in it made a link.

    linkify-it finds them as Markdown renderers do: a bracket or stop after an address is
    left outside it unless the address opened it (``.../Tariff_(trade)``).
    """
    out: list[str] = []
    at = 0
    for match in _LINKS.match(text) or ():
        out.append(escape(text[at : match.index]))
        out.append(f'<a href="{escape(match.url)}">{escape(match.text)}</a>')
        at = match.last_index
    out.append(escape(text[at:]))
    return Markup("".join(out))
