"""gt reads a ledger's TOML as :mod:`tomllib` does: the same data, type by type, on the
texts where faster parsers were found to differ, on random ledgers and TOML values as
tomli-w writes them (and as people restyle them), and on every TOML text of the repository."""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from bench.parsers import corpus, difference, same
from hypothesis import given, settings
from hypothesis import strategies as st

from greentrade_cli.errors import LedgerError
from greentrade_cli.ledgerfile.storage import parse_text
from tests.conftest import REPO
from tests.test_properties import ledgers, render

# Values at the limits of floats, integers, dates and times, and line ends in strings, as
# tomllib (and gt) reads them: where faster parsers were found to differ, or could.
CASES: list[tuple[str, dict[str, Any]]] = [
    ("x = -1e309\n", {"x": -math.inf}),  # beyond a double: rtoml refuses it
    ("x = 1e309\n", {"x": math.inf}),
    ("x = 1e-400\n", {"x": 0.0}),
    ("x = -0.0\n", {"x": -0.0}),
    ("x = -nan\n", {"x": -math.nan}),
    ("x = 0.1\n", {"x": 0.1}),
    ("x = 99999999999999999999\n", {"x": 99999999999999999999}),  # past 64 bits
    # rtoml gives these its own time zone class (not datetime.timezone; it cannot be pickled)
    ("x = 1979-05-27T07:32:00Z\n", {"x": dt.datetime(1979, 5, 27, 7, 32, tzinfo=dt.UTC)}),
    (
        "x = 1979-05-27 07:32:00.5-08:30\n",
        {
            "x": dt.datetime(
                1979, 5, 27, 7, 32, 0, 500000, dt.timezone(-dt.timedelta(hours=8, minutes=30))
            )
        },
    ),
    ("x = 1979-05-27T07:32:00.999999\n", {"x": dt.datetime(1979, 5, 27, 7, 32, 0, 999999)}),
    ("x = 07:32:00\n", {"x": dt.time(7, 32)}),
    ("x = 2025-10-31\n", {"x": dt.date(2025, 10, 31)}),
    # rtoml keeps a CRLF inside a multi-line string; tomllib makes it a line feed
    ('x = """\r\na\r\nb"""\r\n', {"x": "a\nb"}),
    ("x = '''\r\na\r\nb'''\r\n", {"x": "a\nb"}),
]


# Texts tomllib refuses that rtoml reads (TOML 1.1 refuses them too): a second BOM, once gt
# has taken off the first, line breaks inside a key/value pair of an inline table, and a
# dotted key reaching into an array of tables.
REFUSED = [
    ("\ufeff\ufeffa = 1\n", "1: is not valid TOML: invalid statement at column 1"),
    (
        "t = {a\n= 1}\n",
        "1: is not valid TOML: expected '=' after a key in a key/value pair at column 7",
    ),
    ("a = [1,\n{ b =\n1 }]\n", "2: is not valid TOML: invalid value at column 6"),
    (
        "[[t.a]]\n[t]\na.b.c = 1\n",
        "3: is not valid TOML: cannot redefine namespace ('t', 'a') at column 10",
    ),
]


def gt_reads(text: str) -> dict[str, Any] | None:
    """The data gt reads from a ledger file holding ``text``; None when it refuses it."""
    try:
        return parse_text(Path("ledger.toml"), text.encode())[2]
    except LedgerError:
        return None


def tomllib_reads(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def test_same_tells_apart_what_the_parsers_were_found_to_differ_on() -> None:
    class Zone(dt.tzinfo):
        def utcoffset(self, when: dt.datetime | None) -> dt.timedelta:
            return dt.timedelta(0)

    at = dt.datetime(2025, 10, 31, 9, 30)
    assert same({"a": [math.nan, -0.0, at]}, {"a": [math.nan, -0.0, at]})
    assert difference(math.nan, -math.nan) == f": nan against {-math.nan!r}"
    assert not same(0.0, -0.0) and not same(1, 1.0) and not same(1, True)
    assert not same(at.replace(tzinfo=dt.UTC), at.replace(tzinfo=Zone()))
    assert not same(at.replace(tzinfo=dt.UTC), at.replace(tzinfo=dt.UTC) - dt.timedelta(hours=8))
    assert difference({"a": {"b": [1, "x"]}}, {"a": {"b": [1, "y"]}}) == ".a.b[1]: 'x' against 'y'"


@pytest.mark.parametrize(("text", "data"), CASES)
def test_gt_reads_what_tomllib_reads_where_parsers_differ(text: str, data: dict[str, Any]) -> None:
    assert difference(tomllib.loads(text), data) is None
    assert difference(gt_reads(text), data) is None


@pytest.mark.parametrize(("text", "error"), REFUSED)
def test_gt_refuses_what_tomllib_refuses_where_parsers_differ(text: str, error: str) -> None:
    with pytest.raises(LedgerError) as refused:
        parse_text(Path("ledger.toml"), text.encode())
    assert str(refused.value) == f"ledger.toml:{error}; fix the line and run `gt check`"
    assert tomllib_reads(text.removeprefix("\ufeff")) is None


def test_gt_reads_every_toml_text_of_the_repository_as_tomllib_does() -> None:
    texts = corpus(REPO / "commitments.toml")
    for name, text in texts.items():
        if text.strip():  # gt refuses an empty ledger before parsing it
            assert difference(gt_reads(text), tomllib_reads(text)) is None, name
    assert len(texts) > 300


@st.composite
def styled(draw: st.DrawFn, data: dict[str, Any]) -> bytes:
    """``data`` as tomli-w writes it, in the styles people give a file by hand: multi-line
    strings, another indent, comments before tables, CRLF line ends, a BOM."""
    text = tomli_w.dumps(
        data, multiline_strings=draw(st.booleans()), indent=draw(st.sampled_from([0, 2, 4]))
    )
    if draw(st.booleans()):
        text = text.replace("\n[", "\n# note [x] = 'y'\n[")
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode()


SOME = settings(max_examples=150, deadline=None)


@SOME
@given(st.data())
def test_gt_reads_a_random_ledger_as_tomllib_does(data: st.DataObject) -> None:
    raw = data.draw(styled(tomllib.loads(render(data.draw(ledgers())))))
    assert (
        difference(parse_text(Path("l.toml"), raw)[2], tomllib.loads(raw.decode("utf-8-sig")))
        is None
    )


keys = st.text(st.characters(exclude_categories=("Cs",)), max_size=6)
offsets = st.integers(-1439, 1439).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
scalars = st.one_of(
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
    st.dates(),
    st.datetimes(timezones=st.none() | offsets),
    st.times(),
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4)
)


@SOME
@given(st.data())
def test_gt_reads_random_toml_values_as_tomllib_does(data: st.DataObject) -> None:
    table = data.draw(st.dictionaries(keys, values, min_size=1, max_size=6))
    raw = data.draw(styled(table))
    assert (
        difference(parse_text(Path("l.toml"), raw)[2], tomllib.loads(raw.decode("utf-8-sig")))
        is None
    )
