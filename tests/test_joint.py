"""Joint pledges: ``agency`` a list (lead first), matched by any of them, counted in each
agency's row and once in the total."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from greentrade_cli.ledgerfile import storage
from tests.conftest import Run
from tests.small_ledgers import HEAD, block, ledger_text, write_ledger

MORE = """
[agencies.NDRC]
name = "National Development and Reform Commission"

[agencies.NEA]
name = "National Energy Administration"
"""
AS_OF = ("--as-of", "2026-01-01")


def _text(joint: str) -> str:
    solo = block("solo")
    both = block("both").replace('agency = "MOFCOM"', f"agency = {joint}")
    return ledger_text(solo, both).replace(HEAD, HEAD + MORE)


@pytest.fixture
def joint_ledger(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "l", _text('["NDRC", "NEA"]'))


def test_a_joint_pledge_reads_back_and_keeps_its_list(joint_ledger: Path) -> None:
    c = storage.load(joint_ledger).ledger.find("both")
    assert (c.agency, c.joint, c.agencies, c.agency_text) == (
        "NDRC",
        ("NEA",),
        ("NDRC", "NEA"),
        "NDRC+NEA",
    )


def test_filters_match_any_agency_named(gt: Run, joint_ledger: Path) -> None:
    def ids(*args: str) -> list[str]:
        out = gt("--ledger", str(joint_ledger), "list", *AS_OF, *args).stdout
        return [line.split("\t")[:2] for line in out.splitlines()[1:]]  # type: ignore[misc]

    assert ids("--agency", "NEA") == [["both", "NDRC+NEA"]]
    assert ids("--agency", "NDRC") == [["both", "NDRC+NEA"]]
    assert ids("--agency", "MOFCOM") == [["solo", "MOFCOM"]]


def test_summary_and_scorecard_count_it_per_agency_and_once_in_all(
    gt: Run, joint_ledger: Path
) -> None:
    base = ("--ledger", str(joint_ledger))
    note = (
        "note: 1 joint pledge counts in the row of each agency named and once in 'all', so "
        "the agency rows add up to more than it\n"
    )
    summary = gt(*base, "summary", *AS_OF)
    rows = {line.split("\t")[0]: line.split("\t")[1] for line in summary.stdout.splitlines()[2:6]}
    assert rows == {"MOFCOM": "1", "NDRC": "1", "NEA": "1", "all": "2"}
    assert summary.stderr == note
    card = gt(*base, "scorecard", *AS_OF)
    totals = {line.split("\t")[0]: line.split("\t")[1] for line in card.stdout.splitlines()[2:6]}
    assert totals == {"MOFCOM": "1", "NDRC": "1", "NEA": "1", "all": "2"}
    assert card.stderr == note
    as_json = gt(*base, "summary", *AS_OF, "--json")
    assert as_json.stderr == ""
    counts = {a["agency"]: a["total"] for a in json.loads(as_json.stdout)["agencies"]}
    assert counts == {"MOFCOM": 1, "NDRC": 1, "NEA": 1}
    agencies = gt(*base, "agencies").stdout.splitlines()
    assert [line.split("\t")[0::4] for line in agencies[1:]] == [
        ["MOFCOM", "1"], ["NDRC", "1"], ["NEA", "1"],
    ]  # fmt: skip


def test_exports_name_every_agency(gt: Run, joint_ledger: Path) -> None:
    base = ("--ledger", str(joint_ledger), "export", *AS_OF)
    rows = list(csv.DictReader(io.StringIO(gt(*base, "-f", "csv").stdout)))
    assert [(r["id"], r["agency"]) for r in rows] == [("solo", "MOFCOM"), ("both", "NDRC+NEA")]
    objects = json.loads(gt(*base, "-f", "json").stdout)
    assert [(o["agency"], o["agencies"]) for o in objects] == [
        ("MOFCOM", ["MOFCOM"]),
        ("NDRC", ["NDRC", "NEA"]),
    ]
    page = gt(*base, "-f", "html").stdout
    assert "<td>NDRC+NEA</td>" in page
    assert (
        '<p class="note">1 joint pledge counts in the row of each agency named and once in '
        "&#x27;All&#x27;, so the agency rows add up to more than it.</p>"
    ) in page


def test_add_takes_several_agencies_and_writes_a_list(gt: Run, joint_ledger: Path) -> None:
    added = gt(
        "--ledger", str(joint_ledger), "add", "--title", "Open wider", "-a", "NEA", "-a",
        "National Development and Reform Commission", "--source", "brief",
        "--quote", "We will open wider to green goods.",
    )  # fmt: skip
    assert added.stderr == "added nea-open-wider\n"
    assert 'agency = [\n    "NEA",\n    "NDRC",\n]\n' in joint_ledger.read_text(encoding="utf-8")
    twice = gt(
        "--ledger", str(joint_ledger), "add", "--title", "x", "-a", "NEA", "-a", "nea",
        "--source", "brief", "--quote", "We will open wider to green goods.",
    )  # fmt: skip
    assert (twice.exit_code, twice.stderr) == (
        2,
        "gt: error: --agency: NEA is named twice; name each agency once\n",
    )


def test_an_agency_named_by_a_joint_pledge_cannot_be_removed(gt: Run, joint_ledger: Path) -> None:
    removed = gt("--ledger", str(joint_ledger), "agency", "remove", "NEA")
    assert (removed.exit_code, removed.stderr) == (
        1,
        "gt: error: agency NEA is named by 1 commitment(s) (both); it cannot be removed while "
        "a pledge names it\n",
    )


@pytest.mark.parametrize(
    ("joint", "message"),
    [
        ('["NDRC", "NDRC"]', "agency: must be an agency code or a list of distinct codes"),
        ("[]", "agency: must be an agency code or a list of distinct codes"),
        ('["NDRC", 5]', "agency: must be an agency code or a list of distinct codes"),
        ('["NDRC", "MOF"]', "agency: unknown agency 'MOF'; declare [agencies.MOF]"),
    ],
)
def test_a_bad_agency_list_fails_the_check(
    gt: Run, tmp_path: Path, joint: str, message: str
) -> None:
    path = write_ledger(tmp_path / "bad", _text(joint))
    result = gt("--ledger", str(path), "check")
    assert result.exit_code == 1
    problems = result.stdout.splitlines()
    assert len(problems) == 1
    assert f"{path}:29: both: {message}" in problems[0]
