"""--color auto|always|never, NO_COLOR and TERM=dumb."""

from __future__ import annotations

from pathlib import Path

import pytest

from greentrade_cli.render.color import ColorMode, ConsoleColor, console_color
from tests.conftest import Run

AUTO = ConsoleColor(force_terminal=None, color_system="auto", no_color=False)
PLAIN = ConsoleColor(force_terminal=None, color_system=None, no_color=True)


@pytest.mark.parametrize(
    ("mode", "environ", "expected"),
    [
        (ColorMode.AUTO, {}, AUTO),
        (ColorMode.AUTO, {"NO_COLOR": ""}, AUTO),
        (ColorMode.AUTO, {"NO_COLOR": "1"}, ConsoleColor(None, "auto", True)),
        (ColorMode.AUTO, {"TERM": "dumb"}, PLAIN),
        (ColorMode.AUTO, {"TERM": "xterm-256color"}, AUTO),
        (ColorMode.NEVER, {}, PLAIN),
        (ColorMode.ALWAYS, {}, ConsoleColor(True, "auto", False)),
        (ColorMode.ALWAYS, {"NO_COLOR": "1"}, ConsoleColor(True, "auto", False)),
        (ColorMode.ALWAYS, {"TERM": "dumb"}, ConsoleColor(True, "standard", False)),
    ],
)
def test_console_color_rule(
    mode: ColorMode, environ: dict[str, str], expected: ConsoleColor
) -> None:
    assert console_color(mode, environ) == expected


MET = ["--fields", "id,status", "--status", "met", "--as-of", "2026-01-01"]
TABLE_ROW = "  mofcom-apec-egl-tariffs   met"


def test_always_colours_status_even_when_piped(gt: Run, ledger_path: Path) -> None:
    result = gt("--ledger", str(ledger_path), "--color", "always", "list", *MET)
    assert result.exit_code == 0
    assert "  mofcom-apec-egl-tariffs   \x1b[32mmet   \x1b[0m" in result.stdout.splitlines()


def test_piped_output_has_no_colour_and_is_tab_separated(gt: Run, ledger_path: Path) -> None:
    result = gt("--ledger", str(ledger_path), "list", *MET)
    assert result.stdout == "id\tstatus\nmofcom-apec-egl-tariffs\tmet\n"


@pytest.mark.parametrize(
    ("env", "args"),
    [({"NO_COLOR": "1"}, []), ({"TERM": "dumb"}, []), ({}, ["--color", "never"])],
)
def test_terminal_without_colour(
    gt: Run,
    ledger_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    args: list[str],
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.delenv("NO_COLOR")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = gt("--ledger", str(ledger_path), *args, "list", *MET)
    assert result.exit_code == 0
    assert TABLE_ROW in result.stdout.splitlines()
    assert "\x1b[3" not in result.stdout  # no foreground colour


def test_terminal_colours_by_default(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.delenv("NO_COLOR")
    result = gt("--ledger", str(ledger_path), "list", *MET)
    assert "  mofcom-apec-egl-tariffs   \x1b[32mmet   \x1b[0m" in result.stdout.splitlines()


def test_bad_color_value_is_a_usage_error(gt: Run) -> None:
    result = gt("--color", "sometimes", "list")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "gt: error: Invalid value for '--color': 'sometimes' is not one of 'auto', 'always', "
        "'never'; see `gt --help`\n"
    )
