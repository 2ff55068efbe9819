"""Small ledgers for tests: a header (one agency, one archived source) and commitment blocks."""

from __future__ import annotations

from pathlib import Path

SOURCE_TEXT = (
    "We will open wider to green goods.\n"
    "Tariffs on listed products will fall below 5% by 2030.\n"
    "We will “keep” working on standards.\n"
)

HEAD = """\
schema = 1

[agencies.MOFCOM]
name = "Ministry of Commerce"

[sources.brief]
title = "Briefing"
publisher = "SCIO"
date = 2025-10-31
archive = "brief.txt"
"""


def block(
    ident: str,
    quote: str = "We will open wider to green goods.",
    status: str = "pledged",
    **extra: str,
) -> str:
    """The canonical (tomli-w) text of a commitment, with ``extra`` raw TOML lines after it."""
    lines = [
        "[[commitments]]",
        f'id = "{ident}"',
        f'title = "Title of {ident}"',
        'agency = "MOFCOM"',
        'source = "brief"',
        f'quote = "{quote}"',
        f'status = "{status}"',
    ]
    lines += [f"{key} = {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def ledger_text(*blocks: str) -> str:
    """A whole ledger: :data:`HEAD` then the blocks, one blank line apart."""
    return "\n".join([HEAD, *blocks])


def write_ledger(folder: Path, text: str, name: str = "commitments.toml") -> Path:
    """Write ``text`` (exact bytes, UTF-8) and the archived source into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brief.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path
