"""Authoring commands: add, edit, revise and remove commitments, declare sources (``gt source add``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from greentrade_cli.cli.app import (
    IdArg,
    OnOpt,
    State,
    app,
    change_date,
    checked_answer,
    checked_text,
    required_text,
    state_of,
)
from greentrade_cli.cli.scripting import JsonFlag, print_fitted, print_report
from greentrade_cli.errors import DataError, LedgerError, UsageError
from greentrade_cli.ledgerfile import storage
from greentrade_cli.model.dates import parse_date
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.numbers import parse_number
from greentrade_cli.model.source import Source
from greentrade_cli.model.target import Direction
from greentrade_cli.tracking.draft import Draft, build, find_source, newest_source

source_app = typer.Typer(
    help="Declare, list and show the source documents that commitments quote.",
    no_args_is_help=True,
)
app.add_typer(source_app, name="source")


def stdin_is_terminal() -> bool:
    """True when standard input is a terminal, so missing fields can be asked for."""
    return sys.stdin.isatty()


def _writable(state: State) -> Path:
    where = state.location()
    if where.bundled:
        raise storage.read_only_error()
    return where.path


def _direction(text: str) -> Direction:
    try:
        return Direction(text.strip().lower())
    except ValueError:
        raise UsageError(f"{text!r} is not a direction; answer increase or decrease") from None


def _ask(draft: Draft, ledger: Ledger, missing: list[str]) -> Draft:
    """Ask on the terminal for each field in ``missing``; returns the completed draft."""
    questions: dict[str, tuple[str, Callable[[str], Any], str | None]] = {
        "title": ("Title (one line saying what was promised)", str, None),
        "agency": ("Agency (code or name)", ledger.agency, None),
        "source": ("Source id", lambda text: find_source(ledger, text), newest_source(ledger)),
        "quote": ("Quote (the source's exact words)", str, None),
        "metric": ("Metric (what the target measures)", str, None),
        "target_unit": ("Target unit (% for percentage points)", str, None),
        "direction": ("Direction (increase or decrease)", _direction, None),
    }
    answers: dict[str, Any] = {}
    for name in missing:
        text, check, default = questions[name]
        answer = typer.prompt(text, default=default, value_proc=checked_answer(check), err=True)
        answers[name] = _direction(answer) if name == "direction" else answer
    return replace(draft, **answers)


@app.command("add")
def add_cmd(
    ctx: typer.Context,
    title: Annotated[
        str | None,
        typer.Option("--title", callback=required_text, help="What was promised, in one line."),
    ] = None,
    agency: Annotated[
        list[str] | None,
        typer.Option(
            "--agency",
            "-a",
            callback=required_text,
            help="Agency code, English or Chinese name or alias; repeat for a joint pledge, "
            "the lead agency first.",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", callback=required_text, help="Id of the source that records the pledge."
        ),
    ] = None,
    quote: Annotated[
        str | None,
        typer.Option(
            "--quote",
            callback=required_text,
            help="The source's exact words (checked against its text).",
        ),
    ] = None,
    ident: Annotated[
        str | None,
        typer.Option("--id", help="Id to use. Default: derived from agency and title, unused."),
    ] = None,
    speaker: Annotated[
        str, typer.Option("--speaker", callback=checked_text, help="Who said it.")
    ] = "",
    speaker_role: Annotated[
        str, typer.Option("--speaker-role", callback=checked_text, help="The speaker's post.")
    ] = "",
    deadline: Annotated[
        str | None,
        typer.Option("--deadline", metavar="WHEN", help="YYYY, YYYY-MM or YYYY-MM-DD."),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", callback=checked_text, help="Tag; repeat for several."),
    ] = None,
    metric: Annotated[
        str, typer.Option("--metric", callback=checked_text, help="What a numeric target measures.")
    ] = "",
    target_value: Annotated[
        str | None,
        typer.Option(
            "--target-value", metavar="NUMBER", help="The target, in --target-unit (2,000 is 2000)."
        ),
    ] = None,
    target_unit: Annotated[
        str,
        typer.Option(
            "--target-unit",
            callback=checked_text,
            help="Unit of target and baseline; % is percentage points.",
        ),
    ] = "",
    direction: Annotated[
        Direction | None,
        typer.Option("--direction", help="increase: reach at least the target; decrease: at most."),
    ] = None,
    baseline: Annotated[
        str | None,
        typer.Option("--baseline", metavar="NUMBER", help="The stated starting value, same unit."),
    ] = None,
    baseline_date: Annotated[
        str | None,
        typer.Option("--baseline-date", metavar="DATE", help="Date of the baseline value."),
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="Add every pledge of a draft file (as `gt extract` writes; '-': standard "
            "input), in one write, but those already in the ledger (same source, quote and title).",
        ),
    ] = None,
    into: Annotated[
        Path | None,
        typer.Option(
            "--file",
            metavar="PATH",
            help="The ledger file to put it in. Default: the one holding its source's commitments.",
        ),
    ] = None,
    on: OnOpt = None,
) -> None:
    """Add a new commitment (status pledged) at the end of the ledger.

    Title, agency, source and quote are required: on a terminal gt asks for those not
    given; otherwise they must be given as options. The quote must be found in the
    source's archived text. The id is derived from agency and title (never one in use)
    unless --id is given. With --from FILE, the pledges of a draft file are added
    instead (all or none); those already in the ledger are skipped, and named.
    """
    from greentrade_cli.cli.stamping import stamp_of

    state = state_of(ctx)
    path = _writable(state)
    when = change_date(on)
    if from_file is not None:
        given = [title, source, quote, ident, speaker, deadline, metric, target_value, agency]
        if any(given):
            raise UsageError("--from FILE takes the pledges' fields from the file; give no other")
        _add_from(state, path, from_file, stamp_of(ctx, when), into)
        return
    draft = Draft(
        title=title or "",
        agency=agency[0] if agency else "",
        joint=tuple(agency[1:]) if agency else (),
        source=source or "",
        quote=quote or "",
        id=ident,
        speaker=speaker,
        speaker_role=speaker_role,
        deadline=deadline,
        tags=tuple(tag or ()),
        metric=metric,
        target_value=None if target_value is None else parse_number(target_value, "--target-value"),
        target_unit=target_unit,
        direction=direction,
        baseline=None if baseline is None else parse_number(baseline, "--baseline"),
        baseline_date=None
        if baseline_date is None
        else parse_date(baseline_date, "--baseline-date"),
    )
    missing = draft.missing()
    if missing:
        if not stdin_is_terminal():
            names = ", ".join("--" + name.replace("_", "-") for name in missing)
            raise UsageError(
                f"gt add needs {names}; give them as options (standard input is not a "
                "terminal, so gt cannot ask for them)"
            )
        draft = _ask(draft, state.load().ledger, missing)
    added = storage.insert(
        path,
        lambda ledger: build(ledger, draft),
        stamp=stamp_of(ctx, when),
        into=into,
        source=draft.source.strip(),
    )
    state.output.note(f"added {added.id}")


def _add_from(state: State, path: Path, from_file: Path, stamp: Any, into: Path | None) -> None:
    """Add the pledges of draft file ``from_file`` (``-``: standard input) to the ledger at
    ``path`` in one write, but those already in it."""
    from greentrade_cli.ledgerfile.ledger_file import read_bytes, read_stream
    from greentrade_cli.tracking.draft_file import build_drafts, read_drafts

    name = "<stdin>" if str(from_file) == "-" else str(from_file)
    try:  # at most the size of a ledger; a file must be a regular one, not a pipe or a device
        if name == "<stdin>":
            raw = read_stream(sys.stdin.buffer, name, "draft")
        else:
            raw = read_bytes(from_file, "draft")
    except LedgerError as exc:
        raise UsageError(f"--from: {exc}") from None
    try:  # line ends as text mode reads them
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        raise UsageError(f"--from: {name} cannot be read (not UTF-8 text)") from None
    drafts = read_drafts(text, name)
    skipped: list[str] = []

    def build_all(ledger: Ledger) -> list[Any]:
        added, skipped[:] = build_drafts(ledger, drafts, name)
        return added

    added = storage.insert_many(path, build_all, stamp=stamp, into=into)
    said = f"added {len(added)} pledge(s) from {name}: {', '.join(c.id for c in added)}"
    if not added:
        said = f"nothing to add from {name}"
    if skipped:
        said += f"; skipped {len(skipped)} already in the ledger: {', '.join(skipped)}"
    state.output.note(said)


@app.command("edit")
def edit_cmd(ctx: typer.Context, commitment_id: IdArg, on: OnOpt = None) -> None:
    """Edit one commitment as TOML in $VISUAL or $EDITOR (default vi).

    On saving, the text is checked like the ledger; if it has a problem the editor
    opens again with the problem on top. Quitting without saving, or saving an empty
    file, changes nothing. The id cannot be changed.
    """
    from greentrade_cli.cli.editor import run_editor
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.ledgerfile.editing import edit_commitment

    state = state_of(ctx)
    path = _writable(state)
    when = change_date(on)
    file = state.load(holding=commitment_id)
    original = file.ledger.find(commitment_id)
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or None
    if command is None and not stdin_is_terminal():
        raise UsageError(
            "gt edit opens vi, which needs a terminal; run it in one, or set VISUAL or "
            "EDITOR to an editor's command"
        )
    result = edit_commitment(
        file, original, lambda text: run_editor(command or "vi", text, f"{original.id}.toml")
    )
    edited = result.commitment
    if edited is None:
        why = "no change made" if result.reason == "unchanged" else "an empty file was saved"
        state.output.note(f"{original.id}: {why}; the ledger is unchanged")
        return

    def change(ledger: Ledger) -> Any:
        if ledger.find(original.id) != original:
            raise DataError(
                f"{original.id} changed in the ledger while it was being edited; nothing was "
                "written, run gt edit again"
            )
        return edited

    storage.update(path, change, stamp=stamp_of(ctx, when), holding=original.id)
    state.output.note(f"{original.id}: saved")


@app.command("revise")
def revise_cmd(
    ctx: typer.Context,
    commitment_id: IdArg,
    note: Annotated[
        str,
        typer.Option(
            "--note", "-n", callback=checked_text, help="Why the target or deadline was revised."
        ),
    ],
    target_value: Annotated[
        str | None,
        typer.Option(
            "--target-value", metavar="NUMBER", help="The new target, in the unit (2,000 is 2000)."
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", callback=checked_text, help="The new unit; % is percentage points."),
    ] = None,
    direction: Annotated[
        Direction | None,
        typer.Option("--direction", help="increase: reach at least the target; decrease: at most."),
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline", metavar="WHEN", help="The new deadline: YYYY, YYYY-MM or YYYY-MM-DD."
        ),
    ] = None,
    baseline_value: Annotated[
        str | None,
        typer.Option("--baseline-value", metavar="NUMBER", help="The new baseline value."),
    ] = None,
    baseline_date: Annotated[
        str | None,
        typer.Option("--baseline-date", metavar="DATE", help="The new baseline's date."),
    ] = None,
    evidence: Annotated[
        str,
        typer.Option(
            "--evidence",
            "-e",
            callback=checked_text,
            help="What shows the revision: a document, URL or quote.",
        ),
    ] = "",
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="Date the revision took effect. Default: today."),
    ] = None,
) -> None:
    """Revise a pledge's target or deadline, keeping the version it replaces with its date.

    A revision that lowers ambition (a lower increase target, a higher decrease target, a
    later deadline, a changed baseline year) is flagged as weakened. Progress and pace use
    the target in force on the report date.
    """
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.tracking.draft import parse_deadline
    from greentrade_cli.tracking.revising import Change, ambition_flags, revise

    state = state_of(ctx)
    path = _writable(state)
    when = change_date(on)
    if deadline is not None:
        parse_deadline(deadline)
    change = Change(
        None if target_value is None else parse_number(target_value, "--target-value"),
        unit,
        direction,
        deadline,
        None if baseline_value is None else parse_number(baseline_value, "--baseline-value"),
        None if baseline_date is None else parse_date(baseline_date, "--baseline-date"),
    )

    def revised(ledger: Ledger) -> Any:
        commitment = ledger.find(commitment_id)
        return revise(commitment, change, when, note, evidence, ledger.pledged_on(commitment))

    changed = storage.update(path, revised, stamp=stamp_of(ctx, when), holding=commitment_id)
    flags = ambition_flags(changed.revised()[-1])
    said = f" ({'; '.join(flags)})" if flags else ""
    state.output.note(f"{changed.id}: revised on {when.isoformat()}{said}")


@app.command("remove")
def remove_cmd(
    ctx: typer.Context,
    commitment_id: IdArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    on: OnOpt = None,
) -> None:
    """Remove a commitment entered by mistake (asks first; `gt undo` puts it back).

    A pledge that the government dropped is not removed: mark it withdrawn
    (gt mark ID withdrawn --note ...) so that its record stays in the ledger.
    """
    from greentrade_cli.cli.stamping import stamp_of

    state = state_of(ctx)
    path = _writable(state)
    when = change_date(on)
    if yes:  # no question: the id is found once, under the lock
        gone = storage.remove(path, commitment_id, stamp=stamp_of(ctx, when), exact=False)
        state.output.note(f"removed {gone.id}; `gt undo` puts it back")
        return
    doomed = state.load(holding=commitment_id).ledger.find(commitment_id)
    if not yes:
        question = (
            f"Remove {doomed.id} ({doomed.title}; {len(doomed.history)} history entries, "
            f"{len(doomed.measurements)} measurements)? A dropped pledge is marked withdrawn instead"
        )
        try:
            confirmed = typer.confirm(question, default=False, err=True)
        except typer.Abort:
            confirmed = False
        if not confirmed:
            state.output.note(f"{doomed.id}: not removed")
            raise typer.Exit(1)
    storage.remove(path, doomed.id, stamp=stamp_of(ctx, when))
    state.output.note(f"removed {doomed.id}; `gt undo` puts it back")


@source_app.command("add")
def source_add_cmd(
    ctx: typer.Context,
    source_id: Annotated[
        str, typer.Argument(metavar="ID", help="Source id: lower-case letters, digits, hyphens.")
    ],
    title: Annotated[
        str, typer.Option("--title", callback=checked_text, help="The document's title.")
    ],
    publisher: Annotated[
        str, typer.Option("--publisher", callback=checked_text, help="Who published it.")
    ],
    date: Annotated[
        str, typer.Option("--date", metavar="DATE", help="Publication date, the pledges' date.")
    ],
    text: Annotated[
        Path | None,
        typer.Option(
            "--text",
            metavar="FILE",
            help="UTF-8 text of the document, archived as sources/ID.txt to check quotes.",
        ),
    ] = None,
    url: Annotated[
        str,
        typer.Option(
            "--url",
            metavar="URL",
            callback=checked_text,
            help="Where it was published (http/https).",
        ),
    ] = "",
    into: Annotated[
        Path | None,
        typer.Option(
            "--file",
            metavar="PATH",
            help="Declare it in this ledger file, or start this file (one the root includes).",
        ),
    ] = None,
    on: OnOpt = None,
) -> None:
    """Declare a new source document that commitments can quote."""
    from greentrade_cli.cli.stamping import stamp_of
    from greentrade_cli.ledgerfile.source_archive import declare_source

    state = state_of(ctx)
    path = _writable(state)
    when = change_date(on)
    source = Source(
        source_id, title.strip(), publisher.strip(), parse_date(date, "--date"), url=url.strip()
    )
    added = declare_source(path, source, text, stamp=stamp_of(ctx, when), into=into, on=when)
    archived = f" (text archived as {added.archive})" if added.archive else ""
    state.output.note(f"added source {added.id}{archived}")


@source_app.command("list")
def source_list_cmd(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """The sources: id, date, publisher, title, pledges citing it, URL."""
    from greentrade_cli.render.source_views import sources_table, sources_tsv
    from greentrade_cli.tracking.source_info import source_rows

    state = state_of(ctx)
    rows = source_rows(state.load().ledger, state.location().path)
    out = state.output
    print_report(
        out,
        lines=lambda: sources_tsv(rows),
        table=lambda: print_fitted(
            out, lambda width: sources_table(rows, width), "see every column with --json"
        ),
        to_json=(lambda: [r.to_json() for r in rows]) if as_json else None,
        empty=None if rows else "No sources declared yet; add one with `gt source add`.",
    )


@source_app.command("show")
def source_show_cmd(
    ctx: typer.Context,
    source_id: Annotated[str, typer.Argument(metavar="ID", help="Source id.")],
    as_json: JsonFlag = False,
) -> None:
    """One source, its archived text's size and SHA-256, and its pledges."""
    from greentrade_cli.render.source_views import source_lines, source_view
    from greentrade_cli.tracking.source_info import source_row

    state = state_of(ctx)
    ledger = state.load().ledger
    row = source_row(ledger, state.location().path, source_id)
    out = state.output
    print_report(
        out,
        lines=lambda: source_lines(ledger, row),
        table=lambda: out.print(source_view(ledger, row)),
        to_json=row.to_json if as_json else None,
    )
