"""Replacing the lines of one commitment in a ledger text, and nothing else.

A write re-renders the changed commitment with tomli-w (its canonical form). When the
commitment's lines in the file are not in that form (a hand-edit, a comment), the change
is carried over as a three-way line merge (the merge3 package): base is the canonical
form of the commitment as read, "ours" the lines in the file, "theirs" the canonical form
of the changed commitment. Lines the change does not touch, comments included, stay as
written. Where diff3 sees a conflict only because the two sides touch neighbouring
lines, or the file only added comments there, the region is merged line by line. A
merge that really conflicts gives None; the caller then falls back to the canonical
block, which it may only use when no comment would be lost. Every result is parsed again
by the caller before it is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from greentrade_cli.ledgerfile.tomlmap import content_end, split_lines


def _bare(line: str) -> str:
    return line.removesuffix("\n").removesuffix("\r")


def block_newline(block: str) -> str:
    """The line end used by ``block``: ``"\\r\\n"`` when its first line ends so, else ``"\\n"``."""
    first = block.split("\n", 1)[0]
    return "\r\n" if first.endswith("\r") and "\n" in block else "\n"


def with_newlines(lines: list[str], newline: str, final: bool) -> str:
    """Join ``lines`` (without line ends) with ``newline``; end with one when ``final``."""
    text = newline.join(lines)
    return text + newline if final and lines else text


def merged_block(original: str, base: str, new: str) -> str | None:
    """Carry the change ``base`` -> ``new`` over to ``original``; None on a conflict.

    ``original`` is the commitment's text in the file, ``base`` and ``new`` the
    canonical (tomli-w, ``\\n``) text of the commitment before and after the change. The
    result uses the line end of ``original`` and ends with one exactly when it does.
    """
    from merge3 import Merge3  # only writes need it: kept off every command's start-up

    ours = [_bare(line) for line in split_lines(original)]
    base_lines = base.split("\n")[:-1] if base.endswith("\n") else base.split("\n")
    new_lines = new.split("\n")[:-1] if new.endswith("\n") else new.split("\n")
    result: list[str] = []
    for group in Merge3(base_lines, ours, new_lines).merge_groups():
        if group[0] == "conflict":
            resolved = _resolve(group[1], group[2], group[3])
            if resolved is None:
                return None
            result.extend(resolved)
        else:
            result.extend(group[1])
    return with_newlines(result, block_newline(original), original.endswith("\n"))


def conflicting_lines(original: str, base: str, new: str) -> list[int]:
    """0-based lines of ``original`` that :func:`merged_block` cannot carry the change over
    (the "ours" side of its unresolved conflicts), in order."""
    from merge3 import Merge3  # only writes need it: kept off every command's start-up

    ours = [_bare(line) for line in split_lines(original)]
    base_lines = base.split("\n")[:-1] if base.endswith("\n") else base.split("\n")
    new_lines = new.split("\n")[:-1] if new.endswith("\n") else new.split("\n")
    lines: list[int] = []
    for region in Merge3(base_lines, ours, new_lines).merge_regions():
        if region[0] != "conflict":
            continue
        _, z_start, z_end, a_start, a_end, b_start, b_end = region
        region_base, region_new = base_lines[z_start:z_end], new_lines[b_start:b_end]
        if _resolve(region_base, ours[a_start:a_end], region_new) is None:
            lines.extend(range(a_start, a_end))
    return lines


def _resolve(base: Sequence[str], ours: Sequence[str], new: Sequence[str]) -> list[str] | None:
    """Resolve one merge3 conflict region, or None when it really conflicts."""
    resolved = _around_comments(base, ours, new)
    return resolved if resolved is not None else _line_by_line(base, ours, new)


def _edits(base: Sequence[str], other: Sequence[str]) -> list[tuple[int, int, list[str]]]:
    """``(start, end, lines)``: replace ``base[start:end]`` by ``lines`` to get ``other``."""
    matcher = SequenceMatcher(None, list(base), list(other), autojunk=False)
    return [
        (i1, i2, list(other[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _line_by_line(base: Sequence[str], ours: Sequence[str], new: Sequence[str]) -> list[str] | None:
    """Merge a conflict region where the file and the change touch different lines of it
    (diff3 calls adjacent changes a conflict); None when they touch the same lines or
    insert at the same place."""
    mine, theirs = _edits(base, ours), _edits(base, new)
    for s1, e1, _ in mine:
        for s2, e2, _ in theirs:
            same_insert = s1 == e1 == s2 == e2
            inside = (s1 == e1 and s2 < s1 < e2) or (s2 == e2 and s1 < s2 < e1)
            if same_insert or inside or (s1 < e2 and s2 < e1):
                return None
    result: list[str] = []
    position = 0
    for start, end, lines in sorted(mine + theirs, key=lambda edit: (edit[0], edit[1])):
        result += [*base[position:start], *lines]
        position = end
    return result + list(base[position:])


def _is_remark(line: str) -> bool:
    """A blank line or a line holding only a comment."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _around_comments(
    base: Sequence[str], ours: Sequence[str], new: Sequence[str]
) -> list[str] | None:
    """Resolve a conflict where the file only added comment or blank lines around ``base``.

    Comments before the base lines stay before their replacement, the others (all of
    them when ``base`` is empty: they lead to the line after) come after it. Returns
    None when the file changed more than that.
    """
    core = [i for i, line in enumerate(ours) if not _is_remark(line)]
    if [ours[i] for i in core] != list(base):
        return None
    if core and core[-1] - core[0] + 1 != len(core):
        return None  # comments between the base lines: no place for them in the new lines
    split = core[0] if core else 0
    after = core[-1] + 1 if core else 0
    return [*ours[:split], *new, *ours[after:]]


def canonical_block(original: str, new: str) -> str:
    """``new`` (canonical, ``\\n`` line ends) in the line-end style of ``original``."""
    lines = new.split("\n")[:-1] if new.endswith("\n") else new.split("\n")
    return with_newlines(lines, block_newline(original), original.endswith("\n"))


def append_block(text: str, block: str) -> str:
    """``text`` with ``block`` (canonical, ``\\n`` line ends) added after its last line that
    is not blank, one blank line below it, in the text's line-end style; the blank lines
    that ended the text end it still, and every existing line is kept byte for byte.
    This is where :func:`~greentrade_cli.ledgerfile.blocks.delete_block` takes a block
    out from, so ``gt undo`` gives the text back exactly."""
    newline = block_newline(text) if text else "\n"
    lines = block.split("\n")[:-1] if block.endswith("\n") else block.split("\n")
    kept = split_lines(text)
    at = content_end(kept)
    head, tail = "".join(kept[:at]), "".join(kept[at:])
    if not head:
        separator = ""
    elif not head.endswith("\n"):
        separator = newline * 2
    else:
        separator = newline
    return head + separator + with_newlines(lines, newline, True) + tail
