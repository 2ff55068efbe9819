"""`gt check`: one "ok" line for a sound ledger, one exact line per problem otherwise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from greentrade_cli.ledgerfile.check import check_ledger
from tests.conftest import Run
from tests.small_ledgers import HEAD, block, ledger_text, write_ledger


def check(gt: Run, path: Path) -> tuple[int, list[str], str]:
    result = gt("--ledger", str(path), "check")
    return result.exit_code, result.stdout.splitlines(), result.stderr


def test_the_briefing_ledger_is_sound(gt: Run, ledger_path: Path) -> None:
    code, lines, err = check(gt, ledger_path)
    assert (code, err) == (0, "")
    assert lines == [
        f"{ledger_path}: ok: 23 commitments, 4 agencies, 1 source; "
        "23 quotes found verbatim in their archived sources"
    ]


def test_check_reads_the_local_ledger_by_default(gt: Run, tmp_path: Path) -> None:
    write_ledger(tmp_path, ledger_text(block("a-1"), block("a-2")))
    result = gt("check")
    assert result.exit_code == 0
    assert result.stdout == (
        "commitments.toml: ok: 2 commitments, 1 agency, 1 source; "
        "2 quotes found verbatim in their archived sources\n"
    )


BROKEN = ledger_text(
    block("a-1", deadline='"2030-02-30"', tags="[1]"),
    block("a-1", status="met"),
    block("B 2").replace('agency = "MOFCOM"', 'agency = "MIIT"'),
    block("a-3", quote="We will open wider to GREEN goods.").replace('"pledged"', '"kept"'),
    block("a-4").replace('source = "brief"', 'source = "other"'),
    block("a-5").replace('title = "Title of a-5"\n', "title = 5\n"),
    (
        block("a-6", status="in_progress")
        + '\n[[commitments.history]]\ndate = 2025-11-02\nstatus = "in_progress"\n'
        + '\n[[commitments.history]]\ndate = 2025-11-01\nstatus = "in_progress"\n'
    ),
    (
        block("a-7", status="met")
        + 'history = [{ date = 2025-10-30, status = "met" }]\n'
        + "measurements = [{ date = 2025-11-01, value = nan }]\n"
        + '\n[commitments.target]\nmetric = "m"\nunit = "%"\nvalue = 5.0\n'
        + 'direction = "decrease"\nbaseline = { value = 1.0 }\n'
    ),
)


def test_every_problem_is_one_exact_line_in_file_order(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path, BROKEN)
    code, lines, err = check(gt, path)
    assert (code, err) == (1, "")
    p = str(path)
    text_lines = BROKEN.splitlines()
    assert (text_lines[19 - 1], text_lines[92 - 1]) == (
        'deadline = "2030-02-30"',
        'direction = "decrease"',
    )
    assert lines == [
        f"{p}:19: a-1: deadline: '2030-02-30' is not a real date (day is out of range for month)",
        f"{p}:20: a-1: tags: must be a list of non-empty strings",
        f"{p}:23: a-1: id: duplicate id; every commitment needs its own",
        f"{p}:28: a-1: status: is 'met' without evidence; add a history entry with status = \"met\" and its evidence",
        f"{p}:31: B 2: id: must be lower-case letters and digits joined by '-' or '.' (e.g. miit-green-factories-2030)",
        f"{p}:33: B 2: agency: unknown agency 'MIIT'; declare [agencies.MIIT] or use one of: MOFCOM",
        f"{p}:43: a-3: quote: not found verbatim in brief.txt; copy the exact words of the source",
        f"{p}:44: a-3: status: unknown status 'kept'; use one of: pledged, in_progress, stalled, partially_met, met, missed, withdrawn",
        f"{p}:50: a-4: source: unknown source 'other'; declare it in a [sources.other] table",
        f"{p}:56: a-5: title: must be a string, not 5",
        f"{p}:75: a-6: history[1].date: 2025-11-01 is before the entry above it (2025-11-02); keep history in date order",
        f"{p}:84: a-7: status: is 'met' without evidence; add a history entry with status = \"met\" and its evidence",
        f"{p}:85: a-7: history[0].date: 2025-10-30 is before the pledge was made (2025-10-31)",
        f"{p}:86: a-7: measurements[0].value: must be a finite number, not nan",
        f"{p}:92: a-7: target.direction: decrease from baseline 1 to target 5 is not possible; check the direction or the values",
    ]


def test_problems_are_sorted_and_named_by_line(tmp_path: Path) -> None:
    report = check_ledger(write_ledger(tmp_path, BROKEN), dt.date(2026, 1, 1))
    assert not report.ok
    assert [p.line for p in report.problems] == sorted(p.line or 0 for p in report.problems)


def test_a_quote_must_be_verbatim_up_to_spacing_and_quote_marks(gt: Run, tmp_path: Path) -> None:
    folded = "We will \\u201ckeep\\u201d working\\u00a0on  standards."
    straight = 'We will \\"keep\\" working on standards.'
    changed = "We will keep working on standards."
    path = write_ledger(
        tmp_path,
        ledger_text(
            block("a-1", quote=folded), block("a-2", quote=straight), block("a-3", quote=changed)
        ),
    )
    code, lines, _ = check(gt, path)
    assert code == 1
    assert lines == [
        f"{path}:33: a-3: quote: not found verbatim in brief.txt; copy the exact words of the source"
    ]


def test_a_missing_archive_is_a_problem_of_its_source(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path, ledger_text(block("a-1")))
    (tmp_path / "brief.txt").unlink()
    code, lines, _ = check(gt, path)
    assert code == 1
    assert lines == [
        f"{path}:10: sources.brief.archive: cannot read 'brief.txt' (no such file); restore the archived text"
    ]


def test_a_syntax_error_names_line_and_column(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(
        tmp_path, ledger_text(block("a-1")).replace('status = "pledged"', "status = pledged")
    )
    code, lines, _ = check(gt, path)
    assert code == 1
    assert lines == [
        f"{path}:18: is not valid TOML: invalid value at column 10; fix the line and run `gt check`"
    ]


def test_an_unterminated_string_points_at_the_end_of_the_file(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path, HEAD + '\nnote = """never closed\n\n')
    code, lines, _ = check(gt, path)
    assert code == 1
    assert lines == [
        f"{path}:13: is not valid TOML: unterminated string at the end of the file; fix it and run `gt check`"
    ]


@pytest.mark.parametrize("command", [["list"], ["show", "a-1"], ["export"], ["mark", "a-1", "met"]])
def test_every_command_reports_the_first_problem_the_same_way(
    gt: Run, tmp_path: Path, command: list[str]
) -> None:
    path = write_ledger(tmp_path, BROKEN)
    before = path.read_bytes()
    first = check(gt, path)[1][0]
    result = gt("--ledger", str(path), *command)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"gt: error: {first} (and 14 more problem(s); run `gt check`)\n"
    assert path.read_bytes() == before


def test_a_problem_quoting_hostile_text_stays_on_one_line(gt: Run, tmp_path: Path) -> None:
    text = ledger_text(block("a-1")).replace('id = "a-1"', 'id = "a-1\\nfake: line\\u2028"')
    path = write_ledger(tmp_path, text)
    code, lines, _ = check(gt, path)
    assert code == 1
    assert lines == [
        f"{path}:13: a-1\\nfake: line\\u2028: id: must be lower-case letters and digits joined "
        "by '-' or '.' (e.g. miit-green-factories-2030)"
    ]


SHARES = ledger_text(
    block("share", measurements="[{ date = 2026-01-01, value = 2000.0 }, "
                                "{ date = 2026-02-01, value = 1e308 }, "
                                "{ date = 2026-03-01, value = 100.0 }]")
    + '\n[commitments.target]\nmetric = "Coal\'s share of energy use"\nunit = "%"\n'
    + 'value = -5.0\ndirection = "decrease"\nbaseline = { value = 140.0 }\n',
    block("tariff", measurements="[{ date = 2026-01-01, value = 125.0 }]")
    + '\n[commitments.target]\nmetric = "Tariff on green goods"\nunit = "%"\n'
    + 'value = 5.0\ndirection = "decrease"\nbaseline = { value = 145.0 }\n',
    block("growth", measurements="[{ date = 2026-01-01, value = -3.5 }]")
    + '\n[commitments.target]\nmetric = "Growth of green exports"\nunit = "%"\n'
    + 'value = 250.0\ndirection = "increase"\n',
)  # fmt: skip


def test_a_share_is_0_to_100_percent_and_other_percentages_are_any_number(
    gt: Run, tmp_path: Path
) -> None:
    path = write_ledger(tmp_path, SHARES)
    code, lines, err = check(gt, path)
    assert (code, err) == (1, "")
    why = "the metric names a share, which is 0 to 100%; give percentage points (40 for 40%)"
    text = SHARES.splitlines()
    assert (text[19 - 1][:15], text[24 - 1], text[26 - 1]) == (
        "measurements = ",
        "value = -5.0",
        "baseline = { value = 140.0 }",
    )
    assert lines == [
        f"{path}:19: share: measurements[0].value: 2000% is not a possible value: {why}",
        f"{path}:19: share: measurements[1].value: 1e+308% is not a possible value: {why}",
        f"{path}:24: share: target.value: -5% is not a possible value: {why}",
        f"{path}:26: share: target.baseline.value: 140% is not a possible value: {why}",
    ]
    ok = SHARES.replace("value = 2000.0", "value = 0.0").replace("value = 1e308", "value = 0.5")
    path.write_text(ok.replace("value = -5.0", "value = 5.0").replace("140.0", "14.0"), "utf-8")
    assert check(gt, path) == (
        0,
        [f"{path}: ok: 3 commitments, 1 agency, 1 source; 3 quotes found verbatim in their "
         "archived sources"],
        "",
    )  # fmt: skip


def test_an_id_longer_than_a_file_name_allows_is_a_problem(gt: Run, tmp_path: Path) -> None:
    long_id, long_source = "a" * 300, "s" * 101
    text = ledger_text(block(long_id), block("a-" + "b" * 98)).replace(
        "[sources.brief]", f'[sources.{long_source}]\ntitle = "Other"\npublisher = "P"\n'
        "date = 2025-10-31\n\n[sources.brief]"
    )  # fmt: skip
    path = write_ledger(tmp_path, text)
    code, lines, err = check(gt, path)
    assert (code, err) == (1, "")
    too_long = (
        "characters is too long; an id has at most 100, as gt names files after it; shorten it"
    )
    assert lines == [
        f"{path}:6: sources.{long_source}: source id: 101 {too_long}",
        f"{path}:18: {long_id}: id: 300 {too_long}",
    ]
    site = gt("--ledger", str(path), "site", str(tmp_path / "public"))
    assert (site.exit_code, site.stdout) == (1, "")
    assert site.stderr == f"gt: error: {lines[0]} (and 1 more problem(s); run `gt check`)\n"
    assert not (tmp_path / "public").exists()


def test_a_source_dated_after_the_as_of_date_is_a_warning(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path, ledger_text(block("a-1")))
    ok = f"{path}: ok: 1 commitment, 1 agency, 1 source; 1 quote found verbatim in their archived sources"
    result = gt("--ledger", str(path), "check", "--as-of", "2025-10-30")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        ok,
        f"{path}:9: sources.brief.date: warning: 2025-10-31 is after the as-of date (2025-10-30), "
        "so its pledges are left out of reports until then; correct the date if it is a mistake",
    ]
    on_the_day = gt("--ledger", str(path), "check", "--as-of", "2025-10-31")
    assert (on_the_day.exit_code, on_the_day.stdout) == (0, ok + "\n")


def test_a_name_two_agencies_answer_to_is_a_problem(gt: Run, tmp_path: Path) -> None:
    agencies = (
        '[agencies.MOFCOM]\nname = "Ministry of Commerce"\naliases = ["Commerce", "MIIT"]\n\n'
        '[agencies.MIIT]\nname = "ministry of commerce "\naliases = ["commerce", "Industry"]\n\n'
        '[agencies.PBOC]\nname = "Central bank"\naliases = ["pboc", "industry"]\n'
    )
    path = write_ledger(
        tmp_path, HEAD.replace('[agencies.MOFCOM]\nname = "Ministry of Commerce"\n', agencies)
    )
    code, lines, err = check(gt, path)
    assert (code, err) == (1, "")
    why = "a name must pick out one agency, so change or remove one of them"
    assert lines == [
        f"{path}:7: agencies.MIIT: code 'MIIT' is also an alias of agency MOFCOM; {why}",
        f"{path}:8: agencies.MIIT.name: name 'ministry of commerce ' is also the name of agency MOFCOM; {why}",
        f"{path}:9: agencies.MIIT.aliases[0]: alias 'commerce' is also an alias of agency MOFCOM; {why}",
        f"{path}:13: agencies.PBOC.aliases[1]: alias 'industry' is also an alias of agency MIIT; {why}",
    ]


def test_a_deadline_due_before_the_pledge_is_a_problem(gt: Run, tmp_path: Path) -> None:
    text = ledger_text(
        block("a-1", deadline='"2025-09"'),
        block("a-2", deadline='"2025-10"'),
        block("a-3", deadline='"2025-10-30"'),
    )
    path = write_ledger(tmp_path, text)
    code, lines, err = check(gt, path)
    assert (code, err) == (1, "")
    why = "falls due before the pledge was made (2025-10-31); correct the deadline or the source's date"
    assert lines == [
        f"{path}:19: a-1: deadline: '2025-09' {why}",
        f"{path}:37: a-3: deadline: '2025-10-30' {why}",
    ]
