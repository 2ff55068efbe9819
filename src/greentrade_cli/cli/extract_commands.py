"""``gt extract SOURCE``: propose the pledges in a source's archived text, for review."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from greentrade_cli.cli.app import app, state_of
from greentrade_cli.errors import one_line

if TYPE_CHECKING:
    from greentrade_cli.cli.output import Output
    from greentrade_cli.model.ledger import Ledger
    from greentrade_cli.tracking.extract import Candidate


def on_terminal() -> bool:
    """True when gt talks to a person: standard input and error are terminals."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def _describe(c: Candidate, number: int, count: int) -> list[str]:
    from greentrade_cli.tracking.report import format_value

    target = ""
    if c.target is not None:
        t = c.target
        word = "at least" if t.direction.value == "increase" else "at most"
        target = f"{word} {format_value(t.value, t.unit)} ({t.metric or 'metric not found'})"
    facts = [
        ("title", c.title),
        ("agency", "+".join(c.agencies) or "not found"),
        ("speaker", c.speaker),
        ("deadline", c.deadline or ""),
        ("target", target),
    ]
    lines = [f"[{number}/{count}] {' '.join(c.quote.split())}"]
    lines += [f"    {name}: {value}" for name, value in facts if value]
    return [one_line(line) for line in lines]  # archived text is data: escaped on a terminal


def _answer(text: str) -> str:
    """The letter of a review answer (``a`` or ``accept``...); raises :class:`UsageError`
    for any other."""
    from greentrade_cli.errors import UsageError

    said = text.strip().lower()
    for word in ("accept", "skip", "edit", "quit"):
        if said in (word, word[0]):
            return word[0]
    raise UsageError("answer a (accept), s (skip), e (edit) or q (quit)")


def _review(out: Output, ledger: Ledger, candidates: list[Candidate]) -> list[Candidate]:
    """Ask about each pledge on the terminal: accept, skip, edit (title, agency, deadline,
    each checked as `gt add` checks it, asked again until sound) or quit (the rest are
    skipped). Evidence is kept as it is. Text from the archive is shown with its control
    characters escaped (:func:`one_line`), the title offered for editing too."""
    from greentrade_cli.cli.app import checked_answer
    from greentrade_cli.tracking.draft import agency_codes, parse_deadline
    from greentrade_cli.tracking.extract import Kind

    def agencies(text: str) -> tuple[str, ...]:
        return agency_codes(ledger, [name for name in text.split("+") if name.strip()])

    def deadline(text: str) -> str | None:
        return None if text.strip() == "-" else parse_deadline(text).text

    pledges = [c for c in candidates if c.kind is Kind.PLEDGE]
    kept: list[Candidate] = []
    for number, c in enumerate(pledges, 1):
        for line in _describe(c, number, len(pledges)):
            out.note(line)
        choice = typer.prompt(
            "[a]ccept, [s]kip, [e]dit, [q]uit",
            default="a",
            err=True,
            value_proc=checked_answer(_answer),
        )
        answer = _answer(choice)
        if answer == "q":
            break
        if answer == "s":
            continue
        if answer == "e":
            title = typer.prompt(
                "Title", default=one_line(c.title), err=True, value_proc=checked_answer(str)
            )
            codes = typer.prompt(
                "Agency (codes joined by +, lead first)",
                default="+".join(c.agencies),
                err=True,
                value_proc=checked_answer(agencies),
            )
            when = typer.prompt(
                "Deadline (YYYY[-MM[-DD]], - for none)",
                default=c.deadline or "-",
                err=True,
                value_proc=checked_answer(deadline),
            )
            c = replace(c, title=title, agencies=agencies(codes), deadline=deadline(when))
        kept.append(c)
    return kept + [c for c in candidates if c.kind is not Kind.PLEDGE]


@app.command("extract")
def extract_cmd(
    ctx: typer.Context,
    source_id: Annotated[
        str, typer.Argument(metavar="SOURCE", help="Id of a source with archived text.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Draft file to write ('-': standard output). Default: SOURCE.draft.toml.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing FILE.")] = False,
    review: Annotated[
        bool,
        typer.Option(
            "--review/--no-review",
            help="Accept, skip or edit each pledge on a terminal (default there).",
        ),
    ] = True,
) -> None:
    """Propose the pledges in a source's archived text, as a draft file to review.

    Sentences (and clauses of an enumeration) that commit to future action become
    draft pledges, with the agency, speaker, deadline and numeric target read from the
    text; what was already done is listed as evidence. Review the file, then add the
    pledges with `gt add --from FILE`. Rules only: no network, no model.
    """
    from greentrade_cli.export.to_file import refuse_kept, write_export
    from greentrade_cli.tracking.draft_file import render_drafts
    from greentrade_cli.tracking.extract import Kind, extract, unquoted
    from greentrade_cli.tracking.source_text import archived_text

    state = state_of(ctx)
    where = state.location()
    file = state.load()
    ledger = file.ledger
    source, text = archived_text(ledger, where.path, source_id)
    candidates, known = unquoted(
        extract(text, list(ledger.agencies.values()), source.date.year),
        ((c.id, c.quote) for c in ledger.commitments if c.source == source.id),
    )
    out = state.output
    if known:
        ids = ", ".join(known)
        out.note(f"left out the proposed pledges whose sentences the ledger quotes already: {ids}")
    target = output or Path(f"{source.id}.draft.toml")
    if review and on_terminal() and target != Path("-"):
        candidates = _review(out, ledger, candidates)
        if not any(c.kind is Kind.PLEDGE for c in candidates):
            out.note(f"no pledge accepted, so no draft was written ({target})")
            return
    pledges = sum(1 for c in candidates if c.kind is Kind.PLEDGE)
    evidence = len(candidates) - pledges
    note = (
        f"Pledges proposed by `gt extract {source.id}` from its archived text.\n"
        "Review each: correct it, or delete its [[commitments]] table; then add them with\n"
        "`gt add --from FILE`."
    )
    draft = render_drafts(candidates, source.id, note)
    if target == Path("-"):
        out.data(draft)
    else:
        from greentrade_cli.errors import DataError

        refuse_kept(target, file)
        if target.exists() and not force:
            raise DataError(
                f"{target} already exists; pass --force to overwrite it or give --output FILE"
            )
        write_export(target, draft.encode("utf-8"), file)
    found = f"{pledges} draft pledge(s) and {evidence} piece(s) of evidence"
    if target == Path("-"):
        out.note(
            f"wrote {found} to standard output; save it to a file, review it, then `gt add --from FILE`"
        )
    else:
        out.note(f"wrote {found} to {target}; review it, then `gt add --from {target}`")
