"""The change log (``gt log``): every status change, measurement and edit, newest first.

Status changes and measurements come from the ledger itself (its history and
measurements); edits (commitments added, removed or changed otherwise, sources added)
come from the undo journal, whose records also tell who recorded a status change or a
measurement and with what command. Writes that were undone are left out: the log
describes the ledger as it stands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import tomli

from greentrade_cli.ledgerfile.blocks import Change, Table
from greentrade_cli.ledgerfile.journal import Entry, undoable
from greentrade_cli.ledgerfile.schema import COMMITMENT_KEYS
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.status import Status
from greentrade_cli.tracking.fields import status_move
from greentrade_cli.tracking.report import format_value
from greentrade_cli.tracking.revising import describe_revision


class LogKind(StrEnum):
    """What a log row records."""

    STATUS = "status"
    MEASUREMENT = "measurement"
    REVISION = "revision"
    EDIT = "edit"


@dataclass(frozen=True, slots=True)
class LogRow:
    """One change: on ``date`` (None for a write journaled without a date), ``what``
    happened to ``commitment`` (empty for a source or the whole file) of ``agency``.

    ``note`` and ``evidence`` are the analyst's words (for a measurement, ``evidence`` is
    where the figure was read); ``by`` and ``command`` come from the journal and are
    empty for changes made by hand.
    """

    date: dt.date | None
    commitment: str
    agency: str
    kind: LogKind
    what: str
    note: str = ""
    evidence: str = ""
    by: str = ""
    command: str = ""
    order: tuple[int, int, int] = (0, 0, 0)

    def to_json(self) -> dict[str, Any]:
        """The row as JSON-ready values (date as ``YYYY-MM-DD``; null for what is missing)."""
        return {
            "date": self.date.isoformat() if self.date else None,
            "commitment": self.commitment,
            "agency": self.agency,
            "kind": self.kind.value,
            "what": self.what,
            "note": self.note or None,
            "evidence": self.evidence or None,
            "by": self.by or None,
            "command": self.command,
        }


def _table(text: str | None) -> dict[str, Any]:
    """The ``[[commitments]]`` table a journaled block holds ({} when none)."""
    if not text:
        return {}
    try:
        tables = tomli.loads(text).get("commitments", [{}])
    except tomli.TOMLDecodeError:
        return {}
    return tables[0] if tables and isinstance(tables[0], dict) else {}


def _key(item: Mapping[str, Any], fields: Sequence[str]) -> tuple[Any, ...]:
    return tuple(item.get(name, "") for name in fields)


_HISTORY = ("date", "status", "reason", "note", "evidence")
_MEASUREMENT = ("date", "value", "source", "note")
_REVISION = ("date", "note")


def _added(before: Sequence[Any], after: Sequence[Any]) -> list[Any] | None:
    """The items ``after`` adds to ``before`` when it keeps every item of ``before`` (a
    measurement dated earlier than others is inserted, not appended); None when an item
    of ``before`` was changed or removed."""
    left = list(after)
    for item in before:
        if item not in left:
            return None
        left.remove(item)
    return left


def _files_text(changes: Sequence[Change], root: str) -> list[str]:
    """What the changes of one write to whole files did, in words: ``split commitments.toml
    into 2 file(s): ledger/a.toml, ledger/b.toml`` for a write that made files (``gt
    split``, whose change to the root is part of it), else ``changed the whole file
    ledger/a.toml`` for each; ``root`` is the root file's name."""
    made = [change.file for change in changes if change.before == "" and change.file]
    if made:
        return [f"split {root} into {len(made)} file(s): {', '.join(made)}"]
    return [f"changed the whole file {change.file or root}" for change in changes]


def _edit_text(change: Change) -> tuple[str, dict[str, Any]]:
    """What a journaled change to a block did, in words, and the commitment table it
    concerns."""
    if change.table is not Table.COMMITMENT:
        verb = (
            "added" if change.before is None else "removed" if change.after is None else "changed"
        )
        label = "source" if change.table is Table.SOURCE else "agency"
        return f"{verb} {label} {change.key}", {}
    before, after = _table(change.before), _table(change.after)
    if change.before is None:
        return "added", after
    if change.after is None:
        return "removed", before
    fields = [k for k in COMMITMENT_KEYS if before.get(k) != after.get(k)]
    for name in ("history", "measurements", "revisions"):
        if name in fields and _added(before.get(name, []), after.get(name, [])) is not None:
            fields.remove(name)
            if name == "history" and "status" in fields:
                fields.remove("status")
            if name == "revisions":  # logged as the revision itself
                fields = [f for f in fields if f not in ("target", "deadline")]
    return ("changed " + ", ".join(fields) if fields else ""), after


def _attribution(
    entries: Sequence[Entry],
) -> tuple[dict[tuple[Any, ...], Entry], list[tuple[Entry, Change]]]:
    """From the writes in effect: who added each history entry and measurement (keyed by
    commitment id and contents), and the changes to list as edits."""
    added: dict[tuple[Any, ...], Entry] = {}
    edits: list[tuple[Entry, Change]] = []
    for entry in sorted(undoable(entries), key=lambda e: e.seq):
        for change in entry.changes:
            edits.append((entry, change))
            if change.table is not Table.COMMITMENT or change.after is None:
                continue
            before, after = _table(change.before), _table(change.after)
            ident = after.get("id")
            for name, fields in (
                ("history", _HISTORY), ("measurements", _MEASUREMENT), ("revisions", _REVISION)
            ):  # fmt: skip
                for item in _added(before.get(name, []), after.get(name, [])) or ():
                    added[(ident, name, *_key(item, fields))] = entry
    return added, edits


def _journaled(who: Entry | None) -> tuple[str, str, int]:
    """Who added a history entry or measurement, with which command, in which journal
    record: ``("", "", 0)`` for one no journaled write added."""
    if who is None:
        return "", "", 0
    return (who.stamp.user if who.stamp else ""), who.command, who.seq


def _history_rows(
    c: Commitment, index: int, added: Mapping[tuple[Any, ...], Entry]
) -> list[LogRow]:
    rows = []
    previous = Status.PLEDGED
    for number, h in enumerate(c.history):
        reason = h.reason.value if h.reason else ""
        user, command, seq = _journaled(
            added.get((c.id, "history", h.date, h.status.value, reason, h.note, h.evidence))
        )
        rows.append(
            LogRow(
                h.date, c.id, c.agency_text, LogKind.STATUS, status_move(previous, h),
                h.note, h.evidence, user, command, (seq, index, number),
            )
        )  # fmt: skip
        previous = h.status
    for number, m in enumerate(c.measurements):
        user, command, seq = _journaled(
            added.get((c.id, "measurements", m.date, m.value, m.source, m.note))
        )
        rows.append(
            LogRow(
                m.date, c.id, c.agency_text, LogKind.MEASUREMENT, f"measured {format_value(m.value, c.unit_on(m.date))}",
                m.note, m.source, user, command, (seq, index, len(c.history) + number),
            )
        )  # fmt: skip
    for number, revised in enumerate(c.revised()):
        r = revised.revision
        user, command, seq = _journaled(added.get((c.id, "revisions", r.date, r.note)))
        what = "revised " + describe_revision(revised)
        order = (seq, index, len(c.history) + len(c.measurements) + number)
        rows.append(LogRow(r.date, c.id, c.agency_text, LogKind.REVISION, what, r.note, r.evidence,
                           user, command, order))  # fmt: skip
    return rows


def _agency_text(agency: object) -> str:
    """A commitment table's ``agency`` as a log shows it: ``MIIT``, or ``NDRC+NEA`` for
    the list of a joint pledge (lead first), as :attr:`Commitment.agency_text` does."""
    if isinstance(agency, list):
        return "+".join(str(code) for code in agency)
    return str(agency)


def _edit_row(entry: Entry, commitment: str, agency: str, what: str) -> LogRow:
    """The row of an edit made by the write ``entry``."""
    stamp = entry.stamp
    return LogRow(
        stamp.on if stamp else None,
        commitment,
        agency,
        LogKind.EDIT,
        what,
        by=stamp.user if stamp else "",
        command=entry.command if stamp else "",
        order=(entry.seq, -1, 0),
    )


def log_rows(
    ledger: Ledger,
    entries: Sequence[Entry],
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    agencies: Collection[str] | None = None,
    root: str = "the ledger file",
) -> list[LogRow]:
    """Every change to ``ledger`` from ``since`` to ``until`` (both included; None for no
    bound), newest first, for the agency codes in ``agencies`` (None for all).

    ``entries`` is the ledger's journal (:func:`greentrade_cli.ledgerfile.journal.read_journal`);
    ``root`` the name of the ledger's (root) file, for the writes kept as whole files.
    Rows of one day are ordered by journal record (later first), then by place in the
    ledger. Rows without a date sort last and are left out when a bound is given.
    """
    added, edits = _attribution(entries)
    rows: list[LogRow] = []
    for index, c in enumerate(ledger.commitments):
        rows += _history_rows(c, index, added)
    whole: dict[int, tuple[Entry, list[Change]]] = {}
    for entry, change in edits:
        if change.table is Table.FILE:
            whole.setdefault(entry.seq, (entry, []))[1].append(change)
            continue
        what, table = _edit_text(change)
        if what:
            key = change.key if change.table is Table.COMMITMENT else ""
            rows.append(_edit_row(entry, key, _agency_text(table.get("agency", "")), what))
    for entry, changes in whole.values():
        rows += [_edit_row(entry, "", "", what) for what in _files_text(changes, root)]
    if since is not None or until is not None:
        rows = [
            r
            for r in rows
            if r.date is not None
            and (since is None or r.date >= since)
            and (until is None or r.date <= until)
        ]
    if agencies is not None:
        rows = [r for r in rows if any(code in agencies for code in r.agency.split("+"))]
    rows.sort(key=lambda r: (r.date or dt.date.min, r.order), reverse=True)
    return rows
