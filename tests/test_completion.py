"""Shell completion of ids, agency codes, statuses and tags from the ledger in use."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from greentrade_cli.cli import app
from greentrade_cli.cli.completion import (
    agency_candidates,
    id_candidates,
    status_candidates,
    tag_candidates,
)
from greentrade_cli.ledgerfile import storage
from tests.ledgers import write_tricky_ledger


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the command line ``words`` (the last word is being typed)."""
    parts = words.split(" ")
    result = CliRunner().invoke(
        app,
        [],
        env={
            "_GT_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
            **(env or {}),
        },
        prog_name="gt",
    )
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line]


def test_library_candidates(ledger_path: Path) -> None:
    ledger = storage.load(ledger_path).ledger
    assert id_candidates(ledger, "pboc-green-a") == [
        (
            "pboc-green-assets-global-issuance",
            "Support global issuance of green financial products to offer more Chinese green "
            "assets to investors",
        )
    ]
    assert agency_candidates(ledger, "m") == [
        ("MOFCOM", "Ministry of Commerce"),
        ("MIIT", "Ministry of Industry and Information Technology"),
    ]
    assert status_candidates("partially-") == [("partially_met", "")]
    assert tag_candidates(ledger, "s") == [("standards", "7 commitments")]


def test_ids_from_the_working_folder_ledger(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ledger_path.parent)
    assert complete("gt show miit-green-") == [
        "miit-green-factories-2030",
        "miit-green-design-manufacturing",
        "miit-green-industrial-ecosystem",
    ]


@pytest.mark.parametrize("command", ["record", "revise", "edit", "remove"])
def test_every_command_on_one_commitment_completes_its_id(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(ledger_path.parent)
    assert complete(f"gt {command} pboc-green-s") == ["pboc-green-service-trade-financing"]


def test_mark_completes_id_then_status(ledger_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ledger_path.parent)
    assert complete("gt mark pboc-green-s") == ["pboc-green-service-trade-financing"]
    assert complete("gt mark pboc-green-service-trade-financing m") == ["met", "missed"]


def test_ledger_option_and_environment_choose_the_ledger(tmp_path: Path) -> None:
    tricky = write_tricky_ledger(tmp_path / "tricky")
    assert complete(f"gt --ledger {tricky} show ") == [
        "formula",
        "pipes",
        "newline",
        "cjk",
        "script",
    ]
    assert complete("gt list --agency ", {"GT_LEDGER": str(tricky)}) == ["MOFCOM", "XSS"]


def test_without_a_ledger_the_bundled_one_is_used() -> None:
    assert complete("gt list --tag f") == ["finance", "fta"]
    assert complete("gt export -s in") == ["in_progress"]


def test_an_unreadable_ledger_offers_nothing(tmp_path: Path) -> None:
    assert complete(f"gt --ledger {tmp_path / 'missing.toml'} show m") == []


def test_zsh_and_fish_get_help_texts(ledger_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ledger_path.parent)
    runner = CliRunner()
    fish = runner.invoke(
        app,
        [],
        env={
            "_GT_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": "gt list --tag stan",
        },
        prog_name="gt",
    )
    assert fish.stdout == "standards\t7 commitments\n"
    zsh = runner.invoke(
        app,
        [],
        env={"_GT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "gt list -a PB"},
        prog_name="gt",
    )
    assert zsh.stdout == "_arguments '*: :((\"PBOC\":\"People''s Bank of China\"))'\n"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_bash_script_completes_in_a_real_bash(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The script `gt --show-completion bash` prints, loaded into bash, asks gt for ids."""
    gt = Path(sys.executable).with_name("gt")
    env = {
        **os.environ,
        "PATH": f"{gt.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
    }
    script = (
        'eval "$(gt --show-completion bash)"\n'
        "COMP_WORDS=(gt show pboc-green-a); COMP_CWORD=2; _gt_completion gt\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", script],
        cwd=ledger_path.parent, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (0, "pboc-green-assets-global-issuance\n"), (
        result.stderr
    )
