"""Draft files of new pledges: what ``gt extract`` writes and ``gt add --from FILE`` reads.

A draft file is in the ledger's own format: ``[[commitments]]`` tables with the keys of
a ledger's commitments (and its ``[commitments.target]``), less those a new pledge does
not have yet (``status``, ``history``, ``measurements``); ``id`` may be left out to
derive one. Comments carry what a reviewer needs and the evidence found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import tomli

from greentrade_cli.errors import DataError, GtError, one_line
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.numbers import parse_number
from greentrade_cli.model.target import Direction
from greentrade_cli.tracking.draft import Draft, build
from greentrade_cli.tracking.extract import Candidate, Kind

TEXT_KEYS = ("id", "title", "source", "quote", "speaker", "speaker_role", "deadline")
"""The keys of a draft pledge holding one string (besides ``agency``, ``tags`` and ``target``)."""
TARGET_KEYS = ("metric", "unit", "value", "direction", "baseline")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _printable_toml(toml: str) -> str:
    """``toml`` from :mod:`tomli_w` (which escapes C0 controls only) with every other
    character :func:`one_line` would escape (C1 controls, bidirectional overrides) written
    as a TOML escape: the same string, with no control left to reach a terminal raw.
    Only strings hold such characters."""
    if toml.replace("\n", "").isprintable():
        return toml
    return "".join(
        ch
        if ch == "\n" or ch.isprintable()
        else f"\\u{ord(ch):04X}"
        if ord(ch) < 0x10000
        else f"\\U{ord(ch):08X}"
        for ch in toml
    )


def render_drafts(candidates: Sequence[Candidate], source_id: str, note: str) -> str:
    """The draft file of the pledges among ``candidates`` (all citing ``source_id``),
    with the evidence after them as comments; ``note`` heads the file as a comment.
    Control characters of the archived text are escaped: in strings as TOML escapes (the
    text reads back as it was), in comments as :func:`one_line` writes them."""
    import tomli_w

    parts = [f"# {line}".rstrip() for line in note.splitlines()]
    pledges = [c for c in candidates if c.kind is Kind.PLEDGE]
    for number, c in enumerate(pledges, 1):
        table: dict[str, Any] = {"title": c.title or _one_line(c.quote)[:80]}
        table["agency"] = list(c.agencies) if len(c.agencies) > 1 else "".join(c.agencies)
        if c.speaker:
            table["speaker"] = c.speaker
        if c.speaker_role:
            table["speaker_role"] = c.speaker_role
        table.update(source=source_id, quote=_one_line(c.quote))
        if c.deadline:
            table["deadline"] = c.deadline
        if c.target is not None:
            table["target"] = {
                "metric": c.target.metric or f"the figure in {c.target.unit} (name it)",
                "unit": c.target.unit,
                "value": c.target.value,
                "direction": c.target.direction.value,
            }
        missing = "" if c.agencies else " (no agency found: fill in agency)"
        parts += ["", f"# {number} of {len(pledges)}{missing}"]
        parts.append(_printable_toml(tomli_w.dumps({"commitments": [table]})).rstrip("\n"))
    evidence = [c for c in candidates if c.kind is Kind.EVIDENCE]
    if evidence:
        parts += ["", "# Evidence: what the source says was already done (not pledges)."]
        parts += [f"# - {one_line(_one_line(c.quote))}" for c in evidence]
    return "\n".join(parts) + "\n"


def _text(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key, "")
    if isinstance(value, dt.date) and key == "deadline":
        return value.isoformat()
    if not isinstance(value, str):
        raise DataError(f"{where}.{key}: must be a string")
    return value


def _draft(table: object, where: str) -> Draft:
    if not isinstance(table, dict):
        raise DataError(f"{where}: must be a table")
    known = {*TEXT_KEYS, "agency", "tags", "target"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise DataError(
            f"{where}: unknown key {unknown[0]!r}; a draft pledge has {', '.join(sorted(known))}"
        )
    texts = {key: _text(table, key, where) for key in TEXT_KEYS}
    agency = table.get("agency", "")
    codes = agency if isinstance(agency, list) else [agency]
    if not codes or not all(isinstance(code, str) for code in codes):
        raise DataError(f"{where}.agency: must be an agency code or a list of codes, lead first")
    tags = table.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise DataError(f"{where}.tags: must be a list of strings")
    target = table.get("target")
    fields: dict[str, Any] = {}
    if target is not None:
        if not isinstance(target, dict) or set(target) - set(TARGET_KEYS):
            raise DataError(f"{where}.target: must be a table of {', '.join(TARGET_KEYS)}")
        for key in ("value", "baseline"):
            raw = target.get(key)
            if raw is not None and not isinstance(raw, int | float):
                raise DataError(f"{where}.target.{key}: must be a number")
            fields[key] = None if raw is None else parse_number(str(raw), f"{where}.target.{key}")
        try:
            direction = Direction(target.get("direction", ""))
        except ValueError:
            raise DataError(f"{where}.target.direction: must be increase or decrease") from None
        fields.update(
            metric=str(target.get("metric", "")),
            unit=str(target.get("unit", "")),
            direction=direction,
        )
    return Draft(
        title=texts["title"],
        agency=codes[0],
        joint=tuple(codes[1:]),
        source=texts["source"],
        quote=texts["quote"],
        id=texts["id"] or None,
        speaker=texts["speaker"],
        speaker_role=texts["speaker_role"],
        deadline=texts["deadline"] or None,
        tags=tuple(tags),
        metric=fields.get("metric", ""),
        target_value=fields.get("value"),
        target_unit=fields.get("unit", ""),
        direction=fields.get("direction"),
        baseline=fields.get("baseline"),
    )


def read_drafts(text: str, name: str) -> list[Draft]:
    """The draft pledges in a draft file's ``text`` (``name`` is how errors name the
    file). Raises :class:`DataError` naming the file and the entry for text that is not
    TOML, no ``[[commitments]]`` table, or a key of the wrong kind."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise DataError(f"{name}: not TOML ({exc}); fix the file and run this again") from None
    tables = data.get("commitments")
    if not isinstance(tables, list) or not tables:
        raise DataError(f"{name}: no [[commitments]] table; nothing to add")
    return [_draft(table, f"{name}: commitments[{i}]") for i, table in enumerate(tables)]


def build_drafts(
    ledger: Ledger, drafts: Sequence[Draft], name: str
) -> tuple[list[Commitment], list[str]]:
    """The new commitments ``drafts`` (read from the draft file ``name``) describe, in
    order, each with an id the ledger and those before it do not use; and the ids of the
    ledger's commitments a draft describes again (same source, quote and title), skipped,
    so that adding a file twice adds nothing the second time. Raises :class:`DataError` naming the
    file and the draft for one that is incomplete or that :func:`build` refuses."""
    added: list[Commitment] = []
    skipped: list[str] = []
    known = {(c.source, c.quote, c.title): c.id for c in ledger.commitments}
    for index, draft in enumerate(drafts):
        there = known.get((draft.source.strip(), draft.quote.strip(), draft.title.strip()))
        if there is not None:
            skipped.append(there)
            continue
        where = f"{name}: commitments[{index}]"
        missing = draft.missing()
        if missing:
            raise DataError(f"{where}: needs {', '.join(missing)}; fill it in the file")
        try:
            commitment = build(ledger, draft)
        except GtError as exc:
            raise DataError(f"{where} ({draft.title!r}): {exc}") from None
        added.append(commitment)
        ledger = replace(ledger, commitments=(*ledger.commitments, commitment))
    return added, skipped
