"""The three-way carry-over of a change into a commitment's lines as written."""

from __future__ import annotations

from greentrade_cli.ledgerfile.splice import (
    append_block,
    block_newline,
    canonical_block,
    conflicting_lines,
    merged_block,
)

BASE = 'id = "a"\ntitle = "T"\nstatus = "pledged"\ntags = [\n    "x",\n]\n'
NEW = 'id = "a"\ntitle = "T"\nstatus = "stalled"\ntags = [\n    "x",\n]\nhistory = [\n    { date = 2025-11-05, status = "stalled" },\n]\n'


def test_canonical_lines_become_the_new_canonical_lines() -> None:
    assert merged_block(BASE, BASE, NEW) == NEW


def test_hand_formatting_and_comments_away_from_the_change_stay() -> None:
    ours = (
        '# kept\nid = "a"\ntitle    =   "T"   # ours\nstatus = "pledged"\ntags = [\n    "x",\n]\n'
    )
    assert merged_block(ours, BASE, NEW) == (
        '# kept\nid = "a"\ntitle    =   "T"   # ours\nstatus = "stalled"\ntags = [\n    "x",\n]\n'
        'history = [\n    { date = 2025-11-05, status = "stalled" },\n]\n'
    )


def test_comment_lines_around_a_changed_line_stay_around_it() -> None:
    ours = 'id = "a"\ntitle = "T"\n# before\nstatus = "pledged"\n# after\ntags = [\n    "x",\n]\n'
    assert merged_block(ours, BASE, NEW) == (
        'id = "a"\ntitle = "T"\n# before\nstatus = "stalled"\n# after\ntags = [\n    "x",\n]\n'
        'history = [\n    { date = 2025-11-05, status = "stalled" },\n]\n'
    )


def test_a_comment_on_a_changed_line_is_a_conflict_named_by_its_line() -> None:
    ours = BASE.replace('status = "pledged"', 'status = "pledged"  # said so')
    assert merged_block(ours, BASE, NEW) is None
    assert conflicting_lines(ours, BASE, NEW) == [2]
    assert conflicting_lines(BASE, BASE, NEW) == []


def test_crlf_lines_give_crlf_lines_and_a_missing_last_newline_stays_missing() -> None:
    ours = BASE.replace("\n", "\r\n")
    assert merged_block(ours, BASE, NEW) == NEW.replace("\n", "\r\n")
    assert merged_block(BASE.removesuffix("\n"), BASE, NEW) == NEW.removesuffix("\n")
    assert canonical_block(ours.removesuffix("\r\n"), NEW) == NEW.replace(
        "\n", "\r\n"
    ).removesuffix("\r\n")
    assert (block_newline(ours), block_newline(BASE), block_newline("x\r")) == ("\r\n", "\n", "\n")


def test_append_block_adds_one_blank_line_and_keeps_the_rest() -> None:
    block = '[[commitments]]\nid = "b"\n'
    assert append_block("x = 1\n", block) == "x = 1\n\n" + block
    assert append_block("x = 1\n\n", block) == "x = 1\n\n" + block + "\n"  # blank lines end it
    assert append_block("x = 1\n \n\t\n", block) == "x = 1\n\n" + block + " \n\t\n"
    assert append_block("\n\n", block) == block + "\n\n"
    assert append_block("x = 1", block) == "x = 1\n\n" + block
    assert append_block("x = 1\r\n", block) == "x = 1\r\n\r\n" + block.replace("\n", "\r\n")
    assert append_block("", block) == block
