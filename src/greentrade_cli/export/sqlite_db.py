"""The ledger as a SQLite database, for Datasette and for SQL: ``gt export --format sqlite``.

Tables (written with sqlite-utils, which declares the keys and indexes):

- ``agencies``: ``code`` (primary key), ``name``, ``name_zh``;
- ``sources``: ``id`` (primary key), ``title``, ``publisher``, ``date``, ``url``;
- ``commitments``: one row per exported pledge, ``id`` (primary key), ``agency`` and
  ``source`` (foreign keys), its text, and its status, verdict, target, latest value,
  progress (a fraction) and pace on the report date;
- ``history``: each status change on or before the report date, keyed by ``commitment``
  and ``seq`` (its place in the pledge's history, from 1);
- ``measurements``: each measurement on or before the report date, keyed the same way;
- ``revisions``: each revision of a target or deadline, before and after, and whether it weakened the pledge.

Dates are ISO 8601 text (``2030-12-31``), as SQLite's date functions read them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from greentrade_cli.export.legend import source_url
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.tracking.fields import BY_NAME
from greentrade_cli.tracking.report import StatusRow, describe_target
from greentrade_cli.tracking.scorecard import verdict

COMMITMENT_COLUMNS: dict[str, Any] = {
    "id": str, "title": str, "agency": str, "agencies": str, "source": str, "quote": str,
    "speaker": str,
    "speaker_role": str, "status": str, "verdict": str, "deadline": str, "due": str,
    "overdue": bool, "tags": str, "metric": str, "unit": str, "direction": str,
    "target": float, "baseline": float, "baseline_date": str, "latest": float,
    "latest_on": str, "progress": float, "pace": str, "reason": str, "revised": str,
    "weakened": bool, "as_of": str,
}  # fmt: skip
"""The columns of the ``commitments`` table and their types."""


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _commitment(row: StatusRow) -> dict[str, Any]:
    c = row.commitment
    t, deadline = row.version.target, row.version.deadline  # in force on the report date
    p = row.progress
    return {
        "id": c.id,
        "title": c.title,
        "agency": c.agency,
        "agencies": c.agency_text,
        "source": c.source,
        "quote": c.quote,
        "speaker": c.speaker or None,
        "speaker_role": c.speaker_role or None,
        "status": row.status,
        "verdict": verdict(c, row.as_of).value,
        "deadline": deadline.text if deadline else None,
        "due": _iso(deadline.due) if deadline else None,
        "overdue": c.is_overdue(row.as_of),
        "tags": ", ".join(c.tags) or None,
        "metric": t.metric if t else None,
        "unit": t.unit if t else None,
        "direction": t.direction.value if t else None,
        "target": t.value if t else None,
        "baseline": t.baseline.value if t and t.baseline else None,
        "baseline_date": _iso(t.baseline.date) if t and t.baseline else None,
        "latest": p.latest if p else None,
        "latest_on": _iso(p.latest_on) if p else None,
        "progress": p.fraction if p else None,
        "pace": p.pace.value if p else None,
        **{name: BY_NAME[name].json(row) for name in ("reason", "revised", "weakened")},  # type: ignore[misc]
        "as_of": row.as_of.isoformat(),
    }


def write_sqlite(ledger: Ledger, rows: Sequence[StatusRow], path: Path) -> None:
    """Write the tables of ``rows`` (and every agency and source of ``ledger``) into a new
    SQLite database at ``path`` (a file that does not exist yet)."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    try:
        db.table("agencies").insert_all(
            ({"code": a.code, "name": a.name, "name_zh": a.name_zh or None}
             for a in ledger.agencies.values()),
            pk="code",
            columns={"code": str, "name": str, "name_zh": str},
        )  # fmt: skip
        db.table("sources").insert_all(
            (
                {
                    "id": s.id,
                    "title": s.title,
                    "publisher": s.publisher,
                    "date": s.date.isoformat(),
                    "url": source_url(s) or None,
                }
                for s in ledger.sources.values()
            ),
            pk="id",
            columns={"id": str, "title": str, "publisher": str, "date": str, "url": str},
        )
        commitments = db.table("commitments")
        commitments.create(
            COMMITMENT_COLUMNS,
            pk="id",
            foreign_keys=[("agency", "agencies", "code"), ("source", "sources", "id")],
        )
        commitments.insert_all(_commitment(row) for row in rows)
        children: dict[str, list[dict[str, Any]]] = {
            "history": [],
            "measurements": [],
            "revisions": [],
        }
        for row in rows:
            c = row.commitment
            for seq, h in enumerate(row.history(), 1):
                children["history"].append(
                    {
                        "commitment": c.id,
                        "seq": seq,
                        "date": h.date.isoformat(),
                        "status": h.status.value,
                        "note": h.note or None,
                        "evidence": h.evidence or None,
                        "reason": h.reason.value if h.reason else None,
                    }
                )
            shown = [m for m in c.measurements if m.date <= row.as_of]
            for seq, m in enumerate(shown, 1):
                children["measurements"].append(
                    {
                        "commitment": c.id,
                        "seq": seq,
                        "date": m.date.isoformat(),
                        "value": m.value,
                        "source": m.source or None,
                        "note": m.note or None,
                    }
                )
            for seq, r in enumerate(c.revised(row.as_of), 1):
                before, after = r.before, r.after
                children["revisions"].append(
                    {
                        "commitment": c.id,
                        "seq": seq,
                        "date": r.revision.date.isoformat(),
                        "target_before": describe_target(before.target) if before.target else None,
                        "target_after": describe_target(after.target) if after.target else None,
                        "deadline_before": before.deadline.text if before.deadline else None,
                        "deadline_after": after.deadline.text if after.deadline else None,
                        "weakened": bool(r.weakened),
                        "note": r.revision.note or None,
                        "evidence": r.revision.evidence or None,
                    }
                )
        columns = {
            "history": {"commitment": str, "seq": int, "date": str, "status": str,
                        "note": str, "evidence": str, "reason": str},
            "measurements": {"commitment": str, "seq": int, "date": str, "value": float,
                             "source": str, "note": str},
            "revisions": {"commitment": str, "seq": int, "date": str, "target_before": str,
                          "target_after": str, "deadline_before": str, "deadline_after": str,
                          "weakened": bool, "note": str, "evidence": str},
        }  # fmt: skip
        for name, records in children.items():
            if not records and name not in columns:
                continue
            table = db.table(name)
            table.create(
                columns.get(name) or {k: type(v) if v is not None else str
                                      for k, v in records[0].items()},
                pk=("commitment", "seq"),
                foreign_keys=[("commitment", "commitments", "id")],
            )  # fmt: skip
            table.insert_all(records, alter=True)
            table.create_index(["commitment"])
        commitments.create_index(["agency"])
        commitments.create_index(["source"])
        commitments.create_index(["status"])
    finally:
        db.close()
