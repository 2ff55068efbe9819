"""gt export --output: written in one step, never over the ledger."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import Run

AS_OF = ("--as-of", "2026-01-01")


def run_export(gt: Run, ledger: Path, output: str | Path, *args: str) -> Result:
    return gt("--ledger", str(ledger), "export", "--output", str(output), *args, *AS_OF)


def test_writes_the_file_and_says_so(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "status.md"
    result = run_export(gt, ledger_path, out, "--format", "markdown", "--agency", "PBOC")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote 3 commitment(s) to {out}\n"
    stdout = gt("--ledger", str(ledger_path), "export", "-f", "markdown", "-a", "PBOC", *AS_OF)
    assert out.read_bytes() == stdout.stdout_bytes
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".status.md")] == []


def test_replaces_an_existing_file_keeping_its_permissions(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "status.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    result = run_export(gt, ledger_path, out, "--excel")
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,agency,title,")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def ledger_unchanged(ledger_path: Path, before: bytes) -> bool:
    return ledger_path.read_bytes() == before


@pytest.mark.parametrize(
    "how", ["same path", "relative", "symlink", "hard link", "through a linked folder"]
)
def test_refuses_to_overwrite_the_ledger(
    gt: Run, ledger_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    before = ledger_path.read_bytes()
    if how == "same path":
        target: str | Path = ledger_path
    elif how == "relative":
        monkeypatch.chdir(ledger_path.parent)
        target = "./sources/../commitments.toml"
    elif how == "symlink":
        target = tmp_path / "link.toml"
        target.symlink_to(ledger_path)
    elif how == "hard link":
        target = tmp_path / "hard.toml"
        os.link(ledger_path, target)
    else:
        folder = tmp_path / "linked"
        folder.symlink_to(ledger_path.parent, target_is_directory=True)
        target = folder / "commitments.toml"
    result = run_export(gt, ledger_path, target, "--format", "json")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"gt: error: {Path(target)} is the ledger itself; choose another --output file\n"
    )
    assert ledger_unchanged(ledger_path, before)


def test_refuses_the_real_path_when_the_ledger_is_given_through_a_link(
    gt: Run, ledger_path: Path, tmp_path: Path
) -> None:
    """The ledger given through a link: the output named by its real path is still refused."""
    link = tmp_path / "ledger-link.toml"
    link.symlink_to(ledger_path)
    before = ledger_path.read_bytes()
    result = run_export(gt, link, ledger_path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"gt: error: {ledger_path} is the ledger itself; choose another --output file\n"
    )
    assert ledger_unchanged(ledger_path, before)


def test_refuses_the_lock_file(gt: Run, ledger_path: Path) -> None:
    lock = Path(str(ledger_path) + ".lock")
    result = run_export(gt, ledger_path, lock)
    assert result.exit_code == 1
    assert result.stderr == (
        f"gt: error: {lock} is the ledger's lock file; choose another --output file\n"
    )
    assert not lock.exists()


def test_a_folder_is_refused(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    result = run_export(gt, ledger_path, tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"gt: error: {tmp_path} is a folder; give a file name for --output\n"


def test_a_missing_folder_is_reported(gt: Run, ledger_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "status.csv"
    result = run_export(gt, ledger_path, out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"gt: error: {out}: the folder {out.parent} does not exist; create it or choose "
        "another --output\n"
    )


def test_output_refuses_the_files_gt_keeps_and_special_files(gt: Run, ledger_path: Path) -> None:
    import os

    folder = ledger_path.parent
    assert (
        gt(
            "--ledger",
            str(ledger_path),
            "mark",
            "pboc-green-assets",
            "stalled",
            "--on",
            "2026-01-02",
        ).exit_code
        == 0
    )
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    before = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    cases = {
        ".commitments.toml.gt-journal.jsonl": "is the ledger's undo journal; choose another --output file",
        "sources/scio-2025-10-31.txt": "is the archived source text scio-2025-10-31.txt; choose another --output file",
        "pipe": "is not a regular file (a device or a pipe?); leave out --output to write to standard output and redirect that",
    }
    for name, message in cases.items():
        target = folder / name
        result = gt("--ledger", str(ledger_path), "export", "--output", str(target))
        assert (result.exit_code, result.stderr) == (1, f"gt: error: {target} {message}\n")
    assert {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    dash = gt("--ledger", str(ledger_path), "export", "--output", "-", "-a", "PBOC")
    assert dash.exit_code == 0 and dash.stdout.startswith("id,agency,title,")


def test_neither_an_export_nor_a_draft_replaces_a_file_of_the_ledger(
    gt: Run, ledger_path: Path
) -> None:
    assert gt("--ledger", str(ledger_path), "split", "--on", "2025-11-20").exit_code == 0
    part = ledger_path.parent / "ledger" / "scio-2025-10-31.toml"
    files = {p: p.read_bytes() for p in (ledger_path, part)}
    export = run_export(gt, ledger_path, part, "--format", "html")
    assert (export.exit_code, export.stderr) == (
        1,
        f"gt: error: {part} is one of the ledger's files (ledger/scio-2025-10-31.toml); "
        "choose another --output file\n",
    )
    base = ("--ledger", str(ledger_path), "extract", "scio-2025-10-31", "--no-review", "--force")
    refusals = {
        ledger_path: "the ledger itself",
        part: "one of the ledger's files (ledger/scio-2025-10-31.toml)",
    }
    for target, what in refusals.items():
        draft = gt(*base, "-o", str(target))
        assert (draft.exit_code, draft.stderr.splitlines()[-1]) == (
            1,
            f"gt: error: {target} is {what}; choose another --output file",
        )
    assert {p: p.read_bytes() for p in files} == files
