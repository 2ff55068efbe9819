"""The console examples of the README and docs/: found, run as a user would run them, rewritten.

A ```console block is a run of ``$ COMMAND`` lines, each followed by what it prints
(standard output and standard error, as a terminal shows them). The comment just before
the block says where it starts (see docs/development.md):

    <!-- gt-example: ledger=init
    optional set-up lines, run by bash before the block and not shown
    -->

``ledger=bundled`` an empty folder (gt reads the bundled ledger), ``ledger=init`` a fresh
``gt init`` copy, ``ledger=tricky`` the test ledger of tests/ledgers.py, ``ledger=continue``
the folder of the block before it in the same file, as that block left it.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.ledgers import write_tricky_ledger

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
GT_BIN = Path(sys.executable).parent
"""The folder of the ``gt`` under test: the one installed beside this Python."""

LEDGERS = ("bundled", "init", "tricky", "continue")
_COMMENT = re.compile(r"<!-- gt-example: ledger=(\S+)[ \t]*\n?(.*?)-->\s*\Z", re.S)
_SGR = re.compile(r"\x1b\[[0-9;]*m")
"""Text styles (bold headers): a terminal shows them as the same letters."""


@dataclass
class Command:
    line: str
    expected: str
    first: int
    """Index, in the file's lines, of the first output line."""
    end: int
    """Index just after the last output line."""


@dataclass
class Block:
    path: Path
    line: int
    """1-based line of the opening fence."""
    ledger: str
    setup: str
    indent: str
    commands: list[Command] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line}"


def console_blocks(path: Path, text: str | None = None) -> list[Block]:
    """Every ```console block of ``path`` (or of ``text``, read from it) with its stated
    start; a block without a ``gt-example`` comment, or with an unknown ledger, raises
    ValueError."""
    lines = (path.read_text(encoding="utf-8") if text is None else text).split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        stripped = lines[i].lstrip(" ")
        if stripped != "```console":
            i += 1
            continue
        indent = lines[i][: len(lines[i]) - len(stripped)]
        before = "\n".join(lines[max(0, i - 40) : i])
        start = before.rfind("<!-- gt-example:")
        found = _COMMENT.search(before[start:]) if start >= 0 else None
        if found is None or found.group(1) not in LEDGERS:
            raise ValueError(
                f"{path.relative_to(REPO)}:{i + 1}: a console block needs "
                f"<!-- gt-example: ledger=({'|'.join(LEDGERS)}) --> on the line before it"
            )
        setup = "\n".join(line.removeprefix(indent) for line in found.group(2).split("\n"))
        block = Block(path, i + 1, found.group(1), setup.strip(), indent)
        i += 1
        while lines[i].strip() != "```":
            text = lines[i].removeprefix(indent)
            if text.startswith("$ "):
                block.commands.append(Command(text[2:], "", i + 1, i + 1))
            elif not block.commands:
                raise ValueError(f"{block.id}: output before the first `$ ` line")
            else:
                command = block.commands[-1]
                command.expected += text + "\n"
                command.end = i + 1
            i += 1
        blocks.append(block)
        i += 1
    return blocks


def environment(home: Path) -> dict[str, str]:
    """The fixed environment of every example: no colour, 100 columns, the user ``ana``,
    ``gt`` of this checkout first on the PATH, HOME and the cache inside ``home``, and
    ``$REPO`` the checkout (for set-up lines that copy its files)."""
    return {
        "PATH": f"{GT_BIN}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "LINES": "50",
        "LANG": "C.UTF-8",
        "TZ": "UTC",
        "LOGNAME": "ana",
        "USER": "ana",
        "PYTHONUNBUFFERED": "1",
        "GIT_AUTHOR_NAME": "ana",
        "GIT_AUTHOR_EMAIL": "ana@example.org",
        "GIT_COMMITTER_NAME": "ana",
        "GIT_COMMITTER_EMAIL": "ana@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "REPO": str(REPO),
    }


def writes_to_a_pipe(line: str) -> bool:
    """True when the command line sends standard output on (``|``) or to a file (``>``)."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    return any(token.startswith(("|", ">")) for token in lexer)


SHOWN_FOLDER = "/home/ana/pledges"
"""How the examples show the absolute path of the folder they run in (a scratch folder)."""


def run(line: str, cwd: Path, env: dict[str, str]) -> str:
    """What ``line`` prints when typed into bash in ``cwd``: standard output and error in
    the order written, as a terminal shows them (CRLF line ends as lines, no bold), with
    ``cwd`` shown as :data:`SHOWN_FOLDER`.

    A ``gt`` line that does not pipe or redirect its output runs as on a terminal
    (``TTY_COMPATIBLE=1``, as Rich documents), and the spaces that pad its lines, which a
    terminal does not show, are dropped."""
    terminal = line.startswith("gt ") and not writes_to_a_pipe(line)
    if terminal:
        env = {**env, "TTY_COMPATIBLE": "1"}
    result = subprocess.run(
        ["bash", "-c", line],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=60,
    )
    out = _SGR.sub("", result.stdout.decode("utf-8")).replace("\r\n", "\n")
    out = out.replace(str(cwd), SHOWN_FOLDER)  # the scratch folder, as a reader's would read
    if terminal:
        out = "\n".join(x.rstrip(" ") for x in out.split("\n"))
    return out if out == "" or out.endswith("\n") else out + "\n"


def prepare(block: Block, folder: Path, env: dict[str, str]) -> None:
    """Make ``folder`` the block's starting point and run its set-up lines."""
    if block.ledger == "init":
        subprocess.run(["gt", "init"], cwd=folder, env=env, check=True, capture_output=True)
    elif block.ledger == "tricky":
        write_tricky_ledger(folder)
    if block.setup:
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", block.setup],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{block.id}: set-up failed: {done.stderr}")


def rewrite(path: Path, outputs: dict[int, list[str]]) -> None:
    """Put each block's new outputs (by the block's fence line) into ``path``, in place."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for block in reversed(console_blocks(path)):
        new = outputs.get(block.line)
        if new is None:
            continue
        for command, output in reversed(list(zip(block.commands, new, strict=True))):
            text = [block.indent + x if x else x for x in output.split("\n")[:-1]]
            lines[command.first : command.end] = text
    path.write_text("\n".join(lines), encoding="utf-8")


def command_paths() -> list[str]:
    """Every gt command and subcommand as typed after ``gt`` (``list``, ``source add``), in
    the order ``gt --help`` lists them; the empty string for ``gt`` itself."""
    import typer

    from greentrade_cli.cli import app

    def walk(prefix: str, group: object) -> list[str]:
        paths = [prefix]
        for name, command in getattr(group, "commands", {}).items():
            paths += walk(f"{prefix} {name}".strip(), command)
        return paths

    return walk("", typer.main.get_command(app))


def help_reference() -> str:
    """The body of docs/cli.md's reference: for each command, a heading and a console
    block of ``$ gt CMD --help`` and what it prints, run as the console examples are."""
    import tempfile

    parts = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        env = environment(folder)
        for path in command_paths():
            line = f"gt {path} --help" if path else "gt --help"
            command = line.removesuffix(" --help")
            parts.append(f"### `{command}`\n\n```console\n$ {line}\n{run(line, folder, env)}```\n")
    return "\n".join(parts)
