"""The ledger's TOML schema: turning parsed TOML into typed objects (collecting every
problem with its line) and typed objects back into TOML data.

The layout is documented in docs/ledger-format.md.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from pathlib import PurePosixPath
from typing import Any

from greentrade_cli import SCHEMA_VERSION
from greentrade_cli.errors import DeadlineFormatError, Problem
from greentrade_cli.ledgerfile.tomlmap import TomlMap
from greentrade_cli.model.agency import AGENCY_FORMAT, AGENCY_RULE, Agency, name_key
from greentrade_cli.model.baseline import Baseline
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.deadline import Deadline
from greentrade_cli.model.history import REASONED_STATUSES, HistoryEntry, Reason
from greentrade_cli.model.ids import ID_FORMAT, id_length_problem
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.revision import Revision
from greentrade_cli.model.shared import SHARED_FIELDS, shared
from greentrade_cli.model.source import Source, url_problem
from greentrade_cli.model.status import Status
from greentrade_cli.model.target import Direction, Target, share_problem

_COMMITMENT_FIELDS = fields(Commitment)
COMMITMENT_KEYS = tuple(f.name for f in _COMMITMENT_FIELDS if f.name != "joint")
"""The keys of a ``[[commitments]]`` table: the fields of :class:`Commitment`, by name
(but ``joint``: a joint pledge's agencies are one ``agency`` list, lead first)."""
REQUIRED_KEYS = tuple(f.name for f in _COMMITMENT_FIELDS if f.default is MISSING)
"""The keys every commitment must have: the model's fields without a default."""
OPTIONAL_TEXT_KEYS = tuple(f.name for f in _COMMITMENT_FIELDS if f.default == "")
"""Free-text keys that may be left out (the speaker and their role)."""


@dataclass(slots=True)
class _Checker:
    """Collects problems while reading one ledger; ``where`` finds their lines.

    ``shared`` maps each other string read to the first equal one in the file: one
    object for each value takes less memory and is cached and loaded faster. Dates and
    the values of :data:`~greentrade_cli.model.shared.SHARED_FIELDS` are shared across
    files (:func:`~greentrade_cli.model.shared.shared`).
    """

    where: TomlMap
    problems: list[Problem] = field(default_factory=list)
    shared: dict[object, object] = field(default_factory=dict)

    def add(
        self, section: str, key: str | None, cid: str | None, field_: str | None, msg: str
    ) -> None:
        self.problems.append(Problem(self.where.line(section, key), cid, field_, msg))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value: object) -> bool:
    return isinstance(value, str)


def _is_date(value: object) -> bool:
    return type(value) is dt.date


_TYPES: dict[str, tuple[Callable[[object], bool], str]] = {
    "str": (_text, "a string"),
    "date": (_is_date, "a date such as 2025-10-31 (no quotes, no time)"),
    "number": (_is_number, "a number"),
}


def _get(
    chk: _Checker,
    table: Mapping[str, Any],
    key: str,
    kind: str,
    section: str,
    cid: str | None,
    field_: str,
    required: bool = True,
) -> Any:
    """Return ``table[key]`` when it has the right kind, else record a problem and return None."""
    if key not in table:
        if required:
            chk.add(section, None, cid, field_, "missing; this field is required")
        return None
    value = table[key]
    test, described = _TYPES[kind]
    if not test(value):
        chk.add(section, key, cid, field_, f"must be {described}, not {describe_value(value)}")
        return None
    if kind == "number" and not math.isfinite(value):
        why = (
            " (a number beyond ±1.8e308, such as 1e309, reads as inf)" if math.isinf(value) else ""
        )
        chk.add(section, key, cid, field_, f"must be a finite number, not {value!r}{why}")
        return None
    if kind == "str" and required and not value.strip():
        chk.add(section, key, cid, field_, "must not be empty")
        return None
    if kind == "str" and (problem := text_problem(value)):
        chk.add(section, key, cid, field_, problem)
        return None
    if kind == "number":
        return value
    return (
        shared(value)
        if kind == "date" or key in SHARED_FIELDS
        else chk.shared.setdefault(value, value)
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters no ledger text may hold: C0 and C1 controls (tab, line feed, NEL
and the Unicode line separators are allowed: they break lines, as text pasted from the
web does, and every export handles them), and the bidirectional embeddings, overrides
and isolates, which make a terminal or a page show text in another order than it is
stored ("Trojan Source", CVE-2021-42574)."""


def text_problem(value: str) -> str | None:
    """What is wrong with ``value`` as ledger text, or None: the one rule for every text
    field (titles, quotes, notes, tags, agency names and aliases...). A control character
    such as ESC would reach a terminal raw and could rewrite what it shows."""
    bad = _CONTROL.search(value)
    if bad is None:
        return None
    code = ord(bad.group())
    if code >= 0x202A:
        return (
            f"holds the bidirectional control character U+{code:04X}, which would show the "
            "text in another order than it is written; remove it"
        )
    return (
        f"holds the control character U+{code:04X}, which would garble "
        "terminals and exports; remove it"
    )


def _strings(
    chk: _Checker, table: Mapping[str, Any], key: str, section: str, cid: str | None, field_: str
) -> tuple[str, ...]:
    """``table[key]`` as a list of non-empty strings held to :func:`text_problem` (an empty
    tuple when missing), else record a problem and return an empty tuple."""
    raw = table.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(t, str) and t.strip() for t in raw):
        chk.add(section, key, cid, field_, "must be a list of non-empty strings")
        return ()
    for index, item in enumerate(raw):
        if why := text_problem(item):
            chk.add(section, key, cid, f"{field_}[{index}]", why)
            return ()
    return shared(tuple(map(shared, raw))) if key in SHARED_FIELDS else tuple(raw)


def describe_value(value: object) -> str:
    """How a TOML value reads to a person editing the file: ``a date (2030-01-01)``,
    ``true``, ``a list``, ``a table``, a quoted string or the number as written."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return f"a date with a time ({value.isoformat()})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, dt.time):
        return f"a time ({value.isoformat()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def _unknown_keys(
    chk: _Checker, table: Mapping[str, Any], allowed: tuple[str, ...], section: str, cid: str | None
) -> None:
    for key in table:
        if key not in allowed:
            chk.add(section, key, cid, key, f"unknown field; known fields: {', '.join(allowed)}")


def _agencies(chk: _Checker, data: Mapping[str, Any]) -> dict[str, Agency]:
    result: dict[str, Agency] = {}
    raw = data.get("agencies", {})
    if not isinstance(raw, dict):
        chk.add("", "agencies", None, "agencies", "must be a table of [agencies.CODE] tables")
        return result
    for code, table in raw.items():
        section = f"agencies.{code}"
        if not AGENCY_FORMAT.fullmatch(code):
            chk.add(section, None, None, section, f"agency code must be {AGENCY_RULE}")
        if not isinstance(table, dict):
            chk.add(section, None, None, section, "must be a table")
            continue
        _unknown_keys(chk, table, ("name", "name_zh", "aliases"), section, None)
        name = _get(chk, table, "name", "str", section, None, f"{section}.name")
        name_zh = _get(chk, table, "name_zh", "str", section, None, f"{section}.name_zh", False)
        aliases = _strings(chk, table, "aliases", section, None, f"{section}.aliases")
        if name is not None:
            result[code] = Agency(code, name, name_zh or "", aliases)
    _name_clashes(chk, result)
    return result


def _name_clashes(chk: _Checker, agencies: Mapping[str, Agency]) -> None:
    """A problem for each name of an agency (code, name, Chinese name, alias) that an
    agency declared before it answers to already: a user typing it could mean either."""
    owner: dict[str, tuple[str, str]] = {}
    for agency in agencies.values():
        section = f"agencies.{agency.code}"
        names = [
            (None, section, "code", agency.code),
            ("name", f"{section}.name", "name", agency.name),
            ("name_zh", f"{section}.name_zh", "Chinese name", agency.name_zh),
            *(
                ("aliases", f"{section}.aliases[{index}]", "alias", alias)
                for index, alias in enumerate(agency.aliases)
            ),
        ]
        for key, field_, kind, value in names:
            if not value:
                continue
            code, first = owner.setdefault(name_key(value), (agency.code, kind))
            if code != agency.code:
                article = "an" if first == "alias" else "the"
                chk.add(section, key, None, field_,
                        f"{kind} {value!r} is also {article} {first} of agency {code}; a name "
                        "must pick out one agency, so change or remove one of them")  # fmt: skip


def _sources(chk: _Checker, data: Mapping[str, Any]) -> dict[str, Source]:
    result: dict[str, Source] = {}
    raw = data.get("sources", {})
    if not isinstance(raw, dict):
        chk.add("", "sources", None, "sources", "must be a table of [sources.ID] tables")
        return result
    for sid, table in raw.items():
        section = f"sources.{sid}"
        if not ID_FORMAT.fullmatch(sid):
            chk.add(
                section,
                None,
                None,
                section,
                "source id must be lower-case letters, digits and hyphens",
            )
        elif problem := id_length_problem(sid):
            chk.add(section, None, None, section, f"source id: {problem}")
        if not isinstance(table, dict):
            chk.add(section, None, None, section, "must be a table")
            continue
        _unknown_keys(chk, table, ("title", "publisher", "date", "archive", "url"), section, None)
        title = _get(chk, table, "title", "str", section, None, f"{section}.title")
        publisher = _get(chk, table, "publisher", "str", section, None, f"{section}.publisher")
        date = _get(chk, table, "date", "date", section, None, f"{section}.date")
        archive = _get(chk, table, "archive", "str", section, None, f"{section}.archive", False)
        if archive and (
            PurePosixPath(archive).is_absolute() or ".." in PurePosixPath(archive).parts
        ):
            chk.add(section, "archive", None, f"{section}.archive",
                    f"{archive!r} must be a path inside the ledger's folder, such as "
                    "sources/ID.txt")  # fmt: skip
            archive = None
        url = _get(chk, table, "url", "str", section, None, f"{section}.url", False) or ""
        problem = url_problem(url) if url else None
        if problem is not None:
            chk.add(section, "url", None, f"{section}.url", problem)
        if title is not None and publisher is not None and date is not None:
            result[sid] = Source(sid, title, publisher, date, archive or "", url)
    return result


def _dated_entries(
    chk: _Checker,
    raw: object,
    section: str,
    name: str,
    cid: str,
    pledged_on: dt.date | None,
    keys: tuple[str, ...],
    build: Callable[[dict[str, Any], str, dt.date], Any],
) -> tuple[Any, ...]:
    """Read a list of dated tables (history or measurements): types, order, and none
    before ``pledged_on`` when it is given (history: a status cannot change before the
    pledge; a measurement may be older). ``build`` makes an entry of a table, its
    section and its date."""
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        chk.add(section, name, cid, name, "must be a list of tables")
        return ()
    result = []
    previous: dt.date | None = None
    for index, item in enumerate(raw):
        where = f"{section}.{name}[{index}]"
        label = f"{name}[{index}]"
        _unknown_keys(chk, item, keys, where, cid)
        date = _get(chk, item, "date", "date", where, cid, f"{label}.date")
        if date is None:
            continue
        if previous is not None and date < previous:
            chk.add(
                where,
                "date",
                cid,
                f"{label}.date",
                f"{date} is before the entry above it ({previous}); keep {name} in date order",
            )
        if pledged_on is not None and date < pledged_on:
            chk.add(
                where,
                "date",
                cid,
                f"{label}.date",
                f"{date} is before the pledge was made ({pledged_on})",
            )
        previous = date
        entry = build(item, where, date)
        if entry is not None:
            result.append(entry)
    return tuple(result)


def unknown_source(sid: str) -> str:
    """The problem of a commitment quoting the source ``sid`` that neither its own file
    nor the root declares."""
    return f"unknown source {sid!r}; declare it in a [sources.{sid}] table"


def unknown_source_of(message: str) -> str | None:
    """The source id of an :func:`unknown_source` message; None for another message."""
    sid = message.rpartition("[sources.")[2].removesuffix("] table")
    return sid if message == unknown_source(sid) else None


def _commitment(
    chk: _Checker,
    index: int,
    table: Mapping[str, Any],
    agencies: Mapping[str, Agency],
    sources: Mapping[str, Source],
    seen: set[str],
    declared: frozenset[str] = frozenset(),
) -> Commitment | None:
    section = f"commitments[{index}]"
    raw_id = table.get("id")
    cid = raw_id if isinstance(raw_id, str) else f"commitment #{index + 1}"
    _unknown_keys(chk, table, COMMITMENT_KEYS, section, cid)
    joint: tuple[str, ...] = ()
    codes = table.get("agency")
    if isinstance(codes, list):  # a joint pledge: agency = ["NDRC", "NEA"], lead first
        table = {**table, "agency": codes[0] if codes else ""}
        texts = all(isinstance(code, str) for code in codes)
        if not codes or not texts or len(set(codes)) != len(codes):
            chk.add(section, "agency", cid, "agency",
                    "must be an agency code or a list of distinct codes, the lead agency first "
                    '(agency = ["NDRC", "NEA"])')  # fmt: skip
            table = {k: v for k, v in table.items() if k != "agency"}
        else:
            joint = shared(tuple(map(shared, codes[1:])))
    values = {
        key: _get(chk, table, key, "str", section, cid, key)
        for key in REQUIRED_KEYS
        if key in table or key != "agency" or not isinstance(codes, list)
    }
    values.setdefault("agency", None)
    for key in OPTIONAL_TEXT_KEYS:
        values[key] = _get(chk, table, key, "str", section, cid, key, False) or ""
    ident = values["id"]
    if ident is not None:
        if not ID_FORMAT.fullmatch(ident):
            chk.add(
                section,
                "id",
                cid,
                "id",
                "must be lower-case letters and digits joined by '-' or '.' (e.g. miit-green-factories-2030)",
            )
        elif problem := id_length_problem(ident):
            chk.add(section, "id", cid, "id", problem)
        elif ident in seen:
            chk.add(section, "id", cid, "id", "duplicate id; every commitment needs its own")
        seen.add(ident)
    for code in (values["agency"], *joint) if values["agency"] is not None else ():
        if code not in agencies and f"agencies.{code}" not in declared:  # else its own problems
            known = ", ".join(agencies) or "none declared"
            chk.add(
                section,
                "agency",
                cid,
                "agency",
                f"unknown agency {code!r}; declare [agencies.{code}] or use one of: {known}",
            )
    pledged_on = None
    if values["source"] is not None:
        if values["source"] in sources:
            pledged_on = sources[values["source"]].date
        elif f"sources.{values['source']}" not in declared:  # else its own problems say why
            chk.add(section, "source", cid, "source", unknown_source(values["source"]))
    status = None
    if values["status"] is not None:
        try:
            status = Status(values["status"])
        except ValueError:
            chk.add(
                section,
                "status",
                cid,
                "status",
                f"unknown status {values['status']!r}; use one of: {', '.join(s.value for s in Status)}",
            )
    deadline = None
    raw_deadline = _get(chk, table, "deadline", "str", section, cid, "deadline", False)
    if raw_deadline is not None:
        try:
            deadline = shared(Deadline.parse(raw_deadline))
        except DeadlineFormatError as exc:
            chk.add(section, "deadline", cid, "deadline", str(exc))
    if deadline and pledged_on and (problem := deadline.pledge_problem(pledged_on)):
        chk.add(section, "deadline", cid, "deadline", problem)
    tags = _strings(chk, table, "tags", section, cid, "tags")

    def history_entry(item: dict[str, Any], where: str, date: dt.date) -> HistoryEntry | None:
        label = where[len(section) + 1 :]
        raw_status = _get(chk, item, "status", "str", where, cid, f"{label}.status")
        note = _get(chk, item, "note", "str", where, cid, f"{label}.note", False) or ""
        evidence = _get(chk, item, "evidence", "str", where, cid, f"{label}.evidence", False) or ""
        if raw_status is None:
            return None
        try:
            entry_status = Status(raw_status)
        except ValueError:
            chk.add(
                where,
                "status",
                cid,
                f"{label}.status",
                f"unknown status {raw_status!r}; use one of: {', '.join(s.value for s in Status)}",
            )
            return None
        reason = None
        raw_reason = _get(chk, item, "reason", "str", where, cid, f"{label}.reason", False)
        if raw_reason is not None:
            allowed = ", ".join(s.value for s in REASONED_STATUSES)
            try:
                reason = Reason(raw_reason)
            except ValueError:
                chk.add(where, "reason", cid, f"{label}.reason",
                        f"unknown reason {raw_reason!r}; use one of: "
                        f"{', '.join(r.value for r in Reason)}")  # fmt: skip
            else:
                if entry_status not in REASONED_STATUSES:
                    chk.add(where, "reason", cid, f"{label}.reason",
                            f"a reason is given only for a status of {allowed}, not "
                            f"{entry_status.value!r}; remove it")  # fmt: skip
                    reason = None
        return HistoryEntry(date, entry_status, note, evidence, reason)

    target = _target(chk, table.get("target"), section, cid)

    def measurement(item: dict[str, Any], where: str, date: dt.date) -> Measurement | None:
        label = where[len(section) + 1 :]
        value = _get(chk, item, "value", "number", where, cid, f"{label}.value")
        if value is not None and target is not None and (why := target.share_problem(value)):
            chk.add(where, "value", cid, f"{label}.value", why)
        source = _get(chk, item, "source", "str", where, cid, f"{label}.source", False) or ""
        note = _get(chk, item, "note", "str", where, cid, f"{label}.note", False) or ""
        return None if value is None else Measurement(date, float(value), source, note)

    history = _dated_entries(
        chk,
        table.get("history", []),
        section,
        "history",
        cid,
        pledged_on,
        ("date", "status", "reason", "note", "evidence"),
        history_entry,
    )
    measurements = _dated_entries(
        chk,
        table.get("measurements", []),
        section,
        "measurements",
        cid,
        None,
        ("date", "value", "source", "note"),
        measurement,
    )

    def revision(item: dict[str, Any], where: str, date: dt.date) -> Revision | None:
        label = where[len(section) + 1 :]
        note = _get(chk, item, "note", "str", where, cid, f"{label}.note")
        evidence = _get(chk, item, "evidence", "str", where, cid, f"{label}.evidence", False)
        before = _target(chk, item.get("target"), where, cid)
        raw = _get(chk, item, "deadline", "str", where, cid, f"{label}.deadline", False)
        before_deadline = None
        if raw is not None:
            try:
                before_deadline = shared(Deadline.parse(raw))
            except DeadlineFormatError as exc:
                chk.add(where, "deadline", cid, f"{label}.deadline", str(exc))
        if note is None:
            return None
        return Revision(date, note, before, before_deadline, evidence or "")

    revisions = _dated_entries(
        chk,
        table.get("revisions", []),
        section,
        "revisions",
        cid,
        pledged_on,
        ("date", "note", "evidence", "deadline", "target"),
        revision,
    )
    if measurements and target is None and "target" not in table:
        chk.add(
            section, "measurements", cid, "measurements", "measurements need a [commitments.target]"
        )
    if status is not None and history and history[-1].status is not status:
        chk.add(
            section,
            "status",
            cid,
            "status",
            f"is {status.value!r} but the last history entry says {history[-1].status.value!r}",
        )
    if status is Status.MET and not (
        history and history[-1].status is Status.MET and history[-1].evidence.strip()
    ):
        chk.add(
            section,
            "status",
            cid,
            "status",
            "is 'met' without evidence; add a history entry with status = \"met\" and its evidence",
        )
    if any(values[key] is None for key in REQUIRED_KEYS) or status is None:
        return None
    return Commitment(
        id=values["id"],
        title=values["title"],
        agency=values["agency"],
        source=values["source"],
        quote=values["quote"],
        status=status,
        **{key: values[key] for key in OPTIONAL_TEXT_KEYS},
        deadline=deadline,
        tags=tags,
        history=history,
        measurements=measurements,
        target=target,
        revisions=revisions,
        joint=joint,
    )


def _target(chk: _Checker, raw: object, section: str, cid: str) -> Target | None:
    if raw is None:
        return None
    tsection = f"{section}.target"
    if not isinstance(raw, dict):
        chk.add(section, "target", cid, "target", "must be a table")
        return None
    _unknown_keys(chk, raw, ("metric", "unit", "value", "direction", "baseline"), tsection, cid)
    metric = _get(chk, raw, "metric", "str", tsection, cid, "target.metric")
    unit = _get(chk, raw, "unit", "str", tsection, cid, "target.unit")
    value = _get(chk, raw, "value", "number", tsection, cid, "target.value")
    raw_direction = _get(chk, raw, "direction", "str", tsection, cid, "target.direction")
    direction = None
    if raw_direction is not None:
        try:
            direction = Direction(raw_direction)
        except ValueError:
            chk.add(
                tsection,
                "direction",
                cid,
                "target.direction",
                f"unknown direction {raw_direction!r}; use 'increase' or 'decrease'",
            )
    baseline = None
    raw_baseline = raw.get("baseline")
    if raw_baseline is not None:
        bsection = f"{tsection}.baseline"
        if not isinstance(raw_baseline, dict):
            chk.add(
                tsection, "baseline", cid, "target.baseline", "must be a table with value and date"
            )
        else:
            _unknown_keys(chk, raw_baseline, ("value", "date"), bsection, cid)
            bvalue = _get(
                chk, raw_baseline, "value", "number", bsection, cid, "target.baseline.value"
            )
            bdate = _get(
                chk, raw_baseline, "date", "date", bsection, cid, "target.baseline.date", False
            )
            if bvalue is not None:
                baseline = Baseline(float(bvalue), bdate)
    if metric is not None and unit is not None:  # a share is 0 to 100%
        if value is not None and (why := share_problem(metric, unit, value)):
            chk.add(tsection, "value", cid, "target.value", why)
        if baseline is not None and (why := share_problem(metric, unit, baseline.value)):
            chk.add(f"{tsection}.baseline", "value", cid, "target.baseline.value", why)
    if baseline is not None and value is not None and direction is not None:
        wrong = (direction is Direction.INCREASE and baseline.value >= value) or (
            direction is Direction.DECREASE and baseline.value <= value
        )
        if wrong:
            chk.add(
                tsection,
                "direction",
                cid,
                "target.direction",
                f"{direction.value} from baseline {baseline.value:g} to target {value:g} is not possible; "
                "check the direction or the values",
            )
    if metric is None or unit is None or value is None or direction is None:
        return None
    return Target(metric, unit, float(value), direction, baseline)


@dataclass(frozen=True, slots=True)
class ParsedLedger:
    """What :func:`read_ledger_data` found: typed objects plus every problem, with lines."""

    agencies: dict[str, Agency]
    sources: dict[str, Source]
    commitments: tuple[Commitment, ...]
    problems: tuple[Problem, ...]
    includes: tuple[str, ...] = ()


def _includes(chk: _Checker, data: Mapping[str, Any]) -> tuple[str, ...]:
    """The root ledger's ``include`` list: paths or glob patterns, relative to its folder."""
    raw = data.get("include", [])
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        chk.add("", "include", None, "include",
                'must be a list of paths or patterns, such as include = ["ledger/*.toml"]')  # fmt: skip
        return ()
    if not all(p.strip() for p in raw):
        chk.add("", "include", None, "include",
                "an empty pattern is not allowed; remove it from the list")  # fmt: skip
        return ()
    return tuple(raw)


def read_ledger_data(
    data: Mapping[str, Any],
    where: TomlMap,
    root: tuple[Mapping[str, Agency], Mapping[str, Source]] | None = None,
) -> ParsedLedger:
    """Validate parsed TOML ``data`` against the schema and build typed objects.

    ``where`` gives line numbers for problems. ``root`` is, for a file the root ledger
    includes, the root's agencies and sources: such a file declares no agency and no
    ``include``, and its commitments may quote the root's sources or its own (the
    ``sources`` returned hold both). Never raises for bad content: every problem is
    returned in ``problems`` (empty when the ledger is sound), and commitments that could
    not be built are left out.
    """
    chk = _Checker(where)
    if root is not None:
        for key in ("agencies", "include"):
            if key in data:
                found = data[key]
                first = next(iter(found), "") if isinstance(found, dict) else ""
                section, name = (f"{key}.{first}", None) if first else ("", key)
                chk.add(section, name, None, key,
                        f"an included file holds sources and commitments only; move {key} "
                        "to the root ledger")  # fmt: skip
    keys = ("schema", "agencies", "sources", "commitments", "include")
    _unknown_keys(chk, data, keys, "", None)
    version = data.get("schema", SCHEMA_VERSION)
    if type(version) is not int or version != SCHEMA_VERSION:
        chk.add(
            "",
            "schema",
            None,
            "schema",
            f"unsupported schema version {describe_value(version)}; this gt reads {SCHEMA_VERSION}",
        )
    includes = _includes(chk, data) if root is None else ()
    agencies = _agencies(chk, data) if root is None else dict(root[0])
    sources = _sources(chk, data)
    if root is not None:
        for sid in sources.keys() & root[1].keys():
            chk.add(f"sources.{sid}", None, None, f"sources.{sid}",
                    "duplicate source id: the root ledger declares it already")  # fmt: skip
        sources = {**root[1], **sources}
    raw = data.get("commitments", [])
    commitments: list[Commitment] = []
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        chk.add(
            "", "commitments", None, "commitments", "must be an array of [[commitments]] tables"
        )
        raw = []
    seen: set[str] = set()
    declared = frozenset(
        f"{kind}.{name}"
        for kind in ("agencies", "sources")
        if isinstance(data.get(kind), dict)
        for name in data[kind]
    )
    for index, table in enumerate(raw):
        commitment = _commitment(chk, index, table, agencies, sources, seen, declared)
        if commitment is not None:
            commitments.append(commitment)
    return ParsedLedger(agencies, sources, tuple(commitments), tuple(chk.problems), includes)


def read_commitment_data(
    table: Mapping[str, Any],
    agencies: Mapping[str, Agency],
    sources: Mapping[str, Source],
    where: TomlMap,
) -> tuple[Commitment | None, tuple[Problem, ...]]:
    """Validate one ``[[commitments]]`` table (parsed TOML) as :func:`read_ledger_data`
    validates each, against a sound ledger's ``agencies`` and ``sources``.

    ``where`` maps the table as ``commitments[0]`` (a block scanned on its own, with its
    lines shifted to the file's). Returns the commitment (None when it could not be
    built) and its problems (empty when sound). Never raises for bad content.
    """
    chk = _Checker(where)
    commitment = _commitment(chk, 0, table, agencies, sources, set())
    return commitment, tuple(chk.problems)


def commitment_to_data(c: Commitment) -> dict[str, Any]:
    """The TOML table of one commitment, keys in schema order, empty optional fields left out."""
    agency: str | list[str] = list(c.agencies) if c.joint else c.agency
    data: dict[str, Any] = {"id": c.id, "title": c.title, "agency": agency}
    data.update((key, getattr(c, key)) for key in OPTIONAL_TEXT_KEYS if getattr(c, key))
    data.update(source=c.source, quote=c.quote, status=c.status.value)
    if c.deadline is not None:
        data["deadline"] = c.deadline.text
    if c.tags:
        data["tags"] = list(c.tags)
    if c.history:
        data["history"] = [
            _drop_empty(
                {
                    "date": h.date,
                    "status": h.status.value,
                    "reason": h.reason.value if h.reason else None,
                    "note": h.note,
                    "evidence": h.evidence,
                }
            )
            for h in c.history
        ]
    if c.measurements:
        data["measurements"] = [
            _drop_empty({"date": m.date, "value": m.value, "source": m.source, "note": m.note})
            for m in c.measurements
        ]
    if c.target is not None:
        data["target"] = _target_data(c.target)
    if c.revisions:
        data["revisions"] = [
            _drop_empty(
                {
                    "date": r.date,
                    "note": r.note,
                    "evidence": r.evidence,
                    "deadline": r.deadline.text if r.deadline else None,
                    "target": None if r.target is None else _target_data(r.target),
                }
            )
            for r in c.revisions
        ]
    return data


def _target_data(t: Target) -> dict[str, Any]:
    target: dict[str, Any] = {
        "metric": t.metric,
        "unit": t.unit,
        "value": t.value,
        "direction": t.direction.value,
    }
    if t.baseline is not None:
        target["baseline"] = _drop_empty({"value": t.baseline.value, "date": t.baseline.date})
    return target


def agency_to_data(a: Agency) -> dict[str, Any]:
    """The TOML table of one agency (``[agencies.CODE]``), keys in schema order, empty
    ones left out."""
    return _drop_empty({"name": a.name, "name_zh": a.name_zh, "aliases": list(a.aliases) or None})


def source_to_data(s: Source) -> dict[str, Any]:
    """The TOML table of one source (``[sources.ID]``), keys in schema order, no empty archive."""
    return _drop_empty(
        {
            "title": s.title,
            "publisher": s.publisher,
            "date": s.date,
            "archive": s.archive,
            "url": s.url,
        }
    )


def _drop_empty(table: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in table.items() if v is not None and v != ""}
