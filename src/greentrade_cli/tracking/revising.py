"""Revising a pledge's target or deadline (``gt revise``), keeping the version it replaces."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import NamedTuple

from greentrade_cli.errors import DataError, UsageError
from greentrade_cli.model.baseline import Baseline
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.revision import Revised, Revision, Version
from greentrade_cli.model.target import Direction, Target
from greentrade_cli.tracking.draft import parse_deadline
from greentrade_cli.tracking.report import describe_target, format_value


class Change(NamedTuple):
    """What a revision changes; None leaves a part as it is. ``deadline`` is as written
    (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``); values are in the target's unit."""

    value: float | None = None
    unit: str | None = None
    direction: Direction | None = None
    deadline: str | None = None
    baseline_value: float | None = None
    baseline_date: dt.date | None = None

    @property
    def touches_target(self) -> bool:
        """True when the change is to the target (not the deadline alone)."""
        return any(
            part is not None
            for part in (
                self.value, self.unit, self.direction, self.baseline_value, self.baseline_date
            )
        )  # fmt: skip


def _revised_target(c: Commitment, change: Change) -> Target | None:
    t = c.target
    if not change.touches_target:
        return t
    if t is None:
        raise DataError(
            f"{c.id} has no numeric target to revise; only --deadline can be revised (add a "
            "[commitments.target] with gt edit first)"
        )
    baseline = t.baseline
    if change.baseline_value is not None:
        when = change.baseline_date or (baseline.date if baseline else None)
        baseline = Baseline(change.baseline_value, when)
    elif change.baseline_date is not None:
        if baseline is None:
            raise UsageError("--baseline-date needs --baseline-value: the target has no baseline")
        baseline = Baseline(baseline.value, change.baseline_date)
    new = Target(
        t.metric,
        t.unit if change.unit is None else change.unit.strip(),
        t.value if change.value is None else change.value,
        change.direction or t.direction,
        baseline,
    )
    if not new.unit:
        raise UsageError("--unit: give a unit (% for percentage points)")
    if new.unit != t.unit:
        _check_relabelling(c, t, new.unit, change)
    _check_shares(new, change)
    if baseline is not None and not (
        baseline.value < new.value
        if new.direction is Direction.INCREASE
        else baseline.value > new.value
    ):
        raise DataError(
            f"{c.id}: {new.direction.value} from baseline {baseline.value:g} to target "
            f"{new.value:g} is not possible; check the direction or the values"
        )
    return new


def _check_relabelling(c: Commitment, t: Target, unit: str, change: Change) -> None:
    """Raise :class:`DataError` when changing ``t``'s unit to ``unit`` would relabel values
    given in the old one: ``c``'s measurements, or a baseline that ``change`` keeps. A
    revision keeps the numbers as they are, so 200 hubs would read 200%."""
    measured = len(c.measurements)
    kept = t.baseline if change.baseline_value is None else None
    named = [f"{measured} measurement{'s' if measured > 1 else ''}"] if measured else []
    named += ["baseline"] if kept is not None else []
    if measured:
        last = c.measurements[-1]
        example, was = last.value, c.unit_on(last.date)
        them = "it" if len(named) == 1 and measured == 1 else "them"
        fix = f"convert or remove {them} first (gt edit {c.id}), then revise the unit"
    elif kept is not None:
        example, was = kept.value, t.unit
        fix = f"give --baseline-value in {unit} too, or convert the baseline first (gt edit {c.id})"
    else:
        return
    raise DataError(
        f"{c.id}: --unit {unit} would relabel its {' and its '.join(named)} "
        f"({format_value(example, was)} would read {format_value(example, unit)}); {fix}"
    )


def _check_shares(new: Target, change: Change) -> None:
    """Raise :class:`UsageError` when a value of ``new`` is not a possible share
    (:meth:`Target.share_problem`), naming the option that made it one. (A measurement
    or baseline in another unit stops a change of unit first: :func:`_check_relabelling`.)"""
    b = new.baseline
    for option, what, number, given in (
        ("--target-value", "the target value", new.value, change.value),
        ("--baseline-value", "the baseline", None if b is None else b.value, change.baseline_value),
    ):
        if number is None or not (problem := new.share_problem(number)):
            continue
        if change.unit is None or given is not None:
            raise UsageError(f"{option}: {problem}")
        raise UsageError(
            f"--unit: in % {what} {number:g} would be {number:g}%, but the metric names a "
            f"share, which is 0 to 100%; give {option} too, in percentage points (40 for 40%)"
        )


def version_text(version: Version, baseline: bool = False) -> str:
    """``at least 40% by 2030``; ``no target`` and no ``by`` part where there is none;
    with ``baseline``, the target's baseline after it (``from 25% in 2024``)."""
    t, d = version.target, version.deadline
    text = (describe_target(t) if t else "no target") + (f" by {d.text}" if d else "")
    if baseline and t is not None:
        b = t.baseline
        start = "no baseline" if b is None else f"from {format_value(b.value, t.unit)}"
        text += f", {start}" + (f" in {b.date.year}" if b and b.date else "")
    return text


def ambition_flags(revised: Revised) -> list[str]:
    """How a revision changed ambition, in words: ``weakened: target lowered, deadline
    later`` and/or ``strengthened: ...``; empty when neither."""
    flags = [f"weakened: {', '.join(revised.weakened)}"] if revised.weakened else []
    return flags + (
        [f"strengthened: {', '.join(revised.strengthened)}"] if revised.strengthened else []
    )


def describe_revision(revised: Revised) -> str:
    """``at least 40% by 2030 → at least 30% by 2032 (weakened: target lowered, deadline
    later)``: the two versions, and how the second changes ambition."""
    flags = ambition_flags(revised)
    said = f" ({'; '.join(flags)})" if flags else ""
    before, after = version_text(revised.before), version_text(revised.after)
    if before == after:  # only the baseline changed: show it
        before, after = version_text(revised.before, True), version_text(revised.after, True)
    return f"{before} → {after}{said}"


def revise(
    c: Commitment,
    change: Change,
    on: dt.date,
    note: str,
    evidence: str = "",
    pledged_on: dt.date | None = None,
) -> Commitment:
    """A copy of ``c`` with its target and deadline changed as ``change`` says on ``on``,
    the version before kept as a :class:`Revision` with ``note`` and ``evidence``.

    Raises :class:`UsageError` when ``note`` is empty, ``change`` changes nothing asked
    for or sets a deadline due before ``pledged_on`` (the source's date); :class:`DataError`
    when ``c`` has no target to change, the new target is impossible, nothing would
    differ, or ``on`` is before the last revision or before ``pledged_on``.
    """
    if not note.strip():
        raise UsageError("--note: say why the target or deadline was revised")
    if not change.touches_target and change.deadline is None:
        raise UsageError(
            "give what changed: --target-value, --unit, --direction, --deadline, "
            "--baseline-value or --baseline-date"
        )
    if c.revisions and on < c.revisions[-1].date:
        last = c.revisions[-1].date.isoformat()
        raise DataError(
            f"{c.id}: {on} is before the last revision ({last}); revisions stay in date "
            f"order, give --on {last} or later"
        )
    if pledged_on is not None and on < pledged_on:
        raise DataError(f"{c.id}: {on} is before the pledge was made ({pledged_on})")
    target = _revised_target(c, change)
    deadline = c.deadline if change.deadline is None else parse_deadline(change.deadline)
    if deadline and pledged_on and (problem := deadline.pledge_problem(pledged_on)):
        raise UsageError(f"--deadline: {problem}")
    if target == c.target and deadline == c.deadline:
        raise DataError(f"{c.id}: the target and deadline are already so; nothing was revised")
    revision = Revision(on, note.strip(), c.target, c.deadline, evidence.strip())
    return replace(c, target=target, deadline=deadline, revisions=(*c.revisions, revision))
