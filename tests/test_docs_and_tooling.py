"""Every command has help and a place in docs/cli.md; the code passes ruff and mypy."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import typer

from greentrade_cli.cli import app
from tests.conftest import REPO, Run

README = (REPO / "README.md").read_text(encoding="utf-8")
CLI_REFERENCE = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_there_are_commands() -> None:
    assert {"list", "show", "mark", "export", "init"} <= set(command_names())


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_and_is_in_the_docs(gt: Run, name: str) -> None:
    result = gt(name, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: gt {name} ")
    group = typer.main.get_command(app)
    command = group.commands[name]  # type: ignore[attr-defined]
    assert command.help and command.help.strip()
    assert f"\n$ gt {name} --help\n" in CLI_REFERENCE, f"docs/cli.md does not show `gt {name}`"


def test_the_readme_tour_shows_the_main_commands() -> None:
    tour = README.split("## A five-minute tour", 1)[1].split("\n## ", 1)[0]
    shown = set(re.findall(r"^\$ gt (\w+)", tour, flags=re.M))
    assert shown >= {
        "list", "show", "init", "mark", "record", "scorecard", "export", "new", "source",
        "extract", "add",
    }  # fmt: skip


def test_top_level_help_lists_exit_codes(gt: Run) -> None:
    result = gt("--help")
    assert (
        "Exit codes: 0 success, 1 a problem with the ledger or the data asked for, 2 a usage error."
        in " ".join(result.stdout.split())
    )


def test_readme_has_exactly_two_setup_commands() -> None:
    setup = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", setup, flags=re.S)
    assert [b.strip() for b in blocks] == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/gt list --agency MIIT",
        "scripts/ensure-chromium && scripts/ensure-axe && python3 -m venv .venv && "
        ".venv/bin/pip install '.[test]' && GT_REQUIRE_BROWSER=1 .venv/bin/pytest",
    ]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").rstrip().splitlines()[-1]
    assert ci.replace(" -q", "") == blocks[1].strip()


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(__import__("pathlib").Path(sys.executable).parent))
    assert found, f"{name} is part of the test extra; install with pip install '.[test]'"
    return found


def test_ruff_passes() -> None:
    result = subprocess.run(
        [_tool("ruff"), "check", "src", "tests"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        [_tool("ruff"), "format", "--check", "src", "tests"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_passes_on_the_library() -> None:
    result = subprocess.run([_tool("mypy")], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_layers_hold_and_no_import_cycle_remains() -> None:
    result = subprocess.run(
        [_tool("lint-imports"), "--no-cache"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_a_group_without_its_command_shows_its_help_as_bare_gt_does(gt: Run) -> None:
    result = gt("source")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Usage: gt source [OPTIONS] COMMAND [ARGS]...\n"
        "\n"
        "  Declare, list and show the source documents that commitments quote.\n"
        "\n"
        "Options:\n"
        "  -h, --help  Show this message and exit.\n"
        "\n"
        "Commands:\n"
        "  add   Declare a new source document that commitments can quote.\n"
        "  list  The sources: id, date, publisher, title, pledges citing it, URL.\n"
        "  show  One source, its archived text's size and SHA-256, and its pledges.\n"
    )
    missing = gt("source", "add")
    assert (missing.exit_code, missing.stderr) == (
        2,
        "gt: error: Missing argument 'ID'; see `gt source add --help`\n",
    )


def _anchors(markdown: str) -> set[str]:
    """The anchors GitHub makes of a page's headings (lower case, punctuation dropped,
    spaces as '-'), outside code blocks."""
    found, in_code = set(), False
    for line in markdown.split("\n"):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        heading = re.match(r"#{1,6} (.*)", line)
        if heading and not in_code:
            found.add(re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower()).replace(" ", "-"))
    return found


def test_every_link_between_the_pages_leads_somewhere() -> None:
    pages = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    broken = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            found = linked.exists() and (
                not anchor or anchor in _anchors(linked.read_text(encoding="utf-8"))
            )
            if not found:
                broken.append(f"{page.name}: {target}")
    assert broken == []
