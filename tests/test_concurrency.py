"""Several gt processes at once, and writers killed mid-way: no update is lost, and the
ledger on disk is always a whole old or whole new file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from greentrade_cli.cli.stamping import user_name
from greentrade_cli.ledgerfile import storage
from greentrade_cli.ledgerfile.journal import journal_path, read_journal
from greentrade_cli.model.status import Status
from tests.conftest import Run

WRITERS = 16


def gt_process(ledger: Path, *args: str) -> subprocess.Popen[bytes]:
    """Start ``python -m greentrade_cli --ledger LEDGER ARGS`` in its own process."""
    env = {k: v for k, v in os.environ.items() if k != "GT_LEDGER"}
    return subprocess.Popen(
        [sys.executable, "-m", "greentrade_cli", "--ledger", str(ledger), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def finish(processes: list[subprocess.Popen[bytes]]) -> list[tuple[int, str]]:
    results = []
    for process in processes:
        _, err = process.communicate(timeout=120)
        results.append((process.returncode, err.decode()))
    return results


def test_sixteen_writers_at_once_lose_no_update(ledger_path: Path) -> None:
    before = storage.load(ledger_path).ledger
    ids = [c.id for c in before.commitments][:WRITERS]
    processes = [
        gt_process(ledger_path, "mark", ident, "stalled", "--on", "2025-11-05", "--note", f"w{n}")
        for n, ident in enumerate(ids)
    ]
    results = finish(processes)
    assert results == [(0, f"{ident}: stalled on 2025-11-05\n") for ident in ids]
    after = storage.load(ledger_path).ledger
    for n, ident in enumerate(ids):
        old, new = before.find(ident), after.find(ident)
        assert new.status is Status.STALLED
        assert new.history[:-1] == old.history
        assert (new.history[-1].date.isoformat(), new.history[-1].note) == ("2025-11-05", f"w{n}")
    assert after.commitments[WRITERS:] == before.commitments[WRITERS:]


def test_writers_on_one_commitment_each_add_their_entry(ledger_path: Path) -> None:
    processes = [
        gt_process(
            ledger_path,
            "mark",
            "mofcom-fta-negotiations",
            "in_progress",
            "--on",
            "2025-11-05",
            "--note",
            f"w{n}",
        )
        for n in range(8)
    ]
    assert [code for code, _ in finish(processes)] == [0] * 8
    history = storage.load(ledger_path).ledger.find("mofcom-fta-negotiations").history
    assert sorted(entry.note for entry in history) == [f"w{n}" for n in range(8)]


WRITE_LOOP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from greentrade_cli.ledgerfile.atomic import write_atomically

    path, a, b = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()
    print("ready", flush=True)
    while True:
        write_atomically(path, b)
        write_atomically(path, a)
    """
)


def big_ledger(ledger_path: Path, copies: int) -> bytes:
    """The briefing ledger with its commitments repeated ``copies`` times (ids made unique)."""
    text = ledger_path.read_text(encoding="utf-8")
    head, first, rest = text.partition("[[commitments]]")
    body = first + rest
    parts = [head] + [body.replace('id = "', f'id = "c{n}-') for n in range(copies)]
    return "\n".join(parts).encode()


def test_a_writer_killed_mid_way_leaves_the_old_file_or_the_new(
    ledger_path: Path, tmp_path: Path
) -> None:
    old = big_ledger(ledger_path, 200)  # about 3.4 MB: each write takes a while
    new = old.replace(b'status = "pledged"', b'status = "stalled"')
    (tmp_path / "a").write_bytes(old)
    (tmp_path / "b").write_bytes(new)
    ledger_path.write_bytes(old)
    command = [
        sys.executable,
        "-c",
        WRITE_LOOP,
        str(ledger_path),
        str(tmp_path / "a"),
        str(tmp_path / "b"),
    ]
    for pause in (0.0, 0.05, 0.11, 0.17, 0.23, 0.31):
        with subprocess.Popen(command, stdout=subprocess.PIPE) as writer:
            assert writer.stdout is not None
            assert writer.stdout.readline() == b"ready\n"
            time.sleep(pause)  # somewhere in its loop; every moment must be safe
            writer.send_signal(signal.SIGKILL)
        assert ledger_path.read_bytes() in (old, new)
    assert storage.load(ledger_path).ledger.commitments[0].id == "c0-mofcom-green-trade-capacity"


def test_a_gt_mark_killed_mid_way_leaves_a_sound_ledger(ledger_path: Path) -> None:
    ledger_path.write_bytes(big_ledger(ledger_path, 30))
    ident = "c7-mofcom-fta-negotiations"
    mark = ("mark", ident, "stalled", "--on", "2025-11-05")
    started = time.monotonic()
    assert finish([gt_process(ledger_path, *mark)]) == [(0, f"{ident}: stalled on 2025-11-05\n")]
    whole_run = time.monotonic() - started
    entries = 1
    for fraction in (0.3, 0.5, 0.7, 0.8, 0.9, 0.95):
        before = ledger_path.read_bytes()
        with gt_process(ledger_path, *mark) as writer:
            time.sleep(whole_run * fraction)  # before, during or after the write: all safe
            writer.send_signal(signal.SIGKILL)
        history = storage.load(ledger_path).ledger.find(ident).history  # whole and valid
        if ledger_path.read_bytes() != before:
            entries += 1
        assert len(history) == entries


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    import fasteners

    lock = fasteners.InterProcessLock(sys.argv[1])
    lock.acquire()
    print("held", flush=True)
    time.sleep(120)
    """
)


def test_a_writer_that_cannot_get_the_lock_gives_up_with_one_line(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "LOCK_TIMEOUT_SECONDS", 0.2)
    before = ledger_path.read_bytes()
    lock = f"{ledger_path}.lock"
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, lock], stdout=subprocess.PIPE
    ) as holder:
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline() == b"held\n"
            result = gt(
                "--ledger",
                str(ledger_path),
                "mark",
                "mofcom-fta-negotiations",
                "stalled",
                "--on",
                "2025-11-05",
            )
        finally:
            holder.kill()
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr
        == f"gt: error: {ledger_path} is locked by another gt process (lock {lock}); try again\n"
    )
    assert ledger_path.read_bytes() == before


INTERRUPTED = textwrap.dedent(
    """
    import os, signal, sys
    from greentrade_cli.ledgerfile import atomic, storage

    # as at a terminal, even when the suite runs as a background job (which ignores SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    sent = getattr(signal, sys.argv[1])  # SIGINT as Ctrl-C sends it, or SIGTERM as kill does

    def interrupting(module, name):
        real = getattr(module, name)
        def run(*args, **kwargs):
            os.kill(os.getpid(), sent)
            return real(*args, **kwargs)
        setattr(module, name, run)

    interrupting(atomic if sys.argv[2] == "write" else storage, sys.argv[2] + "_files")
    sys.argv = ["gt", *sys.argv[3:]]
    from greentrade_cli.cli import main
    main()
    """
)


def interrupted(ledger_path: Path, sent: str, during: str) -> subprocess.CompletedProcess[str]:
    args = ("--ledger", str(ledger_path), "mark", "mofcom-fta-negotiations", "stalled")
    return subprocess.run(
        [sys.executable, "-c", INTERRUPTED, sent, during, *args, "--on", "2025-11-05"],
        capture_output=True, text=True, check=False, env={**os.environ, "GT_NO_CACHE": "1"},
    )  # fmt: skip


@pytest.mark.parametrize("sent", ["SIGINT", "SIGTERM"])
def test_an_interrupt_during_a_write_waits_for_it_to_be_made_and_reported(
    ledger_path: Path, sent: str
) -> None:
    result = interrupted(ledger_path, sent, "write")
    assert (result.returncode, result.stderr) == (
        0,
        "mofcom-fta-negotiations: stalled on 2025-11-05\n",
    )
    assert storage.load(ledger_path).ledger.find("mofcom-fta-negotiations").status is Status.STALLED
    assert [e.seq for e in read_journal(ledger_path).entries] == [1]
    assert list(ledger_path.parent.glob(".commitments.toml.*.tmp")) == []


@pytest.mark.parametrize("sent", ["SIGINT", "SIGTERM"])
def test_an_interrupt_before_a_write_changes_nothing_and_says_so(
    ledger_path: Path, sent: str
) -> None:
    before = ledger_path.read_bytes()
    result = interrupted(ledger_path, sent, "_load")
    assert (result.returncode, result.stderr) == (
        130,
        "gt: error: interrupted; the ledger was not changed\n",
    )
    assert ledger_path.read_bytes() == before
    assert not journal_path(ledger_path).exists()


KILLED = textwrap.dedent(
    """
    import os, signal, sys
    from greentrade_cli.ledgerfile import atomic

    filled, fill = int(sys.argv[1]), atomic._fill

    def killed(*args, **kwargs):  # the change journaled, temporary files made, no move yet
        global filled
        if not filled:
            os.kill(os.getpid(), signal.SIGKILL)
        filled -= 1
        return fill(*args, **kwargs)

    atomic._fill = killed
    sys.argv = ["gt", *sys.argv[2:]]
    from greentrade_cli.cli import main
    main()
    """
)


def killed_mid_write(ledger_path: Path, *args: str, filled: int = 0) -> None:
    """Run ``gt --ledger LEDGER ARGS``, killed (SIGKILL) once it has journaled its write and
    made a temporary file (after ``filled`` others), before any file is replaced."""
    result = subprocess.run(
        [sys.executable, "-c", KILLED, str(filled), "--ledger", str(ledger_path), *args],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stdout, result.stderr) == (-signal.SIGKILL, "", "")


def stalled(gt: Run, ledger_path: Path, cid: str, on: str) -> None:
    """Mark commitment ``cid`` stalled on date ``on`` with ``gt mark``."""
    result = gt("--ledger", str(ledger_path), "mark", cid, "stalled", "--on", on)
    assert (result.exit_code, result.stderr) == (0, f"{cid}: stalled on {on}\n")


def journal_lines(ledger_path: Path) -> list[tuple[int, int | None]]:
    """Each line of the journal of ``ledger_path`` as (seq, the record it undoes)."""
    lines = journal_path(ledger_path).read_text(encoding="utf-8").splitlines()
    return [(r["seq"], r.get("undoes")) for r in map(json.loads, lines)]


def test_a_write_killed_before_the_ledger_is_replaced_does_not_block_undo(
    gt: Run, ledger_path: Path
) -> None:
    original = ledger_path.read_bytes()
    ledger = ("--ledger", str(ledger_path))
    stalled(gt, ledger_path, "mofcom-fta-negotiations", "2025-11-05")
    marked = ledger_path.read_bytes()
    killed_mid_write(ledger_path, "mark", "mofcom-two-way-market-opening", "stalled")
    assert ledger_path.read_bytes() == marked
    assert journal_lines(ledger_path) == [(1, None), (2, None)]  # a record of no write
    (left,) = ledger_path.parent.glob(".commitments.toml.*.tmp")
    listed = gt(*ledger, "undo", "--list")
    assert listed.stdout == (
        "seq\tdate\tby\tcommand\tchanges\n"
        f"1\t2025-11-05\t{user_name()}\tgt --ledger {ledger_path} mark mofcom-fta-negotiations "
        "stalled --on 2025-11-05\tcommitments/mofcom-fta-negotiations\n"
    )
    undone = gt(*ledger, "undo", "--on", "2025-11-07")
    assert (undone.exit_code, undone.stderr) == (
        0,
        f"undid #1 (gt --ledger {ledger_path} mark mofcom-fta-negotiations stalled --on "
        "2025-11-05); put back as before: commitments/mofcom-fta-negotiations\n",
    )
    assert ledger_path.read_bytes() == original
    assert journal_lines(ledger_path) == [(1, None), (2, 1)]  # the undo in the dead one's place
    assert not left.exists()


def test_an_undo_killed_before_the_ledger_is_replaced_leaves_the_write_to_undo(
    gt: Run, ledger_path: Path
) -> None:
    ledger = ("--ledger", str(ledger_path))
    original = ledger_path.read_bytes()
    stalled(gt, ledger_path, "mofcom-fta-negotiations", "2025-11-05")
    marked = ledger_path.read_bytes()
    stalled(gt, ledger_path, "mofcom-two-way-market-opening", "2025-11-06")
    killed_mid_write(ledger_path, "undo", "--on", "2025-11-07")
    assert journal_lines(ledger_path) == [(1, None), (2, None), (3, 2)]
    listed = gt(*ledger, "undo", "--list")
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["seq", "2", "1"]
    undone = gt(*ledger, "undo", "--on", "2025-11-08")
    assert (undone.exit_code, undone.stderr) == (
        0,
        f"undid #2 (gt --ledger {ledger_path} mark mofcom-two-way-market-opening stalled --on "
        "2025-11-06); put back as before: commitments/mofcom-two-way-market-opening\n",
    )
    assert ledger_path.read_bytes() == marked
    assert gt(*ledger, "undo", "--on", "2025-11-08").exit_code == 0
    assert ledger_path.read_bytes() == original
    assert journal_lines(ledger_path) == [(1, None), (2, None), (3, 2), (4, 1)]
    assert list(ledger_path.parent.glob(".commitments.toml.*.tmp")) == []


def test_a_split_killed_before_any_move_leaves_nothing_once_gt_writes_again(
    gt: Run, ledger_path: Path
) -> None:
    ledger = ("--ledger", str(ledger_path))
    original = ledger_path.read_bytes()
    killed_mid_write(ledger_path, "split", filled=1)  # the root's new text, then one file's
    folder = ledger_path.parent / "ledger"
    assert ledger_path.read_bytes() == original
    (left,) = ledger_path.parent.glob(".commitments.toml.*.tmp")
    assert [p.name.startswith(".") for p in folder.iterdir()] == [True]
    listed = gt(*ledger, "undo", "--list")
    assert (listed.stdout, listed.stderr) == ("", "Nothing to undo.\n")
    stalled(gt, ledger_path, "mofcom-fta-negotiations", "2025-11-05")
    assert (folder.exists(), left.exists()) == (False, False)
    assert journal_lines(ledger_path) == [(1, None)]
    assert gt(*ledger, "split").exit_code == 0
