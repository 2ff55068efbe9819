"""``gt changes --format markdown``: what changed in a period, as Markdown for a newsletter.

Ledger text (titles, notes, evidence, units) is escaped with
:func:`greentrade_cli.export.formats.markdown_cell`: it shows as written, never as markup.
"""

from __future__ import annotations

from greentrade_cli.export.formats import markdown_cell
from greentrade_cli.render.changes_views import changes_title
from greentrade_cli.tracking.changes import Change, Changes


def markdown_item(change: Change) -> list[str]:
    """``- **DATE** · Title (`id`, AGENCY): what``, then the note and the evidence, when
    given, as items under it."""
    c = change.commitment
    lines = [
        f"- **{change.date.isoformat()}** · {markdown_cell(c.title)} (`{c.id}`, "
        f"{markdown_cell(c.agency)}): {markdown_cell(change.what)}"
    ]
    for label, text in (("Note", change.note), ("Evidence", change.evidence)):
        if text:
            lines.append(f"  - {label}: {markdown_cell(text)}")
    return lines


def changes_markdown(found: Changes) -> str:
    """The changes as Markdown: a title, then a section per kind, ``None.`` for an empty one."""
    lines = [f"# {changes_title(found)}"]
    for heading, items in found.sections():
        items_lines = [line for c in items for line in markdown_item(c)]
        lines += ["", f"## {heading}", "", *(items_lines or ["None."])]
    return "\n".join(lines) + "\n"
