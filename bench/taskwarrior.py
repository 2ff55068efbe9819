"""The peer: the same commitments as Taskwarrior tasks, in a scratch data folder.

Each commitment becomes one pending task: its title the description, its agency the
project, its tags the tags, the source's date the entry date, the deadline's due date
the due date, each history entry and measurement an annotation, and its id, status and
quote user-defined attributes. All are pending so that ``task project:X list`` shows the
same rows as ``gt list --agency X``. Nothing here touches the user's own ``~/.taskrc``
or ``~/.task``: every call runs with ``TASKRC`` and ``TASKDATA`` pointing into the
scratch folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.ledger import Ledger

NAMESPACE = uuid.UUID("6f1c1a52-2f7e-4d0a-9a8e-0b5d7b3c2a11")
TASKRC = """\
data.location={data}
confirmation=off
color=off
hooks=off
news.version=99.99.99
recurrence=off
uda.gtid.type=string
uda.gtid.label=Commitment
uda.gtstatus.type=string
uda.gtstatus.label=Status
uda.quote.type=string
uda.quote.label=Quote
"""


def _stamp(day: dt.date, seconds: int = 0) -> str:
    """A Taskwarrior date (UTC, ``YYYYMMDDTHHMMSSZ``) ``seconds`` after midnight of ``day``."""
    moment = dt.datetime(day.year, day.month, day.day) + dt.timedelta(seconds=seconds)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def task_record(ledger: Ledger, c: Commitment) -> dict[str, Any]:
    """The Taskwarrior JSON object (``task import`` format) for commitment ``c``.

    Annotation times are the entries' dates plus one second per entry, since Taskwarrior
    keeps one annotation per timestamp.
    """
    pledged = ledger.sources[c.source].date
    notes = [
        (h.date, f"{h.status.value}: {h.note}" + (f" Evidence: {h.evidence}" if h.evidence else ""))
        for h in c.history
    ]
    notes += [
        (m.date, f"measured {m.value:g} ({m.source}) {m.note}".strip()) for m in c.measurements
    ]
    record: dict[str, Any] = {
        "uuid": str(uuid.uuid5(NAMESPACE, c.id)),
        "status": "pending",
        "description": c.title,
        "project": c.agency,
        "entry": _stamp(pledged),
        "gtid": c.id,
        "gtstatus": c.status.value,
        "quote": c.quote,
    }
    if c.tags:
        record["tags"] = list(c.tags)
    if c.deadline is not None:
        record["due"] = _stamp(c.deadline.due)
    if notes:
        record["annotations"] = [
            {"entry": _stamp(day, second), "description": text}
            for second, (day, text) in enumerate(notes)
        ]
    return record


@dataclass(frozen=True, slots=True)
class TaskFolder:
    """A scratch Taskwarrior set-up: ``rc`` file and ``data`` folder, and the environment using them."""

    rc: Path
    data: Path
    executable: str

    def env(self, base: dict[str, str]) -> dict[str, str]:
        """``base`` with ``TASKRC`` and ``TASKDATA`` set to this scratch folder."""
        return {**base, "TASKRC": str(self.rc), "TASKDATA": str(self.data)}

    def argv(self, *args: str) -> list[str]:
        """The command line ``task ARGS...``."""
        return [self.executable, *args]

    def task_id(self, commitment_id: str, base_env: dict[str, str]) -> str:
        """The working-set number (``task N``) of the task made from ``commitment_id``."""
        task_uuid = uuid.uuid5(NAMESPACE, commitment_id)
        done = subprocess.run(
            self.argv(f"{task_uuid}", "_ids"),
            env=self.env(base_env),
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()


def version(executable: str) -> str:
    """Taskwarrior's version string (``2.6.2``)."""
    done = subprocess.run(
        [executable, "--version"], capture_output=True, text=True, check=True, env=_bare_env()
    )
    return done.stdout.strip()


def _bare_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("TASKRC", None)
    env.pop("TASKDATA", None)
    return env


def find_task() -> str | None:
    """Path of the ``task`` executable, None when Taskwarrior is not installed."""
    return shutil.which("task")


def make_folder(
    folder: Path, ledger: Ledger, executable: str, base_env: dict[str, str]
) -> TaskFolder:
    """Import every commitment of ``ledger`` into a new Taskwarrior set-up under ``folder``.

    Raises :class:`subprocess.CalledProcessError` when ``task import`` fails.
    """
    data = folder / "taskdata"
    if folder.exists():
        shutil.rmtree(folder)
    data.mkdir(parents=True)
    rc = folder / "taskrc"
    rc.write_text(TASKRC.format(data=data), encoding="utf-8")
    records = folder / "import.json"
    with records.open("w", encoding="utf-8") as handle:
        for c in ledger.commitments:
            handle.write(json.dumps(task_record(ledger, c), ensure_ascii=False) + "\n")
    tasks = TaskFolder(rc, data, executable)
    subprocess.run(
        tasks.argv("import", str(records)),
        env=tasks.env(base_env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=True,
    )
    return tasks
