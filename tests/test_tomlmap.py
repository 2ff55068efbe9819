"""The position scanner: lines of keys, spans of commitments, comments, tricky strings."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greentrade_cli.ledgerfile.tomlmap import TomlMap, quick_layout, scan, split_lines

TRICKY = "\n".join(
    [
        "# top comment",
        "schema = 1",
        "",
        "[[commitments]]",
        'id = "a"',
        'title = "has \'\'\' and \\"\\"\\" and # inside"',
        "quote = '''",
        "multi # not a comment",
        "[[commitments]]",
        "'''",
        'note = """x \\""" y',
        "[not.a.header]",
        '"""',
        'status = "pledged" # trailing',
        "",
        "[commitments.target]",
        "value = 1",
        "",
        "# about b",
        "[[commitments]]",
        'id = "b"',
        "history = [",
        '    { date = 2025-11-01, status = "met" },',
        '    { date = 2025-11-02, status = "x" },',
        "]",
        "target.baseline.value = 3",
        "",
        "[agencies.X]",
        'name = "X"',
        "",
    ]
)


def test_tricky_text_is_valid_toml() -> None:
    data = tomllib.loads(TRICKY)
    assert [c["id"] for c in data["commitments"]] == ["a", "b"]


def test_blocks_end_before_the_comment_that_leads_the_next_table() -> None:
    where = scan(TRICKY)
    assert where.blocks == [(3, 17), (19, 26)]
    assert where.stray == {}


def test_strings_holding_quotes_hashes_and_header_lookalikes_are_skipped() -> None:
    where = scan(TRICKY)
    assert where.keys[("commitments[0]", "title")] == 6
    assert where.keys[("commitments[0]", "quote")] == 7
    assert where.keys[("commitments[0]", "note")] == 11
    assert where.keys[("commitments[0]", "status")] == 14
    assert "not.a.header" not in where.headers
    assert where.comment_lines == {0, 13, 18}


def test_sub_tables_and_inline_entries_are_indexed_per_commitment() -> None:
    where = scan(TRICKY)
    assert where.headers["commitments[0].target"] == 16
    assert where.keys[("commitments[0].target", "value")] == 17
    assert where.headers["commitments[1].history[0]"] == 23
    assert where.keys[("commitments[1].history[1]", "date")] == 24
    assert where.keys[("commitments[1].target.baseline", "value")] == 26
    assert where.headers["agencies.X"] == 28


def test_line_falls_back_to_the_nearest_enclosing_place() -> None:
    where = scan(TRICKY)
    assert where.line("commitments[1].history[1]", "evidence") == 24
    assert where.line("commitments[1].history[7]", "date") == 22
    assert where.line("commitments[0].measurements[0]", "value") == 4
    assert where.line("nowhere") is None


def test_array_of_tables_history_entries_get_their_own_sections() -> None:
    text = (
        '[[commitments]]\nid = "a"\n\n[[commitments.history]]\ndate = 2025-11-01\n\n'
        '[[commitments.history]]\ndate = 2025-11-02\n\n[[commitments]]\nid = "b"\n'
    )
    where = scan(text)
    assert where.keys[("commitments[0].history[1]", "date")] == 8
    assert where.blocks == [(0, 8), (9, 11)]


def test_a_sub_table_written_after_another_table_is_stray() -> None:
    text = (
        '[[commitments]]\nid = "a"\n\n[agencies.X]\nname = "X"\n\n[commitments.target]\nvalue = 1\n'
    )
    where = scan(text)
    assert where.blocks == [(0, 2)]
    assert where.stray == {0: 7}


def test_lines_are_counted_at_newline_only() -> None:
    text = 'a = "x\u2028y\x85z"\nb = 1\r\nc = 2\n'
    assert tomllib.loads(text)["b"] == 1
    where = scan(text)
    assert where.keys == {("", "a"): 1, ("", "b"): 2, ("", "c"): 3}
    assert split_lines(text) == ['a = "x\u2028y\x85z"\n', "b = 1\r\n", "c = 2\n"]
    assert len(text.splitlines()) == 5  # what str.splitlines would have cut


def test_split_lines_gives_the_text_back() -> None:
    assert split_lines("") == []
    assert split_lines("a") == ["a"]
    assert split_lines("a\n\nb") == ["a\n", "\n", "b"]


def test_inline_commitments_have_no_blocks() -> None:
    where = scan('commitments = [{ id = "a" }, { id = "b" }]\n')
    assert where.blocks == []
    assert where.headers["commitments[1]"] == 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]{}\"'#=.,\n\r \tab1-\\\u2028")), max_size=80))
def test_scan_never_raises_on_any_text(text: str) -> None:
    where = scan(text)
    assert isinstance(where, TomlMap)
    assert all(0 <= first <= end for first, end in where.blocks)


PLAIN = "\r\n".join(
    [
        "# top comment",
        'include = ["ledger/*.toml"]',
        "",
        "[agencies.X]",
        'name = "X # not a comment"  # a comment',
        "",
        "[sources.s]",
        'title = "[not.a.header]"',
        "",
        "# about a",
        "[[commitments]]",
        'id = "a"',
        "",
        "[commitments.target]",
        "value = 1",
        "",
        "[[ commitments . history ]]",
        "date = 2025-11-01",
        "",
        "[[commitments]]",
        'id = "b"',
        "tags = [",
        '    "x",  # why',
        "]",
        "",
        "[sources.t]",
        'title = "T"',
        "",
        "[commitments.target]",
        "value = 2",
        "",
    ]
)


def test_a_text_without_multi_line_strings_is_laid_out_from_its_lines_alone() -> None:
    layout = quick_layout(PLAIN, tomllib.loads(PLAIN))
    assert layout == scan(PLAIN).layout()
    assert layout is not None and layout.blocks == ((10, 18), (19, 24))
    assert layout.stray == {1: 29}
    assert layout.comment_lines == {0, 4, 9, 22}
    assert layout.tables == {"agencies.X": (3, 5), "sources.s": (6, 8), "sources.t": (25, 27)}


@pytest.mark.parametrize(
    "text",
    [
        TRICKY,  # multi-line strings
        'x = [\n  [1, 2],\n]\n[[commitments]]\nid = "a"\n',  # a line opening an array
        '[[commitments]]\nid = "a"\n["quoted".x]\ny = 1\n',  # a quoted header
        'sources.s.title = "S"\n[[commitments]]\nid = "a"\n',  # a table by dotted keys
        'commitments = [{ id = "a" }]\n',  # commitments written inline
    ],
)
def test_what_only_the_full_scan_reads_right_is_left_to_it(text: str) -> None:
    assert quick_layout(text, tomllib.loads(text)) is None


def test_the_quick_layout_is_the_scan_s_on_every_text_of_the_test_corpus() -> None:
    from bench.parsers import corpus

    compared = 0
    for name, text in corpus(Path(__file__).parents[1] / "commitments.toml").items():
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            continue
        layout = quick_layout(text, data)
        if layout is not None:
            assert layout == scan(text).layout(), name
            compared += 1
    assert compared > 40
