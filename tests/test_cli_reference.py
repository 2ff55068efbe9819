"""docs/cli.md holds the --help of every gt command, as gt prints it now (cog writes it)."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from cogapp import Cog

from tests.doc_examples import REPO, command_paths

CLI_REFERENCE = REPO / "docs" / "cli.md"


@pytest.mark.parametrize("page", ["cli.md", "scripting.md"])
def test_the_generated_parts_are_what_gt_declares(page: str) -> None:
    cog = Cog()
    out = io.StringIO()
    cog.set_output(stdout=out, stderr=out)
    with contextlib.chdir(REPO):
        status = cog.main(["cog", "--check", "-I", str(REPO), str(REPO / "docs" / page)])
    assert status == 0, (
        out.getvalue()
        + f"\ndocs/{page} is stale; regenerate it with: .venv/bin/cog -I . -r docs/{page}"
    )


def test_every_command_and_subcommand_has_its_help_block() -> None:
    text = CLI_REFERENCE.read_text(encoding="utf-8")
    shown = re.findall(r"^\$ gt (.*?)--help$", text, flags=re.M)
    assert [path.strip() for path in shown] == command_paths()
    assert {"", "list", "source", "source add"} <= set(command_paths())
