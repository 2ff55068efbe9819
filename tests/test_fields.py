"""Choosing fields with --fields (library), and the bare --fields rewrite."""

from __future__ import annotations

import pytest

from greentrade_cli.cli.scripting import fill_bare_fields
from greentrade_cli.errors import UsageError
from greentrade_cli.tracking.fields import FieldSet, pick

FIELDS = FieldSet(("id", "status", "last_change"), ("id", "status"), "table")


def test_default_without_fields() -> None:
    assert FIELDS.choose(None) == ("id", "status")


def test_order_given_case_dashes_spaces_and_repeats() -> None:
    assert FIELDS.choose(" Last-Change, id ,status,id") == ("last_change", "id", "status")


def test_unknown_field_names_the_valid_ones() -> None:
    with pytest.raises(UsageError) as caught:
        FIELDS.choose("id,stat")
    assert str(caught.value) == (
        "--fields: unknown table field 'stat'; use any of: id,status,last_change"
    )
    assert caught.value.exit_code == 2


def test_only_commas_is_an_error() -> None:
    with pytest.raises(UsageError) as caught:
        FIELDS.choose(",,")
    assert str(caught.value) == (
        "--fields: no field named; give --fields alone to list them, e.g. --fields id,status"
    )


def test_pick_keeps_the_order_of_fields() -> None:
    assert list(pick({"a": 1, "b": 2, "c": 3}, ["c", "a"]).items()) == [("c", 3), ("a", 1)]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--fields"], ["--fields="]),
        (["--fields", "--json"], ["--fields=", "--json"]),
        (["--fields", "id,title"], ["--fields", "id,title"]),
        (["--fields=id"], ["--fields=id"]),
        (["x", "--", "--fields"], ["x", "--", "--fields"]),
    ],
)
def test_fill_bare_fields(args: list[str], expected: list[str]) -> None:
    assert fill_bare_fields(args) == expected
