"""The benchmark's ledger generator and the mapping of commitments to Taskwarrior tasks."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path

import pytest
from bench import taskwarrior
from bench.generate import MARK_ON, PER_BRIEFING, generate
from hypothesis import given, settings
from hypothesis import strategies as st

from greentrade_cli.ledgerfile import block_writes, storage
from greentrade_cli.model.commitment import Commitment
from greentrade_cli.model.deadline import Deadline
from greentrade_cli.model.history import HistoryEntry
from greentrade_cli.model.ledger import Ledger
from greentrade_cli.model.measurement import Measurement
from greentrade_cli.model.source import Source
from greentrade_cli.model.status import Status

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes() -> None:
    first, again, other = generate(120, 3), generate(120, 3), generate(120, 4)
    assert first.text == again.text
    assert first.archives == again.archives
    assert first.text != other.text


def test_a_generated_ledger_passes_validation_and_reads_back_as_generated(tmp_path: Path) -> None:
    generated = generate(400, 1)
    file = storage.load(generated.write(tmp_path))
    assert file.ledger == generated.ledger
    assert len(file.ledger.commitments) == 400
    assert len(file.ledger.sources) == 400 // PER_BRIEFING
    assert sorted(p.name for p in (tmp_path / "sources").iterdir()) == [
        f"briefing-{k:05d}.txt" for k in range(1, 17)
    ]


def test_every_block_is_written_as_gt_writes_it(tmp_path: Path) -> None:
    file = storage.load(generate(200, 2).write(tmp_path))
    lines = file.text.splitlines()
    for (first, end), commitment in zip(file.where.blocks, file.ledger.commitments, strict=True):
        assert "\n".join(lines[first:end]) + "\n" == block_writes.render_commitment(commitment)


def test_generated_commitments_have_the_promised_shape() -> None:
    commitments = generate(1000, 1).ledger.commitments
    with_target = [c for c in commitments if c.target is not None]
    assert all(c.quote for c in commitments)
    assert {len(c.history) for c in commitments} == {1, 2, 3, 4, 5}
    assert {len(c.measurements) for c in with_target} == set(range(11))
    assert all(not c.measurements for c in commitments if c.target is None)
    assert 400 <= len(with_target) <= 600
    assert 100 <= sum(bool(CJK.search(c.title)) for c in commitments) <= 200
    agencies = {c.agency for c in commitments}
    assert len(agencies) == 8
    assert all(80 <= sum(c.agency == a for c in commitments) <= 170 for a in agencies)
    assert all(c.history[-1].date.isoformat() < MARK_ON for c in commitments)


@settings(max_examples=15, deadline=None)
@given(size=st.integers(1, 60), seed=st.integers(0, 10**6))
def test_any_size_and_seed_gives_a_sound_ledger(
    tmp_path_factory: pytest.TempPathFactory, size: int, seed: int
) -> None:
    folder = tmp_path_factory.mktemp("ledger")
    file = storage.load(generate(size, seed).write(folder))
    assert len(file.ledger.commitments) == size


def _one_commitment() -> Ledger:
    source = Source("briefing-00001", "A briefing", "SCIO", dt.date(2025, 10, 31))
    c = Commitment(
        id="miit-heat-pumps-000001",
        title="Expand exports of heat pumps (推动绿色贸易高质量发展)",
        agency="MIIT",
        source=source.id,
        quote="We will expand exports of heat pumps.",
        status=Status.IN_PROGRESS,
        deadline=Deadline.parse("2030-06"),
        tags=("energy", "green-trade"),
        history=(
            HistoryEntry(dt.date(2025, 10, 31), Status.PLEDGED, "Announced."),
            HistoryEntry(dt.date(2026, 1, 5), Status.IN_PROGRESS, "Started.", "Report 1.2"),
        ),
        measurements=(Measurement(dt.date(2026, 1, 5), 12.5, "NBS 2026"),),
    )
    return Ledger({}, {source.id: source}, (c,))


def test_a_commitment_becomes_one_pending_task_with_its_history_as_annotations() -> None:
    ledger = _one_commitment()
    record = taskwarrior.task_record(ledger, ledger.commitments[0])
    assert record == {
        "uuid": str(uuid.uuid5(taskwarrior.NAMESPACE, "miit-heat-pumps-000001")),
        "status": "pending",
        "description": "Expand exports of heat pumps (推动绿色贸易高质量发展)",
        "project": "MIIT",
        "entry": "20251031T000000Z",
        "gtid": "miit-heat-pumps-000001",
        "gtstatus": "in_progress",
        "quote": "We will expand exports of heat pumps.",
        "tags": ["energy", "green-trade"],
        "due": "20300630T000000Z",
        "annotations": [
            {"entry": "20251031T000000Z", "description": "pledged: Announced."},
            {
                "entry": "20260105T000001Z",
                "description": "in_progress: Started. Evidence: Report 1.2",
            },
            {"entry": "20260105T000002Z", "description": "measured 12.5 (NBS 2026)"},
        ],
    }
