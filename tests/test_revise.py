"""`gt revise`: target revisions kept with their dates, weakened or strengthened, and
progress against the target in force on the report date."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.small_ledgers import block, ledger_text, write_ledger

TARGET = (
    '{metric = "Share", unit = "%", value = 40, direction = "increase", '
    "baseline = {value = 10, date = 2025-01-01}}"
)


MEASURED = "[{date = 2026-01-01, value = 20}, {date = 2026-08-01, value = 25}]"


def share(folder: Path, measurements: str = MEASURED, target: str = TARGET) -> Path:
    """One pledge: at least 40% by 2030 from 10% in 2025, measured at 20% and 25% (other
    ``measurements``, "" for none, or another ``target`` when given)."""
    extra = {"measurements": measurements} if measurements else {}
    return write_ledger(
        folder, ledger_text(block("share", deadline='"2030"', target=target, **extra))
    )


def run(gt: Run, path: Path, *args: str) -> str:
    result = gt("--ledger", str(path), *args)
    assert result.exit_code == 0, result.stderr
    return str(result.stdout) + str(result.stderr)


def revise_twice(gt: Run, path: Path) -> None:
    weakened = run(gt, path, "revise", "share", "--target-value", "30", "--deadline", "2032",
                   "--note", "scaled back", "--evidence", "Plan, p. 3", "--on", "2026-03-01")  # fmt: skip
    assert weakened == ("share: revised on 2026-03-01 (weakened: target lowered, deadline later)\n")
    stronger = run(gt, path, "revise", "share", "--target-value", "35", "--note", "raised",
                   "--on", "2026-06-01")  # fmt: skip
    assert stronger == "share: revised on 2026-06-01 (strengthened: target raised)\n"


def test_progress_before_and_after_a_revision(gt: Run, tmp_path: Path) -> None:
    path = share(tmp_path / "l")
    revise_twice(gt, path)
    fields = ("list", "--fields", "id,target,deadline,progress,revised,weakened")
    assert run(gt, path, *fields, "--as-of", "2026-02-01") == (
        "id\ttarget\tdeadline\tprogress\trevised\tweakened\n"
        "share\tat least 40%\t2030\t███░░░░░ 33%\t\t\n"  # (20 - 10) / (40 - 10)
    )
    assert run(gt, path, *fields, "--as-of", "2026-04-01") == (
        "id\ttarget\tdeadline\tprogress\trevised\tweakened\n"
        "share\tat least 30%\t2032\t████░░░░ 50%\t2026-03-01\tyes\n"  # (20 - 10) / (30 - 10)
    )
    assert run(gt, path, *fields, "--as-of", "2026-09-01") == (
        "id\ttarget\tdeadline\tprogress\trevised\tweakened\n"
        "share\tat least 35%\t2032\t█████░░░ 60%\t2026-06-01\tyes\n"  # (25 - 10) / (35 - 10)
    )


def test_show_lists_the_versions_and_json_carries_them(gt: Run, tmp_path: Path) -> None:
    path = share(tmp_path / "l")
    revise_twice(gt, path)
    shown = run(gt, path, "show", "share", "--as-of", "2026-09-01").splitlines()
    assert shown[6:8] == [
        "target\tat least 35% (Share); baseline 10% on 2025-01-01",
        "versions\tat least 40% by 2030 (as pledged); at least 30% by 2032 from 2026-03-01, "
        "weakened: target lowered, deadline later (scaled back); at least 35% by 2032 from "
        "2026-06-01, strengthened: target raised (raised)",
    ]
    early = json.loads(run(gt, path, "show", "share", "--json", "--fields", "revisions",
                           "--as-of", "2026-04-01"))  # fmt: skip
    assert early == {
        "revisions": [
            {
                "date": "2026-03-01",
                "note": "scaled back",
                "evidence": "Plan, p. 3",
                "previous_target": {
                    "metric": "Share",
                    "unit": "%",
                    "value": 40.0,
                    "direction": "increase",
                    "baseline": {"value": 10.0, "date": "2025-01-01"},
                },
                "previous_deadline": "2030",
                "weakened": ["target lowered", "deadline later"],
                "strengthened": [],
            }
        ]
    }


def test_list_revised_and_weakened(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(
        tmp_path / "l",
        ledger_text(block("a-kept", deadline='"2030"'), block("b-sooner", deadline='"2030"'),
                    block("c-later", deadline='"2030"')),
    )  # fmt: skip
    run(gt, path, "revise", "b-sooner", "--deadline", "2028", "--note", "n", "--on", "2026-01-01")
    run(gt, path, "revise", "c-later", "--deadline", "2031-06", "--note", "n", "--on", "2026-01-01")
    listed = ("list", "--fields", "id,deadline,weakened")
    assert run(gt, path, *listed, "--revised", "--as-of", "2026-02-01") == (
        "id\tdeadline\tweakened\nb-sooner\t2028\t\nc-later\t2031-06\tyes\n"
    )
    assert run(gt, path, *listed, "--weakened", "--as-of", "2026-02-01") == (
        "id\tdeadline\tweakened\nc-later\t2031-06\tyes\n"
    )
    before = gt("--ledger", str(path), *listed, "--weakened", "--as-of", "2025-12-31")
    assert (before.stdout, before.stderr) == ("", "No commitments match these filters.\n")


def test_the_ledger_keeps_the_earlier_version_and_undo_drops_it(
    gt: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOGNAME", "ana")
    path = share(tmp_path / "l")
    original = path.read_bytes()
    run(gt, path, "revise", "share", "--deadline", "2029", "--note", "brought forward",
        "--on", "2026-03-01")  # fmt: skip
    assert 'deadline = "2029"\n' in path.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8").endswith(
        "\n\n[[commitments.revisions]]\n"
        "date = 2026-03-01\n"
        'note = "brought forward"\n'
        'deadline = "2030"\n'
        "\n"
        "[commitments.revisions.target]\n"
        'metric = "Share"\n'
        'unit = "%"\n'
        "value = 40.0\n"
        'direction = "increase"\n'
        "\n"
        "[commitments.revisions.target.baseline]\n"
        "value = 10.0\n"
        "date = 2025-01-01\n"
    )
    log = run(gt, path, "log").splitlines()
    assert log[2].split("\t") == [
        "2026-03-01", "share", "MOFCOM", "revision",
        "revised at least 40% by 2030 → at least 40% by 2029 (strengthened: deadline earlier)",
        "brought forward", "", "ana",
    ]  # fmt: skip
    run(gt, path, "undo")
    assert path.read_bytes() == original


def test_refusals(gt: Run, tmp_path: Path) -> None:
    path = share(tmp_path / "l")
    cases = [
        (["--note", "n"], "gt: error: give what changed: --target-value, --unit, --direction, "
         "--deadline, --baseline-value or --baseline-date\n"),
        (["--deadline", "2030", "--note", "n"],
         "gt: error: share: the target and deadline are already so; nothing was revised\n"),
        (["--deadline", "2025-09", "--note", "n"],
         "gt: error: --deadline: '2025-09' falls due before the pledge was made (2025-10-31); "
         "correct the deadline or the source's date\n"),
        (["--deadline", "20301", "--note", "n"],
         "gt: error: --deadline: '20301' is not a deadline; write YYYY, YYYY-MM or YYYY-MM-DD\n"),
        (["--target-value", "5", "--note", "n"],
         "gt: error: share: increase from baseline 10 to target 5 is not possible; check the "
         "direction or the values\n"),
        (["--target-value", "50", "--note", " "],
         "gt: error: --note: say why the target or deadline was revised\n"),
        (["--target-value", "50", "--note", "n", "--on", "2025-01-01"],
         "gt: error: share: 2025-01-01 is before the pledge was made (2025-10-31)\n"),
        (["--baseline-value", "nan", "--note", "n"],
         "gt: error: --baseline-value: 'nan' is not a finite number\n"),
        (["--target-value", "inf", "--note", "n"],
         "gt: error: --target-value: 'inf' is not a finite number\n"),
        (["--target-value", "2,00", "--note", "n"],
         "gt: error: --target-value: '2,00' is not a number gt can read unambiguously; commas "
         "may only separate thousands (2,000); write decimals with a point (2.5)\n"),
    ]  # fmt: skip
    before = path.read_bytes()
    for args, message in cases:
        result = gt("--ledger", str(path), "revise", "share", *args)
        assert (result.exit_code != 0, result.stderr) == (True, message), args
    assert path.read_bytes() == before


def test_values_may_use_thousands_separators(gt: Run, tmp_path: Path) -> None:
    path = share(tmp_path / "l", measurements="")
    said = run(gt, path, "revise", "share", "--target-value", "2,000", "--baseline-value",
               "1,000", "--unit", "bn yuan", "--note", "rescaled", "--on", "2026-03-01")  # fmt: skip
    assert said == "share: revised on 2026-03-01\n"
    fields = ("list", "--fields", "id,target", "--as-of", "2026-04-01")
    assert run(gt, path, *fields) == "id\ttarget\nshare\tat least 2,000 bn yuan\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--target-value", "2,000"), "--target-value: 2000% is not a possible value"),
        (("--baseline-value", "-5"), "--baseline-value: -5% is not a possible value"),
    ],
)
def test_a_share_is_revised_to_0_to_100_percent_only(
    gt: Run, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    path = share(tmp_path / "l")
    before = path.read_bytes()
    result = gt(
        "--ledger", str(path), "revise", "share", *args, "--note", "n", "--on", "2026-03-01"
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"gt: error: {message}: the metric names a share, which is 0 to 100%; give percentage "
        "points (40 for 40%)\n",
    )
    assert path.read_bytes() == before


def test_a_unit_that_makes_a_value_a_share_is_refused_naming_unit(gt: Run, tmp_path: Path) -> None:
    factories = '{metric = "Share", unit = "factories", value = 5000, direction = "increase"}'
    path = share(tmp_path / "l", measurements="", target=factories)
    before = path.read_bytes()
    rule = "the metric names a share, which is 0 to 100%"
    for args, message in [
        ((), f"--unit: in % the target value 5000 would be 5000%, but {rule}; give "
             "--target-value too, in percentage points (40 for 40%)"),
        (("--target-value", "500"), f"--target-value: 500% is not a possible value: {rule}; "
                                    "give percentage points (40 for 40%)"),
        (("--target-value", "50", "--baseline-value", "300"),
         f"--baseline-value: 300% is not a possible value: {rule}; give percentage points "
         "(40 for 40%)"),
    ]:  # fmt: skip
        result = gt("--ledger", str(path), "revise", "share", "--unit", "%", *args,
                    "--note", "back to a share", "--on", "2026-10-01")  # fmt: skip
        assert (result.exit_code, result.stdout, result.stderr) == (
            2,
            "",
            f"gt: error: {message}\n",
        )
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("measurements", "args", "message"),
    [
        (MEASURED, ("--target-value", "5000"), "its 2 measurements and its baseline (25% would "
         "read 25 factories); convert or remove them first (gt edit share), then revise the unit"),
        ("[{date = 2026-01-01, value = 20}]", ("--target-value", "5000", "--baseline-value", "300"),
         "its 1 measurement (20% would read 20 factories); convert or remove it first (gt edit "
         "share), then revise the unit"),
        ("", ("--target-value", "5000"), "its baseline (10% would read 10 factories); give "
         "--baseline-value in factories too, or convert the baseline first (gt edit share)"),
    ],
)  # fmt: skip
def test_a_unit_change_that_would_relabel_measurements_or_a_baseline_is_refused(
    gt: Run, tmp_path: Path, measurements: str, args: tuple[str, ...], message: str
) -> None:
    """A revision keeps the numbers as they are: 200 hubs revised to % would read 200%."""
    path = share(tmp_path / "l", measurements=measurements)
    before = path.read_bytes()
    result = gt("--ledger", str(path), "revise", "share", "--unit", "factories", *args,
                "--note", "counted in factories", "--on", "2026-03-01")  # fmt: skip
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"gt: error: share: --unit factories would relabel {message}\n",
    )
    assert path.read_bytes() == before


def test_check_names_each_problem_of_a_revision(gt: Run, tmp_path: Path) -> None:
    path = write_ledger(
        tmp_path / "l",
        ledger_text(
            block("share", deadline='"2030"', target=TARGET,
                  revisions='[{date = 2026-03-01, note = "n", deadline = "2030-13"}, '
                            '{date = 2026-01-01, target = {metric = "Share", unit = "%", '
                            'value = 40}}]'),
        ),
    )  # fmt: skip
    result = gt("--ledger", str(path), "check")
    assert result.exit_code == 1
    said = result.stdout + result.stderr
    for problem in (
        "share: revisions[0].deadline: '2030-13' is not a real date (month must be in 1..12)",
        "share: revisions[1].date: 2026-01-01 is before the entry above it (2026-03-01); keep "
        "revisions in date order",
        "share: revisions[1].note: missing; this field is required",
        "share: target.direction: missing; this field is required",
    ):
        assert problem in said, problem


def test_gt_edit_keeps_the_revisions(
    gt: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = share(tmp_path / "l")
    revise_twice(gt, path)
    before = path.read_bytes()
    # an editor that saves the text it was given, with the title changed
    script = "import sys; p = sys.argv[1]; t = open(p).read(); open(p, 'w').write(t.replace('Title of share', 'Share'))"
    monkeypatch.setenv("EDITOR", shlex.join([sys.executable, "-c", script]))
    monkeypatch.delenv("VISUAL", raising=False)
    run(gt, path, "edit", "share")
    assert path.read_bytes() == before.replace(b"Title of share", b"Share")


def test_each_measurement_keeps_the_unit_it_was_recorded_in(gt: Run, tmp_path: Path) -> None:
    path = share(tmp_path / "l", measurements="")
    run(gt, path, "revise", "share", "--unit", "factories", "--target-value", "5000",
        "--baseline-value", "300", "--note", "counted in factories", "--on", "2026-03-01")  # fmt: skip
    for value, day in (("20", "2026-01-01"), ("25", "2026-08-01"), ("1200", "2026-09-01")):
        run(gt, path, "record", "share", value, "--on", day)  # 2026-01-01: in % (then in force)
    shown = run(gt, path, "show", "share", "--as-of", "2026-10-01").splitlines()
    assert shown[shown.index("Measurements") :] == [
        "Measurements",
        "date\tvalue\tsource\tnote",
        "2026-01-01\t20%\t\t",
        "2026-08-01\t25 factories\t\t",
        "2026-09-01\t1,200 factories\t\t",
        "",
        "Trend  ▁▁█  20% on 2026-01-01 → 1,200 factories on 2026-09-01",
    ]
    log = run(gt, path, "log").splitlines()
    assert [line.split("\t")[4] for line in log if "\tmeasurement\t" in line] == [
        "measured 1,200 factories",
        "measured 25 factories",
        "measured 20%",
    ]
    site = tmp_path / "site"
    run(gt, path, "site", str(site), "--as-of", "2026-10-01")
    page = (site / "pledge" / "share.html").read_text(encoding="utf-8")
    assert [line for line in page.splitlines() if line.startswith('<tr><td class="nowrap"><time')][
        -3:
    ] == [
        '<tr><td class="nowrap"><time datetime="2026-01-01">2026-01-01</time></td>'
        '<td class="num nowrap">20%</td><td></td></tr>',
        '<tr><td class="nowrap"><time datetime="2026-08-01">2026-08-01</time></td>'
        '<td class="num nowrap">25 factories</td><td></td></tr>',
        '<tr><td class="nowrap"><time datetime="2026-09-01">2026-09-01</time></td>'
        '<td class="num nowrap">1,200 factories</td><td></td></tr>',
    ]


def test_a_baseline_stated_at_last_is_not_a_weakening_but_a_moved_one_is(
    gt: Run, tmp_path: Path
) -> None:
    bare = '{metric = "Share", unit = "%", value = 40, direction = "increase"}'
    path = write_ledger(tmp_path / "l", ledger_text(block("share", deadline='"2030"', target=bare)))
    stated = run(gt, path, "revise", "share", "--baseline-value", "10", "--baseline-date",
                 "2025-01-01", "--note", "baseline published", "--on", "2026-01-10")  # fmt: skip
    assert stated == "share: revised on 2026-01-10\n"
    moved = run(gt, path, "revise", "share", "--baseline-value", "12", "--baseline-date",
                "2024-01-01", "--note", "baseline moved", "--on", "2026-02-10")  # fmt: skip
    assert moved == "share: revised on 2026-02-10 (weakened: baseline year changed)\n"
    changes = run(gt, path, "changes", "--since", "2026-01-01", "--until", "2026-03-01")
    assert "at least 40% by 2030, no baseline → at least 40% by 2030, from 10% in 2025" in changes
    assert (
        "at least 40% by 2030, from 10% in 2025 → at least 40% by 2030, from 12% in 2024 "
        "(weakened: baseline year changed)" in changes
    )
