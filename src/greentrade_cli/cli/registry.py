"""Which module registers each ``gt`` command, so that a run imports only the one it needs.

Each ``*_commands`` module registers its commands on the one Typer application when it is
imported. Importing all of them costs more start-up than most commands take to run, so
:func:`register` imports only the module of the command named on the command line, and
every module (in the order of ``gt --help``) when there is no command name, an unknown
one, or a global option that needs them all (``--help``, ``--version``, completion).
A test checks this table against what each module actually registers. Typer builds a
Click command, reading every parameter's annotations, for each command registered, so
:func:`narrowed` leaves out the module's other commands too.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Sequence

import typer

PACKAGE = "greentrade_cli.cli"

COMMAND_MODULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("commands", ("list", "show", "mark", "export", "init")),
    ("ledger_commands", ("new", "agency")),
    ("progress_commands", ("record", "summary", "scorecard")),
    ("publish_commands", ("site",)),
    ("import_commands", ("import",)),
    ("check_commands", ("check", "split")),
    ("authoring_commands", ("add", "edit", "revise", "remove", "source")),
    ("extract_commands", ("extract",)),
    ("audit_commands", ("undo", "log", "changes", "agencies")),
)
"""Each command module (in ``gt --help`` order) and the commands it registers."""

VALUE_OPTIONS = frozenset({"--ledger", "--color"})
"""Global options that take a value (the next argument, unless given as ``--opt=value``);
any other option before the command (``--help``, ``--version``, completion, a mistake)
needs every command registered."""


def command_name(args: Sequence[str]) -> str | None:
    """The command named by ``args`` (the arguments after ``gt``), read as ``gt`` reads its
    global options; None when there is none or a global option comes first that needs
    every command (help, version, completion, an unknown option)."""
    rest = iter(args)
    for arg in rest:
        option = arg.split("=", 1)[0]
        if option in VALUE_OPTIONS:
            if "=" not in arg and next(rest, None) is None:
                return None
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def hoisted(args: Sequence[str]) -> list[str]:
    """``args`` with the global options given after the command name (``gt list --ledger
    X``) moved in front of it, where ``gt`` reads them: each global option may be given
    before or after the command. Arguments after ``--`` are left alone."""
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        if arg.split("=", 1)[0] not in VALUE_OPTIONS:
            rest.append(arg)
        elif "=" in arg:
            front.append(arg)
        else:
            front += args[index : index + 2]
            index += 1
        index += 1
    return front + rest


def modules_for(args: Sequence[str]) -> tuple[str, ...]:
    """The command modules a run with ``args`` needs: none for ``gt --version``, the one
    that registers the command named, else all of them, in ``gt --help`` order."""
    if list(args[:1]) == ["--version"]:  # an eager option: gt prints it and exits
        return ()
    name = command_name(args)
    for module, commands in COMMAND_MODULES:
        if name in commands:
            return (module,)
    return tuple(module for module, _ in COMMAND_MODULES)


def register(modules: Sequence[str]) -> None:
    """Import ``modules`` (names within :data:`PACKAGE`), which registers their commands."""
    for module in modules:
        importlib.import_module(f"{PACKAGE}.{module}")


def narrowed(app: typer.Typer, name: str | None) -> typer.Typer:
    """A copy of ``app`` with only the command or command group ``name``, and its global
    options; ``app`` itself when ``name`` is None or not registered."""
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    one = copy.copy(app)
    one.registered_commands = commands
    one.registered_groups = groups
    return one
