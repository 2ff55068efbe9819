"""Measured progress: ``gt record`` and ``gt summary``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from greentrade_cli.cli.app import AsOf, IdArg, app, as_of_date, checked_text, state_of, today
from greentrade_cli.cli.scripting import JsonFlag, note_left_out, print_report
from greentrade_cli.tracking.summary import SHOWN_TARGETS

if TYPE_CHECKING:
    import datetime as dt

    from greentrade_cli.cli.output import Output
    from greentrade_cli.model.commitment import Commitment
    from greentrade_cli.model.ledger import Ledger

# What each command needs is imported when it runs: a run imports one command's modules.


class _NumbersCommand(TyperCommand):
    """A command taking a number argument: a word that reads as a negative number (``-5``,
    ``-1e5``, ``-inf``, ``-nan``) is an argument, never short options (``-i -n -f``).

    Such words, unless the value of an option, move after ``--``, in order, behind the
    arguments before them.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        valued = {
            name
            for param in self.params
            if param.param_type_name == "option" and not getattr(param, "is_flag", False)
            for name in param.opts
        }
        end = args.index("--") if "--" in args else len(args)
        kept: list[str] = []
        numbers: list[str] = []
        for at, word in enumerate(args[:end]):
            after_option = at > 0 and args[at - 1] in valued
            (numbers if _negative_number(word) and not after_option else kept).append(word)
        if numbers:
            args = [*kept, "--", *numbers, *args[end + 1 :]]
        return super().parse_args(ctx, args)


def _negative_number(word: str) -> bool:
    if not word.startswith("-") or word == "-":
        return False
    try:
        float(word)
    except ValueError:
        return False
    return True


@app.command("record", cls=_NumbersCommand)
def record_cmd(
    ctx: typer.Context,
    commitment_id: IdArg,
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="The measured value in the target's unit, as a plain number (32.5 for 32.5%).",
        ),
    ],
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="Date the value refers to. Default: today."),
    ] = None,
    source: Annotated[
        str,
        typer.Option(
            "--source", metavar="TEXT", callback=checked_text, help="Where the value was published."
        ),
    ] = "",
    note: Annotated[
        str, typer.Option("--note", "-n", metavar="TEXT", callback=checked_text, help="A remark.")
    ] = "",
) -> None:
    """Record a dated measurement of a pledge's target metric (kept in date order).

    The date may be before the pledge (the latest official figure often is); the
    earliest measurement is the baseline when the target states none. The same value on
    the same date again is a no-op. A negative VALUE is a value, not an option:
    gt record ID -3.5 --on 2026-03-31
    """
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.ledgerfile import storage
    from greentrade_cli.model.dates import parse_change_date
    from greentrade_cli.model.measurement import Measurement
    from greentrade_cli.tracking.recording import (
        already_recorded,
        parse_value,
        record_measurement,
    )
    from greentrade_cli.tracking.report import format_value

    state = state_of(ctx)
    number = parse_value(value)
    when = parse_change_date(on, today())
    where = state.location()
    measurement = Measurement(when, number, source, note)
    recorded_already = False

    def change(ledger: Ledger) -> Commitment:
        nonlocal recorded_already
        commitment = ledger.find(commitment_id)
        recorded_already = already_recorded(commitment, when, number)
        if recorded_already:  # a repeated command changes nothing, as a repeated import
            return commitment
        return record_measurement(commitment, measurement)

    changed = storage.update(
        where.path,
        change,
        read_only=where.bundled,
        stamp=stamp_of(ctx, when),
        holding=commitment_id,
    )
    assert changed.target is not None
    shown = format_value(number, changed.target.unit)
    count = len(changed.measurements)
    what = f"{shown} on {when.isoformat()}"
    state.output.note(
        f"{changed.id}: {what} is recorded already; nothing written"
        if recorded_already
        else f"{changed.id}: recorded {what} ({count} measurement(s))"
    )


@app.command("summary")
def summary_cmd(
    ctx: typer.Context,
    as_of: AsOf = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the same figures as JSON (every target).")
    ] = False,
    targets: Annotated[
        int,
        typer.Option(
            "--targets",
            min=0,
            metavar="N",
            help=f"Show at most N quantitative targets, the furthest behind first when there "
            f"are more (default {SHOWN_TARGETS}; 0 shows all).",
        ),
    ] = SHOWN_TARGETS,
) -> None:
    """Pledges per agency (total, per status, overdue, share met) and the quantitative
    targets with their progress and pace (tab-separated rows when piped)."""
    from greentrade_cli.tracking.summary import summarize

    state = state_of(ctx)
    ledger = state.load().ledger
    summary = summarize(ledger, as_of_date(as_of))
    out = state.output

    def lines() -> list[str]:
        from greentrade_cli.render.summary_views import summary_lines

        return summary_lines(summary, targets)

    def table() -> None:
        from greentrade_cli.render.summary_views import summary_view

        width = out.stdout.width
        view, at, dropped = summary_view(summary, targets, width)
        out.print_wide(view, at)
        note_left_out(out, dropped, width, "see every figure with --json")

    print_report(out, lines=lines, table=table, to_json=summary.to_json if as_json else None)
    _joint_note(out, ledger, summary.as_of, as_json)


@app.command("scorecard")
def scorecard_cmd(ctx: typer.Context, as_of: AsOf = None, as_json: JsonFlag = False) -> None:
    """A verdict on every pledge, per agency and overall: kept, kept in part, broken, in
    the works, not yet rated; the share kept, kept on time or late, and overdue; then the
    reasons given for broken and stalled pledges.

    Verdicts come from each pledge's status on the report date (see the docs); piped,
    the same as tab-separated rows.
    """
    from greentrade_cli.tracking.scorecard import scorecard

    state = state_of(ctx)
    ledger = state.load().ledger
    card = scorecard(ledger, as_of_date(as_of))
    out = state.output

    def lines() -> list[str]:
        from greentrade_cli.render.scorecard_views import scorecard_lines

        return scorecard_lines(card)

    def table() -> None:
        from greentrade_cli.render.scorecard_views import reasons_table, scorecard_table

        width = out.stdout.width
        scores = scorecard_table(card, width)
        out.print_wide(scores.table, scores.width)
        dropped = scores.dropped
        if any(card.overall.reasons.values()):  # a table of zeros says nothing on a screen
            reasons, at, left_out = reasons_table(card, width)
            out.print_wide(reasons, at)
            dropped += left_out
        note_left_out(out, dropped, width, "see every figure with --json")

    print_report(out, lines=lines, table=table, to_json=card.to_json if as_json else None)
    _joint_note(out, ledger, card.as_of, as_json)


def _joint_note(out: Output, ledger: Ledger, as_of: dt.date, as_json: bool) -> None:
    """Say on standard error how joint pledges were counted (not with --json)."""
    from greentrade_cli.tracking.summary import joint_note

    note = None if as_json else joint_note(ledger, as_of)
    if note is not None:
        out.note(f"note: {note}")
