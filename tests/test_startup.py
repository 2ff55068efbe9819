"""Start-up: a run imports only what its command needs, and help stays whole."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from greentrade_cli import __version__
from greentrade_cli.cli import app
from greentrade_cli.cli.registry import COMMAND_MODULES, command_name, modules_for, narrowed
from tests.conftest import Run

HELP_ORDER = [
    "list",
    "show",
    "mark",
    "export",
    "init",
    "new",
    "record",
    "summary",
    "scorecard",
    "site",
    "import",
    "check",
    "split",
    "add",
    "edit",
    "revise",
    "remove",
    "extract",
    "undo",
    "log",
    "changes",
    "agencies",
    "agency",
    "source",
]

REGISTERED = """
import importlib, json, sys
from greentrade_cli.cli.app import app
importlib.import_module("greentrade_cli.cli." + sys.argv[1])
names = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
print(json.dumps(names))
"""


def python(code: str, *args: str) -> str:
    """Run ``code`` in a fresh interpreter (so nothing is imported yet); its stdout."""
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize(("module", "commands"), COMMAND_MODULES)
def test_the_table_names_the_commands_each_module_registers(
    module: str, commands: tuple[str, ...]
) -> None:
    assert json.loads(python(REGISTERED, module)) == list(commands)


def test_help_lists_every_command_in_order(gt: Run) -> None:
    text = gt("--help").stdout
    section = text.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0]
    assert [line.split()[0] for line in section.splitlines()] == HELP_ORDER


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ([], None),
        (["list", "--agency", "MIIT"], "list"),
        (["--ledger", "x.toml", "show", "a"], "show"),
        (["--ledger=x.toml", "--color", "never", "check"], "check"),
        (["--color=always", "summary"], "summary"),
        (["--ledger", "list"], None),
        (["--help", "list"], None),
        (["-h"], None),
        (["--version"], None),
        (["--show-completion"], None),
        (["--no-such-option", "list"], None),
        (["lsit"], "lsit"),
    ],
)
def test_the_command_name_is_read_past_global_options(args: list[str], name: str | None) -> None:
    assert command_name(args) == name


def test_a_known_command_needs_its_module_only_and_anything_else_all() -> None:
    every = tuple(module for module, _ in COMMAND_MODULES)
    assert modules_for(["list"]) == ("commands",)
    assert modules_for(["source", "add"]) == ("authoring_commands",)
    assert modules_for(["summary", "--json"]) == ("progress_commands",)
    for args in ([], ["lsit"], ["--help"], ["--ledger", "x", "--version"], ["-h", "check"]):
        assert modules_for(args) == every
    assert modules_for(["--version"]) == ()  # no command: its version, and exit


RUN_AND_LIST_MODULES = """
import json, sys
from greentrade_cli.cli import main
sys.argv = ["gt", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def modules_loaded_by(*args: str) -> set[str]:
    """Every module a run of ``gt ARGS`` (output to a pipe) has imported when it ends."""
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stderr))


def test_gt_list_imports_no_other_command_module() -> None:
    loaded = modules_loaded_by("list", "--agency", "MIIT", "--as-of", "2026-06-30")
    others = {f"greentrade_cli.cli.{m}" for m, _ in COMMAND_MODULES if m != "commands"}
    assert "greentrade_cli.cli.commands" in loaded
    assert not loaded & others


def test_gt_version_prints_it_without_importing_a_command_module() -> None:
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == f"gt {__version__}\n"
    loaded = set(json.loads(done.stderr))
    assert not loaded & {f"greentrade_cli.cli.{m}" for m, _ in COMMAND_MODULES}


def names_in(typer_app: object) -> list[str]:
    """The commands and command groups registered on a Typer application."""
    commands = getattr(typer_app, "registered_commands", [])
    groups = getattr(typer_app, "registered_groups", [])
    return [c.name for c in commands] + [g.name for g in groups]


def test_a_run_builds_only_its_own_command_and_leaves_the_application_whole() -> None:
    assert names_in(narrowed(app, "list")) == ["list"]
    assert names_in(narrowed(app, "source")) == ["source"]
    assert narrowed(app, "lsit") is app
    assert narrowed(app, None) is app
    assert names_in(app) == HELP_ORDER
    assert narrowed(app, "list").registered_callback is app.registered_callback


PLAIN_READS = [
    ["list", "--agency", "MIIT", "--as-of", "2026-06-30"],
    ["show", "mofcom-intl-standards-alignment", "--as-of", "2026-06-30"],
    ["show", "mofcom-apec-egl-tariffs", "--as-of", "2026-06-30"],
    ["summary", "--as-of", "2026-06-30"],
    ["export", "--format", "csv", "--as-of", "2026-06-30"],
    ["check"],
]
"""Read commands whose piped output is plain text."""


@pytest.mark.parametrize("args", PLAIN_READS)
def test_piped_plain_output_is_written_without_rich_or_other_commands_modules(
    args: list[str],
) -> None:
    loaded = modules_loaded_by(*args)
    heavy = {
        "rich.console",
        "rich.table",
        "rich.text",
        "statistics",
        "greentrade_cli.export.html_report",
        "greentrade_cli.render.show_view",
        "greentrade_cli.render.table_layout",
    }
    assert not loaded & heavy


NOT_ON_A_CACHE_HIT = {
    "_hashlib",  # OpenSSL, for hashing a few kilobytes
    "tomllib",
    "tempfile",
    "greentrade_cli.ledgerfile.tomlmap",
    "greentrade_cli.ledgerfile.schema",
    "greentrade_cli.ledgerfile.splice",
}


@pytest.mark.parametrize("args", PLAIN_READS)
def test_a_read_served_by_the_ledger_cache_imports_no_parser_schema_writer_or_openssl(
    args: list[str],
) -> None:
    modules_loaded_by(*args)  # the first run parses the ledger and caches it
    loaded = modules_loaded_by(*args)
    assert not loaded & NOT_ON_A_CACHE_HIT
