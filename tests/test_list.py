"""`gt list` on the briefing ledger: exact rows, filters, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run

HEADER = "id\tagency\ttitle\tstatus\tdeadline\tprogress\tpace\tflags"
MIIT_ROWS = [
    "miit-green-factories-2030\tMIIT\tRaise green factories' share of industrial output value to 40% by 2030\tpledged\t2030\t—\tno data\tstale",
    "miit-green-design-manufacturing\tMIIT\tPromote green design and green manufacturing\tpledged\t\t\t\tstale",
    "miit-product-lifecycle-green-transformation\tMIIT\tAccelerate green transformation and upgrading across the whole product lifecycle\tpledged\t\t\t\tstale",
    "miit-green-industrial-ecosystem\tMIIT\tBuild a green industrial ecosystem by integrating points, lines and surfaces\tpledged\t\t\t\tstale",
]


def ids(stdout: str) -> list[str]:
    return [line.split("\t")[0] for line in stdout.splitlines()[1:]]


def test_list_miit_rows_exactly(gt: Run) -> None:
    result = gt("list", "--agency", "MIIT", "--as-of", "2026-11-29")
    assert result.exit_code == 0
    assert result.stdout == "\n".join([HEADER, *MIIT_ROWS]) + "\n"
    assert result.stderr == ""


@pytest.mark.parametrize(
    "name",
    [
        "miit",
        "Ministry of Industry and Information Technology",
        "工业和信息化部",
        "industry and information technology",
    ],
)
def test_agency_by_any_name(gt: Run, name: str) -> None:
    result = gt("list", "--agency", name, "--as-of", "2026-11-29")
    assert result.stdout == "\n".join([HEADER, *MIIT_ROWS]) + "\n"


def test_every_pledge_of_the_briefing_is_listed(gt: Run) -> None:
    result = gt("list", "--as-of", "2026-11-29")
    listed = ids(result.stdout)
    assert len(listed) == 23
    agencies = [line.split("\t")[1] for line in result.stdout.splitlines()[1:]]
    assert {a: agencies.count(a) for a in set(agencies)} == {"MOFCOM": 16, "MIIT": 4, "PBOC": 3}


def test_repeated_option_ors_and_different_options_and(gt: Run) -> None:
    both = gt("list", "-a", "PBOC", "-a", "MIIT", "--as-of", "2026-11-29")
    assert ids(both.stdout) == [
        "miit-green-factories-2030", "miit-green-design-manufacturing",
        "miit-product-lifecycle-green-transformation", "miit-green-industrial-ecosystem",
        "pboc-green-finance-transition-standards", "pboc-green-service-trade-financing",
        "pboc-green-assets-global-issuance",
    ]  # fmt: skip
    anded = gt("list", "-a", "MOFCOM", "--status", "In-Progress", "--status", "MET")
    assert ids(anded.stdout) == [
        "mofcom-green-trade-capacity", "mofcom-apec-egl-tariffs", "mofcom-fta-green-content",
        "mofcom-green-product-certification", "mofcom-standards-mutual-recognition",
    ]  # fmt: skip


def test_tag_search_and_sort(gt: Run) -> None:
    assert ids(gt("list", "--tag", "FINANCE").stdout) == [
        "pboc-green-finance-transition-standards", "pboc-green-service-trade-financing",
        "pboc-green-assets-global-issuance",
    ]  # fmt: skip
    assert ids(gt("list", "--search", "MUTUAL RECOGNITION").stdout) == [
        "mofcom-green-product-certification", "mofcom-standards-mutual-recognition",
    ]  # fmt: skip
    sorted_ids = ids(gt("list", "-a", "pboc", "--sort", "id").stdout)
    assert sorted_ids == sorted(sorted_ids)
    by_deadline = ids(gt("list", "--sort", "deadline").stdout)
    assert by_deadline[0] == "miit-green-factories-2030"


def test_due_before_and_overdue_follow_the_year_end(gt: Run) -> None:
    assert ids(gt("list", "--due-before", "2031-01-01").stdout) == ["miit-green-factories-2030"]
    assert gt("list", "--due-before", "2030-12-31").stdout == ""
    assert gt("list", "--overdue", "--as-of", "2030-12-31").stdout == ""
    assert ids(gt("list", "--overdue", "--as-of", "2031-01-01").stdout) == [
        "miit-green-factories-2030"
    ]


def test_no_match_says_so_and_succeeds(gt: Run) -> None:
    result = gt("list", "--agency", "SAMR")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        "No commitments match these filters.\n",
    )


def test_unknown_agency_lists_the_valid_ones(gt: Run) -> None:
    result = gt("list", "--agency", "MOF")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "gt: error: unknown agency 'MOF'; use one of: MOFCOM (Ministry of Commerce), MIIT "
        "(Ministry of Industry and Information Technology), PBOC (People's Bank of China), SAMR "
        "(State Administration for Market Regulation)\n"
    )


def test_unknown_status_lists_the_valid_ones(gt: Run) -> None:
    result = gt("list", "--status", "done")
    assert result.exit_code == 2
    assert result.stderr == (
        "gt: error: unknown status 'done'; use one of: pledged, in_progress, stalled, "
        "partially_met, met, missed, withdrawn\n"
    )


def test_impossible_date_is_a_usage_error(gt: Run) -> None:
    result = gt("list", "--as-of", "2030-02-30")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "gt: error: --as-of: '2030-02-30' is not a real date (day is out of range for month)\n"
    )
    result = gt("list", "--due-before", "next year")
    assert result.stderr == (
        "gt: error: --due-before: 'next year' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD\n"
    )


def test_table_on_a_terminal(gt: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    result = gt("list", "--agency", "MIIT", "--as-of", "2026-11-29")
    expected = """\

 Commitment                                        Agency   Status    Deadline   Progress   Pace
 ──────────────────────────────────────────────────────────────────────────────────────────────────
 miit-green-factories-2030                         MIIT     pledged   2030       —          no data
 Raise green factories' share of industrial                 (stale)
 output value to 40% by 2030
 miit-green-design-manufacturing                   MIIT     pledged
 Promote green design and green manufacturing               (stale)
 miit-product-lifecycle-green-transformation       MIIT     pledged
 Accelerate green transformation and upgrading              (stale)
 across the whole product lifecycle
 miit-green-industrial-ecosystem                   MIIT     pledged
 Build a green industrial ecosystem by                      (stale)
 integrating points, lines and surfaces

"""
    plain = "\n".join(line.rstrip() for line in _strip_styles(result.stdout).split("\n"))
    assert plain == expected


def _strip_styles(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_ledger_from_environment(
    gt: Run, ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = ledger_path.read_text(encoding="utf-8")
    ledger_path.write_text(
        text.replace(
            'title = "Promote green design and green manufacturing"',
            'title = "Promote green design [bold]now[/]"',
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("GT_LEDGER", str(ledger_path))
    result = gt("list", "--search", "[bold]", "--as-of", "2026-11-29")
    assert result.stdout == (
        HEADER
        + "\nmiit-green-design-manufacturing\tMIIT\tPromote green design [bold]now[/]\tpledged\t\t\t\tstale\n"
    )


def test_an_empty_listing_says_whether_filters_or_the_date_left_everything_out(
    gt: Run, tmp_path: Path
) -> None:
    assert gt("new", str(tmp_path / "empty.toml")).exit_code == 0
    empty = gt("list", "--ledger", str(tmp_path / "empty.toml"), "--as-of", "2026-01-01")
    assert (empty.exit_code, empty.stdout, empty.stderr) == (
        0, "", "No commitments in the ledger on 2026-01-01 (`gt add` adds one).\n",
    )  # fmt: skip
    early = gt("list", "--as-of", "2025-01-01")
    assert early.stderr == (
        "No commitments pledged by 2025-01-01; the first was pledged on 2025-10-31.\n"
    )
    filtered = gt("list", "--agency", "SAMR", "--as-of", "2026-01-01")
    assert filtered.stderr == "No commitments match these filters.\n"
