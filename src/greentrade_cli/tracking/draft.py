"""A new commitment as typed by a user (``gt add``), checked and turned into a :class:`Commitment`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from greentrade_cli.errors import DeadlineFormatError, UnknownIdError, UsageError
from greentrade_cli.model.agency import Agency
from greentrade_cli.model.baseline import Baseline
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.deadline import Deadline
from greentrade_cli.model.ids import check_new_id, derive_id
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.source import Source
from greentrade_cli.model.status import Status
from greentrade_cli.model.target import Direction, Target, share_problem
from greentrade_cli.tracking.report import format_value

REQUIRED = ("title", "agency", "source", "quote")
"""Fields a new commitment cannot do without, in the order ``gt add`` asks for them."""


@dataclass(frozen=True, slots=True)
class Draft:
    """The fields of a new commitment as given (options or answers to prompts).

    ``agency`` may be a code, a name or an alias (``joint`` the same, for the agencies
    that made a joint pledge with it); ``deadline`` is ``YYYY``, ``YYYY-MM``
    or ``YYYY-MM-DD``; ``target_value`` and ``baseline`` are in ``target_unit`` (``%``
    means percentage points: 40.0 is forty percent). ``id`` None derives one. Empty
    strings and None mean "not given".
    """

    title: str = ""
    agency: str = ""
    source: str = ""
    quote: str = ""
    id: str | None = None
    speaker: str = ""
    speaker_role: str = ""
    deadline: str | None = None
    tags: tuple[str, ...] = ()
    metric: str = ""
    target_value: float | None = None
    target_unit: str = ""
    direction: Direction | None = None
    baseline: float | None = None
    baseline_date: dt.date | None = None
    joint: tuple[str, ...] = ()

    def missing(self) -> list[str]:
        """Names of the fields still needed: :data:`REQUIRED` ones left empty and, once a
        target value is given, ``metric`` and ``target_unit`` (and ``direction`` when no
        baseline shows it)."""
        needed = [name for name in REQUIRED if not getattr(self, name).strip()]
        if self.target_value is not None:
            needed += [name for name in ("metric", "target_unit") if not getattr(self, name)]
            if self.direction is None and self.baseline is None:
                needed.append("direction")
        return needed


def find_source(ledger: Ledger, source_id: str) -> Source:
    """The source with id ``source_id``; raises :class:`UnknownIdError` listing the known ones."""
    source = ledger.sources.get(source_id.strip())
    if source is None:
        known = ", ".join(ledger.sources) or "none declared"
        raise UnknownIdError(
            f"--source: unknown source {source_id!r}; use one of: {known} "
            "(or declare it first with `gt source add`)"
        )
    return source


def newest_source(ledger: Ledger) -> str | None:
    """The id of the most recent source (by date, the last declared on a tie), or None."""
    if not ledger.sources:
        return None
    return max(reversed(ledger.sources.values()), key=lambda s: s.date).id


def _target(draft: Draft) -> Target | None:
    given = (draft.metric, draft.target_unit, draft.direction, draft.baseline)
    if draft.target_value is None:
        if any(value not in ("", None) for value in given):
            raise UsageError(
                "--target-value is needed with --metric, --target-unit, --direction or --baseline"
            )
        return None
    direction = draft.direction
    if direction is None and draft.baseline is not None:
        direction = (
            Direction.INCREASE if draft.target_value > draft.baseline else Direction.DECREASE
        )
    if direction is None or not draft.metric.strip() or not draft.target_unit.strip():
        raise UsageError("a target needs --metric, --target-unit and --direction (or --baseline)")
    metric, unit = draft.metric.strip(), draft.target_unit.strip()
    for option, number in (("--target-value", draft.target_value), ("--baseline", draft.baseline)):
        if number is not None and (problem := share_problem(metric, unit, number)):
            raise UsageError(f"{option}: {problem}")
    baseline = None
    if draft.baseline is not None:
        baseline = Baseline(draft.baseline, draft.baseline_date)
        wrong = (
            draft.baseline >= draft.target_value
            if direction is Direction.INCREASE
            else draft.baseline <= draft.target_value
        )
        base, value = format_value(draft.baseline, ""), format_value(draft.target_value, "")
        if wrong and draft.direction is None:  # inferred: the two values are equal
            raise UsageError(
                f"--target-value {value} is the same as --baseline {base}; a target must "
                "differ from its starting value"
            )
        if wrong:
            raise UsageError(
                f"--direction {direction.value} from --baseline {base} to "
                f"--target-value {value} is not possible; check the values"
            )
    elif draft.baseline_date is not None:
        raise UsageError("--baseline-date needs --baseline")
    return Target(metric, unit, draft.target_value, direction, baseline)


def _agency(ledger: Ledger, name: str) -> Agency:
    """The agency ``name`` resolves to; an unknown one gets an error saying how to declare it."""
    try:
        return ledger.agency(name)
    except UsageError as exc:
        if not ledger.agencies:
            raise
        code = name.strip().upper() if name.strip().isalnum() else "CODE"
        raise UsageError(
            f"{exc}; or declare it first with `gt agency add {code} --name NAME`"
        ) from None


def agency_codes(ledger: Ledger, names: Sequence[str]) -> tuple[str, ...]:
    """The codes of the agencies ``names`` (codes, names or aliases; the lead first) stand
    for. Raises :class:`UsageError` for an unknown agency, saying how to declare it, or
    one named twice."""
    codes = [_agency(ledger, name).code for name in names]
    twice = next((code for code in codes if codes.count(code) > 1), None)
    if twice is not None:
        raise UsageError(f"--agency: {twice} is named twice; name each agency once")
    return tuple(codes)


def parse_deadline(text: str) -> Deadline:
    """A ``--deadline`` as written; raises :class:`UsageError` for a form that is not one."""
    try:
        return Deadline.parse(text.strip())
    except DeadlineFormatError as exc:
        raise UsageError(f"--deadline: {exc}") from None


def build(ledger: Ledger, draft: Draft) -> Commitment:
    """The new commitment ``draft`` describes, status ``pledged`` and no history yet.

    The agency is resolved to its code; the id is ``draft.id`` when given, else derived
    from agency and title (or, for a title without Latin letters or digits, the metric
    or the source id) so that it is not taken. Raises :class:`UsageError` naming the
    option for a missing or malformed field (a title of more than one line, a deadline
    due before the source's date), an unknown agency, or a target that cannot be reached
    from its baseline; :class:`~greentrade_cli.errors.DataError` when ``draft.id`` is
    taken or the source is unknown. (Whether the quote is in the source's archived text
    is checked when the ledger is written.)
    """
    missing = draft.missing()
    if missing:
        names = ", ".join("--" + name.replace("_", "-") for name in missing)
        raise UsageError(f"gt add needs {names}")
    if len(draft.title.strip().splitlines()) > 1:
        raise UsageError("--title holds a line break; give the title in one line")
    lead, *joint = agency_codes(ledger, [draft.agency, *draft.joint])
    source = find_source(ledger, draft.source)
    deadline = parse_deadline(draft.deadline) if draft.deadline else None
    if deadline and (problem := deadline.pledge_problem(source.date)):
        raise UsageError(f"--deadline: {problem}")
    tags = tuple(dict.fromkeys(t.strip() for t in draft.tags if t.strip()))
    taken = {c.id for c in ledger.commitments}
    ident = (
        check_new_id(draft.id.strip(), taken)
        if draft.id
        else derive_id(lead, draft.title, taken, instead=(draft.metric, source.id))
    )
    return Commitment(
        id=ident,
        title=draft.title.strip(),
        agency=lead,
        source=source.id,
        quote=draft.quote.strip(),
        status=Status.PLEDGED,
        speaker=draft.speaker.strip(),
        speaker_role=draft.speaker_role.strip(),
        deadline=deadline,
        tags=tags,
        target=_target(draft),
        joint=tuple(joint),
    )
